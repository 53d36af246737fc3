"""The width page: the derivations hold and break when they should; the table they produce is
Table 3 of Tensor Programs V and is what the experiment implements; the stacked networks compute
what initlab's MLP computes; the page's numbers agree with a second computation."""

import dataclasses
import math
import re

import numpy as np
import pytest
import sympy as sp

from harness import tables
from harness.derivation_tests import derivation_tests, derivations_of
from initlab.network import MLP
from sitebuild import BuildError
from sitebuild.authoring.proof import verify
from sitebuild.authoring.proof import with_changed_step as changed
from topics.width import derivations as d
from topics.width import experiment as ex
from topics.width import values as v

DERIVATIONS = derivations_of(d)


n, pa, pb, pc = d.n, d.pa, d.pb, d.pc
WRONG = {
    "the move without the width": changed(d.output_step, 2, rhs=-d.eta_out * d.g * d.mean_square),
    "the step without the learning rate": changed(
        d.output_step, 1, rhs=-d.g * sp.Sum(d.h[d.i] ** 2, (d.i, 1, n))
    ),
    "the multiplier not squared": changed(d.abc_rules, 2, rhs=n ** (-pa - 2 * pb)),
    "the chain rule forgotten": changed(d.abc_rules, 5, rhs=-d.eta * n ** (-pa - pc) * d.grad_W),
    "the gradient not scaled": changed(d.abc_rules, 3, rhs=d.grad_W),
}


test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)


def test_a_wrong_mup_output_rate_is_rejected():
    wrong = dataclasses.replace(
        d.output_step,
        formulas={
            **d.output_step.formulas,
            "mup": dataclasses.replace(d.output_step.formulas["mup"], lhs=sp.Eq(d.eta_out, d.eta)),
        },
    )
    with pytest.raises(BuildError):
        verify(wrong)


# Table 3 of Yang et al. (2022), SGD, as powers of the width n: (initial variance, learning rate).
TABLE_3 = {"input": (0, 1), "hidden": (-1, 0), "output": (-2, -1)}
SP = {"input": (0, 0), "hidden": (-1, 0), "output": (-1, 0)}


def exponent(expr) -> int:
    """The power of n in a monomial."""
    return int(sp.degree(sp.powsimp(expr * n**10), n)) - 10


@pytest.mark.parametrize("name,table", [("µP", TABLE_3), ("SP", SP)])
def test_the_abc_exponents_give_table_3(name, table):
    for layer, (variance, rate) in table.items():
        shown_variance, shown_rate = d.per_layer(*d.EXPONENTS[name][layer])
        assert (exponent(shown_variance), exponent(shown_rate)) == (variance, rate), layer


@pytest.mark.parametrize("name,table", [("µP", TABLE_3), ("SP", SP)])
def test_the_experiment_implements_the_table(name, table):
    """Doubling the width changes each layer's initial variance and learning rate by 2 to the
    table's powers, in the weights and multipliers the sweep trains with (fan-in n for the hidden
    and output layers, a fixed fan-in for the input layer)."""
    narrow, wide = 64, 128
    seeds = range(20)  # the output layer has only n weights: pool seeds for the variance
    weights = {w: [ex.initial_weights(name, w, seed) for seed in seeds] for w in (narrow, wide)}
    for index, layer in enumerate(("input", "hidden", "output")):
        variance, rate = table[layer]
        pooled = {w: np.mean([np.var(drawn[index]) for drawn in weights[w]]) for w in weights}
        measured = pooled[wide] / pooled[narrow]
        assert measured == pytest.approx(2.0**variance, rel=0.15), layer
        ratio = (
            ex.layout(name, wide).weight_rate[index] / ex.layout(name, narrow).weight_rate[index]
        )
        assert ratio == 2.0**rate, layer
    # Biases go with the input weights: their learning rate scales like their fan-out.
    bias = [
        ex.layout(name, wide).bias_rate[k] / ex.layout(name, narrow).bias_rate[k] for k in (0, 1, 2)
    ]
    assert bias == ([2.0, 2.0, 1.0] if name == "µP" else [1.0, 1.0, 1.0])


def test_at_the_base_width_the_parametrizations_coincide():
    assert ex.layout("µP", ex.BASE_WIDTH) == ex.layout("SP", ex.BASE_WIDTH)
    for a, b in zip(
        ex.initial_weights("µP", ex.BASE_WIDTH, 3),
        ex.initial_weights("SP", ex.BASE_WIDTH, 3),
        strict=True,
    ):
        np.testing.assert_array_equal(a, b)


