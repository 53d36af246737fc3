// The initialization playground: a small multilayer perceptron trained live in the browser.
//
// Plain JavaScript, no framework, nothing loaded from elsewhere. The math mirrors the site's
// NumPy library (scripts/initlab/network.py) exactly: weights W[l] of shape (out, in) stored
// row-major, a batch as rows, z = a·Wᵀ + b, a sigmoid output and the binary cross-entropy
// computed from the logits, averaged over the batch. tests/test_playground.py checks the
// forward and backward passes against initlab on the same weights to 1e-9, and the
// initializers' variances against initlab's formulas.
(function () {
  "use strict";

  // ---------------------------------------------------------------- random numbers (seeded)
  function mulberry32(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6d2b79f5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function gaussian(random) {
    var u = 0;
    while (u === 0) u = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  }

  // ---------------------------------------------------------------- activations
  var ACTIVATIONS = {
    linear: { f: function (z) { return z; }, d: function () { return 1; } },
    tanh: { f: Math.tanh, d: function (z, a) { return 1 - a * a; } },
    sigmoid: { f: sigmoid, d: function (z, a) { return a * (1 - a); } },
    relu: { f: function (z) { return z > 0 ? z : 0; }, d: function (z) { return z > 0 ? 1 : 0; } },
  };

  function sigmoid(z) {
    if (z >= 0) return 1 / (1 + Math.exp(-z));
    var e = Math.exp(z);
    return e / (1 + e);
  }

  // Second moment of g(z) for z ~ N(0, q), as the derivations use it (tanh: its linear regime,
  // sigmoid: its linearization 1/2 + z/4, relu: half of q).
  var SECOND_MOMENT = {
    linear: function (q) { return q; },
    tanh: function (q) { return q; },
    sigmoid: function (q) { return 0.25 + q / 16; },
    relu: function (q) { return q / 2; },
  };

  // ---------------------------------------------------------------- initializers
  // Each returns {draw(random), variance} for a weight of shape (fanOut, fanIn).
  var INITIALIZERS = {
    zero: { label: "zero", make: function () { return constant(0); } },
    constant: { label: "constant (0.5)", make: function () { return constant(0.5); } },
    small: { label: "too small: N(0, 0.001²)", make: function () { return normal(0.001); } },
    large: { label: "too large: N(0, 10²)", make: function () { return normal(10); } },
    lecun: { label: "LeCun: N(0, 1/n_in)", make: function (i) { return normal(Math.sqrt(1 / i)); } },
    xavier_normal: {
      label: "Xavier/Glorot normal: N(0, 2/(n_in+n_out))",
      make: function (i, o) { return normal(Math.sqrt(2 / (i + o))); },
    },
    xavier_uniform: {
      label: "Xavier/Glorot uniform: U(±√(6/(n_in+n_out)))",
      make: function (i, o) { return uniform(Math.sqrt(6 / (i + o))); },
    },
    he: { label: "He: N(0, 2/n_in)", make: function (i) { return normal(Math.sqrt(2 / i)); } },
  };

  function constant(value) {
    return { draw: function () { return value; }, variance: 0 };
  }
  function normal(std) {
    return { draw: function (random) { return std * gaussian(random); }, variance: std * std };
  }
  function uniform(bound) {
    return {
      draw: function (random) { return bound * (2 * random() - 1); },
      variance: (bound * bound) / 3,
    };
  }

  // ---------------------------------------------------------------- the network
  function createNetwork(widths, activation, initName, seed) {
    var random = mulberry32(seed);
    var W = [], b = [];
    for (var l = 0; l + 1 < widths.length; l++) {
      var fanIn = widths[l], fanOut = widths[l + 1];
      var rule = INITIALIZERS[initName].make(fanIn, fanOut);
      var w = new Float64Array(fanOut * fanIn);
      for (var k = 0; k < w.length; k++) w[k] = rule.draw(random);
      W.push(w);
      b.push(new Float64Array(fanOut));
    }
    return { widths: widths.slice(), activation: activation, W: W, b: b };
  }

  // Reusable buffers: training allocates nothing per step when a workspace object is passed.
  function buffer(ws, key, size) {
    if (!ws) return new Float64Array(size);
    var existing = ws[key];
    if (!existing || existing.length !== size) return (ws[key] = new Float64Array(size));
    return existing;
  }

  // a = g(z), one tight loop per activation (no per-element function call).
  function activate(name, z, a) {
    var k, v, e;
    if (name === "tanh") for (k = 0; k < z.length; k++) a[k] = Math.tanh(z[k]);
    else if (name === "relu") for (k = 0; k < z.length; k++) { v = z[k]; a[k] = v > 0 ? v : 0; }
    else if (name === "sigmoid") for (k = 0; k < z.length; k++) {
      v = z[k];
      if (v >= 0) a[k] = 1 / (1 + Math.exp(-v));
      else { e = Math.exp(v); a[k] = e / (1 + e); }
    }
    else for (k = 0; k < z.length; k++) a[k] = z[k];
  }

  // gz = ga · g'(z), with g'(z) written in terms of a = g(z) where that is cheaper.
  function multiplyDerivative(name, ga, z, a, gz) {
    var k;
    if (name === "tanh") for (k = 0; k < ga.length; k++) gz[k] = ga[k] * (1 - a[k] * a[k]);
    else if (name === "relu") for (k = 0; k < ga.length; k++) gz[k] = z[k] > 0 ? ga[k] : 0;
    else if (name === "sigmoid") for (k = 0; k < ga.length; k++) gz[k] = ga[k] * a[k] * (1 - a[k]);
    else for (k = 0; k < ga.length; k++) gz[k] = ga[k];
  }

  // X: Float64Array of n rows × widths[0]. Returns z[l] (n × widths[l+1]) and a[l] (a[0] = X).
  function forward(net, X, n, ws) {
    var widths = net.widths, L = widths.length - 1;
    var z = [], a = [X];
    for (var l = 0; l < L; l++) {
      var nin = widths[l], nout = widths[l + 1];
      var zl = buffer(ws, "z" + l, n * nout), al = buffer(ws, "a" + l, n * nout);
      // z = a · Wᵀ + b: z[r, o] = b[o] + Σ_i a[r, i] W[o, i]
      product(a[l], nin, 1, net.W[l], nin, 1, n, nout, nin, zl, net.b[l]);
      activate(l === L - 1 ? "sigmoid" : net.activation, zl, al);
      z.push(zl);
      a.push(al);
    }
    return { z: z, a: a, n: n };
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
  function product(A, ap, ak, B, bq, bk, P, Q, K, C, start) {
    var p = 0, q, k, ia, ib, c, u, v, w, a0, a1, a2, a3, b0, b1, b2, b3;
    for (; p + 1 < P; p += 2) {
      for (q = 0; q + 3 < Q; q += 4) {
        a0 = a1 = a2 = a3 = b0 = b1 = b2 = b3 = 0;
        if (start) {
          a0 = b0 = start[q]; a1 = b1 = start[q + 1];
          a2 = b2 = start[q + 2]; a3 = b3 = start[q + 3];
        }
        for (k = 0, ia = p * ap, ib = q * bq; k < K; k++, ia += ak, ib += bk) {
          u = A[ia]; v = A[ia + ap];
          w = B[ib]; a0 += u * w; b0 += v * w;
          w = B[ib + bq]; a1 += u * w; b1 += v * w;
          w = B[ib + 2 * bq]; a2 += u * w; b2 += v * w;
          w = B[ib + 3 * bq]; a3 += u * w; b3 += v * w;
        }
        c = p * Q + q;
        C[c] = a0; C[c + 1] = a1; C[c + 2] = a2; C[c + 3] = a3;
        c += Q;
        C[c] = b0; C[c + 1] = b1; C[c + 2] = b2; C[c + 3] = b3;
      }
      plainProduct(A, ap, ak, B, bq, bk, p, p + 2, q, Q, K, C, start);
    }
    plainProduct(A, ap, ak, B, bq, bk, p, P, 0, Q, K, C, start);
  }

  // The same for rows p0 ≤ p < p1 and columns q0 ≤ q < Q, one entry at a time.
  function plainProduct(A, ap, ak, B, bq, bk, p0, p1, q0, Q, K, C, start) {
    for (var p = p0; p < p1; p++) {
      for (var q = q0; q < Q; q++) {
        var s = start ? start[q] : 0;
        for (var k = 0, ia = p * ap, ib = q * bq; k < K; k++, ia += ak, ib += bk) s += A[ia] * B[ib];
        C[p * Q + q] = s;
      }
    }
  }

  // Binary cross-entropy from the logits: mean of softplus(t) − y·t.
  function loss(fwd, y) {
    var logits = fwd.z[fwd.z.length - 1], total = 0;
    for (var r = 0; r < fwd.n; r++) {
      var t = logits[r];
      var softplus = t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
      total += softplus - y[r] * t;
    }
    return total / fwd.n;
  }

  // Gradients of the loss: gW[l], gb[l] (same shapes as W, b) and ga[l] = dLoss/da[l] for the
  // input and hidden layers (ga[0] is the input's), as in initlab.
  function backward(net, fwd, y, ws) {
    var widths = net.widths, L = widths.length - 1, n = fwd.n;
    var gW = new Array(L), gb = new Array(L), ga = new Array(L + 1);
    var out = fwd.a[L], gz = buffer(ws, "gz" + L, n);
    var gOut = buffer(ws, "gOut", n);
    for (var r = 0; r < n; r++) {
      gz[r] = (out[r] - y[r]) / n;
      gOut[r] = gz[r] / (out[r] * (1 - out[r]));
    }
    ga[L] = gOut;
    for (var l = L - 1; l >= 0; l--) {
      var nin = widths[l], nout = widths[l + 1], W = net.W[l], prev = fwd.a[l];
      var gw = buffer(ws, "gW" + l, nout * nin), gbl = buffer(ws, "gb" + l, nout);
      var gPrev = buffer(ws, "ga" + l, n * nin);
      // gW = gzᵀ · a: gW[o, i] = Σ_r gz[r, o] a[r, i]; gb[o] = Σ_r gz[r, o]
      product(gz, 1, nout, prev, 1, nin, nout, nin, n, gw, null);
      for (var o = 0; o < nout; o++) {
        var sum = 0;
        for (var r = 0; r < n; r++) sum += gz[r * nout + o];
        gbl[o] = sum;
      }
      // ga = gz · W: ga[r, i] = Σ_o gz[r, o] W[o, i]
      product(gz, nout, 1, W, 1, nin, n, nin, nout, gPrev, null);
      gW[l] = gw;
      gb[l] = gbl;
      ga[l] = gPrev;
      if (l > 0) {
        var next = buffer(ws, "gz" + l, n * nin);
        multiplyDerivative(net.activation, gPrev, fwd.z[l - 1], prev, next);
        gz = next;
      }
    }
    return { gW: gW, gb: gb, ga: ga, loss: loss(fwd, y) };
  }

  function step(net, grads, lr) {
    for (var l = 0; l < net.W.length; l++) {
      var W = net.W[l], gW = grads.gW[l], b = net.b[l], gb = grads.gb[l];
      for (var k = 0; k < W.length; k++) W[k] -= lr * gW[k];
      for (var o = 0; o < b.length; o++) b[o] -= lr * gb[o];
    }
  }

  // ---------------------------------------------------------------- data sets (seeded)
  var DATASETS = {
    circles: function (random, n, X, y) {
      for (var r = 0; r < n; r++) {
        var inner = random() < 0.5, radius = (inner ? 0.35 : 0.85) + 0.07 * gaussian(random);
        var angle = 2 * Math.PI * random();
        X[2 * r] = radius * Math.cos(angle);
        X[2 * r + 1] = radius * Math.sin(angle);
        y[r] = inner ? 1 : 0;
      }
    },
    moons: function (random, n, X, y) {
      for (var r = 0; r < n; r++) {
        var lower = random() < 0.5, angle = Math.PI * random();
        var px = lower ? 1 - Math.cos(angle) : Math.cos(angle);
        var py = lower ? 0.5 - Math.sin(angle) : Math.sin(angle);
        X[2 * r] = (px - 0.5) / 1.2 + 0.08 * gaussian(random);
        X[2 * r + 1] = (py - 0.25) / 1.2 + 0.08 * gaussian(random);
        y[r] = lower ? 1 : 0;
      }
    },
    spirals: function (random, n, X, y) {
      for (var r = 0; r < n; r++) {
        var second = random() < 0.5, t = (0.25 + 0.75 * random()) * 3 * Math.PI;
        var turn = second ? Math.PI : 0;
        X[2 * r] = (t * Math.cos(t + turn)) / (3 * Math.PI) + 0.03 * gaussian(random);
        X[2 * r + 1] = (t * Math.sin(t + turn)) / (3 * Math.PI) + 0.03 * gaussian(random);
        y[r] = second ? 1 : 0;
      }
    },
    blobs: function (random, n, X, y) {
      for (var r = 0; r < n; r++) {
        var upper = random() < 0.5, c = upper ? 0.45 : -0.45;
        X[2 * r] = c + 0.3 * gaussian(random);
        X[2 * r + 1] = c + 0.3 * gaussian(random);
        y[r] = upper ? 1 : 0;
      }
    },
  };

  function makeData(name, n, seed) {
    var X = new Float64Array(2 * n), y = new Float64Array(n);
    DATASETS[name](mulberry32(seed + 7919), n, X, y);
    return { X: X, y: y, n: n };
  }

  // ---------------------------------------------------------------- statistics
  function moments(values) {
    var mean = 0, sq = 0;
    for (var k = 0; k < values.length; k++) { mean += values[k]; sq += values[k] * values[k]; }
    mean /= values.length;
    return { mean: mean, second: sq / values.length, variance: sq / values.length - mean * mean };
  }

  // Predicted Var(z^[l]) from the forward step of the derivations, applied from the input:
  // Var(z^[l]) = n_in · Var(W) · E[(a^[l-1])²], with E[a²] from the activation's second moment.
  function predictedVariances(net, initName, X) {
    var widths = net.widths, out = [], second = moments(X).second;
    for (var l = 0; l + 1 < widths.length; l++) {
      var variance = INITIALIZERS[initName].make(widths[l], widths[l + 1]).variance;
      var q = widths[l] * variance * second;
      out.push(q);
      second = SECOND_MOMENT[net.activation](q);
    }
    return out;
  }

  // ---------------------------------------------------------------- the page
  function cssColor(name, fallback) {
    var value = getComputedStyle(document.body).getPropertyValue(name).trim();
    return value || fallback;
  }

  var CLASS_COLORS = [[94, 60, 153], [230, 97, 1]]; // purple (0), orange (1)
  // One curve per hidden layer, from blue (first) to orange (deepest): the ramp of the site's
  // static histogram figures (scripts/plotting.py), readable on the light and the dark page.
  var LAYER_FIRST = "#2f81c8", LAYER_DEEPEST = "#e5660b";
  function layerColor(layer, count) {
    var t = count > 1 ? layer / (count - 1) : 0, rgb = [];
    for (var c = 0; c < 3; c++) {
      var a = parseInt(LAYER_FIRST.substr(1 + 2 * c, 2), 16);
      var b = parseInt(LAYER_DEEPEST.substr(1 + 2 * c, 2), 16);
      rgb.push(Math.round((1 - t) * a + t * b));
    }
    return "rgb(" + rgb.join(",") + ")";
  }

  // ---------------------------------------------------------------- the cost history
  // The cost after every step, in at most HISTORY_BUCKETS buckets of `stride` steps each, with
  // the lowest and highest finite positive cost in each bucket (NaN if none). When the buckets
  // are full, neighbours merge and the stride doubles, so a playground left playing for an hour
  // draws its curve as fast, and holds as little, as after a minute; a spike stays visible.
  var HISTORY_BUCKETS = 1024;

  function LossHistory() {
    this.low = [];
    this.high = [];
    this.stride = 1;
    this.count = 0;
    this.first = NaN;
    this.last = NaN;
  }

  function plotted(v) { return isFinite(v) && v > 0 ? v : NaN; }
  // NaN-aware minimum and maximum: NaN only when both are NaN.
  function lower(a, b) { return a <= b || b !== b ? a : b; }
  function higher(a, b) { return a >= b || b !== b ? a : b; }

  LossHistory.prototype.push = function (cost) {
    var v = plotted(cost), k = this.low.length - 1;
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
      for (var i = 0; i < HISTORY_BUCKETS / 2; i++) {
        this.low[i] = lower(this.low[2 * i], this.low[2 * i + 1]);
        this.high[i] = higher(this.high[2 * i], this.high[2 * i + 1]);
      }
      this.low.length = this.high.length = HISTORY_BUCKETS / 2;
      this.stride *= 2;
    }
  };

  function Playground(root) {
    this.root = root;
    this.controls = {};
    var self = this;
    root.querySelectorAll("[data-control]").forEach(function (element) {
      self.controls[element.dataset.control] = element;
      element.addEventListener("change", function () { self.reset(); });
    });
    this.canvases = {};
    root.querySelectorAll("canvas[data-view]").forEach(function (canvas) {
      self.canvases[canvas.dataset.view] = canvas;
    });
    this.status = root.querySelector("[data-status]");
    root.querySelector("[data-action=play]").addEventListener("click", function () { self.toggle(); });
    root.querySelector("[data-action=step]").addEventListener("click", function () { self.train(1); self.draw(); });
    root.querySelector("[data-action=reset]").addEventListener("click", function () { self.reset(); });
    this.playButton = root.querySelector("[data-action=play]");
    this.running = false;
    this.stepsPerFrame = 30;
    new MutationObserver(function () { self.draw(); }).observe(document.body, {
      attributes: true,
      attributeFilter: ["data-md-color-scheme"],
    });
    // Redraw whenever a view changes size on screen, not only when the window does: the layout
    // also settles after load (stylesheets, fonts, a scrollbar appearing).
    if (window.ResizeObserver) {
      var views = new ResizeObserver(function () { self.draw(); });
      for (var name in this.canvases) views.observe(this.canvases[name]);
    } else {
      window.addEventListener("resize", function () { self.draw(); });
    }
    this.reset();
  }

  Playground.prototype.settings = function () {
    var c = this.controls;
    var depth = parseInt(c.depth.value, 10), width = parseInt(c.width.value, 10);
    var widths = [2];
    for (var k = 0; k < depth; k++) widths.push(width);
    widths.push(1);
    return {
      dataset: c.dataset.value,
      init: c.init.value,
      activation: c.activation.value,
      widths: widths,
      lr: parseFloat(c.lr.value),
      seed: parseInt(c.seed.value, 10) || 0,
    };
  };

  Playground.prototype.reset = function () {
    var s = this.settings();
    this.settingsUsed = s;
    this.data = makeData(s.dataset, 256, s.seed);
    this.net = createNetwork(s.widths, s.activation, s.init, s.seed);
    this.predicted = predictedVariances(this.net, s.init, this.data.X);
    this.history = new LossHistory();
    this.stepCount = 0;
    this.workspace = {};
    this.gridWorkspace = {};
    this.evaluate();
    this.history.push(this.last.loss);
    this.draw();
  };

  Playground.prototype.evaluate = function () {
    var fwd = forward(this.net, this.data.X, this.data.n, this.workspace);
    this.lastForward = fwd;
    this.last = backward(this.net, fwd, this.data.y, this.workspace);
    return this.last;
  };

  Playground.prototype.train = function (steps) {
    for (var k = 0; k < steps; k++) {
      step(this.net, this.last, this.settingsUsed.lr);
      this.stepCount += 1;
      this.evaluate();
      this.history.push(this.last.loss);
    }
  };

  Playground.prototype.toggle = function () {
    this.running = !this.running;
    this.playButton.textContent = this.running ? "Pause" : "Play";
    this.playButton.setAttribute("aria-pressed", String(this.running));
    if (this.running) this.loop();
  };

  Playground.prototype.loop = function () {
    var self = this;
    if (!this.running) return;
    var start = performance.now();
    this.train(this.stepsPerFrame);
    this.lastFrameMs = performance.now() - start;
    this.draw();
    requestAnimationFrame(function () { self.loop(); });
  };

  Playground.prototype.draw = function () {
    var fg = cssColor("--md-default-fg-color", "#222");
    var muted = cssColor("--md-default-fg-color--lighter", "#999");
    var accent = cssColor("--md-accent-fg-color", "#526cfe");
    this.drawBoundary();
    this.drawLoss(fg, muted, accent);
    this.drawHistograms(fg, muted);
    this.drawVariances(fg, muted, accent);
    var loss = this.last.loss;
    this.status.textContent =
      "step " + this.stepCount + " · cost " + (isFinite(loss) ? loss.toFixed(4) : String(loss)) +
      (this.lastFrameMs ? " · " + this.stepsPerFrame + " steps in " + this.lastFrameMs.toFixed(1) + " ms" : "");
  };

  function prepare(canvas) {
    var ratio = window.devicePixelRatio || 1, width = canvas.clientWidth || 300;
    var height = canvas.clientHeight || 200;
    var pixelsWide = Math.round(width * ratio), pixelsHigh = Math.round(height * ratio);
    // Both sides: a canvas starts at 300 × 150, so on a layout where it is shown 300 wide, a
    // check of the width alone would keep a square view squashed into half its height.
    if (canvas.width !== pixelsWide || canvas.height !== pixelsHigh) {
      canvas.width = pixelsWide;
      canvas.height = pixelsHigh;
    }
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    return { ctx: ctx, width: width, height: height };
  }

  Playground.prototype.drawBoundary = function () {
    var canvas = this.canvases.boundary, view = prepare(canvas), ctx = view.ctx;
    var cells = 48, extent = 1.5, grid = new Float64Array(2 * cells * cells);
    for (var r = 0; r < cells; r++) {
      for (var c = 0; c < cells; c++) {
        grid[2 * (r * cells + c)] = -extent + (2 * extent * (c + 0.5)) / cells;
        grid[2 * (r * cells + c) + 1] = extent - (2 * extent * (r + 0.5)) / cells;
      }
    }
    var probability = forward(this.net, grid, cells * cells, this.gridWorkspace).a[
      this.net.widths.length - 1
    ];
    // Paint one pixel per cell on a small canvas, then scale it up smoothly: no seams.
    if (!this.cellCanvas) {
      this.cellCanvas = document.createElement("canvas");
      this.cellCanvas.width = this.cellCanvas.height = cells;
    }
    var small = this.cellCanvas.getContext("2d"), image = small.createImageData(cells, cells);
    for (var k = 0; k < cells * cells; k++) {
      var p = isFinite(probability[k]) ? probability[k] : 0.5;
      for (var channel = 0; channel < 3; channel++) {
        var from = CLASS_COLORS[0][channel], to = CLASS_COLORS[1][channel];
        image.data[4 * k + channel] = Math.round(from + (to - from) * p);
      }
      image.data[4 * k + 3] = 140;
    }
    small.putImageData(image, 0, 0);
    var size = Math.min(view.width, view.height);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.cellCanvas, 0, 0, size, size);
    var X = this.data.X, y = this.data.y;
    for (var n = 0; n < this.data.n; n++) {
      var px = ((X[2 * n] + extent) / (2 * extent)) * size;
      var py = ((extent - X[2 * n + 1]) / (2 * extent)) * size;
      ctx.fillStyle = "rgb(" + CLASS_COLORS[y[n]].join(",") + ")";
      ctx.strokeStyle = "white";
      ctx.lineWidth = 0.8;
      ctx.beginPath();
      ctx.arc(px, py, 2.6, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  };

  // Every chart draws its data between PLOT_TOP and 20-24 px above the bottom: the title sits
  // above PLOT_TOP, so a curve's peak or a tall bar never runs through it.
  var PLOT_TOP = 26;

  function axes(ctx, view, fg, muted, title) {
    ctx.strokeStyle = muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(36, 8);
    ctx.lineTo(36, view.height - 20);
    ctx.lineTo(view.width - 6, view.height - 20);
    ctx.stroke();
    ctx.fillStyle = fg;
    ctx.font = "12px sans-serif";
    ctx.fillText(title, 42, 16);
  }

  Playground.prototype.drawLoss = function (fg, muted, accent) {
    var view = prepare(this.canvases.loss), ctx = view.ctx, history = this.history;
    var low = history.low, high = history.high, steps = history.count - 1;
    axes(ctx, view, fg, muted, "cost (log scale) over " + steps + " steps");
    var lowest = NaN, highest = NaN, k;
    for (k = 0; k < low.length; k++) {
      lowest = lower(lowest, low[k]);
      highest = higher(highest, high[k]);
    }
    if (lowest !== lowest) return;  // no finite positive cost yet
    var hi = Math.log10(highest), lo = Math.log10(lowest);
    if (hi - lo < 1e-9) { hi += 0.5; lo -= 0.5; }
    ctx.strokeStyle = accent;
    ctx.lineWidth = 2;
    ctx.beginPath();
    var w = view.width - 44, h = view.height - PLOT_TOP - 24, started = false;
    function y(v) { return PLOT_TOP + h * (1 - (Math.log10(v) - lo) / (hi - lo)); }
    for (k = 0; k < low.length; k++) {  // each bucket: a stroke from its lowest to its highest
      if (low[k] !== low[k]) continue;
      var x = 36 + (w * Math.min(k * history.stride, steps)) / Math.max(steps, 1);
      if (started) ctx.lineTo(x, y(low[k])); else ctx.moveTo(x, y(low[k]));
      ctx.lineTo(x, y(high[k]));
      started = true;
    }
    ctx.stroke();
    ctx.fillStyle = muted;
    ctx.fillText(Math.pow(10, hi).toPrecision(3), 2, PLOT_TOP + 4);
    ctx.fillText(Math.pow(10, lo).toPrecision(3), 2, view.height - 22);
  };

  Playground.prototype.drawHistograms = function (fg, muted) {
    var fwd = this.lastForward, grads = this.last;
    var hidden = this.net.widths.length - 2;
    var views = [["activations", fwd.a], ["gradients", grads.ga]];
    for (var v = 0; v < views.length; v++) {
      var view = prepare(this.canvases[views[v][0]]), ctx = view.ctx, arrays = views[v][1];
      axes(ctx, view, fg, muted, views[v][0] === "activations"
        ? "activations a[l] per hidden layer"
        : "gradients ∂C/∂a[l] per hidden layer (÷ largest std)");
      var scale = 1;
      if (views[v][0] === "gradients") {
        scale = 0;
        for (var l = 1; l <= hidden; l++) scale = Math.max(scale, Math.sqrt(moments(arrays[l]).variance));
        scale = scale > 0 ? scale / 2 : 1;
      }
      var lo = this.net.activation === "relu" && v === 0 ? 0 : -2, hi = 2, bins = 40;
      for (var layer = 1; layer <= hidden; layer++) {
        var counts = new Array(bins).fill(0), values = arrays[layer], peak = 1;
        for (var k = 0; k < values.length; k++) {
          var t = values[k] / scale;
          if (!isFinite(t)) continue;
          var bin = Math.floor(((t - lo) / (hi - lo)) * bins);
          if (bin >= 0 && bin < bins) counts[bin] += 1;
        }
        peak = Math.max.apply(null, counts) || 1;
        ctx.strokeStyle = layerColor(layer - 1, hidden);
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        for (var bIndex = 0; bIndex < bins; bIndex++) {
          var x = 36 + ((view.width - 44) * (bIndex + 0.5)) / bins;
          var y = view.height - 20 - (view.height - 20 - PLOT_TOP) * (counts[bIndex] / peak);
          if (bIndex === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
        }
        ctx.stroke();
      }
      ctx.fillStyle = muted;
      ctx.fillText(String(lo), 30, view.height - 6);
      ctx.fillText(String(hi), view.width - 14, view.height - 6);
    }
  };

  Playground.prototype.drawVariances = function (fg, muted, accent) {
    var view = prepare(this.canvases.variance), ctx = view.ctx, z = this.lastForward.z;
    axes(ctx, view, fg, muted, "Var(z[l]): measured (bars), predicted at init (dots), log scale");
    var measured = z.map(function (values) { return moments(values).variance; });
    var predicted = this.predicted, all = measured.concat(predicted).filter(function (v) { return v > 0 && isFinite(v); });
    if (!all.length) return;
    var hi = Math.log10(Math.max.apply(null, all)) + 0.3, lo = Math.log10(Math.min.apply(null, all)) - 0.3;
    var slot = (view.width - 44) / measured.length, h = view.height - PLOT_TOP - 24;
    function y(v) { return PLOT_TOP + h * (1 - (Math.log10(v) - lo) / (hi - lo)); }
    for (var l = 0; l < measured.length; l++) {
      var x = 36 + slot * l;
      if (measured[l] > 0 && isFinite(measured[l])) {
        ctx.fillStyle = accent;
        ctx.globalAlpha = 0.6;
        ctx.fillRect(x + slot * 0.2, y(measured[l]), slot * 0.6, view.height - 20 - y(measured[l]));
        ctx.globalAlpha = 1;
      }
      if (predicted[l] > 0) {
        ctx.fillStyle = fg;
        ctx.beginPath();
        ctx.arc(x + slot / 2, y(predicted[l]), 4, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.fillStyle = muted;
      ctx.fillText("z" + (l + 1), x + slot / 2 - 6, view.height - 6);
    }
  };

  window.InitPlayground = {
    mulberry32: mulberry32,
    gaussian: gaussian,
    createNetwork: createNetwork,
    forward: forward,
    backward: backward,
    step: step,
    loss: loss,
    product: product,
    plainProduct: plainProduct,
    makeData: makeData,
    predictedVariances: predictedVariances,
    LossHistory: LossHistory,
    HISTORY_BUCKETS: HISTORY_BUCKETS,
    INITIALIZERS: INITIALIZERS,
    DATASETS: DATASETS,
  };

  function start() {
    var root = document.getElementById("init-playground");
    if (root) window.InitPlayground.instance = new Playground(root);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
