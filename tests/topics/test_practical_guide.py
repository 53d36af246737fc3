"""The practical guide: the derivations hold and break when their displays change; every number
the page shows agrees with a second computation (adaptive quadrature, a closed form, the library,
another topic's code, the recorded framework reference, or a fresh simulation)."""

import json
import math
import re

import mpmath
import numpy as np
import pytest
import sympy as sp

import initlab
from harness import tables
from harness.derivation_tests import derivation_tests, derivations_of
from harness.numbers import number, number_range
from initlab.network import MLP
from sitebuild import ROOT
from sitebuild.authoring.proof import with_changed_step as changed
from topics.practical_guide import derivations as d
from topics.practical_guide import experiment as ex
from topics.practical_guide import recorded
from topics.practical_guide import values as v
from topics.reference import experiment as reference_experiment

DERIVATIONS = derivations_of(d)


E, phi, u, g, q = d.E, d.phi, d.u, d.g, d.q
WRONG = {
    "gain without the root": changed(d.stable_gain, 3, rhs=sp.Eq(g, 1 / E(phi(u) ** 2))),
    "map with the gain not squared": changed(
        d.stable_gain, 2, rhs=d.written_product(g, E(phi(sp.sqrt(q) * u) ** 2))
    ),
    "homogeneous with √q out": changed(
        d.homogeneous_map, 1, rhs=d.written_product(g**2, sp.sqrt(q), E(phi(u) ** 2))
    ),
    "GELU's moment off in the last digit": changed(
        d.numeric_moments, 2, rhs=sp.Float(float(d.numeric_moments.steps[1].rhs) + 2e-6, 6)
    ),
    "GELU's gain off in the last digit": changed(
        d.numeric_moments,
        3,
        rhs=sp.Eq(g, sp.Float(float(d.numeric_moments.steps[2].rhs.rhs) + 2e-5, 6)),
    ),
    "SiLU's expectation as GELU's integral": changed(d.numeric_moments, 1, lhs=E(d.Silu(u) ** 2)),
    "SiLU's moment where GELU's is": changed(
        d.numeric_moments, 2, rhs=d.numeric_moments.steps[4].rhs
    ),
    "SELU's mean without alpha": changed(d.selu_constants, 2, rhs=d.selu_mean.subs(d.alpha, 1)),
    "SELU's constants swapped": changed(
        d.selu_constants,
        4,
        rhs=sp.Eq(sp.Matrix([d.alpha, d.lam]), sp.Matrix(list(reversed(d.published)))),
    ),
    "uniform bias variance without the third": changed(d.bias_variance, 2, rhs=1 / d.n_in),
    "a floor of 1/(5n)": changed(d.bias_variance, 4, rhs=sp.Eq(d.q_next, 1 / (5 * d.n_in))),
    "log p instead of the log odds": changed(d.output_bias, 2, rhs=sp.Eq(d.b_star, sp.log(d.p))),
    "least cost without the negatives": changed(d.output_bias, 3, rhs=-d.p * sp.log(d.p)),
    "one gate too few": changed(d.forget_gate, 1, rhs=sp.Product(d.f[d.t], (d.t, 1, d.k - 1))),
    "half-life with the wrong sign": changed(
        d.forget_gate,
        3,
        rhs=sp.Eq(d.half_life_k, sp.log(2) / sp.log(1 + sp.exp(d.b))),
    ),
}


test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)


def test_the_bias_step_starts_from_a_layer_that_adds_its_bias():
    """z_i = Σ_j W_ij a_j + b_i. Written with "− b_i" the first step still holds (an independent
    bias's variance adds either way), so the verification cannot see it; the page would show a
    layer that subtracts its bias."""
    weighted = sp.Sum(d.Wb[d.i, d.j] * d.ab[d.j], (d.j, 1, d.n))
    assert d.bias_variance.steps[0].lhs == d.Var(weighted + d.bias[d.i])


def test_the_cell_update_shown_is_the_experiment_s_cell():
    """The reason shows the update the check differentiates, and the experiment's LSTM runs it."""
    forget, old, gate, candidate = np.random.default_rng(0).normal(size=(4, 5))
    update = sp.lambdify([d.f[1], d.cell[0], d.gate_in[1], d.candidate[1]], d.cell_update(1, 0))
    assert update(forget, old, gate, candidate) == pytest.approx(
        ex.cell_state(forget, old, gate, candidate), rel=1e-15
    )
    assert "$c_{t} = f_{t} c_{t - 1} + i_{t} g_{t}$" in d.forget_gate.steps[0].reason


def test_selu_expectations_refuse_what_they_cannot_integrate():
    for arg in (d.Selu(2 * u), phi(u), d.Selu(u) * u):
        with pytest.raises(ValueError, match=re.escape(f"no expectation for {arg}")):
            d._expect_selu(E(arg))


def test_quadrature_holds_thirty_digits_on_finite_and_kinked_integrals():
    third = d._quad(sp.Integral(u**2, (u, 0, sp.Rational(1, 3))))
    assert abs(third - sp.Rational(1, 81)) < 1e-28
    absolute = d._quad(sp.Integral(sp.Abs(u) * d.density, (u, -sp.oo, sp.oo)))
    assert abs(absolute - sp.sqrt(2 / sp.pi)) < 1e-25


