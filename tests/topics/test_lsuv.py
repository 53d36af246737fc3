"""The LSUV page: its derivations hold and reject changed displays; LSUV, the per-layer
variances, the gains and the cost counts agree with a second computation (a reference-style
implementation that reruns from the input, initlab's forward pass, adaptive quadrature, Monte
Carlo)."""

import mpmath
import numpy as np
import pytest
import sympy as sp

from initlab.network import MLP
from sitebuild import BuildError
from sitebuild.authoring.derivation import verify
from sitebuild.authoring.derivation import with_changed_step as changed
from topics.lsuv import derivations as d
from topics.lsuv import experiment as ex
from topics.lsuv import values as v

DERIVATIONS = (d.rescaling, d.silu_second_moment)


@pytest.mark.parametrize("derivation", DERIVATIONS, ids=lambda x: x.name)
def test_every_step_holds(derivation):
    verify(derivation)


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
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_changed_display_is_rejected(name):
    with pytest.raises(BuildError):
        verify(WRONG[name])


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
