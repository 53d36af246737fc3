"""The sigmoid page: the derivations hold and break when their displays change; every number the
page shows agrees with a second computation (adaptive quadrature, a finite difference, a direct
product of matrices, the variance recursion, or a fresh draw)."""

import math

import mpmath
import numpy as np
import pytest
import sympy as sp

import initlab
from harness import tables
from harness.derivation_tests import derivation_tests, derivations_of
from harness.numbers import number
from initlab.network import MLP
from sitebuild.authoring.printing import latex, written_product
from sitebuild.authoring.proof import with_changed_step as changed
from topics.sigmoid_jacobians import derivations as d
from topics.sigmoid_jacobians import experiment as ex
from topics.sigmoid_jacobians import values as v

DERIVATIONS = derivations_of(d)


sigma, z = d.sigma, d.z
WRONG = {
    "sigma'' = 0 written with 1 + sigma": changed(
        d.sigmoid_slope,
        4,
        lhs=sp.Eq(written_product(d.sigma(d.z), 1 + d.sigma(d.z), 1 - 2 * d.sigma(d.z)), 0),
    ),
    "slope without the 1 - σ": changed(d.sigmoid_slope, 1, rhs=sigma(z)),
    "square completed at 1/4": changed(
        d.sigmoid_slope, 2, rhs=sp.Rational(1, 4) - (sigma(z) - sp.Rational(1, 4)) ** 2
    ),
    "second derivative without 1 - 2σ": changed(d.sigmoid_slope, 3, rhs=sigma(z) * (1 - sigma(z))),
    "peak at z = 1": changed(d.sigmoid_slope, 4, rhs=sp.Eq(z, 1)),
    "peak slope 1/2": changed(d.sigmoid_slope, 5, rhs=sp.Rational(1, 2)),
    "a factor 2 per layer": changed(
        d.jacobian_product, 3, rhs=sp.Rational(1, 2) ** d.depth * d.scaled_chain
    ),
    "Jacobian of W alone": changed(d.jacobian_product, 1, rhs=d.W_l),
    "backward without the slope": changed(
        d.gradient_variance,
        1,
        rhs=d.written_product(d.n, d.Var(d.W[d.i, d.j]), d.Var(d.g[d.i])),
    ),
    "each factor 1/4": changed(d.gradient_variance, 3, rhs=d.E(sp.sech(z / 2) ** 4) / 4),
    "E[sech]·E[sech³] for E[sech⁴]": changed(
        d.gradient_variance, 3, rhs=d.E(sp.sech(z / 2)) * d.E(sp.sech(z / 2) ** 3) / 16
    ),
}


test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)


def test_the_sech_and_tanh_formulas_are_checked_and_break():
    for name in ("sech", "stretch", "tanh"):
        formula = d.sigmoid_slope.formulas[name]
        assert formula.check(formula.lhs, formula.rhs)
        assert not formula.check(formula.lhs, formula.rhs + 1)


@pytest.mark.parametrize("layers", [1, *d.CHAIN_DEPTHS])
def test_the_chain_checks_networks_of_the_depth_they_name(layers):
    """The chain rule's check for L layers builds L layers: its output depends on the weights of
    layers 1 to L, four each (a loop started at 2 checked L - 1 layers, and L = 1 checked none)."""
    _inputs, output, _product = d._network(layers)
    weights = {s.name for s in output.free_symbols if s.name.startswith("w")}
    assert weights == {f"w{number}_{k}" for number in range(1, layers + 1) for k in range(4)}
    assert d._chain_holds(layers)


def test_the_slope_peaks_at_a_quarter_at_zero():
    grid = np.linspace(-10, 10, 200001)
    slopes = ex.sigmoid_slope(grid)
    assert slopes.max() == pytest.approx(0.25, abs=1e-15)
    assert grid[np.argmax(slopes)] == 0.0
    assert np.allclose(ex.tanh_slope(grid), 4 * ex.sigmoid_slope(2 * grid))


def _mp_expect(f, variance):
    with mpmath.workdps(30):
        s = mpmath.sqrt(variance)
        density = lambda x: mpmath.exp(-(x**2) / 2) / mpmath.sqrt(2 * mpmath.pi)  # noqa: E731
        return float(mpmath.quad(lambda x: f(s * x) * density(x), [-mpmath.inf, 0, mpmath.inf]))


