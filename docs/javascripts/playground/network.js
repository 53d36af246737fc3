// The playground's mathematics: seeded random numbers, initializers, activations, data sets, the
// network (forward, backward, gradient descent), the derivations' predictions, the cost history,
// a training run with a time budget, and the table every control of the page is made from.
//
// No DOM: Node imports this module as it is (tests/playground/*.test.mjs). The network mirrors
// the site's NumPy library (scripts/initlab/network.py) exactly: weights W[l] of shape (out, in)
// stored row-major, a batch as rows, z = a·Wᵀ + b, a sigmoid output and the binary cross-entropy
// computed from the logits, averaged over the batch. tests/playground/test_network.py checks the
// passes, the initializers and the predictions against initlab and the SymPy derivations.

// ------------------------------------------------------------------ random numbers (seeded)

export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(random) {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

// ------------------------------------------------------------------ initializers
// make(fanIn, fanOut) returns {draw(random), variance} for a weight of shape (fanOut, fanIn);
// `variance` is Var(W), which the prediction uses (0 for a constant: no prediction).

const constant = (value) => ({ draw: () => value, variance: 0, zeroMean: value === 0 });
const normal = (std) => ({ draw: (random) => std * gaussian(random), variance: std * std, zeroMean: true });
const uniform = (bound) => ({
  draw: (random) => bound * (2 * random() - 1),
  variance: (bound * bound) / 3,
  zeroMean: true,
});

export const INITIALIZERS = {
  zero: { label: "zero", make: () => constant(0) },
  constant: { label: "constant (0.5)", make: () => constant(0.5) },
  small: { label: "too small: N(0, 0.001²)", make: () => normal(0.001) },
  large: { label: "too large: N(0, 10²)", make: () => normal(10) },
  lecun: { label: "LeCun: N(0, 1/n_in)", make: (i) => normal(Math.sqrt(1 / i)) },
  // N(0, 2/(n_in+n_out)) and U(±√(6/(n_in+n_out))): formulas too long for a select's width
  xavier_normal: { label: "Xavier/Glorot normal", make: (i, o) => normal(Math.sqrt(2 / (i + o))) },
  xavier_uniform: { label: "Xavier/Glorot uniform", make: (i, o) => uniform(Math.sqrt(6 / (i + o))) },
  he: { label: "He: N(0, 2/n_in)", make: (i) => normal(Math.sqrt(2 / i)) },
};

// ------------------------------------------------------------------ activations
// secondMoment(q) is E[g(z)²] for z ~ N(0, q) as the derivations take it: tanh in its linear
// regime (tanh z = z + O(z³)), sigmoid linearized around 1/2 (σ(z) ≈ 1/2 + z/4), ReLU keeping
// half of the second moment (scripts/topics/he/derivations.py, relu_second_moment).

export const ACTIVATIONS = {
  tanh: { label: "tanh", secondMoment: (q) => q },
  relu: { label: "ReLU", secondMoment: (q) => q / 2 },
  sigmoid: { label: "sigmoid", secondMoment: (q) => 0.25 + q / 16 },
  linear: { label: "linear", secondMoment: (q) => q },
};

// a = g(z), one tight loop per activation (no per-element function call). The output layer is
// always a sigmoid.
export function activate(name, z, a) {
  if (name === "tanh") for (let k = 0; k < z.length; k++) a[k] = Math.tanh(z[k]);
  else if (name === "relu") {
    for (let k = 0; k < z.length; k++) {
      const v = z[k];
      a[k] = v <= 0 ? 0 : v; // NaN stays NaN, as in NumPy's maximum(z, 0)
    }
  } else if (name === "sigmoid") {
    for (let k = 0; k < z.length; k++) {
      const v = z[k];
      if (v >= 0) a[k] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        a[k] = e / (1 + e);
      }
    }
  } else for (let k = 0; k < z.length; k++) a[k] = z[k];
}

