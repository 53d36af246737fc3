"""The residual page: the derivations hold and break when they should; the stream model and the
normalized network compute what they claim (finite differences, initlab's MLP, closed forms); the
page's numbers agree with a second computation."""

import math

import numpy as np
import pytest
import sympy as sp

import initlab
from harness.derivation_tests import chain_marks, derivation_tests, derivations_of
from harness.numbers import number
from initlab.network import MLP
from sitebuild.authoring import Cov, Var
from sitebuild.authoring.proof import with_changed_step as changed
from topics.residual import derivations as d
from topics.residual import experiment as ex
from topics.residual import values as v

DERIVATIONS = derivations_of(d)


x, F, L, v_ = d.x_l, d.branch, d.L, d.v
S, layer = d.stream_variance, d.layer
WRONG = {
    "variance of a sum without the covariance": changed(d.residual_block, 1, rhs=Var(x) + Var(F)),
    "the branch counted twice": changed(d.residual_block, 2, rhs=Var(x) + 2 * Var(F)),
    "covariance of one term without the product of means": changed(
        d.branch_uncorrelated, 2, rhs=d.E(x * d.w_ij * d.h_j)
    ),
    "independence without the centring": changed(
        d.branch_uncorrelated, 3, rhs=d.E(d.w_ij) * d.E(x * d.h_j)
    ),
    "one block too many": changed(d.stream_growth, 3, rhs=sp.Eq(S(L), (1 + v_) ** (L + 1) * S(0))),
    "growth without the skip connection": changed(d.stream_growth, 2, rhs=v_ * S(layer)),
    "normalized stream compounding": changed(
        d.normalized_growth, 3, rhs=sp.Eq(S(L), (1 + v_) ** L * S(0))
    ),
    "the limit e^(v/2)": changed(d.scaled_branches, 2, rhs=sp.exp(v_ / 2)),
    "scaling the variance by 1/√N": changed(d.scaled_branches, 1, rhs=Var(F) / sp.sqrt(d.N)),
    "a gate that does not gate": changed(d.zero_branch, 2, rhs=sp.Derivative(d.G, d.theta)),
    "variance scaling like a": changed(d.normalization_scale, 2, rhs=d.a * d.variance_unscaled),
    "gradient shrinking like 1/a²": changed(d.effective_rate, 1, rhs=d.grad_at_w / d.a**2),
    "relative step shrinking like 1/a": changed(
        d.effective_rate, 2, rhs=d.eta * d.length_w / (d.a * d.weights_length)
    ),
    "steps that shorten the weights": changed(
        d.effective_rate, 5, rhs=d.w_norm - d.eta**2 * d.grad_norm
    ),
}


test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)


def test_the_covariance_of_one_term_is_one_chain_down_to_zero():
    """From "One term" on, each line of branch_uncorrelated continues the one before: a line that
    started elsewhere (E[W] divided by the bracket instead of multiplied, true once E[W] = 0)
    would show a jump no step makes."""
    assert chain_marks(d.branch_uncorrelated) == "||--"
    assert d.branch_uncorrelated.steps[-1].rhs == 0


def test_the_expectation_algebra_assumes_no_independence():
    # E[x F] stays unknown: x and F(x) are not independent.
    assert d.moments(Cov(x, F)) == sp.expand(d.E(x * F) - d.E(x) * d.E(F))
    assert d.bilinear(Var(2 * x + F)) == 4 * Var(x) + 4 * Cov(x, F) + Var(F)


def test_the_expectation_algebra_writes_out_variances_and_drops_constants():
    """What the page's steps never meet but the algebra claims: a variance written through E, a
    constant with no variance or covariance and an expectation of its own value, and a function
    that is not one of the page's random quantities kept as a constant."""
    E = d.E
    assert d.moments(Var(x + F)) == sp.expand(E(x**2) + 2 * E(x * F) + E(F**2) - (E(x) + E(F)) ** 2)
    assert d.bilinear(Var(x + 2)) == Var(x) and d.bilinear(Cov(3 + x, F + 1)) == Cov(x, F)
    assert d._linear(3 + 2 * x * F) == 3 + 2 * E(x * F) and d._linear(2 * d.n * x) == 2 * d.n * E(x)
    other = sp.Function("G")(x)
    assert not d._random(other) and d._linear(other * x) == other * E(x)


