"""The playground in Chromium: built from its table, clamps its inputs, trains what the page says
trains, and draws its views at their displayed size. Its mathematics is tested against initlab in
Node (tests/playground/test_network.py); nothing here asserts a timing
(benchmarks/playground_speed.py measures the frame budget)."""

from __future__ import annotations

import math
import re

import pytest
from matplotlib.colors import to_rgb

from harness.browser import PageWatch, chromium, serve, skip_unless_browser
from harness.builds import Build
from sitebuild import ROOT
from sitebuild.authoring import plotting

pytestmark = skip_unless_browser()
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
VIEWS = ROOT / "docs" / "javascripts" / "playground" / "views.js"

# Every evaluate below starts from the page's own modules: importing main.js again from the page
# returns the instance the page runs (same URL, same module), so no global object is needed.
MODULES = """
  const base = new URL('../javascripts/playground/', location.href);
  const {playgrounds} = await import(new URL('main.js', base));
  const N = await import(new URL('network.js', base));
  const p = playgrounds[0];
"""


def js(body: str) -> str:
    return "async (arg) => {" + MODULES + body + "}"


def open_playground(page, base: str) -> None:
    page.goto(base + "playground/", wait_until="load")
    page.wait_for_function("document.querySelector('[data-status]').textContent !== ''")


@pytest.fixture(scope="module")
def browser_and_base(built_site: Build):
    with serve(built_site.site) as base, chromium() as browser:
        yield browser, base


@pytest.fixture(scope="module")
def page(browser_and_base):
    browser, base = browser_and_base
    context = browser.new_context(viewport={"width": 1100, "height": 1600})
    page = context.new_page()
    watch = PageWatch(page, base)
    open_playground(page, base)
    yield page
    assert watch.console_errors == [] and watch.external_requests == []
    context.close()


def set_controls(page, **values) -> None:
    """Change controls as a reader does (each change rebuilds the network); unnamed ones keep
    their defaults."""
    page.evaluate(js("for (const c of N.CONTROLS) p.controls[c.name].value = String(c.value);"))
    page.click("[data-action=reset]")
    for control, value in values.items():
        selector = f"[data-control={control}]"
        if page.eval_on_selector(selector, "e => e.tagName") == "SELECT":
            page.select_option(selector, str(value))
        else:
            page.fill(selector, str(value))
            page.dispatch_event(selector, "change")


# The share of the training points on their side of the boundary (one function, used on the
# page and in the workers that train the deep runs).
ACCURACY = """(run) => {
  const out = run.forward.a[run.net.widths.length - 1], y = run.data.y;
  let right = 0;
  for (let r = 0; r < run.data.n; r++) right += (out[r] > 0.5) === (y[r] === 1);
  return right / run.data.n;
}"""

STATE = (
    """
  const run = p.run, hidden = run.net.widths.length - 2;
  const accuracy = """
    + ACCURACY
    + """;
  const W = run.net.W[0], n = run.net.widths[0], rows = run.net.widths[1];
  let spread = 0;  // largest difference between any hidden unit's weights and unit 1's
  for (let r = 1; r < rows; r++)
    for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(W[r * n + i] - W[i]));
  let saturated = 0, largest = 0;
  for (const v of run.forward.a[1]) if (Math.abs(v) > 0.99) saturated += 1;
  for (const a of run.forward.a.slice(1, -1))
    for (const v of a) largest = Math.max(largest, Math.abs(v));
  const meanAbs = (g) => g.reduce((s, v) => s + Math.abs(v), 0) / g.length;
  const grid = Array.from(p.grid.probability);
  return {first: run.history.first, last: run.history.last, steps: run.steps,
          accuracy: accuracy(run), spread, saturated: saturated / run.forward.a[1].length,
          largestActivation: largest, widths: run.net.widths, lr: run.lr, settings: run.settings,
          notes: p.notes, measured: run.forward.z.slice(0, hidden).map(N.meanSquare),
          predicted: run.predicted && run.predicted.slice(0, hidden),
          gradients: run.grads.ga.slice(1, hidden + 1).map(meanAbs),
          gridRange: Math.max(...grid) - Math.min(...grid)};
"""
)


def train(page, steps: int) -> dict:
    """Train the page's run for `steps` steps (as playing would, without waiting for frames)."""
    return page.evaluate(js(f"p.run.train({steps}); p.grid.refresh(p.run.net); p.draw();" + STATE))