def test_pulling_constants_keeps_every_factor():
    assert d._pull_constants(E(2 * q * u * phi(u))) == 2 * q * E(u * phi(u))
    assert d._pull_constants(E(g**2 * phi(u) ** 2 * u)) == g**2 * E(u * phi(u) ** 2)


def test_gelu_written_out_is_the_experiment_s():
    for z in (-2.0, -0.5, 1.0, 3.0):
        written = float(d.Gelu(u).rewrite(sp.erf).subs(u, z))
        assert written == pytest.approx(float(ex._gelu(np.array([z]))[0]), rel=1e-14)


# --- second moments and gains ------------------------------------------------------------------


def _mp_activation(name):
    """The activations again, written for mpmath (independent of the NumPy versions)."""
    logistic = lambda z: 1 / (1 + mpmath.exp(-z))  # noqa: E731
    alpha, scale = mpmath.mpf(ex.SELU_ALPHA), mpmath.mpf(ex.SELU_SCALE)
    return {
        "linear": lambda z: z,
        "tanh": mpmath.tanh,
        "sigmoid": logistic,
        "relu": lambda z: max(z, 0),
        "leaky_relu": lambda z: z if z > 0 else ex.LEAKY_SLOPE * z,
        "gelu": lambda z: z * mpmath.ncdf(z),
        "silu": lambda z: z * logistic(z),
        "selu": lambda z: scale * (z if z > 0 else alpha * (mpmath.exp(z) - 1)),
    }[name]


def _mp_expect(f, variance=1):
    """E[f(z)], z ~ N(0, variance), by mpmath's adaptive quadrature at 30 digits (at 15 it is off
    by 1e-9 relative for the sigmoid)."""
    with mpmath.workdps(30):
        s = mpmath.sqrt(variance)
        density = lambda x: mpmath.exp(-(x**2) / 2) / mpmath.sqrt(2 * mpmath.pi)  # noqa: E731
        return mpmath.quad(lambda x: f(s * x) * density(x), [-mpmath.inf, 0, mpmath.inf])


@pytest.mark.parametrize("name", list(ex.ACTIVATIONS))
def test_each_activation_is_the_one_written_again(name):
    """Every computation of the page (moments, maps, the depth runs) calls these functions: each
    agrees with its mpmath version on both sides of 0 (a leaky ReLU mirrored, z for z < 0 and
    0.01z above, has the same second moment and passed every test of the moments)."""
    points = np.array([-3.0, -1.0, -0.25, 0.25, 1.0, 3.0])
    expected = [float(_mp_activation(name)(mpmath.mpf(z))) for z in points]
    actual = ex.ACTIVATIONS[name].function(points)
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", list(ex.ACTIVATIONS))
def test_second_moments_agree_with_adaptive_quadrature(name):
    f = _mp_activation(name)
    for variance in (0.3, 1.0, 4.0):
        exact = _mp_expect(lambda z: f(z) ** 2, variance)
        assert ex.second_moment(name, variance) == pytest.approx(float(exact), rel=1e-12)


def test_a_shown_number_one_unit_off_in_its_last_digit_is_refused():
    """``_rounds_to`` allows half a unit in the last digit shown, no more: the moment as shown
    passes, and the same digits with the last one moved by one fail."""
    exact = sp.Integral(d.Silu(d.u) ** 2 * d.density, (d.u, -sp.oo, sp.oo))
    value = ex.second_moment("silu")
    unit = 10 ** (math.floor(math.log10(value)) - d.DIGITS + 1)
    assert d._rounds_to(exact, d.shown(value))
    for off in (-unit, unit):
        assert not d._rounds_to(exact, d.shown(value + off)), off


def test_second_moments_agree_with_closed_forms():
    a = ex.LEAKY_SLOPE
    assert ex.second_moment("linear") == pytest.approx(1, rel=1e-13)
    assert ex.second_moment("relu") == pytest.approx(1 / 2, rel=1e-13)
    assert ex.second_moment("leaky_relu") == pytest.approx((1 + a**2) / 2, rel=1e-13)
    # GELU's has one (not used by the page): 1/3 + √3/(6π)
    assert ex.second_moment("gelu") == pytest.approx(1 / 3 + math.sqrt(3) / (6 * math.pi))
    # SELU's constants make mean 0 and second moment 1
    assert ex.second_moment("selu") == pytest.approx(1, rel=1e-12)
    assert abs(ex.mean("selu")) < 1e-12
    # tanh's by the reference page's 80-point Gauss-Hermite rule, other code (good to ~1e-9)
    assert ex.second_moment("tanh") == pytest.approx(
        reference_experiment.tanh_second_moment(), rel=1e-8
    )
    assert ex.mean("sigmoid") == pytest.approx(1 / 2, rel=1e-13)


def test_gains_agree_with_calculate_gain_where_the_rules_coincide():
    for name in ("linear", "relu", "leaky_relu"):
        assert ex.gain(name) == pytest.approx(initlab.calculate_gain(name), rel=1e-12)


def test_recorded_torch_gains_are_initlab_s():
    for activation in ex.ACTIVATIONS.values():
        recorded = ex.torch_gain(activation.torch)
        if recorded is not None:
            assert recorded == pytest.approx(initlab.calculate_gain(activation.torch), rel=1e-12)
    assert ex.torch_gain(None) is None and ex.torch_gain_refused("swish")


