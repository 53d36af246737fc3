// The playground page: builds the controls from network.js's CONTROLS table, keeps them within
// their limits (saying so), trains while playing within a time budget per frame, and draws the
// views (views.js).

import { BoundaryGrid, CONTROLS, Run, readSettings } from "./network.js";
import {
  drawActivations,
  drawBoundary,
  drawCost,
  drawGradients,
  drawVariances,
  formatCost,
  shortNumber,
} from "./views.js";

// Per frame while playing: training steps until TRAIN_BUDGET_MS have passed (a step starts only
// if its estimated cost still fits), then up to GRID_BUDGET_MS of the decision boundary's grid,
// then the charts. At 60 frames/s a frame has 16.7 ms.
export const TRAIN_BUDGET_MS = 10;
export const GRID_BUDGET_MS = 2;
// While playing, the words (the status line, each chart's accessible name) are rewritten at most
// this often: each rewrite lays the page out again, and a screen reader gains nothing at 60 Hz.
export const WORDS_EVERY_MS = 250;
const FRAME_RECORD = 600; // the last frames' timings, for benchmarks/playground_speed.py

export const playgrounds = [];

class Playground {
  constructor(root) {
    this.root = root;
    this.controls = {};
    this.buildControls(root.querySelector(".playground-controls"));
    this.canvases = {};
    for (const canvas of root.querySelectorAll("canvas[data-view]")) {
      this.canvases[canvas.dataset.view] = canvas;
    }
    this.labels = {};
    for (const [view, canvas] of Object.entries(this.canvases)) {
      this.labels[view] = canvas.getAttribute("aria-label");
    }
    this.status = root.querySelector("[data-status]");
    this.note = root.querySelector("[data-note]");
    this.playButton = root.querySelector("[data-action=play]");
    this.playButton.addEventListener("click", () => this.toggle());
    root.querySelector("[data-action=step]").addEventListener("click", () => {
      this.run.train(1);
      this.grid.refresh(this.run.net);
      this.draw();
    });
    root.querySelector("[data-action=reset]").addEventListener("click", () => this.reset());
    this.running = false;
    this.frames = [];
    this.grid = new BoundaryGrid(48, 1.5);
    this.boundaryCache = {};
    this.colors = null; // read from the theme's CSS on the first draw and on a palette change
    this.wordsAt = -Infinity;
    new MutationObserver(() => {
      this.colors = null;
      this.draw();
    }).observe(document.body, {
      attributes: true,
      attributeFilter: ["data-md-color-scheme"],
    });
    // Redraw whenever a view changes size on screen, not only when the window does: the layout
    // also settles after load (stylesheets, fonts, a scrollbar appearing).
    const resized = new ResizeObserver(() => this.draw());
    for (const canvas of Object.values(this.canvases)) resized.observe(canvas);
    this.reset();
  }

  // One labelled select or number input per row of CONTROLS, before the buttons, in place of
  // the page's placeholders (one per control, the size of one: nothing moves as they are built).
  buildControls(form) {
    const buttons = form.querySelector(".playground-buttons");
    for (const slot of form.querySelectorAll(".playground-slot")) slot.remove();
    for (const control of CONTROLS) {
      const label = document.createElement("label");
      label.append(control.label);
      let element;
      if (control.choices) {
        element = document.createElement("select");
        for (const { value, label } of control.choices) {
          element.append(new Option(label, value, false, value === control.value));
        }
      } else {
        element = document.createElement("input");
        Object.assign(element, { type: "number", step: 1, min: control.min, max: control.max });
        element.value = String(control.value);
      }
      element.dataset.control = control.name;
      element.addEventListener("change", () => this.reset());
      label.append(element);
      form.insertBefore(label, buttons);
      this.controls[control.name] = element;
    }
  }

  reset() {
    const values = {};
    for (const [name, element] of Object.entries(this.controls)) values[name] = element.value;
    const { settings, clamped } = readSettings(values);
    for (const change of clamped) this.controls[change.name].value = String(change.used);
    this.note.textContent = clamped.map((c) => c.message).join(" ");
    this.note.hidden = clamped.length === 0;
    this.run = new Run(settings);
    this.grid.refresh(this.run.net);
    this.draw();
  }

  toggle() {
    this.running = !this.running;
    this.playButton.textContent = this.running ? "Pause" : "Play";
    this.playButton.setAttribute("aria-pressed", String(this.running));
    if (this.running) requestAnimationFrame(() => this.frame());
  }

  frame() {
    if (!this.running) {
      this.draw(); // the words of the state it stopped at
      return;
    }
    const start = performance.now();
    const trained = this.run.trainWithin(TRAIN_BUDGET_MS);
    const gridStart = performance.now();
    if (!this.grid.snapshot) this.grid.begin(this.run.net);
    this.grid.advance(GRID_BUDGET_MS);
    const drawStart = performance.now();
    this.draw(drawStart - this.wordsAt >= WORDS_EVERY_MS);
    const end = performance.now();
    this.frames.push({
      at: start,
      steps: trained.steps,
      train: gridStart - start,
      grid: drawStart - gridStart,
      draw: end - drawStart,
      stepMs: this.run.stepMs,
      lastStepMs: this.run.lastStepMs,
    });
    if (this.frames.length > FRAME_RECORD) this.frames.splice(0, this.frames.length - FRAME_RECORD);
    requestAnimationFrame(() => this.frame());
  }

  // Draw every view; with ``words`` (always, but while playing), also rewrite the status line
  // and each chart's accessible name.
  draw(words = true) {
    if (!this.colors) {
      const style = getComputedStyle(document.body);
      const color = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
      this.colors = {
        fg: color("--md-default-fg-color", "#222"),
        muted: color("--md-default-fg-color--light", "#777"),
        accent: color("--md-accent-fg-color", "#526cfe"),
        bg: color("--md-default-bg-color", "#fff"),
      };
    }
    const run = this.run, colors = this.colors;
    drawBoundary(this.canvases.boundary, this.grid, run.data, this.boundaryCache);
    drawCost(this.canvases.loss, run.history, colors);
    this.notes = {
      activations: drawActivations(this.canvases.activations, run, colors),
      gradients: drawGradients(this.canvases.gradients, run, colors),
      variance: drawVariances(this.canvases.variance, run, colors),
    };
    if (!words) return;
    this.wordsAt = performance.now();
    // What a chart says in words is also in its accessible name.
    for (const [view, text] of Object.entries(this.notes)) {
      const canvas = this.canvases[view], label = this.labels[view] + ". Now: " + text;
      if (canvas.getAttribute("aria-label") !== label) canvas.setAttribute("aria-label", label);
    }
    const lr = shortNumber(run.lr) + (run.settings.lr === "auto" ? " (auto)" : "");
    this.status.textContent =
      "step " + run.steps + " · cost " + formatCost(run.grads.loss) + " · learning rate " + lr;
  }
}

function start() {
  for (const root of document.querySelectorAll(".playground")) playgrounds.push(new Playground(root));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