// gz = ga · g'(z), with g'(z) written in terms of a = g(z) where that is cheaper.
export function multiplyDerivative(name, ga, z, a, gz) {
  if (name === "tanh") for (let k = 0; k < ga.length; k++) gz[k] = ga[k] * (1 - a[k] * a[k]);
  // ga · 0 rather than 0: NaN or ±∞ times 0 is NaN, as in initlab's ga * (z > 0)
  else if (name === "relu") for (let k = 0; k < ga.length; k++) gz[k] = z[k] > 0 ? ga[k] : ga[k] * 0;
  else if (name === "sigmoid") for (let k = 0; k < ga.length; k++) gz[k] = ga[k] * a[k] * (1 - a[k]);
  else for (let k = 0; k < ga.length; k++) gz[k] = ga[k];
}

// ------------------------------------------------------------------ the network

export function createNetwork(widths, activation, initName, seed) {
  const random = mulberry32(seed);
  const W = [], b = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const fanIn = widths[l], fanOut = widths[l + 1];
    const rule = INITIALIZERS[initName].make(fanIn, fanOut);
    const w = new Float64Array(fanOut * fanIn);
    for (let k = 0; k < w.length; k++) w[k] = rule.draw(random);
    W.push(w);
    b.push(new Float64Array(fanOut));
  }
  return { widths: widths.slice(), activation, W, b };
}

// Reusable buffers: training allocates nothing per step when a workspace object is passed.
function buffer(ws, key, size) {
  if (!ws) return new Float64Array(size);
  const existing = ws[key];
  if (!existing || existing.length !== size) return (ws[key] = new Float64Array(size));
  return existing;
}

// X: Float64Array of n rows × widths[0]. Returns z[l] (n × widths[l+1]) and a[l] (a[0] = X).
export function forward(net, X, n, ws) {
  const widths = net.widths, L = widths.length - 1;
  const z = [], a = [X];
  for (let l = 0; l < L; l++) {
    const nin = widths[l], nout = widths[l + 1];
    const zl = buffer(ws, "z" + l, n * nout), al = buffer(ws, "a" + l, n * nout);
    // z = a · Wᵀ + b: z[r, o] = b[o] + Σ_i a[r, i] W[o, i]
    product(a[l], nin, 1, net.W[l], nin, 1, n, nout, nin, zl, net.b[l]);
    activate(l === L - 1 ? "sigmoid" : net.activation, zl, al);
    z.push(zl);
    a.push(al);
  }
  return { z, a, n };
}

// C[p, q] = start[q] + Σ_k A[p·ap + k·ak] · B[q·bq + k·bk] for p < P, q < Q, k < K, with C
// stored row-major (P × Q) and start optional: the three matrix products of a training step
// (a·Wᵀ, gz·W and gzᵀ·a) are this one loop with different strides.
//
// It is the playground's hot path, so it works on tiles of 2 rows × 4 columns with eight
// running sums: a single sum waits for its previous addition at every term, eight keep the
// processor busy, and each number loaded is used two or four times (in Chromium, about 3× as
// fast as the plain loop). Every sum still adds its terms in order k = 0, 1, …, so the tiles
// give the same bits as the plain loop, which does the rows and columns left over.
export function product(A, ap, ak, B, bq, bk, P, Q, K, C, start) {
  let p = 0, q, k, ia, ib, c, u, v, w, a0, a1, a2, a3, b0, b1, b2, b3;
  for (; p + 1 < P; p += 2) {
    for (q = 0; q + 3 < Q; q += 4) {
      a0 = a1 = a2 = a3 = b0 = b1 = b2 = b3 = 0;
      if (start) {
        a0 = b0 = start[q];
        a1 = b1 = start[q + 1];
        a2 = b2 = start[q + 2];
        a3 = b3 = start[q + 3];
      }
      for (k = 0, ia = p * ap, ib = q * bq; k < K; k++, ia += ak, ib += bk) {
        u = A[ia];
        v = A[ia + ap];
        w = B[ib];
        a0 += u * w;
        b0 += v * w;
        w = B[ib + bq];
        a1 += u * w;
        b1 += v * w;
        w = B[ib + 2 * bq];
        a2 += u * w;
        b2 += v * w;
        w = B[ib + 3 * bq];
        a3 += u * w;
        b3 += v * w;
      }
      c = p * Q + q;
      C[c] = a0;
      C[c + 1] = a1;
      C[c + 2] = a2;
      C[c + 3] = a3;
      c += Q;
      C[c] = b0;
      C[c + 1] = b1;
      C[c + 2] = b2;
      C[c + 3] = b3;
    }
    plainProduct(A, ap, ak, B, bq, bk, p, p + 2, q, Q, K, C, start);
  }
  plainProduct(A, ap, ak, B, bq, bk, p, P, 0, Q, K, C, start);
}

