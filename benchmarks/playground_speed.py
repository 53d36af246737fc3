"""The playground's training speed in Chromium: milliseconds for 30 steps of a 2-16-16-16-1 net
on 256 points, and steps per 60 Hz frame; then the playground itself, playing with its default
settings (that net, 30 steps a frame, every view redrawn each frame): frames and steps per second.
A script that prints figures, not a timed test.

    .venv/bin/python benchmarks/playground_speed.py [SITE_DIR]    (default: site/)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, serve  # noqa: E402

MEASURE = """() => {
  const P = window.InitPlayground, data = P.makeData('spirals', 256, 1);
  const net = P.createNetwork([2, 16, 16, 16, 1], 'tanh', 'xavier_normal', 1);
  const ws = {};  // reused buffers, as the playground trains
  let fwd = P.forward(net, data.X, data.n, ws), grads = P.backward(net, fwd, data.y, ws);
  const run = (steps) => {
    for (let k = 0; k < steps; k++) {
      P.step(net, grads, 0.5);
      fwd = P.forward(net, data.X, data.n, ws);
      grads = P.backward(net, fwd, data.y, ws);
    }
  };
  run(300);  // warm up the JIT
  const times = [];
  for (let r = 0; r < 20; r++) {
    const t = performance.now();
    run(30);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  // The machine's scalar speed, for comparison with other machines: a plain multiply-add loop.
  const xs = new Float64Array(1 << 20);
  for (let i = 0; i < xs.length; i++) xs[i] = i % 7;
  let s = 0;
  const t = performance.now();
  for (let r = 0; r < 20; r++) for (let i = 0; i < xs.length; i++) s += xs[i] * xs[i];
  const nsPerMultiplyAdd = ((performance.now() - t) * 1e6) / (20 * xs.length);
  return {median: times[10], best: times[0], nsPerMultiplyAdd: nsPerMultiplyAdd, s: s};
}"""


PLAY_SECONDS = 4


def playing(page) -> dict:
    """Frames and steps per second while the playground plays, drawing every frame."""
    page.click("[data-action=play]")
    page.wait_for_timeout(1000)  # past the first frames and the JIT's warm-up
    before = page.evaluate("[window.InitPlayground.instance.stepCount, performance.now()]")
    page.wait_for_timeout(PLAY_SECONDS * 1000)
    after = page.evaluate("[window.InitPlayground.instance.stepCount, performance.now()]")
    page.click("[data-action=play]")
    seconds = (after[1] - before[1]) / 1000
    steps_per_frame = page.evaluate("window.InitPlayground.instance.stepsPerFrame")
    steps = after[0] - before[0]
    return {"steps_per_s": steps / seconds, "frames_per_s": steps / steps_per_frame / seconds}


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "playground/", wait_until="load")
        result = page.evaluate(MEASURE)
        live = playing(page)
    per_step = result["median"] / 30
    print("2-16-16-16-1 on 256 points, headless Chromium (software rendering, 2 cores)")
    print(f"30 steps: median {result['median']:.1f} ms, best {result['best']:.1f} ms")
    print(f"steps that fit in one 60 Hz frame (16.7 ms): {16.7 / per_step:.0f}")
    print(
        f"this machine's plain multiply-add loop: {result['nsPerMultiplyAdd']:.2f} ns per element"
    )
    print(
        f"playing, every view redrawn each frame: {live['frames_per_s']:.0f} frames/s, "
        f"{live['steps_per_s']:.0f} steps/s"
    )


if __name__ == "__main__":
    main()
