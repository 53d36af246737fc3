// The network module against initlab (forward, backward, initializers) and the derivations
// (second moments, predicted variances), with the numbers pytest wrote.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertClose, fixtures, network as N } from "./fixtures.mjs";

const data = fixtures();

test("forward and backward equal initlab's to 1e-9", () => {
  assert.ok(data.passes.length >= 12);
  for (const c of data.passes) {
    const net = { ...c.net, W: c.W.map((w) => Float64Array.from(w)), b: c.b.map((b) => Float64Array.from(b)) };
    const fwd = N.forward(net, Float64Array.from(c.X), c.n);
    const grads = N.backward(net, fwd, Float64Array.from(c.y));
    const L = net.W.length;
    for (let l = 0; l < L; l++) {
      assertClose(fwd.z[l], c.z[l], `${c.name} z[${l}]`);
      assertClose(fwd.a[l + 1], c.a[l + 1], `${c.name} a[${l + 1}]`);
      assertClose(grads.gW[l], c.gW[l], `${c.name} gW[${l}]`);
      assertClose(grads.gb[l], c.gb[l], `${c.name} gb[${l}]`);
      assertClose(grads.ga[l], c.ga[l], `${c.name} ga[${l}]`);
    }
    assertClose([grads.loss], [c.loss], `${c.name} loss`, 1e-12, 0);
  }
});

test("activations and their derivatives carry NaN, ±∞ and ±0 as initlab's do", () => {
  const e = data.elementwise, z = Float64Array.from(e.z), ga = Float64Array.from(e.ga);
  for (const name of Object.keys(N.ACTIVATIONS)) {
    const a = new Float64Array(z.length), gz = new Float64Array(z.length);
    N.activate(name, z, a);
    N.multiplyDerivative(name, ga, z, a, gz);
    assertClose(a, e[name].a, `${name}: a`, 1e-15, 0);
    assertClose(gz, e[name].gz, `${name}: ga · g'(z)`, 1e-15, 0);
  }
});

test("a workspace (reused buffers) gives the same numbers as fresh arrays", () => {
  const c = data.passes.find((p) => p.name === "deep-tanh");
  const net = { ...c.net, W: c.W.map((w) => Float64Array.from(w)), b: c.b.map((b) => Float64Array.from(b)) };
  const X = Float64Array.from(c.X), y = Float64Array.from(c.y), ws = {};
  for (let k = 0; k < 2; k++) {
    const grads = N.backward(net, N.forward(net, X, c.n, ws), y, ws);
    for (let l = 0; l < net.W.length; l++) assertClose(grads.gW[l], c.gW[l], `pass ${k} gW[${l}]`);
  }
});

test("the tiled product gives the plain loop's bits", () => {
  const random = N.mulberry32(7), fill = (size) => Float64Array.from({ length: size }, random);
  const [p, q, k] = [7, 6, 5]; // 3 tiles of 2 × 4, and leftover rows and columns
  const A = fill(p * k), B = fill(q * k), start = fill(q);
  const strides = {
    // [ap, ak, bq, bk, start]: a training step's a·Wᵀ + b, gz·W and gzᵀ·a
    affine: [k, 1, k, 1, start],
    back_input: [k, 1, 1, q, null],
    back_parameters: [1, p, 1, q, null],
  };
  for (const [name, [ap, ak, bq, bk, s]] of Object.entries(strides)) {
    const tiled = new Float64Array(p * q), plain = new Float64Array(p * q);
    N.product(A, ap, ak, B, bq, bk, p, q, k, tiled, s);
    N.plainProduct(A, ap, ak, B, bq, bk, 0, p, 0, q, k, plain, s);
    assert.ok(!plain.includes(0), name);
    assert.deepEqual(Array.from(tiled), Array.from(plain), name);
  }
});

test("initializers have initlab's variance", () => {
  for (const expected of data.initializers) {
    const w = N.createNetwork([200, 300], "tanh", expected.name, 5).W[0];
    let sum = 0, squares = 0, largest = 0;
    for (const v of w) {
      sum += v;
      squares += v * v;
      largest = Math.max(largest, Math.abs(v));
    }
    const mean = sum / w.length, variance = squares / w.length - mean * mean;
    const rule = N.INITIALIZERS[expected.name].make(200, 300).variance;
    assertClose([rule], [expected.exact], `${expected.name}: the rule's Var(W)`, 1e-12, 0);
    assert.ok(Math.abs(variance / expected.variance - 1) < 0.03, `${expected.name}: ${variance} vs ${expected.variance}`);
    assert.ok(Math.abs(mean) < 4 * Math.sqrt(expected.variance / w.length), `${expected.name}: mean ${mean}`);
    if (expected.bound !== null) assert.ok(largest <= expected.bound && largest > 0.99 * expected.bound);
  }
  for (const name of ["zero", "constant"]) {
    const w = N.createNetwork([3, 4], "tanh", name, 1).W[0];
    assert.deepEqual(new Set(w), new Set([name === "zero" ? 0 : 0.5]));
  }
});

test("second moments are the derivations' (ReLU: s²/2 at s² = q)", () => {
  const names = Object.keys(data.secondMoments).sort();
  assert.deepEqual(Object.keys(N.ACTIVATIONS).sort(), names);
  for (const name of names) {
    for (const [q, expected] of data.secondMoments[name]) {
      assertClose([N.ACTIVATIONS[name].secondMoment(q)], [expected], `${name} at q = ${q}`, 1e-12, 0);
    }
  }
});

test("predicted variances are n_in · Var(W) · E[a²] from the input, as computed by Python", () => {
  assert.ok(data.chains.length >= 24);
  for (const c of data.chains) {
    const ours = N.predictedVariances(c.widths, c.activation, c.init, Float64Array.from(c.X));
    assertClose(ours, c.predicted, `${c.init} ${c.activation}`, 1e-12, 0);
  }
  assert.equal(N.predictedVariances([2, 3, 1], "tanh", "constant", new Float64Array(4)), null);
  assert.equal(N.predictedVariances([2, 3, 1], "tanh", "zero", Float64Array.of(1, 2)).every((v) => v === 0), true);
});

test("the same settings give the same run, bit for bit", () => {
  const settings = { ...N.DEFAULTS, depth: 4, width: 6, init: "he", activation: "relu", seed: 3 };
  const one = new N.Run(settings), two = new N.Run(settings);
  one.train(40);
  two.train(40);
  assert.equal(one.grads.loss, two.grads.loss);
  assert.deepEqual(one.net.W.map((w) => Array.from(w)), two.net.W.map((w) => Array.from(w)));
  const other = new N.Run({ ...settings, seed: 4 });
  assert.notDeepEqual(Array.from(other.net.W[0]), Array.from(one.net.W[0]));
});

test("the boundary grid, evaluated in chunks while training goes on, is the network it began on", () => {
  const run = new N.Run({ ...N.DEFAULTS, depth: 3, width: 5 });
  run.train(5);
  const grid = new N.BoundaryGrid(10, 1.5);
  const expected = N.forward(run.net, grid.points, 100).a[4];
  grid.rowsPerChunk = 3; // 10 rows: chunks of 3, 3, 3 and 1
  grid.begin(run.net);
  run.train(1); // a step while the pass is under way does not change it
  let advances = 1;
  while (!grid.advance(0)) advances += 1;
  assert.equal(advances, 4);
  assert.deepEqual(Array.from(grid.probability), Array.from(expected));
  grid.refresh(run.net);
  assert.notDeepEqual(Array.from(grid.probability), Array.from(expected));
});