@pytest.mark.parametrize("name", list(ex.ACTIVATIONS))
def test_map_slope_is_the_derivative_of_the_map(name):
    """F'(1) = g² d/dq E[φ(√q u)²] at q = 1, by mpmath's numerical derivative of the
    adaptive-quadrature map (the page's is a central difference on Gauss-Legendre)."""
    f, g2 = _mp_activation(name), ex.gain(name) ** 2
    derivative = mpmath.diff(lambda s: g2 * _mp_expect(lambda z: f(z) ** 2, s), 1)
    assert ex.map_slope(name) == pytest.approx(float(derivative), abs=1e-6)


def test_homogeneous_maps_are_the_identity():
    for name in ("linear", "relu", "leaky_relu"):
        for variance in (0.01, 0.5, 30.0):
            assert ex.variance_map(name, variance) == pytest.approx(variance, rel=1e-12)


def test_tanh_fixed_point_at_five_thirds_is_the_reference_page_s():
    five_thirds = initlab.calculate_gain("tanh")
    assert ex.fixed_point("tanh", five_thirds) == pytest.approx(
        reference_experiment.tanh_fixed_point(five_thirds), rel=1e-8
    )


def test_the_map_and_its_slope_at_a_gain_other_than_the_criterion_s():
    """ReLU: F(q) = g² q/2, so F'(q) = g²/2: at g = 1, 1/2 (attracting, to zero); a neutral map
    keeps the unit variance it starts from; E[ReLU(z)] = σ/√(2π) for z ~ N(0, σ²)."""
    assert ex.map_slope("relu", 1.0) == pytest.approx(1 / 2, rel=1e-9)
    assert ex.map_slope("relu", 3.0) == pytest.approx(9 / 2, rel=1e-9)
    assert ex.fixed_point("relu", math.sqrt(2)) == pytest.approx(1.0, rel=1e-9)
    assert ex.mean("relu", 4.0) == pytest.approx(2 / math.sqrt(2 * math.pi), rel=1e-12)


def test_fixed_points_are_fixed():
    for name, g_torch in (("sigmoid", 1.0), ("selu", 0.75)):
        point = ex.fixed_point(name, g_torch)
        assert ex.variance_map(name, point, g_torch) == pytest.approx(point, rel=1e-10)


def test_depth_runs_start_at_unit_variance_and_follow_the_first_step():
    """The first layer's variance is near F(q_0): a check of the simulation's scaling."""
    runs = ex.depth_runs()
    for name, rows in runs.items():
        assert np.all(np.abs(rows[:, 0] - 1) < 0.05), name
        predicted = ex.variance_map(name, float(rows[:, 0].mean()))
        assert np.mean(rows[:, 1]) == pytest.approx(predicted, rel=0.25), name


# --- the frameworks ------------------------------------------------------------------------------


REFERENCE = json.loads((ROOT / "tests/initlab/reference/frameworks.json").read_text())
PAGE = ROOT / "docs" / "practical-guide.md"


def recorded_layers(framework: str) -> list[dict]:
    return [e for e in REFERENCE["layer_defaults"] if e["framework"] == framework]


def test_the_excerpt_is_the_recorded_reference_s():
    """Every number the page takes from scripts/topics/practical_guide/recorded.py is the one in
    tests/initlab/reference/frameworks.json."""
    versions = REFERENCE["versions"]
    assert recorded.VERSIONS == {k: versions[k] for k in ("torch", "keras", "jax", "flax")}
    gains = {
        (e["nonlinearity"], e["param"]): e.get("gain")
        for e in REFERENCE["gains"]
        if not isinstance(e["param"], (bool, str))
    }
    assert recorded.GAINS == gains
    torch_layers = recorded_layers("torch")
    layers = tuple(
        (e["layer"], tuple(e["args"]), tuple(e["weight_shape"]), e["weight_sampler"]["high"],
         e["bias_sampler"]["high"])
        for e in torch_layers
    )  # fmt: skip
    assert recorded.LAYER_DEFAULTS == layers
    for entry in torch_layers:
        for sampler in (entry["weight_sampler"], entry["bias_sampler"]):
            assert sampler["name"] == "uniform" and sampler["low"] == -sampler["high"]
    for framework, default, kernels in (
        ("keras", recorded.KERAS_DEFAULT, recorded.KERAS_KERNEL_BOUND),
        ("flax", recorded.FLAX_DEFAULT, recorded.FLAX_KERNEL),
    ):
        entries = recorded_layers(framework)
        assert {(e["weight_rule"]["name"], tuple(e["bias_values"])) for e in entries} == {default}
        drawn = {}
        for e in entries:
            sampler = e["weight_sampler"]
            assert sampler["name"] == {"keras": "uniform", "flax": "truncated_normal"}[framework]
            assert sampler["low"] == -sampler["high"] and sampler.get("mean", 0) == 0
            drawn[tuple(e["weight_shape"])] = (
                sampler["high"] if framework == "keras" else (sampler["std"], sampler["high"])
            )
        assert kernels == drawn, framework