def test_the_stack_is_initlabs_mlp():
    """One network of the stack against initlab's MLP with the same weights: the same cost and
    gradients, and one SGD step with the layout's multipliers."""
    X, y = ex.data()
    stack = ex.Stack("µP", 64, (0.125, 0.5), (1,), np.float64)
    rng = np.random.default_rng(2)
    for b in stack.biases:
        b += rng.normal(scale=0.1, size=b.shape)
    mlp = MLP([2, 64, 64, 1], "relu", "identity", "zeros", rng)
    for k in range(3):
        mlp.weights[k] = stack.weights[k][1].copy()
        mlp.biases[k] = stack.biases[k][1].copy()
    cost, weights, biases = stack.gradients(X, y)
    reference = mlp.backward(mlp.forward(X), y, "mse")
    assert cost[1] == pytest.approx(reference.loss, rel=1e-12)
    for k in range(3):
        np.testing.assert_allclose(weights[k][1], reference.weights[k], rtol=1e-10, atol=1e-15)
        np.testing.assert_allclose(biases[k][1], reference.biases[k], rtol=1e-10, atol=1e-15)
    before = [w[1].copy() for w in stack.weights]
    stack.step(weights, biases)
    layout = ex.layout("µP", 64)
    for k in range(3):
        expected = before[k] - 0.5 * layout.weight_rate[k] * reference.weights[k]
        np.testing.assert_allclose(stack.weights[k][1], expected, rtol=1e-12)


def test_a_float32_stack_computes_in_float32_throughout():
    """The sweep runs in DTYPE (float32): weights, biases, rates, activations, costs and
    gradients all keep it; a float64 array anywhere would silently promote the whole sweep."""
    X, y = ex.data()
    stack = ex.Stack("µP", 64, (0.125, 0.5), (1,), np.float32)
    assert stack.dtype == np.float32 and stack.rates.dtype == np.float32
    assert {w.dtype for w in stack.weights + stack.biases} == {np.dtype(np.float32)}
    a, z = stack.forward(X)
    assert {v.dtype for v in a + z} == {np.dtype(np.float32)}
    cost, weights, biases = stack.gradients(X, y)
    assert {v.dtype for v in [cost, *weights, *biases]} == {np.dtype(np.float32)}
    assert ex.DTYPE == np.float32


def test_an_unknown_parametrization_is_named():
    with pytest.raises(ValueError, match="unknown parametrization 'NTK'"):
        ex.layout("NTK", 64)


def test_a_blown_up_run_is_stopped_and_marked():
    cost = ex.sweep("SP", ex.WIDTHS[-1])
    last = cost[..., -1]
    assert np.isinf(last).any() and np.isfinite(last).any()
    for row in cost.reshape(-1, cost.shape[-1]):
        blown = ~np.isfinite(row)
        if blown.any():
            first = int(np.argmax(blown))
            assert blown[first:].all()  # once stopped, stopped
            assert first == 0 or row[first - 1] < ex.BLOWUP


def test_best_and_largest_stable_rates_from_the_costs():
    for name in ex.PARAMETRIZATIONS:
        for width in ex.WIDTHS:
            final = ex.sweep(name, width)[..., -1]
            geometric = np.exp(np.mean(np.log(final), axis=0))
            assert ex.best_rate(name, width) == ex.RATES[int(np.argmin(geometric))]
            stable = [r for r, col in zip(ex.RATES, final.T, strict=True) if np.isfinite(col).all()]
            assert ex.largest_stable_rate(name, width) == max(stable)


def test_float32_sweep_agrees_with_float64_at_a_stable_rate():
    """The sweep runs in float32; at a rate well inside the stable range the float64 run gives
    the same final cost to a few digits."""
    X, y = ex.data()
    stack = ex.Stack("SP", 128, (ex.RATES[0],), (0,), np.float64)
    for _ in range(ex.STEPS):
        _, weights, biases = stack.gradients(X, y)
        stack.step(weights, biases)
    reference = stack.costs(X, y)[0]
    assert ex.sweep("SP", 128)[0, 0, -1] == pytest.approx(reference, rel=1e-3)


def test_printed_values_agree_with_a_second_computation():
    sp_best = [ex.best_rate("SP", width) for width in ex.WIDTHS]
    assert float(v.sp_shift.text()) == sp_best[0] / sp_best[-1]
    assert v.sp_best_narrow.text() == f"$2^{{{int(np.log2(sp_best[0]))}}}$"
    assert float(v.width_ratio.text()) == ex.WIDTHS[-1] / ex.WIDTHS[0]
    assert int(v.runs.text()) == sum(ex.sweep(p, w).shape[0] * ex.sweep(p, w).shape[1]
                                     for p in ex.PARAMETRIZATIONS for w in ex.WIDTHS)  # fmt: skip