def test_a_recursion_check_refuses_what_rsolve_cannot_read():
    """Two refusals no displayed step meets: a recursion that reaches back two layers (only
    Var(x_{l+1}) and Var(x_l) are read as the unknown sequence) and one SymPy's rsolve cannot
    solve. Both say no rather than pass."""
    anything = sp.Eq(S(L), d.var0)
    assert not d.solves_recursion(sp.Eq(S(layer + 1), S(layer) + S(layer - 1)), anything)
    unsolved = sp.Eq(S(layer + 1), (layer**2 + 1) * S(layer) + 1)
    assert not d.solves_recursion(unsolved, anything)


def test_a_direction_function_check_refuses_sides_it_cannot_read():
    """A side that is not one of the meanings times a power of a, on either side, and a column
    against a 1×1 matrix, are refused, not compared and not raised on."""
    unreadable = d.grad_at_w * d.w1
    assert d._explicit(unreadable) is None
    assert not d.same_for_any_direction_function(unreadable, d.grad_at_w)
    assert not d.same_for_any_direction_function(d.grad_at_w, unreadable)
    assert not d.same_for_any_direction_function(d.grad_at_w, d.w_dot_grad)
    assert d.same_for_any_direction_function(d.grad_at_aw, d.grad_at_w / d.a)


# --- the stream -----------------------------------------------------------------------------------


def test_predictions_are_the_derivations_closed_forms():
    assert ex.PLAIN.predicted()[-1] == 2.0**ex.BLOCKS
    assert ex.PLAIN_SCALED.predicted()[-1] == pytest.approx((1 + 1 / ex.BLOCKS) ** ex.BLOCKS)
    assert ex.PRE_LN.predicted()[-1] == 1 + ex.BLOCKS
    assert ex.PRE_LN_SCALED.predicted()[-1] == pytest.approx(2.0)
    assert np.all(ex.ZERO.predicted() == 1)
    solved = d.compounding.rhs.subs({L: ex.BLOCKS, d.v: 1}).xreplace({S(0): 1})
    assert float(solved) == ex.PLAIN.predicted()[-1]


def test_layer_norm_standardizes_each_row():
    rng = np.random.default_rng(0)
    z = ex.layer_norm(rng.normal(3.0, 5.0, size=(4, 300)))
    assert np.allclose(z.mean(axis=1), 0, atol=1e-12)
    assert np.allclose(z.var(axis=1), 1, rtol=1e-5)
    # EPSILON is added to the variance, as PyTorch's LayerNorm: a row of variance v comes out
    # with variance v / (v + ε), visibly below 1 for a row as small as ε
    small = rng.normal(0.0, 1.0, size=(3, 300)) * np.sqrt([[1e-5], [1e-4], [1.0]])
    v = small.var(axis=1)
    np.testing.assert_allclose(ex.layer_norm(small).var(axis=1), v / (v + ex.EPSILON), rtol=1e-9)


def test_spread_is_of_the_last_hidden_layer_over_the_examples():
    """A 2 → 4 → 3 → 1 network without normalization, its last hidden layer written out."""
    X = np.random.default_rng(3).normal(size=(16, 2))
    nets = ex.Networks([2, 4, 3, 1], None, (1.0, 2.0), (0,))
    for net in range(2):
        W0, W1 = nets.weights[0][net], nets.weights[1][net]
        last_hidden = np.maximum(np.maximum(X @ W0.T, 0) @ W1.T, 0)
        assert ex.spread(nets, X)[net] == pytest.approx(last_hidden.std(axis=0).mean(), rel=1e-12)


def test_float32_networks_compute_in_float32_throughout():
    """The sweep runs in DTYPE (float32): every parameter, activation and gradient keeps it."""
    X, y = ex.data()
    nets = ex.Networks([2, 8, 8, 8, 1], "batch", (0.5, 1.0), (0,), np.float32)
    assert nets.gains and ex.DTYPE == np.float32
    arrays = [*nets.weights, *nets.biases, *nets.gains.values(), *nets.shifts.values()]
    a, _ = nets.forward(X)
    cost, grads = nets.gradients(X, y.astype(np.float32))
    arrays += [*a, cost, *grads["weights"], *grads["biases"], *grads["gains"].values()]
    assert {array.dtype for array in arrays} == {np.dtype(np.float32)}