def snake(name: str) -> str:
    """Keras's class name as its string name: GlorotUniform -> glorot_uniform."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_the_page_says_what_the_recorded_layers_drew():
    """The bullets of "What the frameworks do by default" name the layers, rules and biases the
    reference recorded, and Flax's cut is the recorded one."""
    section = PAGE.read_text().split("## What the frameworks do by default")[1].split("\n## ")[0]
    bullets = {
        name: " ".join(
            re.search(rf"^- \*\*{name}\*\*(.*?)(?=^- |^$)", section, re.M | re.S)[1].split()
        )
        for name in ("PyTorch", "Keras", "JAX")
    }
    layers = {f: recorded_layers(f) for f in ("torch", "keras", "flax")}
    (torch_rule,) = {e["weight_rule"]["name"] for e in layers["torch"]}
    (a,) = {e["weight_rule"]["args"]["a"] for e in layers["torch"]}
    assert a == pytest.approx(math.sqrt(5), rel=1e-15)
    assert f"`{torch_rule}(w, a=√5)`" in bullets["PyTorch"]
    assert "`nn.Linear` and `nn.Conv1d/2d/3d`" in bullets["PyTorch"]
    assert {e["layer"] for e in layers["torch"]} == {"Linear", "Conv1d", "Conv2d", "Conv3d"}
    assert {e["layer"] for e in layers["keras"]} == {"Dense", "Conv1D", "Conv2D", "Conv3D"}
    assert "`Dense` and `Conv1D/2D/3D` use" in bullets["Keras"]
    assert {e["layer"] for e in layers["flax"]} == {"Dense", "Conv"}
    assert "Flax's `nn.Dense` and `nn.Conv` use" in bullets["JAX"]
    for name, framework in (("Keras", "keras"), ("JAX", "flax")):
        (rule,) = {snake(e["weight_rule"]["name"]) for e in layers[framework]}
        assert f"use `{rule}`" in bullets[name], (name, rule)
        assert {tuple(e["bias_values"]) for e in layers[framework]} == {(0.0,)}
        assert bullets[name].endswith("and zeros for the bias."), name
    cuts = {e["weight_sampler"]["high"] / e["weight_sampler"]["std"] for e in layers["flax"]}
    assert cuts == {2.0} and "cut at two standard deviations" in bullets["JAX"]


def test_recorded_layer_versions_are_the_reference_s():
    versions = REFERENCE["versions"]
    expected = (
        f"torch {versions['torch'].removesuffix('+cpu')}, Keras {versions['keras']} "
        f"and Flax {versions['flax']}"
    )
    assert (
        v.recorded_layer_versions.text() == expected == "torch 2.13.0, Keras 3.15.1 and Flax 0.12.8"
    )


def test_the_keras_and_flax_starts_draw_as_the_recorded_layers():
    """The deep networks' Keras and Flax starts draw as initlab's counterpart of the rule their
    layers were recorded with (tests/initlab/test_frameworks.py holds the counterpart to the
    framework's own draw) and start their biases at zero."""
    for name, (rule, biases) in (
        ("Keras default", recorded.KERAS_DEFAULT),
        ("Flax default", recorded.FLAX_DEFAULT),
    ):
        init, uniform_biases = ex.DEFAULT_STARTS[name]
        assert not uniform_biases and biases == (0.0,), name
        for shape in ((20, 30), (ex.DEFAULTS_WIDTH, ex.DEFAULTS_WIDTH)):  # (out, in)
            ours = init(shape, np.random.default_rng(0))
            theirs = initlab.variance_scaling(
                shape, *initlab.named_rule(rule), rng=np.random.default_rng(0), layout="torch"
            )
            np.testing.assert_allclose(ours, theirs, rtol=1e-13, err_msg=name)


def test_the_conv2d_with_many_outputs_has_the_smallest_keras_kernel():
    """ "for the Conv2d with many more outputs than inputs Keras's kernel is the smallest in its
    row, and the smallest Keras draws in the table"."""
    rows = ex.layer_defaults()
    widest = max(rows, key=lambda row: row.fan_out / row.fan_in)
    assert widest.layer.startswith("Conv2d") and widest.fan_out > 10 * widest.fan_in
    assert widest.keras_std < min(widest.torch_weight_std, widest.flax_std)
    assert widest.keras_std == min(row.keras_std for row in rows)


def test_recorded_layer_defaults_follow_their_rules():
    rows = ex.layer_defaults()
    assert {row.layer.split("(")[0] for row in rows} >= {"Linear", "Conv2d"}
    for row in rows:
        assert row.torch_weight_std == pytest.approx(1 / math.sqrt(3 * row.fan_in), rel=1e-12)
        assert row.torch_bias_bound == pytest.approx(1 / math.sqrt(row.fan_in), rel=1e-12)
        assert row.keras_std == pytest.approx(math.sqrt(2 / (row.fan_in + row.fan_out)), rel=1e-12)
        assert row.flax_std == pytest.approx(1 / math.sqrt(row.fan_in), rel=1e-12)
    assert v.framework_table.text().count("\n") == len(rows) + 2


def test_truncated_std_is_what_initlab_draws():
    shape = (256, 512)
    std = ex.truncated_std(1.0, 2.0)
    draws = initlab.trunc_normal(shape, 0.0, 1.0, -2.0, 2.0, rng=np.random.default_rng(0))
    assert std == pytest.approx(float(draws.std()), rel=0.01)
    assert std == pytest.approx(initlab.TRUNCATED_STD_CORRECTION, rel=1e-12)