def _power(text: str) -> float:
    return 2.0 ** int(re.fullmatch(r"\$2\^\{(-?\d+)\}\$", text.strip())[1])


def _sp_mlp(width: int, seed: int = 0) -> MLP:
    """An SP network of the sweep as initlab's MLP (SP's multipliers are all 1)."""
    mlp = MLP([2, width, width, 1], "relu", "identity", "zeros", np.random.default_rng(0))
    mlp.weights = [w.copy() for w in ex.initial_weights("SP", width, seed)]
    return mlp


def test_shape_values_are_the_sweeps():
    widths = [int(w) for w in v.widths.compute().split(", ")]
    assert (widths[0], widths[-1]) == (v.narrow.compute(), v.wide.compute())
    assert v.width_ratio.compute() == widths[-1] / widths[0]
    inputs = int(re.match(r"\$(\d+) ", v.layers.compute())[1])
    for width in widths:
        shapes = [w.shape for w in ex.initial_weights("µP", width, 0)]
        assert shapes == [(width, inputs), (width, width), (1, width)]
    # the base width is where µP's multipliers are all 1, i.e. µP is SP
    coincide = [w for w in (2**k for k in range(3, 12)) if ex.layout("µP", w) == ex.layout("SP", w)]
    assert coincide == [v.base_width.compute()]
    cost = ex.sweep("µP", widths[0])
    assert cost.shape[0] == v.seeds.compute() and cost.shape[-1] == v.steps.compute() + 1
    assert len(ex.data()[0]) == v.points.compute()


def test_rate_grid_ends_reproduce_the_first_step_in_initlabs_mlp():
    X, y = ex.data()
    width = v.narrow.compute()
    cost = ex.sweep("SP", width)
    grid = [_power(v.lowest_rate.compute()), _power(v.highest_rate.compute())]
    for column, rate in zip((0, -1), grid, strict=True):
        history = _sp_mlp(width).train(X, y, "mse", rate, 1)
        assert history.loss[0] == pytest.approx(cost[0, column, 0], rel=1e-5)
        if history.loss[1] < v.blowup.compute():
            assert cost[0, column, 1] == pytest.approx(history.loss[1], rel=1e-4)
        else:  # stopped at its first step
            assert np.isinf(cost[0, column, 1])
    assert cost.shape[1] == round(math.log2(grid[1] / grid[0])) + 1  # one rate per octave


def test_blowup_a_stopped_run_really_crossed_it_and_no_kept_cost_did():
    blowup = v.blowup.compute()
    X, y = ex.data()
    width = v.wide.compute()
    cost = ex.sweep("SP", width)
    seed, column = 0, int(np.argmax(np.isinf(cost[0, :, -1])))  # the smallest rate that blew up
    first = int(np.argmax(np.isinf(cost[seed, column])))
    rate = ex.RATES[column]
    with np.errstate(over="ignore", invalid="ignore"):
        history = _sp_mlp(width, seed).train(X, y, "mse", rate, first)
    assert not history.loss[-1] < blowup  # ≥ the threshold, or not finite
    assert history.loss[first - 1] == pytest.approx(cost[seed, column, first - 1], rel=0.05)
    finite = np.concatenate([ex.sweep(p, w)[np.isfinite(ex.sweep(p, w))]
                             for p in ex.PARAMETRIZATIONS for w in ex.WIDTHS])  # fmt: skip
    assert finite.max() < blowup


def test_blowup_ratio_from_the_initial_networks():
    X, y = ex.data()
    starts = []
    for p in ex.PARAMETRIZATIONS:
        for width in ex.WIDTHS:
            for seed in ex.SEEDS:
                mlp = MLP([2, width, width, 1], "relu", "identity", "zeros",
                          np.random.default_rng(0))  # fmt: skip
                mlp.weights = ex.initial_weights(p, width, seed)
                starts.append(mlp.loss(mlp.forward(X), y, "mse"))
    assert v.blowup_ratio.compute() == pytest.approx(v.blowup.compute() / max(starts), rel=1e-4)


def _geometric_finals(parametrization: str, width: int) -> np.ndarray:
    final = ex.sweep(parametrization, width)[..., -1].astype(float)
    return np.array([math.exp(np.mean(np.log(col))) if np.isfinite(col).all() else math.inf
                     for col in final.T])  # fmt: skip


