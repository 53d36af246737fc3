"""The playground in Chromium: its math equals initlab's, its controls work, it trains."""

from __future__ import annotations

import re

import numpy as np
import plotting
import pytest
from browser import PageWatch, chromium, serve, skip_unless_browser
from conftest import ROOT, Build
from matplotlib.colors import to_rgb

import initlab
from initlab.network import MLP

pytestmark = skip_unless_browser()
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
JS_NAMES = {"identity": "linear", "tanh": "tanh", "relu": "relu", "sigmoid": "sigmoid"}


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
    page.goto(base + "playground/", wait_until="load")
    page.wait_for_function("window.InitPlayground && window.InitPlayground.instance")
    yield page
    assert watch.console_errors == [] and watch.external_requests == []
    context.close()


JS_PASS = """([net, X, y, n]) => {
  const P = window.InitPlayground;
  const model = {widths: net.widths, activation: net.activation,
                 W: net.W.map(w => Float64Array.from(w)), b: net.b.map(b => Float64Array.from(b))};
  const fwd = P.forward(model, Float64Array.from(X), n);
  const g = P.backward(model, fwd, Float64Array.from(y));
  const list = arrays => arrays.map(a => Array.from(a));
  return {z: list(fwd.z), a: list(fwd.a), gW: list(g.gW), gb: list(g.gb), ga: list(g.ga),
          loss: g.loss};
}"""


# Widths and batch sizes that reach both paths of the JS matrix product: its 2 × 4 tiles and
# the plain loop for leftover rows and columns (odd batch, widths not a multiple of 4).
SHAPES = {"odd": ([2, 5, 4, 1], 9), "tiled": ([3, 8, 6, 1], 10)}


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("activation", sorted(JS_NAMES))
def test_forward_and_backward_equal_initlab_to_1e_9(page, activation, shape):
    widths, n = SHAPES[shape]
    rng = np.random.default_rng(3)
    net = MLP(widths, activation, "sigmoid", "xavier_normal", rng)
    for b in net.biases:
        b += rng.normal(scale=0.2, size=b.shape)
    X = rng.normal(size=(n, widths[0]))
    y = (rng.random(n) > 0.5).astype(float)
    fwd = net.forward(X)
    grads = net.backward(fwd, y, "bce")
    case = {
        "widths": net.widths,
        "activation": JS_NAMES[activation],
        "W": [w.ravel().tolist() for w in net.weights],
        "b": [b.tolist() for b in net.biases],
    }
    js = page.evaluate(JS_PASS, [case, X.ravel().tolist(), y.tolist(), len(X)])

    def close(ours, theirs):
        np.testing.assert_allclose(np.asarray(theirs), np.ravel(ours), rtol=1e-9, atol=1e-12)

    for layer in range(net.depth):
        close(fwd.z[layer], js["z"][layer])
        close(fwd.a[layer + 1], js["a"][layer + 1])
        close(grads.weights[layer], js["gW"][layer])
        close(grads.biases[layer], js["gb"][layer])
    for layer in range(net.depth):  # gradients with respect to the input and hidden activations
        close(grads.a[layer], js["ga"][layer])
    assert js["loss"] == pytest.approx(grads.loss, rel=1e-12)


PRODUCTS = """() => {
  const P = window.InitPlayground;
  const random = P.mulberry32(7), fill = (size) => Float64Array.from({length: size}, random);
  const [p, q, k] = [7, 6, 5];  // 3 tiles of 2 × 4, and leftover rows and columns
  const A = fill(p * k), B = fill(q * k), start = fill(q);
  const strides = {  // [ap, ak, bq, bk, start]: a training step's a·Wᵀ + b, gz·W and gzᵀ·a
    affine: [k, 1, k, 1, start],
    back_input: [k, 1, 1, q, null],
    back_parameters: [1, p, 1, q, null],
  };
  const out = {};
  for (const [name, [ap, ak, bq, bk, s]] of Object.entries(strides)) {
    const tiled = new Float64Array(p * q), plain = new Float64Array(p * q);
    P.product(A, ap, ak, B, bq, bk, p, q, k, tiled, s);
    P.plainProduct(A, ap, ak, B, bq, bk, 0, p, 0, q, k, plain, s);
    out[name] = {tiled: Array.from(tiled), plain: Array.from(plain)};
  }
  return out;
}"""


def test_tiled_product_gives_the_plain_loops_bits(page):
    """The fast product adds every sum's terms in the same order as the plain loop."""
    results = page.evaluate(PRODUCTS)
    assert sorted(results) == ["affine", "back_input", "back_parameters"]
    for name, result in results.items():
        assert len(result["plain"]) == 42 and 0 not in result["plain"], name
        assert result["tiled"] == result["plain"], name


