"""The orthogonal page: its derivations hold and reject changed displays; its spectra, fixed
points, moments and training runs agree with a second computation (finite differences, extended
precision, Monte Carlo, quadrature, initlab's back-propagation)."""

import re
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp

from harness import tables
from harness.derivation_tests import derivation_tests, derivations_of
from initlab.network import MLP
from sitebuild.authoring.proof import with_changed_step as changed
from topics.orthogonal import derivations as d
from topics.orthogonal import experiment as ex
from topics.orthogonal import values as v

DERIVATIONS = derivations_of(d)


A, n, q, g, L = d.A, d.n, d.q, d.g, d.L
WRONG = {
    "a rotation that is not orthogonal": changed(d.rotations, 2, rhs=2 * sp.Identity(2)),
    "two rotations are the first one": changed(d.rotations, 3, rhs=d.rotation(d.theta_1)),
    "the transposes in the same order": changed(
        d.orthogonal_product, 1, rhs=d.chain * d.chain_transposes
    ),
    "a chain times itself is not I": changed(d.orthogonal_product, 2, lhs=d.chain * d.chain),
    "the chain without its assumption": changed(d.orthogonal_product, 2, uses=()),
    "singular values of 2": changed(d.orthogonal_product, 3, rhs=sp.Integer(2)),
    "the mean of sigma^2 multiplied by n": changed(d.gaussian_moments, 1, rhs=n * sp.Trace(A)),
    "fourth moments without the 1/n": changed(
        d.gaussian_moments, 2, rhs=sp.Trace(A**2) + sp.Trace(A) ** 2 / n
    ),
    "fourth moments of a non-Gaussian": changed(d.gaussian_moments, 2, uses=()),
    "the trace squared without its correction": changed(
        d.gaussian_moments, 3, rhs=sp.Trace(A) ** 2
    ),
    "sigma^4 growing like L": changed(d.gaussian_moments, 4, rhs=L),
    "tanh squared with the wrong second term": changed(d.tanh_fixed_point, 1, rhs=q - q**2),
    "a fixed point without the half": changed(d.tanh_fixed_point, 2, rhs=sp.Eq(q, 1 - 1 / g**2)),
    "a slope with the wrong coefficient": changed(d.tanh_fixed_point, 3, rhs=g**2 * (1 - q)),
}


test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)


def test_the_rational_matrices_are_exactly_orthogonal_and_not_trivial():
    for size in d.EXACT_SIZES:
        Q = d.rational_orthogonal(size, 3)
        assert Q.T * Q == sp.eye(size) and Q != sp.eye(size)


# -- The spectrum -------------------------------------------------------------------------------


def finite_difference_jacobian(layers, x, depth, step=1e-6):
    """∂a^[depth]/∂x by central differences of the forward pass, all columns at once."""
    perturbed = np.concatenate([x + step * np.eye(len(x)), x - step * np.eye(len(x))])
    a = perturbed
    for W in layers[:depth]:
        a = np.tanh(a @ W.T)
    plus, minus = a[: len(x)], a[len(x) :]
    return ((plus - minus) / (2 * step)).T


def test_the_tanh_jacobian_is_the_forward_pass_differentiated():
    """The product D_l W_l ⋯ D_1 W_1 the spectra use is the derivative of the network."""
    layers, x = ex.network("orthogonal", "tanh", ex.TANH_GAIN, 0)
    depth = ex.DEPTHS[1]
    numeric = np.linalg.svd(finite_difference_jacobian(layers, x, depth), compute_uv=False)
    product = ex.jacobian_spectra("orthogonal", "tanh", ex.TANH_GAIN, 0)[depth]
    np.testing.assert_allclose(numeric, product, rtol=1e-6)


def test_the_resolved_singular_values_survive_extended_precision():
    """The product formed in long double: every singular value above RESOLVED times the largest
    agrees with the double-precision one within 1%, at the largest depth."""
    layers, _ = ex.network("Gaussian", "linear", 1.0, 0)
    J, J_long = np.eye(ex.WIDTH), np.eye(ex.WIDTH, dtype=np.longdouble)
    for W in layers:
        J, J_long = W @ J, W.astype(np.longdouble) @ J_long
    double = np.linalg.svd(J, compute_uv=False)
    extended = np.linalg.svd(J_long.astype(float), compute_uv=False)
    kept = double > ex.RESOLVED * double[0]
    assert 0 < kept.sum() < ex.WIDTH
    np.testing.assert_allclose(double[kept], extended[kept], rtol=0.01)
    np.testing.assert_array_equal(double, ex.jacobian_spectra("Gaussian", "linear", 1.0, 0)[200])


