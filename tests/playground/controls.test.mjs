// The page's controls come from one table; out-of-range values are clamped with a sentence;
// training keeps to its time budget per frame.
import { test } from "node:test";
import assert from "node:assert/strict";
import { network as N } from "./fixtures.mjs";

const control = (name) => N.CONTROLS.find((c) => c.name === name);
const raw = (overrides) => ({ ...Object.fromEntries(N.CONTROLS.map((c) => [c.name, String(c.value)])), ...overrides });

test("every choice in the table is one the code knows, and every default is a choice", () => {
  const tables = { dataset: N.DATASETS, init: N.INITIALIZERS, activation: N.ACTIVATIONS };
  for (const [name, table] of Object.entries(tables)) {
    assert.deepEqual(control(name).choices.map((c) => c.value), Object.keys(table));
    assert.ok(control(name).choices.every((c) => c.label === table[c.value].label));
  }
  for (const c of N.CONTROLS) {
    if (c.choices) assert.ok(c.choices.some((choice) => choice.value === c.value), c.name);
    else assert.ok(c.min <= c.value && c.value <= c.max, c.name);
  }
  assert.ok(control("depth").max >= 30); // the He paper's depth
});

test("the defaults are read back unchanged, with nothing clamped", () => {
  const { settings, clamped } = N.readSettings(raw({}));
  assert.deepEqual(clamped, []);
  assert.deepEqual(settings, N.DEFAULTS);
});

test("out-of-range numbers are clamped to the nearest limit, with a sentence saying so", () => {
  const { settings, clamped } = N.readSettings(raw({ depth: "0", width: "1000", seed: "2.6" }));
  assert.equal(settings.depth, 1);
  assert.equal(settings.width, control("width").max);
  assert.equal(settings.seed, 3);
  assert.deepEqual(clamped.map((c) => [c.name, c.used]), [["depth", 1], ["width", control("width").max], ["seed", 3]]);
  assert.match(clamped[0].message, /^Hidden layers: 0 is below the minimum 1; using 1\.$/);
  assert.match(clamped[1].message, /^Width: 1000 is above the maximum \d+; using \d+\.$/);
  assert.match(clamped[2].message, /not a whole number; using 3/);
  const deep = N.readSettings(raw({ depth: "20" })), deeper = N.readSettings(raw({ depth: "31" }));
  assert.equal(deep.settings.depth, 20);
  assert.deepEqual(deep.clamped, []);
  assert.equal(deeper.settings.depth, control("depth").max);
});

test("text that is not a number, and an unknown choice, fall back to the default", () => {
  const { settings, clamped } = N.readSettings(raw({ width: "", depth: "many", init: "glorot" }));
  assert.equal(settings.width, control("width").value);
  assert.equal(settings.depth, control("depth").value);
  assert.equal(settings.init, control("init").value);
  assert.match(clamped[0].message, /^Hidden layers: many is not a number; using \d+\.$/);
  assert.match(clamped[1].message, /^Width: \(empty\) is not a number/);
});

// A clock that advances only when a step runs, by the cost the test gives each step.
function fakeRun(costs) {
  let now = 0, k = 0;
  const run = new N.Run({ ...N.DEFAULTS, depth: 1, width: 2 });
  const train = run.train.bind(run);
  run.train = (steps) => {
    train(steps);
    now += costs[Math.min(k++, costs.length - 1)];
  };
  return { run, clock: () => now };
}

test("a frame's training ends at most one step's cost past its budget", () => {
  for (const costs of [[1], [3, 3, 3, 9, 3], [0.4, 0.4, 5, 0.4], [25], [2, 2, 2, 2, 0.1, 12]]) {
    const { run, clock } = fakeRun(costs);
    for (let frame = 0; frame < 20; frame++) {
      const before = run.steps, start = clock();
      const { steps, ms } = run.trainWithin(10, clock);
      assert.equal(run.steps - before, steps);
      assert.equal(clock() - start, ms);
      assert.ok(steps >= 1);
      // the last step started inside the budget: the time before it, plus its cost, is ms
      const lastCost = costs[Math.min(run.steps - 1, costs.length - 1)];
      assert.ok(ms - lastCost < 10 || steps === 1, `costs ${costs}: ${ms} ms in ${steps} steps`);
      assert.ok(ms <= 10 + lastCost, `costs ${costs}: ${ms} ms`);
    }
  }
});

test("steps per frame follow the cost of a step", () => {
  const cheap = fakeRun([0.25]), dear = fakeRun([4]);
  assert.equal(cheap.run.trainWithin(10, cheap.clock).steps, 40);
  assert.equal(dear.run.trainWithin(10, dear.clock).steps, 2);
});