// The same for rows p0 ≤ p < p1 and columns q0 ≤ q < Q, one entry at a time.
export function plainProduct(A, ap, ak, B, bq, bk, p0, p1, q0, Q, K, C, start) {
  for (let p = p0; p < p1; p++) {
    for (let q = q0; q < Q; q++) {
      let s = start ? start[q] : 0;
      for (let k = 0, ia = p * ap, ib = q * bq; k < K; k++, ia += ak, ib += bk) s += A[ia] * B[ib];
      C[p * Q + q] = s;
    }
  }
}

// Binary cross-entropy from the logits: mean of softplus(t) − y·t.
export function loss(fwd, y) {
  const logits = fwd.z[fwd.z.length - 1];
  let total = 0;
  for (let r = 0; r < fwd.n; r++) {
    const t = logits[r];
    const softplus = t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    total += softplus - y[r] * t;
  }
  return total / fwd.n;
}

// Gradients of the loss: gW[l], gb[l] (same shapes as W, b) and ga[l] = dLoss/da[l] for the
// input and hidden layers (ga[0] is the input's), as in initlab.
export function backward(net, fwd, y, ws) {
  const widths = net.widths, L = widths.length - 1, n = fwd.n;
  const gW = new Array(L), gb = new Array(L), ga = new Array(L + 1);
  const out = fwd.a[L], gOut = buffer(ws, "gOut", n);
  let gz = buffer(ws, "gz" + L, n);
  for (let r = 0; r < n; r++) {
    gz[r] = (out[r] - y[r]) / n;
    gOut[r] = gz[r] / (out[r] * (1 - out[r]));
  }
  ga[L] = gOut;
  for (let l = L - 1; l >= 0; l--) {
    const nin = widths[l], nout = widths[l + 1], W = net.W[l], prev = fwd.a[l];
    const gw = buffer(ws, "gW" + l, nout * nin), gbl = buffer(ws, "gb" + l, nout);
    const gPrev = buffer(ws, "ga" + l, n * nin);
    // gW = gzᵀ · a: gW[o, i] = Σ_r gz[r, o] a[r, i]; gb[o] = Σ_r gz[r, o]
    product(gz, 1, nout, prev, 1, nin, nout, nin, n, gw, null);
    for (let o = 0; o < nout; o++) {
      let sum = 0;
      for (let r = 0; r < n; r++) sum += gz[r * nout + o];
      gbl[o] = sum;
    }
    // ga = gz · W: ga[r, i] = Σ_o gz[r, o] W[o, i]
    product(gz, nout, 1, W, 1, nin, n, nin, nout, gPrev, null);
    gW[l] = gw;
    gb[l] = gbl;
    ga[l] = gPrev;
    if (l > 0) {
      const next = buffer(ws, "gz" + l, n * nin);
      multiplyDerivative(net.activation, gPrev, fwd.z[l - 1], prev, next);
      gz = next;
    }
  }
  return { gW, gb, ga, loss: loss(fwd, y) };
}

export function step(net, grads, lr) {
  for (let l = 0; l < net.W.length; l++) {
    const W = net.W[l], gW = grads.gW[l], b = net.b[l], gb = grads.gb[l];
    for (let k = 0; k < W.length; k++) W[k] -= lr * gW[k];
    for (let o = 0; o < b.length; o++) b[o] -= lr * gb[o];
  }
}

// ------------------------------------------------------------------ data sets (seeded)
// generate(random, n, X, y) fills n points (X: n × 2) and their labels (0 or 1).