def test_orthogonal_linear_spectra_are_ones_and_gaussian_mean_square_is_one_on_average():
    for values in ex.spectra("orthogonal", "linear").values():
        np.testing.assert_allclose(values, 1, atol=1e-12)
    # E[(1/n) tr JᵀJ] = 1: over many Gaussian products at depth 10 (the derivation's first line)
    rng = np.random.default_rng(5)
    n, depth, draws = 16, 10, 4000
    J = np.broadcast_to(np.eye(n), (draws, n, n))
    for _ in range(depth):
        J = rng.normal(0, 1 / np.sqrt(n), (draws, n, n)) @ J
    assert np.mean(J**2) * n == pytest.approx(1, rel=0.05)


def test_fraction_near_one_counts_what_it_says():
    values = ex.spectra("orthogonal", "tanh", 1.05)[ex.DEPTHS[-1]]
    expected = np.count_nonzero((values > 0.5) & (values < 2)) / values.size
    assert ex.fraction_near_one("orthogonal", "tanh", 1.05, ex.DEPTHS[-1]) == expected


def _network_spectra(kind, activation, gain, depth):
    """Each network's singular values at ``depth``, one jacobian_spectra call per seed: not
    through ``spectra``'s pooling or its cache."""
    return [ex.jacobian_spectra(kind, activation, gain, seed)[depth] for seed in range(ex.NETWORKS)]


@pytest.mark.parametrize(("activation", "gain"), [("linear", 1.0), ("tanh", ex.TANH_GAIN)])
def test_resolved_and_unresolved_are_each_networks_values_against_its_own_largest(activation, gain):
    """The figure draws ``resolved``, the claims read ``fraction_unresolved``: both split each
    network's values at RESOLVED times that network's largest, not the pool's."""
    depth = ex.DEPTHS[-1]
    rows = _network_spectra("Gaussian", activation, gain, depth)
    kept = ex.resolved("Gaussian", activation, gain, depth)
    for row, shown in zip(rows, kept, strict=True):
        threshold = ex.RESOLVED * row.max()
        np.testing.assert_array_equal(shown, row[row > threshold])
        assert 0 < shown.size < row.size and shown.min() < 1e-6 * row.max()
    lost = sum(row.size - shown.size for row, shown in zip(rows, kept, strict=True))
    assert ex.fraction_unresolved("Gaussian", activation, gain, depth) == lost / (
        ex.NETWORKS * ex.WIDTH
    )


def test_mean_square_is_of_the_gain_asked_for():
    depth = ex.DEPTHS[0]
    for gain in (1.05, 5 / 3):
        rows = _network_spectra("Gaussian", "tanh", gain, depth)
        expected = np.mean(np.concatenate(rows) ** 2)
        assert ex.mean_square("Gaussian", "tanh", gain, depth) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("activation", "gain"), [("linear", 1.0), ("tanh", 5 / 3)])
def test_a_network_starts_at_its_fixed_point(activation, gain):
    """The first layer's pre-activations W x have variance q: q* for tanh, 1 for a linear
    network (over the four networks' 256 units: a sample variance within 30%)."""
    q = ex.fixed_point(gain) if activation == "tanh" else 1.0
    for kind in ex.KINDS:
        networks = [ex.network(kind, activation, gain, seed) for seed in range(ex.NETWORKS)]
        first = [layers[0] @ x for layers, x in networks]
        assert np.var(np.concatenate(first)) == pytest.approx(q, rel=0.3), kind


def test_the_target_map_has_entries_of_variance_one_over_n():
    A = ex.target()
    assert A.shape == (ex.TRAIN_WIDTH, ex.TRAIN_WIDTH)
    assert abs(A.mean()) < 0.1 and np.var(A) * ex.TRAIN_WIDTH == pytest.approx(1, rel=0.3)


def test_unknown_kinds_and_activations_are_named():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="unknown kind 'uniform': use one of .*Gaussian"):
        ex.weight("uniform", 4, 1.0, rng)
    with pytest.raises(ValueError, match="unknown activation 'relu': use 'linear' or 'tanh'"):
        ex.jacobian_spectra("Gaussian", "relu", 1.0, 0)


# -- Moments and fixed points --------------------------------------------------------------------