def state(page) -> dict:
    return page.evaluate(js(STATE))


def test_controls_are_made_from_the_table(page):
    """Every select lists its table's choices with their labels, every number input has its
    limits and default; the first state is the table's defaults."""
    table = page.evaluate(js("return N.CONTROLS;"))
    for control in table:
        selector = f"[data-control={control['name']}]"
        if "choices" in control:
            options = page.eval_on_selector_all(
                selector + " option", "os => os.map(o => ({value: o.value, label: o.text}))"
            )
            assert options == control["choices"], control["name"]
            assert page.input_value(selector) == control["value"]
        else:
            limits = page.eval_on_selector(selector, "e => [e.type, e.min, e.max, e.value]")
            expected = ["number", str(control["min"]), str(control["max"]), str(control["value"])]
            assert limits == expected, control["name"]
        label = page.eval_on_selector(selector, "e => e.closest('label').textContent")
        assert label.startswith(control["label"])
    defaults = page.evaluate(js("return N.DEFAULTS;"))
    assert state(page)["settings"] == defaults


def test_out_of_range_inputs_are_clamped_with_a_visible_note(page):
    set_controls(page, depth=0)
    assert page.input_value("[data-control=depth]") == "1"
    assert page.is_visible("[data-note]")
    assert page.text_content("[data-note]") == "Hidden layers: 0 is below the minimum 1; using 1."
    assert state(page)["widths"] == [2, 16, 1]
    page.fill("[data-control=width]", "1000")
    page.dispatch_event("[data-control=width]", "change")
    assert page.input_value("[data-control=width]") == "32"
    assert page.text_content("[data-note]") == "Width: 1000 is above the maximum 32; using 32."
    assert state(page)["widths"] == [2, 32, 1]
    page.fill("[data-control=depth]", "20")  # allowed now: no note
    page.dispatch_event("[data-control=depth]", "change")
    assert not page.is_visible("[data-note]")
    assert state(page)["widths"] == [2] + [32] * 20 + [1]
    page.fill("[data-control=depth]", "45")
    page.dispatch_event("[data-control=depth]", "change")
    assert page.input_value("[data-control=depth]") == "30"
    assert "above the maximum 30; using 30" in page.text_content("[data-note]")
    set_controls(page)
    assert not page.is_visible("[data-note]")


def test_good_initializations_learn_with_the_defaults(page):
    """Three hidden layers (the default depth) and the automatic learning rate: within 1000 steps
    (under a second of playing) the cost falls below half its start."""
    for controls in (
        {},  # the page's defaults: Xavier, tanh, spirals
        {"init": "he", "activation": "relu"},
        {"init": "he", "activation": "relu", "dataset": "moons"},
        {"init": "xavier_uniform", "activation": "tanh", "dataset": "circles"},
    ):
        set_controls(page, **controls)
        result = train(page, 1000)
        assert result["last"] < 0.5 * result["first"], (controls, result)


# What docs/playground.md says under "What to try", one test per item (3 hidden layers unless
# the item says 30; the page's defaults otherwise, the automatic learning rate included).


def test_zero_start_keeps_one_colour_and_the_cost_of_a_coin_toss(page):
    for activation in ("tanh", "relu"):
        set_controls(page, init="zero", activation=activation)
        result = train(page, 1000)
        assert result["gridRange"] == 0.0  # the whole plane one colour
        assert abs(result["last"] - 0.69) < 0.005, result
        assert result["measured"] == [0.0] * 3 and result["gradients"] == [0.0] * 3


def test_constant_start_keeps_hidden_units_identical(page):
    set_controls(page, init="constant", dataset="moons")
    assert train(page, 1000)["spread"] == 0.0  # one direction of the plane: a straight boundary
    set_controls(page, init="zero", dataset="moons")
    assert train(page, 100)["spread"] == 0.0


def test_too_small_start_is_a_spike_with_ever_smaller_gradients(page):
    for seed in (1, 2, 3):
        set_controls(page, init="small", seed=seed)
        start = state(page)
        assert start["largestActivation"] < 0.01
        gradients = start["gradients"]  # each layer's mean |∂C/∂a|, first hidden layer first
        pairs = zip(gradients, gradients[1:], strict=False)
        assert all(later > 100 * earlier for earlier, later in pairs)
        assert abs(train(page, 2000)["last"] - 0.69) < 0.005
    set_controls(page, init="small", depth=10)
    assert "below 10⁻²⁰ (left edge)" in state(page)["notes"]["gradients"]