export const DATASETS = {
  circles: {
    label: "circles",
    generate(random, n, X, y) {
      for (let r = 0; r < n; r++) {
        const inner = random() < 0.5, radius = (inner ? 0.35 : 0.85) + 0.07 * gaussian(random);
        const angle = 2 * Math.PI * random();
        X[2 * r] = radius * Math.cos(angle);
        X[2 * r + 1] = radius * Math.sin(angle);
        y[r] = inner ? 1 : 0;
      }
    },
  },
  moons: {
    label: "moons",
    generate(random, n, X, y) {
      for (let r = 0; r < n; r++) {
        const lower = random() < 0.5, angle = Math.PI * random();
        const px = lower ? 1 - Math.cos(angle) : Math.cos(angle);
        const py = lower ? 0.5 - Math.sin(angle) : Math.sin(angle);
        X[2 * r] = (px - 0.5) / 1.2 + 0.08 * gaussian(random);
        X[2 * r + 1] = (py - 0.25) / 1.2 + 0.08 * gaussian(random);
        y[r] = lower ? 1 : 0;
      }
    },
  },
  spirals: {
    label: "spirals",
    generate(random, n, X, y) {
      for (let r = 0; r < n; r++) {
        const second = random() < 0.5, t = (0.25 + 0.75 * random()) * 3 * Math.PI;
        const turn = second ? Math.PI : 0;
        X[2 * r] = (t * Math.cos(t + turn)) / (3 * Math.PI) + 0.03 * gaussian(random);
        X[2 * r + 1] = (t * Math.sin(t + turn)) / (3 * Math.PI) + 0.03 * gaussian(random);
        y[r] = second ? 1 : 0;
      }
    },
  },
  blobs: {
    label: "blobs",
    generate(random, n, X, y) {
      for (let r = 0; r < n; r++) {
        const upper = random() < 0.5, c = upper ? 0.45 : -0.45;
        X[2 * r] = c + 0.3 * gaussian(random);
        X[2 * r + 1] = c + 0.3 * gaussian(random);
        y[r] = upper ? 1 : 0;
      }
    },
  },
};

export const POINTS = 256;

export function makeData(name, n, seed) {
  const X = new Float64Array(2 * n), y = new Float64Array(n);
  DATASETS[name].generate(mulberry32(seed + 7919), n, X, y);
  return { X, y, n };
}

// ------------------------------------------------------------------ statistics and predictions

// Mean of v² over all entries: for a layer's z, every unit and every point. At initialization
// (zero biases, zero-mean weights, independent rows) each unit is an independent draw of the
// weights, so this is one network's estimate of Var(z) over networks, which the derivations
// predict.
export function meanSquare(values) {
  let sq = 0;
  for (let k = 0; k < values.length; k++) sq += values[k] * values[k];
  return sq / values.length;
}

// Predicted Var(z^[l]) for every weight layer, from the forward step of the derivations applied
// from the input: Var(z^[l]) = n_in · Var(W^[l]) · E[(a^[l-1])²], with E[a²] the activation's
// second moment of the previous prediction and E[(a^[0])²] the data's mean square. null when
// the initializer's weights are not zero-mean random (constant): the derivation does not apply.
export function predictedVariances(widths, activation, initName, X) {
  const out = [];
  let second = meanSquare(X);
  for (let l = 0; l + 1 < widths.length; l++) {
    const rule = INITIALIZERS[initName].make(widths[l], widths[l + 1]);
    if (!rule.zeroMean) return null;
    const q = widths[l] * rule.variance * second;
    out.push(q);
    second = ACTIVATIONS[activation].secondMoment(q);
  }
  return out;
}

// ------------------------------------------------------------------ the cost history
// The cost after every step, in at most HISTORY_BUCKETS buckets of `stride` steps each, with
// the lowest and highest finite positive cost in each bucket (NaN if none). When the buckets
// are full, neighbours merge and the stride doubles, so a playground left playing for an hour
// draws its curve as fast, and holds as little, as after a minute; a spike stays visible.
export const HISTORY_BUCKETS = 1024;

const plotted = (v) => (isFinite(v) && v > 0 ? v : NaN);
// NaN-aware minimum and maximum: NaN only when both are NaN.
export const lower = (a, b) => (a <= b || b !== b ? a : b);
export const higher = (a, b) => (a >= b || b !== b ? a : b);

export class LossHistory {
  constructor() {
    this.low = [];
    this.high = [];
    this.stride = 1;
    this.count = 0;
    this.first = NaN;
    this.last = NaN;
  }