def test_truncated_std_at_a_cut_other_than_two_standard_deviations():
    """N(0, 2²) kept inside ±1, by mpmath's quadrature of its density."""
    density = lambda x: mpmath.exp(-(x**2) / 8)  # noqa: E731
    mass = mpmath.quad(density, [-1, 1])
    variance = mpmath.quad(lambda x: x**2 * density(x), [-1, 1]) / mass
    assert ex.truncated_std(2.0, 1.0) == pytest.approx(float(mpmath.sqrt(variance)), rel=1e-12)


def test_predicted_default_moments_are_the_rules_closed_forms():
    """Square layers: Keras's 2/(n + n) and Flax's 1/n both halve the moment each layer from 1;
    He's 2/n keeps it at 2; PyTorch's starts at n/(3n) + 1/(3n) and falls to its bias floor."""
    n, depth = ex.DEFAULTS_WIDTH, ex.DEFAULTS_DEPTH
    halving = [2.0**-layer for layer in range(depth)]
    assert ex.predicted_default_moments("Keras default") == pytest.approx(halving, rel=1e-12)
    assert ex.predicted_default_moments("Flax default") == pytest.approx(halving, rel=1e-12)
    assert ex.predicted_default_moments("He (kaiming_normal_)") == pytest.approx([2.0] * depth)
    pytorch = ex.predicted_default_moments("PyTorch default")
    assert pytorch[0] == pytest.approx(1 / 3 + 1 / (3 * n), rel=1e-12)
    assert pytorch[-1] == pytest.approx(ex.bias_floor(), rel=1e-9)
    assert len(pytorch) == depth


def test_default_networks_are_the_page_s_and_draw_pytorch_s_weight_bound():
    """20 hidden layers of 256 and one output; PyTorch's kaiming_uniform_(a=√5) reaches
    ±1/√fan_in and no further."""
    for name in ex.DEFAULT_STARTS:
        net = ex.default_network(name, np.random.default_rng(0))
        shapes = [W.shape for W in net.weights]
        assert shapes == [(ex.DEFAULTS_WIDTH, ex.DEFAULTS_WIDTH)] * ex.DEFAULTS_DEPTH + [
            (1, ex.DEFAULTS_WIDTH)
        ], name
    net = ex.default_network("PyTorch default", np.random.default_rng(0))
    largest = max(float(np.abs(W).max()) for W in net.weights)
    assert 0.999 < largest * math.sqrt(ex.DEFAULTS_WIDTH) <= 1


def test_default_runs_follow_the_variance_rules():
    for name, rows in ex.default_runs().items():
        predicted = ex.predicted_default_moments(name)
        log_ratio = np.log(rows.mean(axis=0) / predicted)
        assert np.max(np.abs(log_ratio)) < math.log(2), name


def test_default_networks_start_their_biases_as_their_frameworks_do():
    """PyTorch's Linear draws its biases from U(±1/√fan_in); Keras, Flax and He's rule start them
    at zero (the predicted moments assume exactly this: a bias variance of 1/(3n) or 0)."""
    for name in ex.DEFAULT_STARTS:
        net = ex.default_network(name, np.random.default_rng(0))
        biases = np.concatenate([b.ravel() for b in net.biases])
        if name == "PyTorch default":
            bound = 1 / math.sqrt(ex.DEFAULTS_WIDTH)
            assert np.all(np.abs(biases) <= bound)
            assert np.var(biases) == pytest.approx(bound**2 / 3, rel=0.05)
        else:
            assert not biases.any(), name


def test_bias_floor_is_the_recursion_s_limit():
    n, q = ex.DEFAULTS_WIDTH, 1.0
    for _ in range(100):
        q = q / 6 + 1 / (3 * n)
    assert ex.bias_floor() == pytest.approx(q, rel=1e-12)


# --- the biases -----------------------------------------------------------------------------------


def test_log_prior_and_base_rate_are_those_of_a_constant_prediction():
    X, y = ex.imbalanced_data()
    net = MLP([2, 1], "identity", "sigmoid", "zeros", np.random.default_rng(0))
    net.biases[-1][:] = ex.log_prior()
    assert net.loss(net.forward(X), y, "bce") == pytest.approx(ex.base_rate_loss(), rel=1e-12)
    assert ex.sigmoid(ex.log_prior()) == pytest.approx(ex.positive_fraction(), rel=1e-12)


def test_first_bias_gradient_is_mean_prediction_minus_prevalence():
    X, y = ex.imbalanced_data()
    for name in ex.OUTPUT_BIASES:
        expected = [
            float(ex.imbalanced_net(seed, ex.OUTPUT_BIASES[name]()).predict(X).mean() - y.mean())
            for seed in ex.IMBALANCED_SEEDS
        ]
        assert ex.first_bias_gradient(name) == pytest.approx(expected, rel=1e-10)


def test_steps_to_base_rate_counts_a_cost_at_the_margin_and_runs_out():
    level = 1.1 * ex.base_rate_loss()
    assert ex.steps_to_base_rate(np.array([1.0, level, 0.0])) == 1
    assert ex.steps_to_base_rate(np.array([1.0, 2 * level, 3 * level])) == 3