def test_best_rates_and_costs_from_the_sweeps_final_costs():
    grid = 2.0 ** np.arange(-8, 3)
    assert grid[0] == _power(v.lowest_rate.compute()) and grid[-1] == _power(v.highest_rate.text())
    finals = {(p, w): _geometric_finals(p, w) for p in ex.PARAMETRIZATIONS for w in ex.WIDTHS}
    best = {key: grid[int(np.argmin(f))] for key, f in finals.items()}
    narrow, wide = v.narrow.compute(), v.wide.compute()
    assert _power(v.sp_best_wide.compute()) == best[("SP", wide)]
    assert _power(v.sp_best_narrow.compute()) == best[("SP", narrow)]
    assert v.sp_shift.compute() == best[("SP", narrow)] / best[("SP", wide)] > 1
    mup = [_power(x) for x in v.mup_best_rates.compute().split(", ")]
    assert mup == [best[("µP", w)] for w in ex.WIDTHS]
    assert len(set(mup)) == 1  # µP's best rate does not move with the width
    assert v.mup_best_cost_narrow.compute() == pytest.approx(finals[("µP", narrow)].min(), 1e-6)
    assert v.mup_best_cost_wide.compute() == pytest.approx(finals[("µP", wide)].min(), 1e-6)
    assert v.sp_best_cost_wide.compute() == pytest.approx(finals[("SP", wide)].min(), 1e-6)
    # wider is better under µP, and µP's wide network beats SP's
    assert v.mup_best_cost_wide.compute() < v.mup_best_cost_narrow.compute()
    assert v.mup_best_cost_wide.compute() < v.sp_best_cost_wide.compute()


def test_page_has_its_derivations_figures_and_values(built_site):
    html = (built_site.site / "width" / "index.html").read_text(encoding="utf-8")
    for derivation in DERIVATIONS:
        assert f'id="derivation-{derivation.name}"' in html
    for figure in ("width/rate_sweep", "width/best_rates"):
        assert f"{figure}-light.svg" in html and f"{figure}-dark.svg" in html
    for value in (v.sp_shift, v.mup_best_cost_wide, v.runs):
        assert value.text() in html
    assert "{{" not in html


@pytest.fixture
def float64_sweep(monkeypatch):
    """The sweep rerun in float64: another rounding, as another machine's BLAS would give."""
    monkeypatch.setattr(ex, "DTYPE", np.float64)
    ex.sweep.cache_clear()
    yield
    ex.sweep.cache_clear()


def test_the_claims_survive_another_rounding(float64_sweep):
    from sitebuild.pipeline.registry import defined

    checked = [item for module, item in defined("claim") if module.topic == "width"]
    assert len(checked) >= 5
    for item in checked:
        assert item.holds(), item.name


def test_abc_table_is_yang_and_hus_rules_for_each_layer():
    """Every cell, from the abc-parametrization's definition (W = n^(-a) w, w ~ N(0, n^(-2b)),
    learning rate η n^(-c) on w): the initial variance of W is n^(-2a-2b), and W moves at
    η n^(-2a-c), written η, η/n^k or η n^k. The exponents are Tensor Programs V's (Table 3, SGD):
    µP's input layer a = -1/2, b = 1/2, its output layer a = b = 1/2; SP has a = 0 everywhere,
    and b = 1/2 except at the input, where b = 0."""
    half = sp.Rational(1, 2)
    exponents = {
        ("input", "µP"): (-half, half, 0), ("input", "SP"): (0, 0, 0),
        ("hidden", "µP"): (0, half, 0), ("hidden", "SP"): (0, half, 0),
        ("output", "µP"): (half, half, 0), ("output", "SP"): (0, half, 0),
    }  # fmt: skip
    n = sp.Symbol("n", positive=True)
    header, rows = tables.cells(d.abc_table.text())
    assert header == ["layer", "", "$a$", "$b$", "$c$", "initial variance", "learning rate"]
    assert [(row[0], row[1]) for row in rows] == list(exponents)
    for row in rows:
        a, b, c = exponents[row[0], row[1]]
        assert row[2:5] == [f"${sp.latex(sp.S(x))}$" for x in (a, b, c)], row
        assert row[5] == f"${sp.latex(n ** (-2 * a - 2 * b))}$", row
        k = -2 * a - c
        if k == 0:
            rate = "\\eta"
        elif k < 0:
            rate = f"\\frac{{\\eta}}{{{sp.latex(n**-k)}}}"
        else:
            rate = f"\\eta\\, {sp.latex(n**k)}"
        assert row[6] == f"${rate}$", row