  push(cost) {
    const v = plotted(cost), k = this.low.length - 1;
    if (this.count === 0) this.first = cost;
    this.last = cost;
    if (this.count % this.stride === 0) {
      this.low.push(v);
      this.high.push(v);
    } else {
      this.low[k] = lower(this.low[k], v);
      this.high[k] = higher(this.high[k], v);
    }
    this.count += 1;
    if (this.low.length === HISTORY_BUCKETS && this.count % this.stride === 0) {
      for (let i = 0; i < HISTORY_BUCKETS / 2; i++) {
        this.low[i] = lower(this.low[2 * i], this.low[2 * i + 1]);
        this.high[i] = higher(this.high[2 * i], this.high[2 * i + 1]);
      }
      this.low.length = this.high.length = HISTORY_BUCKETS / 2;
      this.stride *= 2;
    }
  }
}

// ------------------------------------------------------------------ a training run

// Widths of the whole network: 2 inputs, `depth` hidden layers of `width` units, 1 output.
export function widthsOf(depth, width) {
  return [2, ...new Array(depth).fill(width), 1];
}

// One network trained on one data set: the state the page draws. Same settings, same run.
export class Run {
  constructor(settings) {
    this.settings = settings;
    this.lr = learningRate(settings);
    this.data = makeData(settings.dataset, POINTS, settings.seed);
    const widths = widthsOf(settings.depth, settings.width);
    this.net = createNetwork(widths, settings.activation, settings.init, settings.seed);
    this.predicted = predictedVariances(widths, settings.activation, settings.init, this.data.X);
    this.history = new LossHistory();
    this.steps = 0;
    this.workspace = {};
    this.stepMs = 0; // running estimate of one step's cost in ms (0 until the first step)
    this.lastStepMs = 0; // what the last step cost
    this.evaluate();
    this.history.push(this.grads.loss);
  }

  evaluate() {
    this.forward = forward(this.net, this.data.X, this.data.n, this.workspace);
    this.grads = backward(this.net, this.forward, this.data.y, this.workspace);
  }

  train(steps) {
    for (let k = 0; k < steps; k++) {
      step(this.net, this.grads, this.lr);
      this.steps += 1;
      this.evaluate();
      this.history.push(this.grads.loss);
    }
  }

  // Steps until `budget` ms have passed, at least one: a step starts only while the time spent
  // plus the estimated cost of a step fits in the budget, so the frame ends at most one step's
  // actual cost past the budget (less, unless a step costs more than it was estimated to).
  trainWithin(budget, clock = () => performance.now()) {
    const start = clock();
    let steps = 0, elapsed = 0;
    do {
      const before = clock();
      this.train(1);
      const cost = clock() - before;
      this.lastStepMs = cost;
      this.stepMs = steps === 0 && this.stepMs === 0 ? cost : 0.7 * this.stepMs + 0.3 * cost;
      steps += 1;
      elapsed = clock() - start;
    } while (elapsed + this.stepMs <= budget);
    return { steps, ms: elapsed };
  }
}

// ------------------------------------------------------------------ the decision boundary
// The network's output over a square grid of cells × cells points covering [−extent, extent]².
// It is evaluated a few rows at a time (advance), on a copy of the weights taken when the pass
// began, so one refresh can spread over several frames without any frame waiting for it all;
// `probability` always holds the last complete pass.

export class BoundaryGrid {
  constructor(cells, extent) {
    this.cells = cells;
    this.extent = extent;
    this.points = new Float64Array(2 * cells * cells);
    for (let r = 0; r < cells; r++) {
      for (let c = 0; c < cells; c++) {
        this.points[2 * (r * cells + c)] = -extent + (2 * extent * (c + 0.5)) / cells;
        this.points[2 * (r * cells + c) + 1] = extent - (2 * extent * (r + 0.5)) / cells;
      }
    }
    this.probability = new Float64Array(cells * cells).fill(0.5);
    this.pending = new Float64Array(cells * cells);
    this.snapshot = null;
    this.row = 0;
    this.workspace = {};
    this.rowsPerChunk = 2;
    this.chunkMs = 0; // running estimate of one chunk's cost in ms
  }

  // Start a pass on a copy of the network as it is now.
  begin(net) {
    this.snapshot = {
      widths: net.widths,
      activation: net.activation,
      W: net.W.map((w) => w.slice()),
      b: net.b.map((b) => b.slice()),
    };
    this.row = 0;
  }