def test_too_large_start_saturates_tanh_and_leaves_its_linear_regime(page):
    set_controls(page, init="large")
    result = state(page)
    assert result["first"] > 5  # vs ln 2 ≈ 0.69 for an uninformed prediction
    assert result["saturated"] > 0.5
    assert result["predicted"][2] > 100 * result["measured"][2]  # dots far above the bars
    assert train(page, 200)["saturated"] > 0.5


def test_too_large_start_with_relu_overflows_at_depth_30(page):
    set_controls(page, init="large", activation="relu")
    assert state(page)["first"] > 1e4
    set_controls(page, init="large", activation="relu", depth=30)
    assert math.isnan(train(page, 1)["last"])


def test_good_starts_begin_near_the_prediction(page):
    """Each bar within a factor of 4 of its dot at the start."""
    for init, activation in (("xavier_normal", "tanh"), ("he", "relu")):
        for seed in (1, 2, 3, 4, 5):
            set_controls(page, init=init, activation=activation, seed=seed)
            result = state(page)
            for measured, predicted in zip(result["measured"], result["predicted"], strict=True):
                assert 1 / 4 < measured / predicted < 4, (init, seed, result)


def test_at_depth_30_one_network_wanders_from_the_prediction(page):
    """He + ReLU, 30 layers of 16, at the start: seed 1's last bar is more than 100 times below
    its dot, and on most seeds the last bar is below its dot."""
    ratios = []
    for seed in (1, 2, 3, 4, 5):
        set_controls(page, init="he", activation="relu", depth=30, seed=seed)
        result = state(page)
        ratios.append(result["measured"][-1] / result["predicted"][-1])
    assert ratios[0] < 1 / 100
    assert sorted(ratios)[2] < 1, ratios


def test_xavier_relu_at_depth_30_starts_with_a_vanished_signal(page):
    for seed in (1, 2, 3, 4, 5):
        set_controls(page, init="xavier_normal", activation="relu", depth=30, seed=seed)
        result = state(page)
        measured, predicted = result["measured"], result["predicted"]
        assert predicted[1:] == pytest.approx([p / 2 for p in predicted[:-1]], rel=1e-12)
        assert measured[-1] < 1e-8 * measured[0]  # more than eight decades down
        gradients = result["gradients"]
        assert 1e-6 < gradients[0] / gradients[-1] < 1e-4, (seed, gradients)


# Training at depth 30 (3000 steps): what the page says under "go deep".
DEEP_STEPS = 3000
DEEP_RUNS = {  # (initialization, activation) -> seeds
    ("he", "relu"): (1, 2, 3, 4, 5),
    ("xavier_normal", "relu"): (1, 2, 3),
    ("xavier_normal", "tanh"): (1, 2, 3),
    ("he", "tanh"): (1, 2, 3),
}


# Runs, each trained in a worker of its own, a worker per core at a time: the page's Run class
# (network.js, the module the page imports) on the settings the page's controls produced.
TRAIN_IN_WORKERS = (
    """
  const code = `import {Run} from '${new URL('network.js', base)}';
    const accuracy = """
    + ACCURACY
    + """;
    onmessage = ({data: {settings, steps}}) => {
      const run = new Run(settings);
      run.train(steps);
      postMessage({first: run.history.first, last: run.history.last, steps: run.steps,
                   accuracy: accuracy(run), widths: run.net.widths, lr: run.lr});
    };`;
  const url = URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
  const {settings, steps} = arg, results = new Array(settings.length);
  let next = 0;
  const worker = () => new Promise((resolve, reject) => {
    const w = new Worker(url, {type: 'module'});
    w.onerror = (event) => reject(new Error(event.message));
    const give = () => {
      if (next === settings.length) { w.terminate(); resolve(); return; }
      const k = next++;
      w.onmessage = ({data}) => { results[k] = data; give(); };
      w.postMessage({settings: settings[k], steps});
    };
    give();
  });
  const workers = Math.min(navigator.hardwareConcurrency || 1, settings.length);
  await Promise.all(Array.from({length: workers}, worker));
  return results;
"""
)


