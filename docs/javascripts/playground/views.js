// The playground's views: each draws one canvas from a training run's state, and returns what the
// chart says in words (main.js also puts that in the canvas's accessible name). No state of their
// own beyond the canvas; the page (main.js) decides when to draw.

import { higher, lower, meanSquare } from "./network.js";

export const CLASS_COLORS = [[94, 60, 153], [230, 97, 1]]; // purple (0), orange (1)

// One curve per hidden layer, from blue (first) to orange (deepest): the ramp of the site's
// static histogram figures (scripts/plotting.py), readable on the light and the dark page.
export const LAYER_FIRST = "#2f81c8", LAYER_DEEPEST = "#e5660b";

export function layerColor(layer, count) {
  const t = count > 1 ? layer / (count - 1) : 0, rgb = [];
  for (let c = 0; c < 3; c++) {
    const a = parseInt(LAYER_FIRST.substr(1 + 2 * c, 2), 16);
    const b = parseInt(LAYER_DEEPEST.substr(1 + 2 * c, 2), 16);
    rgb.push(Math.round((1 - t) * a + t * b));
  }
  return "rgb(" + rgb.join(",") + ")";
}

// ------------------------------------------------------------------ canvas and axes

const FONT = "11px sans-serif", MESSAGE_FONT = "13px sans-serif";