def test_memory_and_half_life_agree():
    for bias in ex.FORGET_BIASES:
        assert ex.memory_kept(bias, ex.half_life(bias)) == pytest.approx(0.5, rel=1e-12)
        steps = next(k for k in range(1, 100) if ex.memory_kept(bias, k) <= 0.5)
        assert steps - 1 < ex.half_life(bias) <= steps


def test_lstm_memory_is_the_product_of_gates_at_the_first_step():
    """After one step the memory kept is the geometric mean of the first forget gates, which
    for inputs of small effect sits just below σ(b)."""
    for bias, rows in ex.lstm_memory().items():
        assert np.all(rows[:, 0] <= ex.sigmoid(bias)) and np.all(
            rows[:, 0] > 0.97 * ex.sigmoid(bias)
        )


def test_page_has_its_derivations_figures_and_values(built_site):
    html = (built_site.site / "practical-guide" / "index.html").read_text(encoding="utf-8")
    for derivation in DERIVATIONS:
        assert f'id="derivation-{derivation.name}"' in html
    for name in ("variance_maps", "depth_runs", "framework_defaults", "imbalanced_costs",
                 "forget_memory"):  # fmt: skip
        assert f"practical_guide/{name}-light.svg" in html
    for value in (v.sim_width, v.imbalanced_base_rate, v.zero_bias_first_costs):
        assert value.text() in html
    # the log prior is in a formula: typeset as MathML, a minus sign and the number
    assert v.log_prior.text().startswith("-")
    assert f"−</mo><mn>{v.log_prior.text().removeprefix('-')}</mn>" in html
    assert "{{" not in html


# --- every value against a second computation ---------------------------------------------------


def _mp_second_moment(name: str) -> float:
    f = _mp_activation(name)
    return float(_mp_expect(lambda z: f(z) ** 2))


TORCH_GAINS = {"tanh": 5 / 3, "sigmoid": 1.0, "selu": 3 / 4}  # PyTorch's documented gains


GAINS = {"gelu": v.gelu_gain, "silu": v.silu_gain, "tanh": v.tanh_gain, "sigmoid": v.sigmoid_gain}
SETTLES = {"tanh": v.tanh_settles, "sigmoid": v.sigmoid_settles, "selu": v.selu_settles}
SLOPES = {"gelu": v.gelu_slope, "silu": v.silu_slope, "tanh": v.tanh_slope,
          "sigmoid": v.sigmoid_slope, "selu": v.selu_slope}  # fmt: skip


@pytest.mark.parametrize("name", sorted(GAINS))
def test_gain_values_are_one_over_the_root_of_the_quadrature_moment(name):
    assert GAINS[name].compute() == pytest.approx(1 / math.sqrt(_mp_second_moment(name)), rel=1e-9)


def test_sigmoid_moments_the_mean_is_a_half():
    assert v.sigmoid_mean_square.compute() == pytest.approx(1 / 4, rel=1e-12)
    assert v.sigmoid_second_moment.compute() == pytest.approx(
        _mp_second_moment("sigmoid"), rel=1e-9
    )
    assert v.sigmoid_second_moment.compute() > v.sigmoid_mean_square.compute()


@pytest.mark.parametrize("name", sorted(TORCH_GAINS))
def test_settled_variances_are_fixed_points_of_the_quadrature_map(name):
    """q* = g² E[φ(√q* u)²] at PyTorch's gain, with the map by mpmath, and it attracts."""
    q, g2 = SETTLES[name].compute(), TORCH_GAINS[name] ** 2
    f = _mp_activation(name)
    assert float(g2 * _mp_expect(lambda z: f(z) ** 2, q)) == pytest.approx(q, rel=1e-7)
    slope = mpmath.diff(lambda s: g2 * _mp_expect(lambda z: f(z) ** 2, s), q)
    assert 0 < slope < 1


@pytest.mark.parametrize("name", sorted(SLOPES))
def test_slope_values_are_the_derivative_of_the_quadrature_map(name):
    f, g2 = _mp_activation(name), 1 / _mp_second_moment(name)
    derivative = float(mpmath.diff(lambda s: g2 * _mp_expect(lambda z: f(z) ** 2, s), 1))
    assert SLOPES[name].compute() == pytest.approx(derivative, abs=1e-6)
    if name == "gelu":
        assert v.gelu_growth.compute() == pytest.approx(derivative - 1, abs=1e-6)


def test_gain_table_rows_against_quadrature_and_the_recorded_gains():
    rows = tables.body(v.gain_table.text())
    assert len(rows) == len(ex.ACTIVATIONS)
    for name, (_, moment, gain, torch, settles, slope) in zip(ex.ACTIVATIONS, rows, strict=True):
        m2 = _mp_second_moment(name)
        assert float(moment) == pytest.approx(m2, abs=6e-5)
        assert float(gain) == pytest.approx(1 / math.sqrt(m2), abs=6e-5)
        recorded = recorded_gain(ex.ACTIVATIONS[name].torch)
        assert (torch == "none") == (recorded is None)
        if recorded is not None:
            assert float(torch) == pytest.approx(recorded, abs=6e-5)
        number, word = slope.split(": ")
        assert word == ("neutral" if float(number) == 1 else
                        "attracting" if float(number) < 1 else "repelling")  # fmt: skip
        if settles != "—":
            assert float(settles) == pytest.approx(SETTLES[name].compute(),
                                                   rel=5e-3)  # fmt: skip