  // Evaluate a few rows at a time, at least once, and again only while the time spent plus the
  // estimated cost of a chunk fits in `budget` ms (as Run.trainWithin); returns true when a
  // pass has just completed. budget = Infinity finishes the pass.
  advance(budget, clock = () => performance.now()) {
    if (!this.snapshot) return false;
    const start = clock(), cells = this.cells, L = this.snapshot.widths.length - 1;
    do {
      const before = clock();
      const r0 = this.row, r1 = Math.min(cells, r0 + this.rowsPerChunk);
      const X = this.points.subarray(2 * cells * r0, 2 * cells * r1);
      const out = forward(this.snapshot, X, cells * (r1 - r0), this.workspace).a[L];
      this.pending.set(out, cells * r0);
      this.row = r1;
      const cost = clock() - before;
      this.chunkMs = this.chunkMs === 0 ? cost : 0.7 * this.chunkMs + 0.3 * cost;
    } while (this.row < cells && clock() - start + this.chunkMs <= budget);
    if (this.row < cells) return false;
    [this.probability, this.pending] = [this.pending, this.probability];
    this.snapshot = null;
    return true;
  }

  // The whole grid for the network as it is now, at once.
  refresh(net) {
    this.begin(net);
    this.advance(Infinity);
  }
}

// ------------------------------------------------------------------ the page's controls
// The one table the page's controls are made from (main.js builds them): each control's name,
// label, choices (a table above, each entry with its `label`) or limits, and default value.

// Choices as [{value, label}], in the order shown.
const choicesOf = (table) => Object.entries(table).map(([value, e]) => ({ value, label: e.label }));

export const LEARNING_RATES = ["auto", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "0.5", "1"];

export const CONTROLS = [
  { name: "dataset", label: "Data set", choices: choicesOf(DATASETS), value: "spirals" },
  { name: "init", label: "Initialization", choices: choicesOf(INITIALIZERS), value: "xavier_normal" },
  { name: "activation", label: "Activation", choices: choicesOf(ACTIVATIONS), value: "tanh" },
  { name: "depth", label: "Hidden layers", min: 1, max: 30, value: 3 },
  { name: "width", label: "Width", min: 2, max: 32, value: 16 },
  {
    name: "lr",
    label: "Learning rate",
    choices: LEARNING_RATES.map((value) => ({
      value,
      label: value === "auto" ? "auto: follows the depth" : value,
    })),
    value: "auto",
  },
  { name: "seed", label: "Seed", min: 0, max: 99999, value: 1 },
];

// The "auto" learning rate: AUTO_RATE / (hidden layers)², at most AUTO_RATE_MAX: 0.5 for one or
// two hidden layers, 0.33 for 3, 0.047 for 8, 0.0033 for 30. Plain gradient descent on a deeper
// network needs a smaller step (docs/playground.md says what was measured).
export const AUTO_RATE = 3, AUTO_RATE_MAX = 0.5;

export function learningRate(settings) {
  if (settings.lr !== "auto") return Number(settings.lr);
  return Math.min(AUTO_RATE_MAX, AUTO_RATE / (settings.depth * settings.depth));
}

export const DEFAULTS = Object.fromEntries(CONTROLS.map((c) => [c.name, c.value]));

// Settings from the controls' raw values (strings, as a form gives them): a number outside its
// limits is clamped to the nearest limit, a fraction rounded, anything else that is not a
// number replaced by the default; a choice the table does not hold, by the default. `clamped`
// lists each change with a sentence saying what was changed to what.
export function readSettings(values) {
  const settings = {}, clamped = [];
  for (const control of CONTROLS) {
    const given = values[control.name];
    let used;
    if (control.choices) {
      const known = control.choices.some((choice) => choice.value === String(given));
      used = known ? String(given) : control.value;
    } else {
      const text = given === undefined ? "" : String(given).trim();
      const number = text === "" ? NaN : Number(text);
      used = isFinite(number)
        ? Math.min(control.max, Math.max(control.min, Math.round(number)))
        : control.value;
      if (used !== number) {
        const why = !isFinite(number)
          ? "is not a number"
          : number < control.min
            ? "is below the minimum " + control.min
            : number > control.max
              ? "is above the maximum " + control.max
              : "is not a whole number";
        const message =
          control.label + ": " + (text || "(empty)") + " " + why + "; using " + used + ".";
        clamped.push({ name: control.name, given, used, message });
      }
    }
    settings[control.name] = used;
  }
  return { settings, clamped };
}