// The canvas's pixels at its displayed size × the device pixel ratio, cleared, with a transform
// so that drawing is in CSS pixels.
export function prepare(canvas) {
  const ratio = window.devicePixelRatio || 1, width = canvas.clientWidth || 300;
  const height = canvas.clientHeight || 200;
  const pixelsWide = Math.round(width * ratio), pixelsHigh = Math.round(height * ratio);
  // Both sides: a canvas starts at 300 × 150, so on a layout where it is shown 300 wide, a
  // check of the width alone would keep a square view squashed into half its height.
  if (canvas.width !== pixelsWide || canvas.height !== pixelsHigh) {
    canvas.width = pixelsWide;
    canvas.height = pixelsHigh;
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  return { ctx, width, height };
}

// A chart's plot area: one line for a note above it, the x-axis numbers below it, and on its
// left the y-axis numbers, as wide as the widest of them needs.
const TOP = 20, BOTTOM = 20, RIGHT = 10;

function plotBox(view, yLabels = []) {
  let widest = 0;
  for (const text of yLabels) widest = Math.max(widest, view.ctx.measureText(text).width);
  const x0 = Math.max(16, Math.ceil(widest) + 10);
  return { x0, x1: view.width - RIGHT, y0: TOP, y1: view.height - BOTTOM };
}

function axes(ctx, box, muted) {
  ctx.strokeStyle = muted;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(box.x0 + 0.5, box.y0);
  ctx.lineTo(box.x0 + 0.5, box.y1 + 0.5);
  ctx.lineTo(box.x1, box.y1 + 0.5);
  ctx.stroke();
}

// A line of text above the plot: what the chart shows, or what is off it.
function note(ctx, view, text, color) {
  ctx.fillStyle = color;
  ctx.textAlign = "left";
  ctx.textBaseline = "alphabetic";
  ctx.fillText(fitText(ctx, text, view.width - 8), 4, 13);
}

// Why the chart is empty, in the middle of the plot on the page's background, in as many lines
// as it needs.
function message(ctx, box, text, colors) {
  ctx.font = MESSAGE_FONT;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  const lines = [], room = box.x1 - box.x0 - 16;
  let line = "";
  for (const word of text.split(" ")) {
    const longer = line ? line + " " + word : word;
    if (line && ctx.measureText(longer).width > room) {
      lines.push(line);
      line = word;
    } else line = longer;
  }
  lines.push(line);
  const middle = (box.x0 + box.x1) / 2, top = (box.y0 + box.y1) / 2 - ((lines.length - 1) * 17) / 2;
  let widest = 0;
  for (const text of lines) widest = Math.max(widest, ctx.measureText(text).width);
  ctx.fillStyle = colors.bg;
  ctx.fillRect(middle - widest / 2 - 6, top - 12, widest + 12, 17 * lines.length + 7);
  ctx.fillStyle = colors.fg;
  lines.forEach((text, k) => ctx.fillText(text, middle, top + 17 * k));
  ctx.font = FONT;
}

function fitText(ctx, text, width) {
  if (ctx.measureText(text).width <= width) return text;
  while (text.length > 1 && ctx.measureText(text + "…").width > width) text = text.slice(0, -1);
  return text + "…";
}

const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
const superscript = (n) => String(n).replace(/./g, (c) => SUPERSCRIPT[c]);

export function powerOfTen(exponent) {
  if (exponent === 0) return "1";
  if (exponent === 1) return "10";
  return "10" + superscript(exponent);
}

// Two significant digits, and for very large or small numbers a power of ten: 0.33, 7.1·10⁴².
export function shortNumber(v) {
  if (v === 0 || !isFinite(v)) return String(v);
  const exponent = Math.floor(Math.log10(Math.abs(v)));
  if (exponent >= -3 && exponent < 4) return String(Number(v.toPrecision(2)));
  const mantissa = Number((v / Math.pow(10, exponent)).toPrecision(2));
  return (mantissa === 1 ? "" : mantissa + "·") + powerOfTen(exponent);
}

// Integer exponents e with lo ≤ e ≤ hi, every `stride`-th one (a multiple of stride), fewer
// than `most` of them.
export function decadeTicks(lo, hi, most) {
  const span = Math.max(hi - lo, 1);
  let stride = 1;
  for (const s of [1, 2, 5, 10, 20, 50, 100, 200]) {
    stride = s;
    if (span / s < most) break;
  }
  const ticks = [];
  for (let e = Math.ceil(lo / stride) * stride; e <= hi; e += stride) ticks.push(e);
  return ticks;
}

// The numbers of a log10 axis from 10^lo to 10^hi: powers of ten, or when fewer than two of
// them fit, the two ends' values.
function logTicks(lo, hi, most) {
  const ticks = decadeTicks(lo, hi, most);
  if (ticks.length >= 2) return ticks.map((e) => [e, powerOfTen(e)]);
  return [lo, hi].map((e) => [e, shortNumber(Math.pow(10, e))]);
}

function yTicks(ctx, box, y, ticks, muted) {
  ctx.fillStyle = muted;
  ctx.strokeStyle = muted;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const [t, text] of ticks) {
    const py = Math.round(y(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(box.x0 - 3, py);
    ctx.lineTo(box.x0, py);
    ctx.stroke();
    ctx.fillText(text, box.x0 - 5, py);
  }
}

// Numbers under the x axis; each stays inside the canvas.
function xTicks(ctx, box, ticks, x, muted) {
  ctx.fillStyle = muted;
  ctx.strokeStyle = muted;
  ctx.textBaseline = "top";
  ctx.textAlign = "center";
  for (const [t, text] of ticks) {
    const px = Math.round(x(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(px, box.y1);
    ctx.lineTo(px, box.y1 + 3);
    ctx.stroke();
    const half = ctx.measureText(text).width / 2;
    ctx.fillText(text, Math.min(Math.max(px, half + 1), box.x1 + RIGHT - half - 1), box.y1 + 5);
  }
}

// ------------------------------------------------------------------ decision boundary

// The grid's probabilities as one pixel per cell on a small canvas, scaled up smoothly (no
// seams), and the training points on top. A probability that is not a number is drawn as 1/2.
export function drawBoundary(canvas, grid, data, cache) {
  const view = prepare(canvas), ctx = view.ctx, cells = grid.cells, extent = grid.extent;
  if (!cache.cellCanvas || cache.cellCanvas.width !== cells) {
    cache.cellCanvas = document.createElement("canvas");
    cache.cellCanvas.width = cache.cellCanvas.height = cells;
  }
  const small = cache.cellCanvas.getContext("2d"), image = small.createImageData(cells, cells);
  const probability = grid.probability;
  for (let k = 0; k < cells * cells; k++) {
    const p = isFinite(probability[k]) ? probability[k] : 0.5;
    for (let channel = 0; channel < 3; channel++) {
      const from = CLASS_COLORS[0][channel], to = CLASS_COLORS[1][channel];
      image.data[4 * k + channel] = Math.round(from + (to - from) * p);
    }
    image.data[4 * k + 3] = 140;
  }
  small.putImageData(image, 0, 0);
  const size = Math.min(view.width, view.height);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cache.cellCanvas, 0, 0, size, size);
  const X = data.X, y = data.y;
  ctx.strokeStyle = "white";
  ctx.lineWidth = 0.8;
  for (const label of [0, 1]) {
    ctx.fillStyle = "rgb(" + CLASS_COLORS[label].join(",") + ")";
    ctx.beginPath();
    for (let n = 0; n < data.n; n++) {
      if (y[n] !== label) continue;
      const px = ((X[2 * n] + extent) / (2 * extent)) * size;
      const py = ((extent - X[2 * n + 1]) / (2 * extent)) * size;
      ctx.moveTo(px + 2.6, py);
      ctx.arc(px, py, 2.6, 0, 2 * Math.PI);
    }
    ctx.fill();
    ctx.stroke();
  }
}

// ------------------------------------------------------------------ cost

export function formatCost(cost) {
  if (!isFinite(cost)) return String(cost);
  return cost >= 0.001 ? cost.toFixed(4) : cost.toExponential(2);
}

export function drawCost(canvas, history, colors) {
  const view = prepare(canvas), ctx = view.ctx;
  const low = history.low, high = history.high, steps = history.count - 1;
  let lowest = NaN, highest = NaN;
  for (let k = 0; k < low.length; k++) {
    lowest = lower(lowest, low[k]);
    highest = higher(highest, high[k]);
  }
  let lo = Math.log10(lowest), hi = Math.log10(highest);
  if (hi - lo < 0.3) {
    const middle = (hi + lo) / 2;
    hi = middle + 0.15;
    lo = middle - 0.15;
  }
  const ticks = lowest === lowest ? logTicks(lo, hi, 5) : [];
  const box = plotBox(view, ticks.map((t) => t[1]));
  axes(ctx, box, colors.muted);
  const x = (s) => box.x0 + ((box.x1 - box.x0) * s) / Math.max(steps, 1);
  xTicks(ctx, box, steps > 0 ? [[0, "0"], [steps, String(steps)]] : [[0, "0"]], x, colors.muted);
  const last = history.last, after = " after " + steps + (steps === 1 ? " step" : " steps");
  const text = isFinite(last)
    ? "cost " + formatCost(last) + after
    : "cost " + last + after + ": the numbers overflowed";
  note(ctx, view, text, isFinite(last) ? colors.muted : colors.fg);
  if (lowest !== lowest) {
    message(ctx, box, "no cost has been a finite number yet: the numbers overflowed", colors);
    return text;
  }
  const y = (e) => box.y1 - ((box.y1 - box.y0) * (e - lo)) / (hi - lo);
  yTicks(ctx, box, y, ticks, colors.muted);
  ctx.strokeStyle = colors.accent;
  ctx.lineWidth = 2;
  ctx.beginPath();
  let started = false;
  for (let k = 0; k < low.length; k++) {
    // each bucket: a stroke from its lowest to its highest cost; a gap where there is none
    if (low[k] !== low[k]) continue;
    const px = x(Math.min(k * history.stride, steps));
    if (started) ctx.lineTo(px, y(Math.log10(low[k])));
    else ctx.moveTo(px, y(Math.log10(low[k])));
    ctx.lineTo(px, y(Math.log10(high[k])));
    started = true;
  }
  ctx.stroke();
  return text;
}

// ------------------------------------------------------------------ histograms

const BINS = 40;
// At most this many layers' curves: the first, the last, and evenly spaced ones between.
const CURVES = 10;
// A chart's histograms look at no more than SAMPLED values in all (every stride-th value of a
// layer, the stride prime to the layer's width so that every unit is sampled): their cost per
// frame is then the same at 30 layers of 32 as at 3 of 16, where every value is used.
const SAMPLED = 40000;

export function shownLayers(count) {
  if (count <= CURVES) return [...Array(count).keys()];
  return [...Array(CURVES).keys()].map((k) => Math.round((k * (count - 1)) / (CURVES - 1)));
}

function sampleStride(length, layers, width) {
  let stride = Math.max(1, Math.ceil((length * layers) / SAMPLED));
  while (stride > 1 && gcd(stride, width) > 1) stride += 1;
  return stride;
}

function gcd(a, b) {
  while (b) [a, b] = [b, a % b];
  return a;
}

// Counts of every stride-th value in BINS bins over [lo, hi] on a linear or a log10|v| scale.
// Values past either end are counted in the end bin, and in `below` / `above`; values that
// are not finite numbers in `invalid`; on a log scale, zeros (which it cannot place) in `zeros`.
function histogram(values, stride, axis, counts) {
  counts.fill(0);
  let below = 0, above = 0, invalid = 0, zeros = 0, total = 0;
  const lo = axis.lo, hi = axis.hi, scale = BINS / (hi - lo), log = axis.log;
  for (let k = 0; k < values.length; k += stride) {
    total += 1;
    const v = values[k];
    if (!isFinite(v)) {
      invalid += 1;
      continue;
    }
    let t = v;
    if (log) {
      if (v === 0) {
        zeros += 1;
        continue;
      }
      t = Math.log10(Math.abs(v));
    }
    let bin = Math.floor((t - lo) * scale);
    if (t < lo) {
      bin = 0;
      below += 1;
    } else if (t > hi) {
      bin = BINS - 1;
      above += 1;
    } else if (bin >= BINS) bin = BINS - 1; // t = hi exactly
    counts[bin] += 1;
  }
  return { below, above, invalid, zeros, total };
}

function percent(part, whole) {
  const p = (100 * part) / whole;
  return (p < 1 ? "<1" : Math.round(p)) + "%";
}

// One curve per hidden layer (up to CURVES of them) over a fixed axis, each scaled to its own
// peak. Returns the chart's note.
function drawLayerHistograms(canvas, arrays, axis, colors) {
  const view = prepare(canvas), ctx = view.ctx, box = plotBox(view);
  axes(ctx, box, colors.muted);
  const x = (t) => box.x0 + ((box.x1 - box.x0) * (t - axis.lo)) / (axis.hi - axis.lo);
  xTicks(ctx, box, axis.ticks, x, colors.muted);
  const layers = shownLayers(arrays.length), counts = new Float64Array(BINS);
  const stride = layers.length ? sampleStride(arrays[0].length, layers.length, axis.width) : 1;
  const sum = { below: 0, above: 0, invalid: 0, zeros: 0, total: 0 };
  for (const layer of layers) {
    const found = histogram(arrays[layer], stride, axis, counts);
    for (const key in sum) sum[key] += found[key];
    let peak = 0;
    for (let b = 0; b < BINS; b++) peak = Math.max(peak, counts[b]);
    if (peak === 0) continue;
    ctx.strokeStyle = layerColor(layer, arrays.length);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let b = 0; b < BINS; b++) {
      const px = box.x0 + ((box.x1 - box.x0) * (b + 0.5)) / BINS;
      const py = box.y1 - (box.y1 - box.y0) * (counts[b] / peak);
      if (b === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.stroke();
  }
  const parts = [];
  if (layers.length < arrays.length) parts.push(layers.length + " of " + arrays.length + " layers");
  let empty = null;
  if (sum.invalid === sum.total) empty = "every value is NaN or infinite: the numbers overflowed";
  else if (sum.zeros === sum.total) empty = axis.allZero;
  else {
    if (sum.zeros) parts.push(percent(sum.zeros, sum.total) + " exactly 0");
    if (sum.invalid) parts.push(percent(sum.invalid, sum.total) + " NaN or ±∞");
    if (sum.below) parts.push(percent(sum.below, sum.total) + " below " + axis.label(axis.lo) + " (left edge)");
    if (sum.above) parts.push(percent(sum.above, sum.total) + " above " + axis.label(axis.hi) + " (right edge)");
  }
  if (empty) message(ctx, box, empty, colors);
  const text = empty || (parts.length ? parts.join(", ") : axis.caption);
  note(ctx, view, empty ? axis.caption : text, parts.length && !empty ? colors.fg : colors.muted);
  return text;
}

const ACTIVATION_AXES = { tanh: [-1, 1, 0.5], sigmoid: [0, 1, 0.25], relu: [0, 2, 0.5], linear: [-2, 2, 1] };
const minus = (t) => String(t).replace("-", "−");

export function drawActivations(canvas, run, colors) {
  const [lo, hi, step] = ACTIVATION_AXES[run.settings.activation], ticks = [];
  for (let t = lo; t <= hi + 1e-9; t += step) ticks.push([t, minus(t)]);
  return drawLayerHistograms(canvas, run.forward.a.slice(1, -1), {
    lo,
    hi,
    ticks,
    log: false,
    width: run.settings.width,
    label: minus,
    caption: "a, each layer's curve scaled to its peak",
    allZero: "",
  }, colors);
}

// log10 |∂C/∂a| on a fixed axis: a gradient 10⁸ times smaller sits 8 decades to the left.
export const GRADIENT_AXIS = [-20, 4];

export function drawGradients(canvas, run, colors) {
  const [lo, hi] = GRADIENT_AXIS;
  return drawLayerHistograms(canvas, run.grads.ga.slice(1, -1), {
    lo,
    hi,
    ticks: decadeTicks(lo, hi, 7).map((e) => [e, powerOfTen(e)]),
    log: true,
    width: run.settings.width,
    label: powerOfTen,
    caption: "|∂C/∂a| on a log scale, each curve scaled to its peak",
    allZero: "every gradient is exactly 0: a log scale has no place for 0",
  }, colors);
}

// ------------------------------------------------------------------ variances

// Each hidden layer's Var(z): measured as the mean of z² over its units and points (bars), and
// predicted at initialization (dots). The output layer is left out: one unit is one draw of
// its weights, not an average over units, so its z² can sit far from the prediction in either
// direction without anything being wrong.
export function drawVariances(canvas, run, colors) {
  const view = prepare(canvas), ctx = view.ctx;
  const hidden = run.net.widths.length - 2;
  const measured = run.forward.z.slice(0, hidden).map(meanSquare);
  const predicted = run.predicted ? run.predicted.slice(0, hidden) : null;
  const drawable = (v) => v > 0 && isFinite(v);
  const shown = measured.concat(predicted || []).filter(drawable);
  let lo = 0, hi = 1;
  if (shown.length) {
    hi = Math.log10(Math.max(...shown));
    lo = Math.log10(Math.min(...shown));
    const pad = Math.max(0.3, 0.05 * (hi - lo));
    hi += pad;
    lo -= pad;
  }
  const ticks = shown.length ? logTicks(lo, hi, 6) : [];
  const box = plotBox(view, ticks.map((t) => t[1]));
  axes(ctx, box, colors.muted);
  const slot = (box.x1 - box.x0) / hidden;
  const labelEvery = Math.ceil(hidden / Math.max(1, Math.floor((box.x1 - box.x0) / 26)));
  const layerTicks = [];
  for (let l = 0; l < hidden; l++) {
    if (l === 0 || (l + 1) % labelEvery === 0) layerTicks.push([l + 0.5, String(l + 1)]);
  }
  xTicks(ctx, box, layerTicks, (t) => box.x0 + slot * t, colors.muted);
  const notes = [];
  if (!predicted) notes.push("no prediction: the weights are not zero-mean random");
  const zeros = measured.filter((v) => v === 0).length;
  const overflowed = measured.filter((v) => !isFinite(v)).length;
  const layers = (n) => n + (n === 1 ? " layer's" : " layers'");
  if (zeros && zeros < hidden) notes.push(layers(zeros) + " z exactly 0 (no bar)");
  if (overflowed && overflowed < hidden) notes.push(layers(overflowed) + " z overflowed (no bar)");
  let empty = null;
  if (zeros === hidden) empty = "every z is exactly 0: a log scale has no place for 0";
  else if (overflowed === hidden) empty = "every layer's z overflowed: no finite number to draw";
  const legend = "bars: measured now, dots: predicted at initialization";
  const text = [empty, ...notes].filter(Boolean).join("; ") || legend;
  note(ctx, view, notes.length ? notes.join("; ") : legend, notes.length ? colors.fg : colors.muted);
  if (!shown.length) {
    if (empty) message(ctx, box, empty, colors);
    return text;
  }
  const y = (e) => box.y1 - ((box.y1 - box.y0) * (e - lo)) / (hi - lo);
  yTicks(ctx, box, y, ticks, colors.muted);
  ctx.fillStyle = colors.accent;
  ctx.globalAlpha = 0.6;
  for (let l = 0; l < hidden; l++) {
    if (!drawable(measured[l])) continue;
    const top = y(Math.log10(measured[l]));
    ctx.fillRect(box.x0 + slot * (l + 0.15), top, slot * 0.7, box.y1 - top);
  }
  ctx.globalAlpha = 1;
  if (predicted) {
    ctx.fillStyle = colors.fg;
    const radius = Math.max(1.5, Math.min(4, slot * 0.3));
    for (let l = 0; l < hidden; l++) {
      if (!drawable(predicted[l])) continue;
      ctx.beginPath();
      ctx.arc(box.x0 + slot * (l + 0.5), y(Math.log10(predicted[l])), radius, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  if (empty) message(ctx, box, empty, colors);
  return text;
}