def test_a_zero_last_layer_passes_the_input_through_unchanged():
    x0 = ex.stream_inputs(0, points=8, width=16)
    weights = ex.draw_blocks(5, 16, np.random.default_rng(0))
    assert all(np.array_equal(x, x0) for x in ex.stream(ex.ZERO, x0, weights))


def test_the_branch_is_uncorrelated_with_the_stream_on_average_over_networks():
    """The assumption of residual_block, measured: over many networks the covariance between a
    unit of the stream and the same unit of its branch averages to 0, relative to their sizes."""
    rng = np.random.default_rng(7)
    ratios = []
    for _ in range(40):
        x = ex.stream_inputs(int(rng.integers(1 << 30)), points=64, width=64)
        ((first, last),) = ex.draw_blocks(1, 64, rng)
        branch = np.maximum(x @ first.T, 0) @ last.T
        ratios.append(np.mean(x * branch) / np.sqrt(np.mean(x**2) * np.mean(branch**2)))
    assert abs(np.mean(ratios)) < 3 * np.std(ratios) / np.sqrt(len(ratios)) + 0.01


def test_a_second_simulation_with_other_seeds_follows_the_predictions():
    """Other networks and inputs than the page's: the bounded variants land on their predictions
    again."""
    for variant in (ex.PLAIN_SCALED, ex.PRE_LN, ex.PRE_LN_SCALED):
        finals = []
        for seed in (20, 21):
            x0 = ex.stream_inputs(seed)
            weights = ex.draw_blocks(ex.BLOCKS, ex.STREAM_WIDTH, np.random.default_rng(seed))
            xs = ex.stream(variant, x0, weights)
            finals.append(np.mean(xs[-1] ** 2) / np.mean(x0**2))
        assert np.mean(finals) == pytest.approx(variant.predicted()[-1], rel=0.08)


# --- the normalized network ----------------------------------------------------------------------


def numerical_gradient(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + eps
        up = f()
        x[index] = saved - eps
        down = f()
        x[index] = saved
        grad[index] = (up - down) / (2 * eps)
    return grad


def relative_error(a, b) -> float:
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300))


@pytest.mark.parametrize("norm", [None, "batch", "layer"])
def test_backward_matches_finite_differences(norm):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(9, 2))
    y = (rng.random(9) > 0.5).astype(float)
    nets = ex.Networks([2, 5, 4, 4, 1], norm, (0.7, 1.3), range(2), np.float64)
    for params in (nets.biases, list(nets.shifts.values())):
        for p in params:
            p += rng.normal(scale=0.1, size=p.shape)
    for gains in nets.gains.values():
        gains *= rng.uniform(0.5, 1.5, size=gains.shape)
    _, grads = nets.gradients(X, y)

    def total():
        return float(np.sum(nets.costs(X, y)))

    checked = 0
    for name, params in nets.parameters().items():
        keys = params.keys() if isinstance(params, dict) else range(len(params))
        for key in keys:
            numeric = numerical_gradient(total, params[key])
            # A bias before BatchNorm has gradient 0 (the mean subtraction removes it): compare
            # absolutely there, relatively elsewhere.
            close = relative_error(grads[name][key], numeric) < 1e-6
            assert close or np.max(np.abs(grads[name][key] - numeric)) < 1e-8, (name, key)
            checked += 1
    assert checked == 8 + (4 if norm else 0)


def test_without_normalization_it_is_initlabs_mlp():
    """The same weights in initlab's MLP: the same cost and the same gradients."""
    X, y = ex.data()
    nets = ex.Networks([2, 8, 8, 1], None, (1.0,), (4,), np.float64)
    rng = np.random.default_rng(4)
    mlp = MLP([2, 8, 8, 1], "relu", "sigmoid", "zeros", rng)
    for k in range(3):
        nets.biases[k] += rng.normal(scale=0.1, size=nets.biases[k].shape)
        mlp.weights[k] = nets.weights[k][0].copy()
        mlp.biases[k] = nets.biases[k][0].copy()
    cost, grads = nets.gradients(X, y)
    reference = mlp.backward(mlp.forward(X), y, "bce")
    assert cost[0] == pytest.approx(reference.loss, rel=1e-12)
    for k in range(3):
        np.testing.assert_allclose(grads["weights"][k][0], reference.weights[k], rtol=1e-10)
        np.testing.assert_allclose(grads["biases"][k][0], reference.biases[k], atol=1e-14)


