"""The LSUV page: its derivations hold and reject changed displays; LSUV, the per-layer
variances, the gains and the cost counts agree with a second computation (a reference-style
implementation that reruns from the input, initlab's forward pass, adaptive quadrature, Monte
Carlo)."""

import math

import mpmath
import numpy as np
import pytest
import sympy as sp

from harness import tables
from harness.derivation_tests import derivation_tests, derivations_of
from harness.numbers import number, number_range
from initlab.network import MLP
from sitebuild.authoring.printing import written_sum
from sitebuild.authoring.proof import with_changed_step as changed
from topics.lsuv import derivations as d
from topics.lsuv import experiment as ex
from topics.lsuv import values as v

DERIVATIONS = derivations_of(d)


c, z, S = d.c, d.z, d.Sigmoid
WRONG = {
    "variance linear in the factor": changed(d.rescaling, 1, rhs=c * d.variance_z),
    "dividing by the variance, not its root": changed(
        d.rescaling, 2, rhs=sp.Eq(c, 1 / d.variance_z)
    ),
    "relu swallowing the factor": changed(d.rescaling, 3, rhs=d.Relu(z)),
    "a logistic summing to 2": changed(d.silu_second_moment, 1, rhs=sp.Integer(2)),
    "symmetry without the half": changed(
        d.silu_second_moment, 2, rhs=d.E(z**2 * (S(z) ** 2 + S(-z) ** 2))
    ),
    "symmetry without its assumption": changed(d.silu_second_moment, 2, uses=()),
    "the square without the cross term's 2": changed(d.silu_second_moment, 3, rhs=1 - S(z) * S(-z)),
    "a small signal keeping half": changed(d.silu_second_moment, 4, rhs=sp.Rational(1, 2)),
    "a large signal keeping all": changed(d.silu_second_moment, 5, rhs=sp.Integer(1)),
    # A check that read less than it must would let these through (mutation testing found each)
    "relu dropped on the right": changed(d.rescaling, 3, rhs=c * z),
    "the average without its expectation": changed(
        d.silu_second_moment, 2, rhs=z**2 * written_sum(S(z) ** 2, S(-z) ** 2) / 2
    ),
    "a small signal's quarter at infinity": changed(
        d.silu_second_moment, 4, lhs=sp.Limit(d.share, d.q, sp.oo)
    ),
    "a large signal's half at 0": changed(d.silu_second_moment, 5, lhs=sp.Limit(d.share, d.q, 0)),
    "a small signal's share without its limit": changed(d.silu_second_moment, 4, lhs=d.share),
}


test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)


def test_the_symmetric_assumption_is_the_normal_density_it_names():
    """Its words say z is normal with mean 0 and standard deviation s; what it substitutes for an
    expectation (shown beside the words) gives that density's mass, mean, variance and fourth
    moment. The step that uses it compares only even parts of integrands, so it holds for any
    weight in the integral: a wrong density would pass it."""
    moments = [sp.simplify(d.SYMMETRIC.apply(d.E(z**k)).doit()) for k in range(5)]
    assert moments == [1, 0, d.s**2, 0, 3 * d.s**4]


def test_the_second_and_third_lines_make_the_conclusions_half_minus_a_positive_term():
    """The conclusion reads E[SiLU(z)²] as half of E[z²] minus E[z²σ(z)σ(−z)] "by the second and
    third lines": the third squares the very sum the second averages (a second line averaging
    σ(z)² with itself is as true, and leaves the third with nothing to square)."""
    second, third = d.silu_second_moment.steps[1:3]
    combined = second.rhs.xreplace({third.lhs: third.rhs})
    assert combined == d.E(z**2 * written_sum(1, -2 * S(z) * S(-z))) / 2