@pytest.mark.parametrize("depth", [1, 2, 4])
def test_the_fourth_moment_recursion_against_monte_carlo(depth):
    rng = np.random.default_rng(depth)
    n, draws = 6, 200_000
    J = np.broadcast_to(np.eye(n), (draws, n, n))
    for _ in range(depth):
        J = rng.normal(0, 1 / np.sqrt(n), (draws, n, n)) @ J
    M = np.swapaxes(J, 1, 2) @ J
    sampled = np.einsum("bij,bji->b", M, M) / n
    error = sampled.std() / np.sqrt(draws)
    assert abs(sampled.mean() - ex.gaussian_fourth_moment(depth, n)) < 4 * error


def test_the_fourth_moment_recursion_in_closed_form():
    for n in (2, 7, 64):  # one layer: E tr((WᵀW)²)/n = 2 + 1/n (a Wishart moment)
        assert ex.gaussian_fourth_moment(1, n) == pytest.approx(2 + 1 / n, rel=1e-12)
    for depth in ex.DEPTHS:  # wide layers: L + 1
        assert ex.gaussian_fourth_moment(depth, 10**7) == pytest.approx(depth + 1, rel=1e-3)


def _mp_normal_mean(f) -> float:
    return float(mpmath.quad(lambda u: f(u) * mpmath.npdf(u), [-mpmath.inf, 0, mpmath.inf]))


@pytest.mark.parametrize("gain", ex.TABLE_GAINS)
def test_fixed_points_and_slopes_by_adaptive_quadrature(gain):
    q = ex.fixed_point(gain)
    mapped = gain**2 * _mp_normal_mean(lambda u: mpmath.tanh(mpmath.sqrt(q) * u) ** 2)
    assert mapped == pytest.approx(q, rel=1e-9)
    chi = gain**2 * _mp_normal_mean(lambda u: (1 - mpmath.tanh(mpmath.sqrt(q) * u) ** 2) ** 2)
    assert ex.slope(gain) == pytest.approx(chi, rel=1e-9)


def test_the_approximation_improves_as_the_gain_nears_one():
    errors = [abs(ex.approximate_fixed_point(g) / ex.fixed_point(g) - 1) for g in (1.2, 1.05, 1.01)]
    assert errors[0] > errors[1] > errors[2]
    assert ex.approximate_fixed_point(1.25) == pytest.approx((1 - 1 / 1.25**2) / 2)


# -- Training ------------------------------------------------------------------------------------


def test_training_matches_initlabs_back_propagation():
    """The same network, seed and rate trained with initlab's MLP (whitened inputs: the rows of
    I, targets the rows of Aᵀ; its biases are not updated): the same costs."""
    depth, steps, kind, seed = ex.TRAIN_DEPTHS[0], 40, 1, 2
    layers = [W[kind, seed].copy() for W in ex.initial_layers(depth)]
    net = MLP([ex.TRAIN_WIDTH] * (depth + 1), "identity", "identity",
              lambda shape, rng: np.zeros(shape))  # fmt: skip
    net.weights = layers
    X, Y = np.eye(ex.TRAIN_WIDTH), ex.target().T
    costs = []
    for _ in range(steps + 1):
        fwd = net.forward(X)
        grads = net.backward(fwd, Y, "mse")
        costs.append(grads.loss)
        for W, gradient in zip(net.weights, grads.weights, strict=True):
            W -= ex.RATE / depth * gradient
    np.testing.assert_allclose(costs, ex.training(depth)[kind, seed, : steps + 1], rtol=1e-10)


def test_steps_to_level_is_the_first_step_below_it():
    costs = ex.training(ex.TRAIN_DEPTHS[1])
    steps = ex.steps_to_level(ex.TRAIN_DEPTHS[1])
    for kind in range(len(ex.KINDS)):
        for seed in range(len(ex.TRAIN_SEEDS)):
            below = np.flatnonzero(costs[kind, seed] < ex.LEVEL * costs[kind, seed, 0])
            assert steps[kind, seed] == (below[0] if below.size else np.inf)


def _listed(text: str) -> list[int]:
    return [int(x) for x in text.replace(" and ", ", ").split(", ")]


def test_spectrum_values_describe_the_spectra():
    depths = _listed(v.depths.compute())
    assert v.deepest.compute() == max(depths)
    spectra = ex.spectra("Gaussian", "linear")
    assert sorted(spectra) == depths
    assert {values.size for values in spectra.values()} == {
        v.networks.compute() * v.width.compute()
    }
    layers, x = ex.network("Gaussian", "linear", 1.0, 0)
    assert len(layers) == max(depths) and x.shape == (v.width.compute(),)