def test_networks_draw_he_weights_times_the_scale_seed_by_seed():
    nets = ex.Networks([2, 6, 6, 1], None, (0.5, 2.0), (11, 12), np.float64)
    rng = np.random.default_rng(12)
    second_seed = initlab.kaiming_normal((6, 2), nonlinearity="relu", rng=rng)
    np.testing.assert_array_equal(nets.weights[0][3], 2.0 * second_seed)  # seed 12, scale 2
    np.testing.assert_array_equal(nets.weights[0][2], 0.5 * second_seed)


@pytest.mark.parametrize("norm", ["batch", "layer"])
def test_normalized_layers_forget_the_scale_of_their_weights(norm, monkeypatch):
    """The derivation, numerically: scaling the hidden layers' weights (all but the output layer)
    leaves the output unchanged, exactly without the ε in the denominator, and nearly with it."""
    X, _ = ex.data()
    nets = ex.Networks([2, 16, 16, 16, 1], norm, (1.0, 1.0, 1.0), (5,), np.float64)
    for k in range(len(nets.weights) - 1):
        nets.weights[k][1] *= 0.5
        nets.weights[k][2] *= 3.0
    out = nets.forward(X)[0][-1]
    assert np.max(np.abs(out[1] - out[0])) < 1e-2 * np.max(np.abs(out[0]))  # ε = 1e-5
    monkeypatch.setattr(ex, "EPSILON", 1e-14)
    out = nets.forward(X)[0][-1]
    np.testing.assert_allclose(out[1], out[0], rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(out[2], out[0], rtol=1e-8, atol=1e-10)
    nets.weights[-1][1] *= 2.0  # the output layer's scale is not forgotten
    assert not np.allclose(nets.forward(X)[0][-1][1], out[0], rtol=0.1)


def test_unknown_normalization_is_an_error():
    with pytest.raises(ValueError, match="unknown normalization"):
        ex.Networks([2, 3, 1], "group", (1.0,), (0,))


# --- the page's numbers, a second way ------------------------------------------------------------


def test_base_rate_loss_is_the_entropy_of_the_labels():
    _, y = ex.data()
    p = y.mean()
    assert ex.base_rate_loss() == pytest.approx(-(p * math.log(p) + (1 - p) * math.log(1 - p)))


def test_printed_values_agree_with_closed_forms():
    assert v.he_branch_predicted.text() == "$1.85 \\times 10^{15}$"  # 3^32
    assert v.plain_predicted.text() == "$4.29 \\times 10^{9}$"
    assert float(v.e.text()) == pytest.approx(math.e, rel=1e-3)
    assert float(v.scaled_predicted.text()) == pytest.approx(float(sp.E.evalf()), rel=0.02)
    assert v.sweep_runs.text() == str(len(ex.SCALES) * len(ex.SEEDS))


def test_weight_growth_values_recomputed_from_the_weights():
    """The page's growth numbers, from the weights the sweep recorded, against a fresh run of the
    smallest scale's first steps: a small start lengthens the weights from the first step on."""
    sweep = ex.sweep("BatchNorm")
    growth = sweep.weight_norm_after / sweep.weight_norm_before
    assert v.small_growth.text() == f"{np.min(growth[:, 0]) - 1:.0%}"
    X, y = ex.data()
    nets = ex.Networks([2] + [ex.WIDTH] * ex.DEPTH + [1], "batch", (0.1,), (0,), np.float64)
    lengths = [np.linalg.norm(nets.weights[1][0])]
    for _ in range(5):
        _, grads = nets.gradients(X, y)
        nets.step(grads, ex.LEARNING_RATE)
        lengths.append(np.linalg.norm(nets.weights[1][0]))
    assert all(later > earlier for earlier, later in zip(lengths, lengths[1:], strict=False))


def test_stream_values_reproduce_a_network_written_again_by_hand():
    """The first network of the stream figure, from the page's numbers alone: x_0 ~ N(0, I) of
    points × width (seed 1000), then per block x ← x + relu(x W₁ᵀ) W₂ᵀ, W₁ ~ N(0, 2/n),
    W₂ ~ N(0, 1/n) drawn in order from seed 0."""
    n, points, blocks = (v.stream_width.compute(), v.stream_points.compute(),
                         v.blocks.compute())  # fmt: skip
    x = np.random.default_rng(1000).normal(size=(points, n))
    rng = np.random.default_rng(0)
    second = [np.mean(x**2)]
    for _ in range(blocks):
        first = rng.normal(0, math.sqrt(2 / n), size=(n, n))
        last = rng.normal(0, math.sqrt(1 / n), size=(n, n))
        x = x + np.maximum(x @ first.T, 0) @ last.T
        second.append(np.mean(x**2))
    runs = ex.stream_runs()[ex.PLAIN]
    assert runs.shape == (v.stream_networks.compute(), blocks + 1)
    assert runs[0] == pytest.approx(np.array(second) / second[0], rel=1e-9)


def test_stream_measurements_against_the_derivations_predictions():
    L = v.blocks.compute()
    # unnormalized: (1 + 1)^L, within a factor 2 after 32 compounding blocks
    measured = number(v.plain_measured.text())
    assert abs(math.log(measured / 2.0**L)) < math.log(2)
    assert float(v.scaled_measured.text()) == pytest.approx((1 + 1 / L) ** L, rel=0.05)
    # LayerNorm on the branch input: each block adds v, so 1 + L·v
    assert float(v.layernorm_predicted.text()) == 1 + L
    assert float(v.layernorm_measured.text()) == pytest.approx(1 + L, rel=0.05)
    assert float(v.layernorm_scaled_predicted.text()) == pytest.approx(1 + L * (1 / L), rel=1e-9)
    assert float(v.layernorm_scaled_measured.text()) == pytest.approx(2, rel=0.05)
    # the measured values are the stream's after the last block (entry 0 is the input's): a
    # block earlier is within those tolerances, so they are held to the digits shown as well
    for value, variant in ((v.scaled_measured, ex.PLAIN_SCALED),
                           (v.layernorm_scaled_measured, ex.PRE_LN_SCALED)):  # fmt: skip
        stream = ex.stream_variances(variant)
        assert len(stream) == L + 1
        assert value.text() == f"{stream[L]:.3g}"


def hand_mlp(widths):
    """The sweep's unnormalized network of seed 0 at He's scale, as initlab's MLP."""
    rng = np.random.default_rng(0)
    weights = [rng.normal(0, math.sqrt(2 / n_in), size=(n_out, n_in))
               for n_in, n_out in zip(widths[:-1], widths[1:], strict=True)]  # fmt: skip
    net = MLP(widths, "relu", "sigmoid", "zeros", np.random.default_rng(0))
    net.weights = weights
    return net


def test_sweep_values_reproduce_the_first_two_costs_with_initlabs_mlp():
    """Depth, width, points and learning rate as the page gives them, in initlab's MLP (other
    code than the sweep's): its cost before and after one step is the sweep's, to float32, and so
    is its second layer's norm before training."""
    widths = [2] + [v.width.compute()] * v.depth.compute() + [1]
    X, y = ex.circle_data(v.points.compute(), seed=0)
    net = hand_mlp(widths)
    second_layer = float(np.linalg.norm(net.weights[1]))  # the norm the growth claims are about
    history = net.train(X, y, "bce", v.learning_rate.compute(), 1)
    sweep = ex.sweep("none")
    assert history.loss == pytest.approx(sweep.cost[0, ex.SCALES.index(1.0)][:2], rel=1e-4)
    assert sweep.weight_norm_before[0, ex.SCALES.index(1.0)] == pytest.approx(second_layer, 1e-6)


def test_sweep_shape_values_are_the_sweeps():
    sweep = ex.sweep("BatchNorm")
    assert sweep.cost.shape == (v.seeds.compute(), len(ex.SCALES), v.steps.compute() + 1)
    shown = [float(s.rstrip("×")) for s in v.scales.compute().split(", ")]
    # the second layer's weights scale with the start: norms in the ratio of the scales
    he = sweep.weight_norm_before[:, shown.index(1.0)]
    assert sweep.weight_norm_before == pytest.approx(np.outer(he, shown), rel=1e-6)
    assert he == pytest.approx(math.sqrt(2 * v.width.compute()), rel=0.1)  # ‖W‖ ≈ √(n²·2/n)
    assert v.sweep_runs.compute() == sweep.cost[..., 0].size


def test_base_rate_loss_is_the_cost_of_predicting_the_positive_fraction():
    _, y = ex.data()
    p = np.full_like(y, y.mean())
    per_point = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert v.base_rate_loss.compute() == pytest.approx(per_point.mean(), rel=1e-12)


def test_worst_costs_are_the_sweeps_maxima_and_far_below_the_base_rate():
    base = v.base_rate_loss.compute()
    batch = ex.sweep("BatchNorm").cost[..., -1]
    assert v.batchnorm_worst.compute() == np.max(batch) < base / 10
    plain = ex.sweep("none").cost[:, ex.SCALES.index(1.0), -1]
    assert v.none_at_he_worst.compute() == np.max(plain) < base / 10


def test_growth_and_spread_values_from_the_recorded_sweep():
    sweep = ex.sweep("BatchNorm")
    large = sweep.weight_norm_after[:, -1] / sweep.weight_norm_before[:, -1] - 1
    assert float(v.large_growth.compute().rstrip("%")) == pytest.approx(100 * large.max(), rel=0.5)
    assert 0 < large.max() < v.small_growth.compute() / 100  # large starts barely move
    layer = ex.sweep("LayerNorm").spread[:, 0]
    assert v.layernorm_spread.compute() == pytest.approx(layer.max(), rel=1e-12)
    assert v.batchnorm_spread.compute() == pytest.approx(sweep.spread[:, 0].min(), rel=1e-12)
    # BatchNorm keeps the examples apart; LayerNorm from 0.1× lets them collapse
    assert v.layernorm_spread.compute() < v.batchnorm_spread.compute() / 5


def test_page_has_its_derivations_figures_and_values(built_site):
    html = (built_site.site / "residual" / "index.html").read_text(encoding="utf-8")
    for derivation in DERIVATIONS:
        assert f'id="derivation-{derivation.name}"' in html
    for figure in ("residual/stream_variance", "residual/scale_sweep"):
        assert f"{figure}-light.svg" in html and f"{figure}-dark.svg" in html
    for value in (v.scaled_measured, v.layernorm_measured, v.batchnorm_worst, v.blocks):
        assert value.text() in html
    assert "{{" not in html


@pytest.fixture
def float64_sweep(monkeypatch):
    """The sweep rerun in float64: another rounding, as another machine's BLAS would give."""
    monkeypatch.setattr(ex, "DTYPE", np.float64)
    ex.sweep.cache_clear()
    yield
    ex.sweep.cache_clear()


def test_the_claims_about_the_sweep_survive_another_rounding(float64_sweep):
    """Near the edges of LayerNorm's window the runs are chaotic; the claims are worded (and
    their margins set) so that they hold in float64 as well as in the page's float32."""
    from topics.residual import claims

    for check in (
        claims.none_trains_only_at_he,
        claims.batchnorm_trains_at_every_scale,
        claims.layernorm_helps_less,
        claims.batchnorm_weights_grow_when_small,
        claims.layernorm_collapses_when_small,
    ):
        assert check.holds(), check.name


def test_a_block_adds_its_branch_to_the_stream():
    """x^[l+1] = x^[l] + F(x^[l]): the block's variables, which the recursion's steps are checked
    with. Its steps assume the branch uncorrelated with the stream, under which x − F would have
    the same variance, so only this holds the sign."""
    after = d._as_block(d.stream_variance(d.layer + 1))
    assert after == Var(d.x_l + d.branch)
    assert d._as_block(d.stream_variance(d.layer)) == Var(d.x_l)