def test_the_pages_functions_write_out_to_the_logistic_function_and_silu():
    """What the checks write σ and SiLU out to, against mpmath (their LaTeX is pinned in
    test_printed_functions.py)."""
    logistic = float(1 / (1 + mpmath.exp(-2)))
    for sigma in (S(z).doit(), d.written_out(S(z))):
        assert float(sigma.subs(z, 2)) == pytest.approx(logistic, rel=1e-14)
    for silu in (d.Silu(z).doit(), d.written_out(d.Silu(z))):
        assert float(silu.subs(z, 2)) == pytest.approx(2 * logistic, rel=1e-14)


@pytest.mark.parametrize("size", d.BATCH_SIZES)
def test_the_batch_variance_written_out_is_the_variance_of_the_batch(size):
    """What the rescaling check expands V̂ into, on numbers: numpy's variance (ddof 0, LSUV's)."""
    numbers = np.random.default_rng(size).normal(size=size)
    written = d.over_the_batch(d.BatchVariance(z), size)
    value = written.subs({d.batch[k + 1]: x for k, x in enumerate(numbers)})
    assert float(value) == pytest.approx(np.var(numbers), rel=1e-12, abs=1e-15)


def test_the_symmetry_check_refuses_an_integral_it_cannot_halve(monkeypatch):
    """Even parts are compared only for an integral over the whole line, and only while the
    density it divides by is even (the integral of f p equals that of f's even part times p)."""
    even = d.density.doit()
    assert d._even_part(sp.Integral(z**2 * even, (z, -sp.oo, sp.oo))) is not None
    assert d._even_part(sp.Integral(z**2 * even, (z, 0, sp.oo))) is None
    monkeypatch.setattr(d, "density", even.subs(z, z - 1))
    assert d._even_part(sp.Integral(z**2 * even, (z, -sp.oo, sp.oo))) is None


# -- LSUV itself ---------------------------------------------------------------------------------


def reference_lsuv(layers, X, activation, after=False):
    """LSUV as the reference implementation runs it: every measurement is a forward pass from the
    input up to the layer being fixed. Returns the layers, rescalings, measurements and layer
    evaluations, counted as they happen."""
    g = ex.ACTIVATIONS[activation]
    layers = [W.copy() for W in layers]
    counts = {"measurements": 0, "evaluations": 0}

    def measure(upto):
        counts["measurements"] += 1
        a = X
        for index in range(upto + 1):
            counts["evaluations"] += 1
            z = a @ layers[index].T
            a = g(z)
        return float((a if after else z).var())

    rescalings = []
    for index in range(len(layers)):
        variance, k = measure(index), 0
        while abs(variance - 1) >= ex.TOLERANCE and k < ex.MAX_ITERATIONS:
            layers[index] /= np.sqrt(variance)
            variance, k = measure(index), k + 1
        rescalings.append(k)
    return layers, rescalings, counts


@pytest.mark.parametrize("activation", list(ex.ACTIVATIONS))
@pytest.mark.parametrize("after", [False, True])
def test_lsuv_matches_the_reference_way_of_running_it(activation, after):
    run = ex.lsuv_runs(activation, after)[1]
    start, X = ex.weights("LSUV", 1), ex.batch(1)
    layers, rescalings, counts = reference_lsuv(start, X, activation, after)
    assert rescalings == run.iterations
    for ours, theirs in zip(run.layers, layers, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12)
    assert counts["measurements"] == run.measurements
    assert counts["evaluations"] == run.layer_evaluations_from_input


@pytest.mark.parametrize("activation", ["tanh", "ReLU"])
def test_layer_variances_match_initlabs_forward_pass(activation):
    layers = ex.lsuv_runs(activation)[0].layers
    net = MLP([ex.WIDTH] * (ex.LAYERS + 1), activation.lower(), activation.lower(),
              lambda shape, rng: np.zeros(shape))  # fmt: skip
    net.weights = layers
    X = ex.held_out().reshape(-1, ex.WIDTH)
    expected = [float(z.var()) for z in net.forward(X).z]
    np.testing.assert_allclose(ex.layer_variances(layers, ex.held_out(), activation), expected,
                               rtol=1e-10)  # fmt: skip


def test_silu_is_z_times_the_logistic():
    grid = np.linspace(-40, 40, 801)
    np.testing.assert_allclose(ex.silu(grid), grid / (1 + np.exp(-grid)), rtol=1e-12, atol=1e-300)