def test_expect_is_the_expectation_under_a_normal_of_the_variance_given_or_one():
    """Moments of z ~ N(0, v) in closed form: E[z²] = v, E[z⁴] = 3v²; the unit normal by default
    (the exercises take E[σ'(z)²] and E[σ(z)²] under it)."""
    for variance in (0.25, 1.0, 4.0):
        assert ex.expect(lambda z: z**2, variance) == pytest.approx(variance, rel=1e-12)
        assert ex.expect(lambda z: z**4, variance) == pytest.approx(3 * variance**2, rel=1e-12)
    assert ex.expect(lambda z: z**2) == pytest.approx(1.0, rel=1e-12)
    assert ex.expect(np.cos) == pytest.approx(np.exp(-0.5), rel=1e-12)  # E[cos z] = e^(-1/2)


def test_fixed_point_and_backward_factor_by_adaptive_quadrature():
    logistic = lambda u: 1 / (1 + mpmath.exp(-u))  # noqa: E731
    q = ex.sigmoid_fixed_point()
    assert _mp_expect(lambda u: logistic(u) ** 2, q) == pytest.approx(q, rel=1e-10)
    backward = _mp_expect(lambda u: (logistic(u) * (1 - logistic(u))) ** 2, q)
    assert ex.sigmoid_backward_factor() == pytest.approx(backward, rel=1e-10)
    assert ex.sigmoid_backward_factor() < 1 / 16


def test_gradient_norms_are_those_of_a_finite_difference():
    """The network's backward pass, which the gradient norms come from, against a central
    difference of the cost on one weight of the first layer of a small sigmoid network."""
    from initlab.network import MLP

    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(8, 6)), rng.normal(size=(8, 1))
    net = MLP([6, 6, 6, 6, 1], "sigmoid", "identity", "xavier_normal", rng)
    analytic = net.backward(net.forward(X), y, "mse").weights[0][2, 3]
    h = 1e-6
    net.weights[0][2, 3] += h
    up = net.loss(net.forward(X), y, "mse")
    net.weights[0][2, 3] -= 2 * h
    down = net.loss(net.forward(X), y, "mse")
    assert analytic == pytest.approx((up - down) / (2 * h), rel=1e-6)


def test_per_layer_factor_recovers_a_geometric_sequence():
    row = 3.0 * 0.25 ** np.arange(ex.GRAD_DEPTH, 0, -1)
    assert ex.per_layer_factor(row) == pytest.approx(0.25, rel=1e-12)


def test_jacobians_are_products_of_the_layers():
    """Rebuild one Jacobian by multiplying the layers' D W in another order of operations, from
    the same draws, and by a finite difference of the network's output."""
    depth, seed = 4, 1
    rng = np.random.default_rng(seed)
    x = rng.normal(size=ex.JAC_WIDTH)
    layers = [initlab.xavier_normal((ex.JAC_WIDTH, ex.JAC_WIDTH), rng=rng) for _ in range(depth)]

    def forward(a):
        for W in layers:
            a = ex.sigmoid(W @ a)
        return a

    a, factors = x, []
    for W in layers:
        z_l = W @ a
        factors.append(np.diag(ex.sigmoid_slope(z_l)) @ W)
        a = ex.sigmoid(z_l)
    J = np.linalg.multi_dot(factors[::-1])
    stored = ex.jacobians()[("sigmoid", depth, seed)]
    assert np.linalg.svd(J, compute_uv=False) == pytest.approx(stored.singular_values, rel=1e-9)
    h = 1e-6
    column = forward(x + h * np.eye(ex.JAC_WIDTH)[0]) - forward(x - h * np.eye(ex.JAC_WIDTH)[0])
    assert column / (2 * h) == pytest.approx(J[:, 0], rel=1e-5, abs=1e-12)


def test_bound_is_a_quarter_per_layer_times_the_weight_norms():
    for (activation, depth, _seed), jac in ex.jacobians().items():
        peak = 0.25 if activation == "sigmoid" else 1.0
        assert jac.bound(activation) == pytest.approx(
            peak**depth * math.prod(jac.weight_norms), rel=1e-12
        )
        assert len(jac.weight_norms) == depth


def test_predicted_mean_square_by_direct_iteration():
    """∏ χ_l by iterating q with mpmath quadrature instead of Gauss-Hermite."""
    logistic = lambda u: 1 / (1 + mpmath.exp(-u))  # noqa: E731
    q, product = 1.0, 1.0
    for _ in range(8):
        product *= _mp_expect(lambda u: (logistic(u) * (1 - logistic(u))) ** 2, q)
        q = _mp_expect(lambda u: logistic(u) ** 2, q)
    assert ex.predicted_mean_square("sigmoid", 8) == pytest.approx(product, rel=1e-9)


