"""The playground's speed in headless Chromium: what one training step, one pass of the decision
boundary's grid and one redraw of the charts cost, then the playground itself, playing: frames
and steps per second, training time per frame against its budget, the worst overrun against the
cost of one step, and the drawing time per frame. A script that prints figures, not a test.

    .venv/bin/python benchmarks/playground_speed.py [SITE_DIR] [SECONDS]   (default: site/, 4)
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from harness.browser import chromium, serve
from sitebuild import ROOT

MODULES = """
  const base = new URL('../javascripts/playground/', location.href);
  const main = await import(new URL('main.js', base));
  const N = await import(new URL('network.js', base));
  const p = main.playgrounds[0];
"""

CONFIGURATIONS = {  # name -> controls changed from the page's defaults
    "defaults (3 hidden layers of 16, tanh)": {},
    "He + ReLU, 30 hidden layers of 16": {"init": "he", "activation": "relu", "depth": 30},
    "He + ReLU, 30 hidden layers of 32 (the largest)": {
        "init": "he",
        "activation": "relu",
        "depth": 30,
        "width": 32,
    },
}

# Costs of the parts of a frame, each the median of repeated runs after a warm-up.
PARTS = (
    """async (controls) => {"""
    + MODULES
    + """
  const settings = {...N.DEFAULTS, ...controls};
  const median = (f, repeats) => {
    for (let k = 0; k < 3; k++) f();
    const times = [];
    for (let k = 0; k < repeats; k++) {
      const t = performance.now();
      f();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(repeats / 2)];
  };
  const run = new N.Run(settings);
  const step = median(() => run.train(10), 15) / 10;
  const grid = new N.BoundaryGrid(p.grid.cells, p.grid.extent);
  const pass = median(() => grid.refresh(run.net), 9);
  const saved = p.run;
  p.run = run;
  const draw = median(() => p.draw(), 15);
  p.run = saved;
  p.draw();
  return {step, pass, draw};
}"""
)

# The page's own frame records while it plays (main.js keeps the last frames' timings).
PLAY = (
    """async ([controls, seconds]) => {"""
    + MODULES
    + """
  for (const c of N.CONTROLS) p.controls[c.name].value = String(controls[c.name] ?? c.value);
  p.reset();
  p.frames.length = 0;
  p.playButton.click();
  await new Promise((done) => setTimeout(done, 1000));  // past the JIT's warm-up
  const from = p.frames.length, start = performance.now(), steps = p.run.steps;
  await new Promise((done) => setTimeout(done, seconds * 1000));
  const frames = p.frames.slice(from), elapsed = (performance.now() - start) / 1000;
  const trained = p.run.steps - steps;
  p.playButton.click();
  return {frames, elapsed, trained, budget: main.TRAIN_BUDGET_MS, gridBudget: main.GRID_BUDGET_MS};
}"""
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(name: str, parts: dict, play: dict) -> None:
    frames = play["frames"]
    budget = play["budget"]
    train = [f["train"] for f in frames]
    steps = [f["steps"] for f in frames]
    drawing = [f["grid"] + f["draw"] for f in frames]
    intervals = [b["at"] - a["at"] for a, b in zip(frames, frames[1:], strict=False)]
    # A frame's overrun past the budget, and what its last step cost: the last step starts only
    # if its estimated cost fits, so the overrun is below that step's cost by construction.
    overruns = [(f["train"] - budget, f["lastStepMs"]) for f in frames]
    worst = max(overruns)
    typical = statistics.median(f["train"] / f["steps"] for f in frames)
    beyond = sum(1 for overrun, _ in overruns if overrun > typical)
    print(f"\n{name}")
    print(
        f"  one step {parts['step']:.2f} ms; one pass of the boundary grid {parts['pass']:.2f} ms; "
        f"redrawing every view {parts['draw']:.2f} ms"
    )
    print(
        f"  playing: {len(frames) / play['elapsed']:.0f} frames/s, "
        f"{play['trained'] / play['elapsed']:.0f} steps/s, "
        f"{statistics.median(steps):.0f} steps per frame (median)"
    )
    print(
        f"  training per frame: median {statistics.median(train):.1f} ms, "
        f"max {max(train):.1f} ms, budget {budget:g} ms"
    )
    print(
        f"  worst overrun past the budget: {worst[0]:.2f} ms; that frame's last step took "
        f"{worst[1]:.2f} ms ({'within' if worst[0] <= worst[1] else 'MORE than'} one step); "
        f"a typical step {typical:.2f} ms"
    )
    print(
        f"  frames over budget by more than a typical step: {beyond} of {len(frames)} "
        f"(a step slowed by garbage collection or another process)"
    )
    print(
        f"  drawing per frame (grid ≤ {play['gridBudget']:g} ms + charts): "
        f"median {statistics.median(drawing):.1f} ms, max {max(drawing):.1f} ms"
    )
    if intervals:
        print(
            f"  time between frames: median {statistics.median(intervals):.1f} ms, "
            f"95th percentile {percentile(intervals, 0.95):.1f} ms, max {max(intervals):.1f} ms"
        )


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 4
    print("The playground in headless Chromium (software rendering), 256 training points")
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(base + "playground/", wait_until="load")
        page.wait_for_function("document.querySelector('[data-status]').textContent !== ''")
        for name, controls in CONFIGURATIONS.items():
            parts = page.evaluate(PARTS, controls)
            play = page.evaluate(PLAY, [controls, seconds])
            report(name, parts, play)


if __name__ == "__main__":
    main()