def test_resolved_values_survive_extended_precision():
    """Above the page's threshold the double-precision singular values are those of the product
    formed in long double; some fall below it at the largest depth."""
    threshold = 10 ** int(re.fullmatch(r"\$10\^\{(-?\d+)\}\$", v.resolved.compute())[1])
    layers, _ = ex.network("Gaussian", "linear", 1.0, 0)
    J_long = np.eye(ex.WIDTH, dtype=np.longdouble)
    for W in layers:
        J_long = W.astype(np.longdouble) @ J_long
    double = ex.spectra("Gaussian", "linear")[max(ex.DEPTHS)][: ex.WIDTH]
    extended = np.linalg.svd(J_long.astype(float), compute_uv=False)
    kept = double > threshold * double[0]
    assert 0 < kept.sum() < ex.WIDTH
    np.testing.assert_allclose(double[kept], extended[kept], rtol=0.01)


def test_spectrum_table_recounted_and_ordered():
    rows = tables.body(v.spectrum_table.compute())
    gains = {"linear": 1.0, "tanh, gain 1.01": 1.01, "tanh, gain 1.05": 1.05,
             "tanh, gain 5/3": 5 / 3}  # fmt: skip
    assert len(rows) == len(gains) * len(ex.KINDS)
    for layers, kind, *cells in rows:
        activation = "linear" if layers == "linear" else "tanh"
        spectra = ex.spectra(kind, activation, gains[layers])
        for cell, depth in zip(cells, ex.DEPTHS, strict=True):
            values = spectra[depth]
            near = np.count_nonzero((0.5 < values) & (values < 2)) / values.size
            assert float(cell.rstrip("%")) == pytest.approx(100 * near, abs=0.5)
    table = {(row[0], row[1]): [float(c.rstrip("%")) for c in row[2:]] for row in rows}
    assert table[("linear", "orthogonal")] == [100, 100, 100]  # every σ is exactly 1
    for layers in gains:
        gaussian, orthogonal = table[(layers, "Gaussian")], table[(layers, "orthogonal")]
        assert gaussian == sorted(gaussian, reverse=True)  # falls with depth
        assert all(o >= g for o, g in zip(orthogonal, gaussian, strict=True))


def _tanh_map(q, gain):
    return gain**2 * _mp_normal_mean(lambda u: mpmath.tanh(mpmath.sqrt(q) * u) ** 2)


def _chi(q, gain):
    return gain**2 * _mp_normal_mean(lambda u: (1 - mpmath.tanh(mpmath.sqrt(q) * u) ** 2) ** 2)


def test_fixed_point_table_by_adaptive_quadrature():
    rows = tables.body(v.fixed_point_table.compute())
    for (_, exact, approximate, chi), gain in zip(rows, ex.TABLE_GAINS, strict=True):
        with mpmath.workdps(20):
            q = float(mpmath.findroot(lambda q, g=gain: _tanh_map(q, g) - q, float(exact)))
        assert float(exact) == pytest.approx(q, rel=5e-4)  # four digits shown
        assert float(approximate) == pytest.approx((1 - 1 / gain**2) / 2, rel=5e-4)
        assert float(chi) == pytest.approx(_chi(q, gain), abs=6e-5)
    assert float(rows[0][0]) == v.tanh_gain.compute()  # the figure's gain is the table's first
    # just above 1, the figure's gain settles small and keeps χ within 1e-3 of 1
    assert float(rows[0][1]) < 0.02 and abs(float(rows[0][3]) - 1) < 1e-3