def test_mean_weight_norm_is_near_two():
    """A square matrix of N(0, 1/n) entries has largest singular value near 2 for large n."""
    assert 1.8 < float(v.mean_weight_norm.text()) < 2.05


def _logistic(u):
    return 1 / (1 + mpmath.exp(-u))


def _mp_backward(q):
    return _mp_expect(lambda u: (_logistic(u) * (1 - _logistic(u))) ** 2, q)


def test_fixed_point_values_by_adaptive_quadrature():
    q = v.sigmoid_fixed_point.compute()
    assert _mp_expect(lambda u: _logistic(u) ** 2, q) == pytest.approx(q, rel=1e-10)
    assert v.backward_factor.compute() == pytest.approx(_mp_backward(q), rel=1e-10)
    assert v.predicted_norm_factor.compute() == pytest.approx(math.sqrt(_mp_backward(q)), 1e-10)
    assert v.first_layer_chi_sigmoid.compute() == pytest.approx(_mp_backward(1.0), rel=1e-10)
    slope_peak = ex.sigmoid_slope(np.linspace(-5, 5, 100001)).max()
    assert v.quarter_squared.compute() == pytest.approx(slope_peak**2, rel=1e-12)
    assert v.backward_factor.compute() < v.quarter_squared.compute()


def test_gradient_values_describe_the_networks_that_ran():
    """The sigmoid case drawn again from the page's width, depth and seeds, in initlab's MLP."""
    width, depth = v.grad_width.compute(), v.grad_depth.compute()
    rows = ex.gradient_norms()["sigmoid, Xavier"]
    assert rows.shape == (v.grad_seeds.compute(), depth)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(ex.GRAD_BATCH, width)), rng.normal(size=(ex.GRAD_BATCH, 1))
    net = MLP([width] * (depth + 1) + [1], "sigmoid", "identity", "xavier_normal", rng)
    grads = net.backward(net.forward(X), y, "mse").weights[:-1]
    assert rows[0] == pytest.approx([np.linalg.norm(g) for g in grads], rel=1e-12)


def _refit(row, start):
    """exp(−slope) of a least-squares line through log ‖∂C/∂W^[l]‖ from layer ``start``."""
    layers = np.arange(start, len(row) + 1)
    design = np.column_stack([layers, np.ones_like(layers)])
    slope, _ = np.linalg.lstsq(design, np.log(row[start - 1 :]), rcond=None)[0]
    return math.exp(-slope)


def test_measured_factors_by_another_fit_and_against_the_prediction_and_bound():
    start, runs = v.fit_from.compute(), ex.gradient_norms()
    for value, name in ((v.sigmoid_measured_factors, "sigmoid, Xavier"),
                        (v.tanh_measured_factors, "tanh, Xavier"),
                        (v.relu_measured_factors, "ReLU, He")):  # fmt: skip
        shown = [float(x) for x in value.compute().split(", ")]
        assert shown == pytest.approx([_refit(row, start) for row in runs[name]], abs=6e-4)
    sigmoid = [float(x) for x in v.sigmoid_measured_factors.compute().split(", ")]
    assert sigmoid == pytest.approx([v.predicted_norm_factor.compute()] * 3, rel=0.08)
    assert max(sigmoid) < v.bound_per_layer.compute()  # a quarter of the weights' norm
    others = [float(x) for value in (v.tanh_measured_factors, v.relu_measured_factors)
              for x in value.compute().split(", ")]  # fmt: skip
    assert all(0.9 < x < 1.1 for x in others)


def test_first_over_last_against_the_per_layer_factor():
    depth = v.grad_depth.compute()
    predicted = v.predicted_norm_factor.compute() ** (depth - 1)
    low, high = (number(x) for x in v.sigmoid_first_over_last.compute().split(" to "))
    assert predicted / 30 < low < predicted < high < predicted * 100
    low, high = (float(x) for x in v.others_first_over_last.compute().split(" to "))
    runs = ex.gradient_norms()
    ratios = [row[0] / row[-1] for name in ("tanh, Xavier", "ReLU, He") for row in runs[name]]
    assert (low, high) == pytest.approx((min(ratios), max(ratios)), abs=0.006)
    assert 0.1 < low < high < 10


def chi_product(depth: int) -> float:
    """∏ χ_l over ``depth`` sigmoid layers from q = 1, by mpmath quadrature."""
    q, product = 1.0, 1.0
    for _ in range(depth):
        product *= _mp_backward(q)
        q = _mp_expect(lambda u: _logistic(u) ** 2, q)
    return product


ACTIVATIONS = ("sigmoid", "tanh")