INITS = {  # playground name -> initlab draw of the same shape (out, in) = (300, 200)
    "lecun": lambda r: initlab.variance_scaling((300, 200), 1.0, "fan_in", "untruncated_normal",
                                                rng=r, layout="torch"),
    "xavier_normal": lambda r: initlab.xavier_normal((300, 200), rng=r),
    "xavier_uniform": lambda r: initlab.xavier_uniform((300, 200), rng=r),
    "he": lambda r: initlab.kaiming_normal((300, 200), nonlinearity="relu", rng=r),
    "small": lambda r: initlab.normal((300, 200), 0.0, 0.001, rng=r),
    "large": lambda r: initlab.normal((300, 200), 0.0, 10.0, rng=r),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(INITS))
def test_initializers_have_initlabs_variance(page, name):
    js = page.evaluate(
        """(name) => {
          const w = window.InitPlayground.createNetwork([200, 300], 'tanh', name, 5).W[0];
          let s = 0, q = 0, m = 0;
          for (const v of w) { s += v; q += v * v; m = Math.max(m, Math.abs(v)); }
          return {mean: s / w.length, variance: q / w.length - (s / w.length) ** 2, max: m};
        }""",
        name,
    )
    ours = INITS[name](np.random.default_rng(0))
    assert js["variance"] == pytest.approx(ours.var(), rel=0.03)
    assert abs(js["mean"]) < 4 * np.sqrt(ours.var() / ours.size)
    if name == "xavier_uniform":
        assert js["max"] <= np.sqrt(6 / 500) and js["max"] > 0.99 * np.sqrt(6 / 500)


def set_controls(page, **values):
    for control, value in values.items():
        selector = f"[data-control={control}]"
        if page.eval_on_selector(selector, "e => e.tagName") == "SELECT":
            page.select_option(selector, str(value))
        else:
            page.fill(selector, str(value))
            page.dispatch_event(selector, "change")


def run_steps(page, steps: int) -> dict:
    start = page.evaluate("InitPlayground.instance.stepCount")
    page.click("[data-action=play]")
    page.wait_for_function(f"InitPlayground.instance.stepCount >= {start + steps}", timeout=60000)
    page.click("[data-action=play]")
    return page.evaluate(
        """() => {
          const p = InitPlayground.instance;
          const W = p.net.W[0], n = p.net.widths[0], rows = p.net.widths[1];
          let spread = 0;  // largest difference between any hidden unit's weights and unit 1's
          for (let r = 1; r < rows; r++)
            for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(W[r * n + i] - W[i]));
          const a1 = p.lastForward.a[1];
          let saturated = 0;
          for (const v of a1) if (Math.abs(v) > 0.99) saturated += 1;
          return {first: p.history.first, last: p.history.last, steps: p.stepCount,
                  spread: spread, saturated: saturated / a1.length, widths: p.net.widths};
        }"""
    )


@pytest.mark.parametrize(
    "controls",
    [
        {"init": "xavier_normal", "activation": "tanh", "dataset": "spirals"},
        {"init": "he", "activation": "relu", "dataset": "moons"},
        {"init": "xavier_uniform", "activation": "tanh", "dataset": "circles"},
    ],
    ids=lambda c: f"{c['init']}-{c['activation']}-{c['dataset']}",
)
def test_good_initializations_learn(page, controls):
    set_controls(page, depth=3, width=16, lr=0.5, seed=1, **controls)
    result = run_steps(page, 300)
    assert result["steps"] >= 300
    assert result["last"] < 0.7 * result["first"]


def test_constant_start_keeps_hidden_units_identical(page):
    set_controls(page, init="constant", activation="tanh", dataset="moons", lr=0.5)
    result = run_steps(page, 200)
    assert result["spread"] == 0.0
    set_controls(page, init="zero")
    assert run_steps(page, 100)["spread"] == 0.0


def test_large_start_saturates_and_starts_with_a_huge_cost(page):
    set_controls(page, init="large", activation="tanh", dataset="spirals", lr=0.5, seed=1)
    initial = page.evaluate("InitPlayground.instance.history.first")
    result = run_steps(page, 200)
    assert initial > 2.0  # vs ln 2 ≈ 0.69 for an uninformed prediction
    assert result["saturated"] > 0.5


HISTORY = """(steps) => {
  const P = window.InitPlayground, history = new P.LossHistory(), costs = [];
  for (let k = 0; k < steps; k++) {  // a falling cost, a spike at step 123457, NaN now and then
    const cost = k === 123457 ? 1e6 : k % 1000 === 7 ? NaN : 1 + 1 / (1 + k);
    history.push(cost);
    if (steps <= 2000) costs.push(cost);
  }
  const finite = (values) => values.filter((v) => v === v);
  return {buckets: history.low.length, stride: history.stride, count: history.count,
          first: history.first, last: history.last, low: Array.from(history.low),
          high: Array.from(history.high), lowest: Math.min(...finite(history.low)),
          highest: Math.max(...finite(history.high)), costs: costs};
}"""