def test_the_first_layer_is_rescaled_only_when_its_batch_is_off():
    """An orthogonal matrix keeps each input's length, so the first layer's variance is the
    batch's own (up to its mean); LSUV rescales it only when that is off by the tolerance."""
    for seed, run in enumerate(ex.lsuv_runs("tanh")):
        X, Q = ex.batch(seed), ex.weights("LSUV", seed)[0]
        assert np.mean((X @ Q.T) ** 2) == pytest.approx(np.mean(X**2), rel=1e-12)
        assert run.iterations[0] == int(abs((X @ Q.T).var() - 1) >= ex.TOLERANCE)


def test_squared_scales_are_n_times_the_weight_variance():
    run = ex.lsuv_runs("SiLU")[2]
    scales = ex.squared_scales("SiLU")[2]
    np.testing.assert_allclose(scales, [ex.WIDTH * np.mean(W**2) for W in run.layers], rtol=1e-12)


# -- Gains and slopes ----------------------------------------------------------------------------

MP_ACTIVATIONS = {
    "tanh": mpmath.tanh,
    "ReLU": lambda x: max(x, 0),
    "SiLU": lambda x: x / (1 + mpmath.exp(-x)),
}


def _mp_second_moment(activation: str, q: float) -> float:
    f = MP_ACTIVATIONS[activation]
    line = [-mpmath.inf, 0, mpmath.inf]
    return float(mpmath.quad(lambda u: f(mpmath.sqrt(q) * u) ** 2 * mpmath.npdf(u), line))


@pytest.mark.parametrize("activation", list(ex.ACTIVATIONS))
def test_second_moments_and_slopes_by_adaptive_quadrature(activation):
    assert ex.second_moment(activation) == pytest.approx(_mp_second_moment(activation, 1), rel=1e-9)
    h = 1e-3
    slope = (np.log(_mp_second_moment(activation, 1 + h)) - np.log(
        _mp_second_moment(activation, 1 - h))) / (np.log(1 + h) - np.log(1 - h))  # fmt: skip
    assert ex.log_slope(activation) == pytest.approx(slope, rel=1e-5)


def test_relu_keeps_half_whatever_the_scale():
    for q in (0.01, 1.0, 100.0):
        assert ex.keeping_gain_squared("ReLU", q) == pytest.approx(2, rel=1e-12)
    assert ex.log_slope("ReLU") == pytest.approx(1, abs=1e-9)


def test_silu_keeps_between_a_quarter_and_a_half_rising_with_the_scale():
    shares = [ex.second_moment("SiLU", q) / q for q in (1e-4, 0.1, 1, 10, 1e4)]
    assert shares[0] == pytest.approx(0.25, rel=1e-3) and shares[-1] == pytest.approx(0.5, rel=1e-2)
    assert np.all(np.diff(shares) > 0)


def test_the_silu_gain_by_monte_carlo():
    u = np.random.default_rng(0).normal(size=2_000_000)
    assert ex.keeping_gain_squared("SiLU") == pytest.approx(1 / np.mean(ex.silu(u) ** 2), rel=0.005)


# -- every value against a second computation ----------------------------------------------------


def test_numbers_are_printed_plain_from_a_thousandth_and_as_powers_of_ten_below():
    """Three significant digits from a thousandth on, two below it (9.99e-4 rounds to 1 × 10^-3)."""
    printed = [v._number(x) for x in (0.621, 1e-3, 9.99e-4, 5.4e-12)]
    assert printed == ["0.621", "0.001", "$1 \\times 10^{-3}$", "$5.4 \\times 10^{-12}$"]


def _range(text: str) -> tuple[float, float]:
    return number_range(text.strip("() "))


def _mp_mean_field(activation: str, layers: int) -> float:
    """q after ``layers`` layers with n·Var(W) = 1 from q = 1, by mpmath quadrature."""
    q = 1.0
    for _ in range(layers):
        q = _mp_second_moment(activation, q)
    return q