def recorded_gain(nonlinearity):
    """PyTorch's calculate_gain as recorded in tests/initlab/reference/frameworks.json."""
    for entry in REFERENCE["gains"]:
        if entry["nonlinearity"] == nonlinearity and entry["param"] is None:
            return entry.get("gain")
    return None


def test_refused_names_are_those_the_recorded_calculate_gain_raised_on():
    raised = {e["nonlinearity"] for e in REFERENCE["gains"] if "error" in e}
    expected = [name for name in ("swish", "gelu", "silu") if name in raised]
    assert v.refused_names.compute() == ", ".join(f"`{name}`" for name in expected)
    assert expected  # the page says at least one name is refused


def _hand_depth_run(name: str, seed: int) -> list[float]:
    """The depth simulation written again from the page's numbers: z ~ N(0, 1) of batch × width,
    then per layer z ← φ(z) Wᵀ with W ~ N(0, g²/width)."""
    width, batch = v.sim_width.compute(), v.sim_batch.compute()
    f, g = ex.ACTIVATIONS[name].function, 1 / math.sqrt(_mp_second_moment(name))
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(batch, width))
    q = [float(np.mean(z**2))]
    for _ in range(v.sim_depth.compute()):
        z = f(z) @ rng.normal(0.0, g / math.sqrt(width), size=(width, width)).T
        q.append(float(np.mean(z**2)))
    return q


def test_simulation_values_reproduce_the_depth_runs():
    runs = ex.depth_runs()
    assert runs["gelu"].shape == (v.sim_seeds.compute(), v.sim_depth.compute() + 1)
    groups = (
        (("linear", "relu", "leaky_relu"), v.neutral_final_range),
        (("gelu",), v.gelu_final_range),
        (("silu",), v.silu_final_range),
    )
    for names, value in groups:
        finals = [_hand_depth_run(name, seed)[-1] for name in names
                  for seed in range(v.sim_seeds.compute())]  # fmt: skip
        low, high = number_range(value.compute())
        assert low == pytest.approx(min(finals), rel=0.05)  # two digits
        assert high == pytest.approx(max(finals), rel=0.05)
    # GELU and SiLU repel from q = 1 (slope > 1), so they end far above the neutral ones
    assert (
        number_range(v.neutral_final_range.compute())[1]
        < number_range(v.gelu_final_range.compute())[0]
    )
    assert (
        number_range(v.gelu_final_range.compute())[1]
        < number_range(v.silu_final_range.compute())[0]
    )


def test_defaults_values_against_the_halving_rule_and_the_runs():
    n, depth = v.defaults_width.compute(), v.defaults_depth.compute()
    runs = ex.default_runs()
    assert runs["Keras default"].shape[1] == depth
    assert v.defaults_halvings.compute() == depth - 1
    # Keras: n·Var(W) = 1 at a square layer, then ReLU halves the second moment at each layer
    predicted = 0.5 ** v.defaults_halvings.compute()
    assert number(v.keras_predicted_last.compute()) == pytest.approx(predicted, rel=0.05)
    low, high = number_range(v.keras_flax_last_moments.compute())
    measured = np.concatenate([runs["Keras default"][:, -1], runs["Flax default"][:, -1]])
    assert low == pytest.approx(measured.min(), rel=0.05)  # two digits
    assert high == pytest.approx(measured.max(), rel=0.05)
    assert predicted / 2 < low < high < 2 * predicted
    # PyTorch's: q ← q/6 + 1/(3n) settles at 2/(5n), which the runs reach
    floor = 2 / (5 * n)
    assert number(v.bias_floor.compute()) == pytest.approx(floor, rel=0.005)
    assert runs["PyTorch default"][:, -1].mean() == pytest.approx(floor, rel=0.3)
    assert v.torch_forward_factor.compute() == pytest.approx(1 / 6, rel=1e-12)


def test_imbalanced_data_values_against_the_disc():
    X, y = ex.imbalanced_data()
    assert len(X) == v.imbalanced_points.compute()
    disc = math.pi * ex.IMBALANCED_RADIUS**2 / 4  # the disc's share of [-1, 1]²
    assert v.positive_fraction.compute() == pytest.approx(disc, abs=0.005)
    assert 1 / (1 + math.exp(-v.log_prior.compute())) == pytest.approx(y.mean(), rel=1e-12)
    p = np.full_like(y, y.mean())
    per_point = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert v.imbalanced_base_rate.compute() == pytest.approx(per_point.mean(), rel=1e-12)
    assert 1 / (1 + math.exp(-v.focal_prior_bias.compute())) == pytest.approx(0.01, rel=1e-12)


def _first_costs_and_gradients(bias: float) -> tuple[list[float], list[float]]:
    X, y = ex.imbalanced_data()
    costs, gradients = [], []
    for seed in ex.IMBALANCED_SEEDS:
        net = ex.imbalanced_net(seed, bias)
        p = net.predict(X).ravel()
        costs.append(float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))))
        gradients.append(float(p.mean() - y.mean()))  # ∂C/∂b of a sigmoid output, by hand
    return costs, gradients