def test_fourth_moment_table_by_monte_carlo_and_exact_fractions():
    rows = tables.body(v.fourth_moment_table.compute())
    # printed without an exponent: thousands with separators, below them four digits
    assert all(
        re.fullmatch(r"\d{1,3}(,\d{3})*|\d+(\.\d+)?", cell) for row in rows for cell in row[1:]
    )
    assert [v._moment(x) for x in (92.918, 999.9, 1000, 10356.4)] == [
        "92.92",
        "999.9",
        "1,000",
        "10,356",
    ]
    recursion, limit, orthogonal = ([float(c.replace(",", "")) for c in row[1:]] for row in rows)
    n = ex.WIDTH
    # the recursion in exact rational arithmetic, then Monte Carlo at the smallest depth
    for shown, depth in zip(recursion, ex.DEPTHS, strict=True):
        a, b = Fraction(1), Fraction(1)
        for _ in range(depth):
            a, b = (1 + Fraction(1, n)) * a + b, b + 2 * a / n**2
        assert shown == pytest.approx(float(a), rel=5e-4)
    rng = np.random.default_rng(7)
    J = np.broadcast_to(np.eye(n), (2000, n, n))
    for _ in range(ex.DEPTHS[0]):
        J = rng.normal(0, 1 / np.sqrt(n), (2000, n, n)) @ J
    M = np.swapaxes(J, 1, 2) @ J
    assert np.einsum("bij,bji->b", M, M).mean() / n == pytest.approx(recursion[0], rel=0.1)
    assert limit == [depth + 1 for depth in ex.DEPTHS]
    for depth, one in zip(ex.DEPTHS, orthogonal, strict=True):
        assert one == 1 == pytest.approx(np.mean(ex.spectra("orthogonal", "linear")[depth] ** 4))


def test_gaussian_mean_square_is_the_frobenius_norm_of_the_products():
    """(1/n) Σ σ² = ‖J‖²_F / n: the same networks' products, without a singular value."""
    depth, squares = max(ex.DEPTHS), []
    for seed in range(ex.NETWORKS):
        layers, _ = ex.network("Gaussian", "linear", 1.0, seed)
        J = np.linalg.multi_dot(layers[:depth][::-1])
        squares.append(np.sum(J**2) / ex.WIDTH)
    assert v.gaussian_mean_square_deepest.compute() == pytest.approx(np.mean(squares), rel=1e-9)
    assert v.gaussian_mean_square_deepest.compute() < 0.5  # typical far below the mean 1


def test_training_values_reproduce_the_costs_with_initlabs_mlp():
    depths = _listed(v.train_depths.compute())
    width, steps = v.train_width.compute(), v.train_steps.compute()
    for depth in depths:
        assert ex.training(depth).shape == (len(ex.KINDS), v.train_seeds.compute(), steps + 1)
        assert ex.initial_layers(depth)[0].shape[-2:] == (width, width)
    depth = depths[0]
    net = MLP([width] * (depth + 1), "identity", "identity", "zeros", np.random.default_rng(0))
    net.weights = [W[0, 0].copy() for W in ex.initial_layers(depth)]
    X, Y, costs = np.eye(width), ex.target().T, []
    for _ in range(6):
        grads = net.backward(net.forward(X), Y, "mse")
        costs.append(grads.loss)
        for W, gradient in zip(net.weights, grads.weights, strict=True):
            W -= v.rate.compute() / depth * gradient
    np.testing.assert_allclose(costs, ex.training(depth)[0, 0, :6], rtol=1e-10)


def test_steps_table_cells_are_where_the_costs_cross_the_level():
    level = float(v.level.text().rstrip("%")) / 100
    rows = tables.body(v.steps_table.compute())
    for index, (kind, *cells) in enumerate(rows):
        assert kind == ex.KINDS[index]
        for cell, depth in zip(cells, _listed(v.train_depths.compute()), strict=True):
            for shown, costs in zip(cell.split(", "), ex.training(depth)[index], strict=True):
                below = costs < level * costs[0]
                if shown.startswith(">"):
                    assert not below.any() and shown == f"> {v.train_steps.compute()}"
                else:
                    assert below[int(shown)] and not below[: int(shown)].any()
    assert ">" not in rows[1][-1] and ">" in rows[0][-1]  # orthogonal trains deepest


def test_page_has_its_derivations_figures_and_values(built_site):
    html = (built_site.site / "orthogonal" / "index.html").read_text(encoding="utf-8")
    for derivation in DERIVATIONS:
        assert f'id="derivation-{derivation.name}"' in html
    for figure in ("orthogonal/spectra", "orthogonal/training"):
        assert f"{figure}-light.svg" in html and f"{figure}-dark.svg" in html
    for value in (v.width, v.networks, v.tanh_gain, v.gaussian_mean_square_deepest, v.rate):
        assert value.text() in html
    assert f"<td>{ex.fixed_point(1.01):.4g}</td>" in html
    assert f"<td>{ex.gaussian_fourth_moment(ex.DEPTHS[0], ex.WIDTH):.4g}</td>" in html
    assert "{{" not in html