def test_setup_values_are_the_networks_and_inputs_that_ran():
    runs = ex.lsuv_runs("tanh")
    assert len(runs) == v.networks.compute()
    width = v.width.compute()
    assert {W.shape for run in runs for W in run.layers} == {(width, width)}
    assert {len(run.layers) for run in runs} == {v.layers.compute()}
    assert ex.batch(0).reshape(-1, width).shape[0] == v.batch.compute()
    assert ex.held_out().reshape(-1, width).shape[0] == int(v.held_out.text().replace(",", ""))


def test_tolerance_and_iteration_cap_hold_on_every_layer_of_every_run():
    tolerance, cap = v.tolerance.compute(), v.max_iterations.compute()
    for activation in ex.ACTIVATIONS:
        for after in (False, True):
            for run in ex.lsuv_runs(activation, after):
                for k, variance in zip(run.iterations, run.variances, strict=True):
                    assert k <= cap
                    assert abs(variance - 1) < tolerance or k == cap
    # tanh's output cannot reach variance 1, so measured after it every layer hits the cap
    assert all(set(run.iterations) == {cap} for run in ex.lsuv_runs("tanh", after=True))


def _mlp_last_variances(activation: str, rule: str) -> list[float]:
    """The last layer's pre-activation variance on the held-out inputs, by a forward pass written
    again here."""
    g = {
        "tanh": np.tanh,
        "ReLU": lambda z: np.maximum(z, 0),
        "SiLU": lambda z: z / (1 + np.exp(-z)),
    }
    nets = ([run.layers for run in ex.lsuv_runs(activation)] if rule == "LSUV"
            else [ex.weights(rule, seed) for seed in range(ex.NETWORKS)])  # fmt: skip
    out = []
    for layers in nets:
        a = ex.held_out().reshape(-1, ex.WIDTH)
        for W in layers:
            z = a @ W.T
            a = g[activation](z)
        out.append(float(np.var(z)))
    return out


def test_last_layer_table_by_another_forward_pass_and_mean_field():
    rows = {row[0]: row[1:] for row in tables.body(v.last_layer_table.compute())}
    assert list(rows) == list(ex.NAMES)
    for rule, cells in rows.items():
        for cell, activation in zip(cells, ex.ACTIVATIONS, strict=True):
            mean, spread = cell.split(" (", 1)
            measured = _mlp_last_variances(activation, rule)
            assert _range(spread) == pytest.approx((min(measured), max(measured)), rel=0.05)
            geometric = math.exp(np.mean(np.log(measured)))
            assert number(mean) == pytest.approx(geometric, rel=0.05)
    last = v.layers.compute() - 1  # layers after the first, which sees the inputs' variance 1
    for rule in ("LeCun = Xavier", "orthogonal"):  # n·Var(W) = 1: the mean-field map shrinks q
        for cell, activation in zip(rows[rule], ex.ACTIVATIONS, strict=True):
            predicted = _mp_mean_field(activation, last)
            assert abs(math.log(number(cell.split(" (")[0]) / predicted)) < math.log(3)
    for cell in rows["LSUV"][:2]:  # tanh and ReLU: unit variance, as LSUV set it
        assert number(cell.split(" (")[0]) == pytest.approx(1, abs=0.05)