@pytest.fixture(scope="module")
def deep_runs(page) -> dict:
    keys, settings = [], []
    for (init, activation), seeds in DEEP_RUNS.items():
        for seed in seeds:
            set_controls(page, init=init, activation=activation, seed=seed, depth=30)
            keys.append((init, activation, seed))
            settings.append(page.evaluate(js("return p.run.settings;")))
    set_controls(page)
    results = page.evaluate(js(TRAIN_IN_WORKERS), {"settings": settings, "steps": DEEP_STEPS})
    assert [result["steps"] for result in results] == [DEEP_STEPS] * len(keys)
    return dict(zip(keys, results, strict=True))


def trained(run: dict) -> bool:
    """At least 90% of the points on their side, and the cost below a third of its start."""
    return run["accuracy"] >= 0.9 and run["last"] < run["first"] / 3


def test_he_relu_trains_at_depth_30_on_every_seed(deep_runs):
    for seed in DEEP_RUNS["he", "relu"]:
        run = deep_runs["he", "relu", seed]
        assert run["widths"] == [2] + [16] * 30 + [1] and run["lr"] == pytest.approx(3 / 900)
        assert trained(run), (seed, run)


def test_xavier_relu_learns_nothing_at_depth_30(deep_runs):
    for seed in DEEP_RUNS["xavier_normal", "relu"]:
        run = deep_runs["xavier_normal", "relu", seed]
        assert abs(run["last"] - 0.69) < 0.005 and run["accuracy"] < 0.6, (seed, run)


def test_tanh_at_depth_30_learns_slowly_with_xavier_and_trains_with_he(deep_runs):
    """Xavier + tanh: the cost falls, but ends more than 50 times He + ReLU's on the same seed."""
    for seed in DEEP_RUNS["xavier_normal", "tanh"]:
        run = deep_runs["xavier_normal", "tanh", seed]
        assert run["last"] < 0.95 * run["first"], (seed, run)
        assert run["last"] > 50 * deep_runs["he", "relu", seed]["last"], (seed, run)
    for seed in DEEP_RUNS["he", "tanh"]:
        assert trained(deep_runs["he", "tanh", seed]), seed


def test_views_say_why_they_show_nothing(page):
    """A zero start: every z and every hidden gradient is exactly 0, which a log scale cannot
    show; the charts say so in words (drawn, and in the canvas's accessible name)."""
    set_controls(page, init="zero")
    notes = state(page)["notes"]
    assert "every z is exactly 0" in notes["variance"]
    assert "every gradient is exactly 0" in notes["gradients"]
    label = page.get_attribute("canvas[data-view=variance]", "aria-label")
    assert "every z is exactly 0" in label
    set_controls(page, init="constant")
    assert "no prediction" in state(page)["notes"]["variance"]
    set_controls(page, init="small", depth=10)
    assert "below 10⁻²⁰" in state(page)["notes"]["gradients"]  # piled at the axis's left edge
    set_controls(page)


def test_playing_trains_and_pausing_stops(page):
    set_controls(page)
    page.click("[data-action=play]")
    assert page.get_attribute("[data-action=play]", "aria-pressed") == "true"
    page.wait_for_function(
        "parseInt(document.querySelector('[data-status]').textContent.split(' ')[1]) >= 100"
    )
    page.click("[data-action=play]")
    assert page.get_attribute("[data-action=play]", "aria-pressed") == "false"
    paused = state(page)["steps"]
    page.wait_for_timeout(300)
    assert state(page)["steps"] == paused
    # While playing the words are rewritten a few times a second; paused, they say where it stopped.
    assert page.text_content("[data-status]").startswith(f"step {paused} · ")
    frames = page.evaluate(js("return p.frames.length;"))
    assert frames >= 1


def test_the_status_line_has_no_timings(page):
    set_controls(page)
    train(page, 3)
    status = page.text_content("[data-status]")
    assert re.fullmatch(r"step 3 · cost \d\.\d{4} · learning rate [\d.]+ \(auto\)", status), status