def test_cost_history_keeps_every_step_until_it_must_merge(page):
    short = page.evaluate(HISTORY, 1000)
    assert short["stride"] == 1 and short["count"] == 1000
    assert np.isnan(short["costs"]).sum() == 1  # step 7's cost: left out, a gap in the curve
    np.testing.assert_array_equal(short["low"], short["costs"])  # NaN where NaN
    np.testing.assert_array_equal(short["high"], short["costs"])


def test_cost_history_stays_bounded_and_keeps_its_extremes(page):
    steps = 300_000  # about three minutes of playing; Math.max over them all would overflow
    result = page.evaluate(HISTORY, steps)
    buckets = page.evaluate("InitPlayground.HISTORY_BUCKETS")
    assert result["count"] == steps
    assert result["buckets"] <= buckets and result["buckets"] * result["stride"] >= steps
    assert result["stride"] == 512  # 300,000 steps in 586 buckets of 512
    assert result["first"] == 2.0 and result["last"] == 1 + 1 / steps
    assert result["highest"] == 1e6  # the one-step spike survives every merge
    assert result["high"][123457 // 512] == 1e6
    assert result["lowest"] == 1 + 1 / steps


def test_playground_draws_a_long_run(page):
    """A history of 300,000 steps is drawn without error (the view once took Math.max of every
    cost: past ~125,000 steps that overflowed the stack and stopped the playground)."""
    drawn = page.evaluate(
        """() => {
          const p = InitPlayground.instance, history = new InitPlayground.LossHistory();
          for (let k = 0; k < 300000; k++) history.push(1 + 1 / (1 + k));
          p.history = history;
          p.draw();
          const view = p.canvases.loss, pixels = view.getContext('2d')
            .getImageData(0, 0, view.width, view.height).data;
          let painted = 0;
          for (let k = 3; k < pixels.length; k += 4) if (pixels[k] > 0) painted += 1;
          return painted;
        }"""
    )
    assert drawn > 1000  # axes, labels and the curve
    page.click("[data-action=reset]")


def test_depth_width_seed_and_learning_rate_controls_rebuild_the_network(page):
    set_controls(page, init="he", activation="relu", depth=5, width=8, seed=7, lr=0.1)
    state = page.evaluate(
        "(() => { const p = InitPlayground.instance; return {widths: p.net.widths,"
        " lr: p.settingsUsed.lr, w: Array.from(p.net.W[0].slice(0, 3))}; })()"
    )
    assert state["widths"] == [2, 8, 8, 8, 8, 8, 1] and state["lr"] == 0.1
    set_controls(page, seed=8)
    other = page.evaluate("Array.from(InitPlayground.instance.net.W[0].slice(0, 3))")
    assert other != state["w"]


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
    page.goto(base + "playground/", wait_until="load")
    page.wait_for_function("window.InitPlayground && window.InitPlayground.instance")
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
    script = (ROOT / "docs" / "javascripts" / "playground.js").read_text(encoding="utf-8")
    found = re.search(r'LAYER_FIRST = "(#[0-9a-f]{6})", LAYER_DEEPEST = "(#[0-9a-f]{6})"', script)
    assert found, "playground.js no longer defines LAYER_FIRST and LAYER_DEEPEST"
    assert tuple(map(to_rgb, found.groups())) == (plotting.FIRST, plotting.DEEPEST)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_for_review(browser_and_base, theme):
    """Saved to artifacts/screenshots/ (git-ignored); the test checks the page drew its views."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser, base = browser_and_base
    for name, viewport in (("desktop", (1200, 1700)), ("phone", (390, 844))):
        context = browser.new_context(
            color_scheme=theme, viewport={"width": viewport[0], "height": viewport[1]}
        )
        page = context.new_page()
        page.goto(base + "playground/", wait_until="load")
        page.click("[data-action=play]")
        page.wait_for_function("InitPlayground.instance.stepCount >= 150", timeout=60000)
        page.click("[data-action=play]")
        drawn = page.evaluate(
            """() => [...document.querySelectorAll('canvas[data-view]')].every(c => {
                 const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                 for (let k = 3; k < d.length; k += 4) if (d[k] > 0) return true;
                 return false; })"""
        )
        assert drawn
        page.screenshot(path=str(SCREENSHOTS / f"playground-{name}-{theme}.png"), full_page=True)
        context.close()