def test_first_costs_and_gradients_from_the_initial_predictions():
    costs, gradients = _first_costs_and_gradients(0.0)
    assert number_range(v.zero_bias_first_costs.compute()) == pytest.approx(
        (min(costs), max(costs)), abs=0.006
    )
    assert number_range(v.zero_bias_first_gradients.compute()) == pytest.approx(
        (min(gradients), max(gradients)), abs=0.006
    )
    costs, gradients = _first_costs_and_gradients(v.log_prior.compute())
    low, high = number_range(v.prior_bias_first_costs.compute())
    assert (low, high) == pytest.approx((min(costs), max(costs)), abs=6e-5)
    base = v.imbalanced_base_rate.compute()
    assert 0.9 * base < low < high < 1.05 * base  # the prior bias starts at the base rate
    assert v.prior_bias_largest_gradient.compute() == pytest.approx(
        max(map(abs, gradients)), rel=1e-9
    )


def _hand_training(seed: int, bias: float) -> list[float]:
    """The imbalanced training written again: W ← W − η ∂C/∂W for the page's number of steps."""
    X, y = ex.imbalanced_data()
    net = ex.imbalanced_net(seed, bias)
    eta, costs = v.imbalanced_rate.compute(), []
    for _ in range(v.imbalanced_steps.compute()):
        fwd = net.forward(X)
        costs.append(net.loss(fwd, y, "bce"))
        grads = net.backward(fwd, y, "bce")
        for layer in range(net.depth):
            net.weights[layer] -= eta * grads.weights[layer]
            net.biases[layer] -= eta * grads.biases[layer]
    return [*costs, net.loss(net.forward(X), y, "bce")]


def test_training_values_by_hand_written_descent():
    base = v.imbalanced_base_rate.compute()
    finals, steps = {}, []
    for name, bias in (("output bias 0", 0.0), ("output bias log prior", v.log_prior.compute())):
        costs = [_hand_training(seed, bias) for seed in ex.IMBALANCED_SEEDS]
        finals[name] = ", ".join(f"{c[-1]:.3f}" for c in costs)
        if bias == 0.0:
            steps = [next(i for i, c in enumerate(run) if c <= 1.1 * base) for run in costs]
    assert v.final_costs.compute() == "; ".join(f"{k}: {c}" for k, c in finals.items())
    assert number_range(v.steps_to_base_rate.compute()) == (min(steps), max(steps))


def test_memory_table_against_the_closed_forms():
    rows = tables.body(v.memory_table.text())
    assert [float(row[0]) for row in rows] == list(ex.FORGET_BIASES)
    for b, sigma, k10, k50, half, measured in rows:
        s = 1 / (1 + math.exp(-float(b)))
        assert float(sigma) == pytest.approx(s, abs=6e-4)
        assert number(k10) == pytest.approx(s**10, rel=0.05)
        assert number(k50) == pytest.approx(s**50, rel=0.05)
        assert s ** float(half) == pytest.approx(0.5, rel=0.01)
        low, high = map(float, measured.split("–"))
        assert 0.97 * s < low <= high <= s  # input noise only lowers the mean log-gate
    assert v.sigmoid_of_one.compute() == pytest.approx(1 / (1 + math.exp(-1)), rel=1e-12)


def _gate_blocks(rng, hidden: int, columns: int) -> dict[str, np.ndarray]:
    """Weights U(±1/√H) of shape (4H, columns), split into the gates' blocks in nn.LSTM's order."""
    weights = rng.uniform(-1, 1, (4 * hidden, columns)) / math.sqrt(hidden)
    return dict(zip("ifgo", np.split(weights, 4), strict=True))


def _lstm_memory_by_hand(bias: float, hidden: int, steps: int, seed: int) -> list[float]:
    """The cell written again from nn.LSTM's equations, gate by gate: i, f, o = σ(W_x x + W_h h)
    (f with the bias), g = tanh(W_x x + W_h h), c ← f⊙c + i⊙g, h ← o⊙tanh(c). The memory after
    k steps: the geometric mean over units and sequences of ∏ f_t."""
    rng = np.random.default_rng(seed)
    W_x, W_h = _gate_blocks(rng, hidden, ex.LSTM_INPUTS), _gate_blocks(rng, hidden, hidden)
    x = rng.normal(size=(steps, ex.LSTM_SEQUENCES, ex.LSTM_INPUTS))
    h = c = np.zeros((ex.LSTM_SEQUENCES, hidden))
    kept, memory = np.ones_like(h), []
    for x_t in x:
        gate = {k: x_t @ W_x[k].T + h @ W_h[k].T for k in "ifgo"}
        f = 1 / (1 + np.exp(-(gate["f"] + bias)))
        c = f * c + np.tanh(gate["g"]) / (1 + np.exp(-gate["i"]))
        h = np.tanh(c) / (1 + np.exp(-gate["o"]))
        kept = kept * f
        memory.append(math.exp(np.mean(np.log(kept))))
    return memory


def test_lstm_values_reproduce_the_cell_run_by_hand():
    """Every step of seed 0, for every forget bias, from the page's H and step count (the first
    step alone, h = c = 0, was checked before, and passed a cell update with i⊙g subtracted)."""
    hidden, steps = v.lstm_hidden.compute(), v.lstm_steps.compute()
    for bias, rows in ex.lstm_memory().items():
        assert rows.shape == (len(ex.LSTM_SEEDS), steps)
        np.testing.assert_allclose(rows[0], _lstm_memory_by_hand(bias, hidden, steps, 0), rtol=1e-9)