def test_jacobian_table_bounds_and_predictions_hold_on_every_row():
    jac = ex.jacobians()
    depths = [int(x) for x in v.jac_depths.compute().replace(" and ", ", ").split(", ")]
    assert depths == sorted({depth for _, depth, _ in jac})
    assert {j.singular_values.size for j in jac.values()} == {v.jac_width.compute()}
    rows = tables.body(v.jacobian_table.compute())
    assert [int(row[0]) for row in rows] == depths
    for depth, largest, bound, mean_square, tanh_largest, median in rows:
        assert number(largest) <= number(bound) * 1.05  # the bound, up to rounding
        measured, predicted = (number(x.strip("() ")) for x in mean_square.split(" ("))
        assert predicted == pytest.approx(chi_product(int(depth)), rel=0.05)
        assert abs(math.log(measured / predicted)) < math.log(2)
        assert number(median) < float(tanh_largest)
        assert 0.5 < float(tanh_largest) < 2  # tanh keeps the largest direction near 1
        # and the numbers are the first seed's networks, the largest and the median of each
        s, t = (jac[(activation, int(depth), 0)].singular_values for activation in ACTIVATIONS)
        assert number(largest) == pytest.approx(np.max(s), rel=0.05)
        assert measured == pytest.approx(np.mean(s**2), rel=0.05)
        assert float(tanh_largest) == pytest.approx(np.max(t), abs=0.005)
        assert number(median) == pytest.approx(np.median(t), rel=0.05)


def test_mean_weight_norm_agrees_with_fresh_xavier_matrices():
    width = v.jac_width.compute()
    rng = np.random.default_rng(123)
    norms = [np.linalg.norm(rng.normal(0, math.sqrt(1 / width), (width, width)), 2)
             for _ in range(200)]  # fmt: skip
    assert v.mean_weight_norm.compute() == pytest.approx(np.mean(norms), rel=0.03)
    assert v.bound_per_layer.compute() == pytest.approx(np.mean(norms) / 4, rel=0.03)


def test_page_has_its_derivations_figures_and_values(built_site):
    html = (built_site.site / "sigmoid-jacobians" / "index.html").read_text(encoding="utf-8")
    for derivation in DERIVATIONS:
        assert f'id="derivation-{derivation.name}"' in html
    for name in ("slopes", "gradient_norms", "jacobian_spectra", "jacobian_depths"):
        assert f"sigmoid_jacobians/{name}-light.svg" in html
    for value in (v.grad_width, v.predicted_norm_factor, v.sigmoid_measured_factors):
        assert value.text() in html
    assert "{{" not in html


def test_the_mean_squared_slope_is_written_as_an_expectation_of_layer_l():
    slope = r"\mathbb{E}\left[\sigma'(z^{[l]})^{2}\right]"
    assert latex(d.SlopeSquared(d.layer)) == slope
    assert latex(d.SlopeSquared(d.layer) ** 2) == rf"\left({slope}\right)^{{2}}"
    assert latex(d.backward_factors) == (
        rf"\prod_{{l=1}}^{{L}} n^{{[l]}} {slope} \operatorname{{Var}}(W^{{[l]}})"
    )


def test_reliable_singular_values_are_those_above_the_rounding_floor():
    """Floor: layers · values · ε times the largest (4 · 4 · 2.2e-16 = 3.6e-15 here)."""
    norms = np.ones(4)
    for scale in (1.0, 1e3):
        values = scale * np.array([1.0, 1e-3, 1e-14, 1e-16])
        kept = ex.Jacobian(values, norms).reliable()
        np.testing.assert_array_equal(kept, values[:3])
    assert ex.Jacobian(np.array([1.0, 3e-15]), np.ones(8)).reliable().size == 1  # 8·2·ε = 3.6e-15


def test_table_numbers_are_plain_down_to_a_thousandth_then_scientific():
    assert v._number(0.5) == "0.5" and v._number(2.0) == "2" and v._number(1e-3) == "0.001"
    assert v._number(4.2e-4) == r"$4.2 \times 10^{-4}$"
    assert v._number(1.5e-9) == r"$1.5 \times 10^{-9}$"


def test_the_sigmoid_is_the_logistic_function_for_any_input():
    z = np.array([-30, -3, -0.5, 0, 0.5, 3, 30])
    np.testing.assert_allclose(ex.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-12, atol=1e-15)
    assert ex.sigmoid(2) == pytest.approx(1 / (1 + math.exp(-2)), rel=1e-15)
    np.testing.assert_allclose(
        ex.sigmoid_slope(z), np.exp(-z) / (1 + np.exp(-z)) ** 2, rtol=1e-12, atol=1e-15
    )