def test_gain_table_by_adaptive_quadrature_and_lsuvs_own_scales():
    for row, activation in zip(tables.body(v.gain_table.compute()), ex.ACTIVATIONS, strict=True):
        name, moment, gain2, second, deeper, slope = row
        m2 = _mp_second_moment(activation, 1)
        assert name == activation and float(moment) == pytest.approx(m2, abs=6e-5)
        assert float(gain2) == pytest.approx(1 / m2, abs=6e-5)
        low, high = _range(second)
        assert low * 0.99 <= 1 / m2 <= high * 1.01  # at layer 2 LSUV finds the keeping gain
        h = 1e-3
        log_slope = (math.log(_mp_second_moment(activation, 1 + h))
                     - math.log(_mp_second_moment(activation, 1 - h))) / (
                        math.log(1 + h) - math.log(1 - h))  # fmt: skip
        assert float(slope) == pytest.approx(log_slope, abs=6e-4)
        # LSUV's scales, by the reference way of running it: layer 2, then layers 3 to L
        scales = np.array([
            [np.sum(W**2) / W.shape[1] for W in reference_lsuv(
                ex.weights("LSUV", seed), ex.batch(seed), activation)[0]]
            for seed in range(ex.NETWORKS)
        ])  # fmt: skip
        assert _range(second) == pytest.approx((scales[:, 1].min(), scales[:, 1].max()), rel=5e-3)
        assert _range(deeper) == pytest.approx((scales[:, 2:].min(), scales[:, 2:].max()), rel=5e-3)
    assert v.silu_second_moment.compute() == pytest.approx(_mp_second_moment("SiLU", 1), 1e-9)
    assert v.silu_gain_squared.compute() == pytest.approx(1 / _mp_second_moment("SiLU", 1), 1e-9)


def test_cost_values_counted_by_the_reference_way_of_running_lsuv():
    rows = tables.body(v.cost_table.compute())
    assert [(row[0], row[1].split()[0]) for row in rows] == [
        (activation, where) for activation in ex.ACTIVATIONS for where in ("before", "after")
    ]  # a row for each activation measured before it, and one measured after
    worst_measurements, worst_evaluations = 0, 0
    for activation, where, rescalings, measurements, evaluations, passes in rows:
        after = where.startswith("after")
        counted = [reference_lsuv(ex.weights("LSUV", seed), ex.batch(seed), activation, after)
                   for seed in range(ex.NETWORKS)]  # fmt: skip
        ks = sorted({k for _, r, _ in counted for k in r})
        ms = sorted({c["measurements"] for _, _, c in counted})
        es = sorted({c["evaluations"] for _, _, c in counted})
        assert rescalings == " or ".join(map(str, ks))
        assert measurements == " or ".join(map(str, ms))
        assert evaluations == " or ".join(map(str, es))
        assert passes == " or ".join(f"{e / v.layers.compute():.1f}" for e in es)
        if not after:
            worst_measurements = max(worst_measurements, *ms)
            worst_evaluations = max(worst_evaluations, *es)
    assert v.measurements.compute() == worst_measurements
    assert v.cached_passes.compute() == worst_measurements / v.layers.compute()
    assert v.full_passes.compute() == worst_evaluations / v.layers.compute()


def test_tanh_after_variance_is_the_largest_output_variance_and_below_one():
    largest = 0.0
    for seed, run in enumerate(ex.lsuv_runs("tanh", after=True)):
        a = ex.batch(seed)
        for W in run.layers:
            a = np.tanh(a @ W.T)
            largest = max(largest, float(a.var()))
    assert v.tanh_after_variance.compute() == pytest.approx(largest, rel=1e-9)
    assert v.tanh_after_variance.compute() < 1 - v.tolerance.compute()


def test_last_ranges_by_another_forward_pass():
    for value, activation, rule in ((v.silu_last_range, "SiLU", "LSUV"),
                                    (v.he_relu_last_range, "ReLU", "He")):  # fmt: skip
        measured = _mlp_last_variances(activation, rule)
        assert _range(value.compute()) == pytest.approx((min(measured), max(measured)), rel=5e-3)


def test_page_has_its_derivations_figures_and_values(built_site):
    html = (built_site.site / "lsuv" / "index.html").read_text(encoding="utf-8")
    for derivation in DERIVATIONS:
        assert f'id="derivation-{derivation.name}"' in html
    for figure in ("lsuv/layer_variances", "lsuv/found_gains"):
        assert f"{figure}-light.svg" in html and f"{figure}-dark.svg" in html
    for value in (v.batch, v.held_out, v.silu_gain_squared, v.silu_second_moment, v.full_passes):
        assert value.text() in html
    assert f"<td>{ex.keeping_gain_squared('SiLU'):.4f}</td>" in html
    assert "{{" not in html