def test_playground_draws_a_long_run(page):
    """A history of 300,000 steps is drawn without error (the view once took Math.max of every
    cost: past ~125,000 steps that overflowed the stack and stopped the playground)."""
    drawn = page.evaluate(
        js(
            """
            const history = new N.LossHistory();
            for (let k = 0; k < 300000; k++) history.push(1 + 1 / (1 + k));
            p.run.history = history;
            p.draw();
            const view = p.canvases.loss, pixels = view.getContext('2d')
              .getImageData(0, 0, view.width, view.height).data;
            let painted = 0;
            for (let k = 3; k < pixels.length; k += 4) if (pixels[k] > 0) painted += 1;
            return painted;
            """
        )
    )
    assert drawn > 1000  # axes, labels and the curve
    page.click("[data-action=reset]")


def test_depth_width_seed_and_learning_rate_controls_rebuild_the_network(page):
    set_controls(page, init="he", activation="relu", depth=5, width=8, seed=7, lr="0.1")
    first = page.evaluate(js("return Array.from(p.run.net.W[0].slice(0, 3));"))
    result = state(page)
    assert result["widths"] == [2, 8, 8, 8, 8, 8, 1] and result["lr"] == 0.1
    set_controls(page, init="he", activation="relu", depth=5, width=8, seed=8, lr="0.1")
    assert page.evaluate(js("return Array.from(p.run.net.W[0].slice(0, 3));")) != first
    set_controls(page, init="he", activation="relu", depth=5, width=8, seed=7, lr="0.1")
    assert page.evaluate(js("return Array.from(p.run.net.W[0].slice(0, 3));")) == first
    set_controls(page)


@pytest.mark.parametrize(
    "viewport, scale",
    [((1200, 900), 1), ((1100, 900), 1), ((390, 844), 3)],  # 1200: a 300-px-wide square view
    ids=["desktop-1200", "desktop-1100", "phone"],
)
def test_every_view_is_drawn_at_its_displayed_size(browser_and_base, viewport, scale):
    """The canvas's pixels match its size on screen (× the device pixel ratio), so no view is
    stretched: a 300 × 150 default height once squashed the square decision-boundary view."""
    browser, base = browser_and_base
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=scale
    )
    page = context.new_page()
    open_playground(page, base)
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('canvas[data-view]')].map(c => [
             c.dataset.view, c.width, c.height,
             Math.round(c.clientWidth * devicePixelRatio),
             Math.round(c.clientHeight * devicePixelRatio)])"""
    )
    context.close()
    assert len(sizes) == 5
    for view, width, height, shown_width, shown_height in sizes:
        assert (width, height) == (shown_width, shown_height), view
    boundary = next(s for s in sizes if s[0] == "boundary")
    assert boundary[1] == boundary[2]  # the decision boundary is square


def test_layer_colours_are_the_static_figures_ramp():
    """The playground's histograms use scripts/plotting.py's colours, so one key fits the site."""
    script = VIEWS.read_text(encoding="utf-8")
    found = re.search(r'LAYER_FIRST = "(#[0-9a-f]{6})", LAYER_DEEPEST = "(#[0-9a-f]{6})"', script)
    assert found, "views.js no longer defines LAYER_FIRST and LAYER_DEEPEST"
    assert tuple(map(to_rgb, found.groups())) == (plotting.FIRST, plotting.DEEPEST)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_for_review(browser_and_base, theme):
    """Saved to artifacts/screenshots/ (git-ignored) after playing a while; the test checks the
    page drew every view."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser, base = browser_and_base
    for name, viewport in (("desktop", (1280, 1700)), ("phone", (390, 844))):
        context = browser.new_context(
            color_scheme=theme, viewport={"width": viewport[0], "height": viewport[1]}
        )
        page = context.new_page()
        watch = PageWatch(page, base)
        open_playground(page, base)
        page.click("[data-action=play]")
        page.wait_for_function(
            "parseInt(document.querySelector('[data-status]').textContent.split(' ')[1]) >= 150"
        )
        page.click("[data-action=play]")
        drawn = page.evaluate(
            """() => [...document.querySelectorAll('canvas[data-view]')].every(c => {
                 const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                 for (let k = 3; k < d.length; k += 4) if (d[k] > 0) return true;
                 return false; })"""
        )
        assert drawn
        page.screenshot(path=str(SCREENSHOTS / f"playground-{name}-{theme}.png"), full_page=True)
        assert watch.console_errors == [] and watch.external_requests == []
        context.close()
