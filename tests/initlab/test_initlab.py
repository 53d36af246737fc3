"""initlab: fans, gains and initializers against their closed forms, and the network's backward
pass against finite differences. Against PyTorch, Keras and JAX: test_frameworks.py."""

from __future__ import annotations

import math

import numpy as np
import pytest

import initlab
from initlab import activations
from initlab.network import MLP

N = 400_000  # draws for empirical checks: standard error of a variance estimate ≈ 0.2%


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


# --- fans and gains -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "layout", "fans"),
    [
        ((20, 30), "torch", (30, 20)),
        ((64, 3, 5, 5), "torch", (75, 1600)),
        ((8, 4, 3), "torch", (12, 24)),
        ((30, 20), "keras", (30, 20)),
        ((5, 5, 3, 64), "keras", (75, 1600)),
        ((7,), "keras", (7, 7)),
        ((), "keras", (1, 1)),
    ],
)
def test_fans(shape, layout, fans):
    assert initlab.compute_fans(shape, layout) == fans


def test_the_same_conv_kernel_has_the_same_fans_in_both_layouts():
    torch_shape = (64, 3, 5, 5)  # (out, in, kh, kw)
    keras_shape = (5, 5, 3, 64)  # (kh, kw, in, out)
    assert initlab.compute_fans(torch_shape) == initlab.compute_fans(keras_shape, "keras")


def test_torch_layout_refuses_vectors_like_pytorch():
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        initlab.compute_fans((10,))


@pytest.mark.parametrize(
    ("name", "param", "gain"),
    [
        ("linear", None, 1.0),
        ("conv2d", None, 1.0),
        ("sigmoid", None, 1.0),
        ("tanh", None, 5 / 3),
        ("relu", None, math.sqrt(2)),
        ("leaky_relu", None, math.sqrt(2 / (1 + 0.01**2))),
        ("leaky_relu", 0.2, math.sqrt(2 / 1.04)),
        ("leaky_relu", math.sqrt(5), math.sqrt(2 / 6)),
        ("selu", None, 0.75),
    ],
)
def test_gains(name, param, gain):
    assert initlab.calculate_gain(name, param) == pytest.approx(gain, rel=1e-15)


def test_unknown_gain_is_an_error():
    with pytest.raises(ValueError, match="unsupported nonlinearity 'swish'"):
        initlab.calculate_gain("swish")


# --- initializers: variance, mean and bounds against closed forms --------------------------------

SHAPE = (400, 1000)  # fan_in 1000, fan_out 400
FAN_IN, FAN_OUT = 1000, 400


def stats_match(w: np.ndarray, variance: float, bound: float | None = None):
    assert w.shape == SHAPE and w.dtype == np.float64
    assert abs(w.mean()) < 5 * math.sqrt(variance / w.size)
    assert w.var() == pytest.approx(variance, rel=0.01)
    if bound is not None:
        assert np.abs(w).max() <= bound
        assert np.abs(w).max() > 0.99 * bound  # the bound is reached, not just respected


CASES = {
    "normal(std=0.1)": (lambda r: initlab.normal(SHAPE, 0.0, 0.1, rng=r), 0.01, None),
    "uniform(-0.3, 0.3)": (lambda r: initlab.uniform(SHAPE, -0.3, 0.3, rng=r), 0.03, 0.3),
    "xavier_uniform": (
        lambda r: initlab.xavier_uniform(SHAPE, rng=r),
        2 / (FAN_IN + FAN_OUT),
        math.sqrt(6 / (FAN_IN + FAN_OUT)),
    ),
    "xavier_normal(gain=5/3)": (
        lambda r: initlab.xavier_normal(SHAPE, gain=5 / 3, rng=r),
        (5 / 3) ** 2 * 2 / (FAN_IN + FAN_OUT),
        None,
    ),
    "kaiming_uniform(relu)": (
        lambda r: initlab.kaiming_uniform(SHAPE, nonlinearity="relu", rng=r),
        2 / FAN_IN,
        math.sqrt(6 / FAN_IN),
    ),
    "kaiming_normal(relu, fan_out)": (
        lambda r: initlab.kaiming_normal(SHAPE, mode="fan_out", nonlinearity="relu", rng=r),
        2 / FAN_OUT,
        None,
    ),
    "kaiming_uniform(a=√5), nn.Linear's default": (
        lambda r: initlab.kaiming_uniform(SHAPE, a=math.sqrt(5), rng=r),
        1 / (3 * FAN_IN),
        1 / math.sqrt(FAN_IN),
    ),
    "lecun_uniform": (
        lambda r: initlab.lecun_uniform(SHAPE, rng=r),
        1 / FAN_IN,
        math.sqrt(3 / FAN_IN),
    ),
    "lecun_normal (truncated, corrected)": (
        lambda r: initlab.lecun_normal(SHAPE, rng=r),
        1 / FAN_IN,
        2 * math.sqrt(1 / FAN_IN) / initlab.TRUNCATED_STD_CORRECTION,
    ),
    "variance_scaling(2, fan_avg, uniform)": (
        lambda r: initlab.variance_scaling(SHAPE, 2.0, "fan_avg", "uniform", rng=r),
        2 / ((FAN_IN + FAN_OUT) / 2),  # keras layout: fan_in 400, fan_out 1000, same average
        math.sqrt(3 * 2 / ((FAN_IN + FAN_OUT) / 2)),
    ),
    "variance_scaling(untruncated_normal)": (
        lambda r: initlab.variance_scaling(SHAPE, 1.0, "fan_in", "untruncated_normal", rng=r),
        1 / 400,  # keras layout: (in, out) = (400, 1000)
        None,
    ),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_empirical_variance_and_bounds(case):
    draw, variance, bound = CASES[case]
    stats_match(draw(rng()), variance, bound)


def test_zeros_and_constant():
    assert not initlab.zeros((3, 4)).any()
    assert (initlab.constant((3, 4), 0.5) == 0.5).all()


def test_truncated_normal_correction_is_the_std_of_a_unit_normal_cut_at_two_sigma():
    assert initlab.TRUNCATED_STD_CORRECTION == pytest.approx(0.87962566103423978, rel=1e-14)
    draws = initlab.trunc_normal((N,), 0.0, 1.0, -2.0, 2.0, rng=rng())
    assert draws.std() == pytest.approx(initlab.TRUNCATED_STD_CORRECTION, rel=0.005)
    assert draws.min() >= -2 and draws.max() <= 2


def test_trunc_normal_uses_absolute_bounds_like_pytorch():
    w = initlab.trunc_normal((N,), mean=1.0, std=1.0, a=0.5, b=3.0, rng=rng())
    assert w.min() >= 0.5 and w.max() <= 3.0 and w.min() < 0.51


def test_orthogonal_rows_are_orthonormal_times_gain():
    for shape in [(30, 50), (50, 30), (8, 4, 3, 3)]:
        w = initlab.orthogonal(shape, gain=2.0, rng=rng()).reshape(shape[0], -1)
        small = min(w.shape)
        gram = w @ w.T if w.shape[0] == small else w.T @ w
        np.testing.assert_allclose(gram, 4.0 * np.eye(small), atol=1e-12)


def test_same_seed_same_weights():
    a = initlab.xavier_normal((5, 7), rng=rng(3))
    b = initlab.xavier_normal((5, 7), rng=rng(3))
    assert (a == b).all()


# --- the network ---------------------------------------------------------------------------------


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


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300))


@pytest.mark.parametrize("activation", sorted(activations.ACTIVATIONS))
@pytest.mark.parametrize(("loss", "output"), [("mse", "identity"), ("bce", "sigmoid")])
def test_backward_matches_finite_differences(activation, loss, output):
    r = rng(1)
    X = r.normal(size=(7, 3))
    y = (r.random((7, 2)) > 0.5).astype(float)
    net = MLP([3, 5, 4, 2], activation, output, "xavier_normal", r)
    for b in net.biases:
        b += r.normal(scale=0.1, size=b.shape)  # nonzero biases exercise their gradients too
    X_var = X.copy()
    grads = net.backward(net.forward(X_var), y, loss)

    def value():
        return net.loss(net.forward(X_var), y, loss)

    for layer in range(net.depth):
        for analytic, param in ((grads.weights, net.weights), (grads.biases, net.biases)):
            numeric = numerical_gradient(value, param[layer])
            assert relative_error(analytic[layer], numeric) < 1e-6, (layer, activation, loss)
    assert relative_error(grads.a[0], numerical_gradient(value, X_var)) < 1e-6


def test_forward_keeps_every_layer():
    net = MLP([2, 4, 3, 1], "relu", "identity", rng=rng())
    fwd = net.forward(np.ones((5, 2)))
    assert [z.shape for z in fwd.z] == [(5, 4), (5, 3), (5, 1)]
    assert [a.shape for a in fwd.a] == [(5, 2), (5, 4), (5, 3), (5, 1)]
    assert (fwd.a[1] == np.maximum(fwd.z[0], 0)).all()
    assert [w.shape for w in net.weights] == [(4, 2), (3, 4), (1, 3)]
    assert all((b == 0).all() for b in net.biases)


def test_bce_from_logits_stays_finite_when_the_output_saturates():
    net = MLP([1, 1], "identity", "sigmoid", lambda s, rng: np.full(s, 1000.0), rng())
    fwd = net.forward(np.array([[1.0]]))
    assert net.loss(fwd, [0.0], "bce") == pytest.approx(1000.0)


def test_training_reduces_the_loss_on_a_separable_problem():
    r = rng(2)
    X = r.normal(size=(200, 2))
    y = (X[:, 0] + X[:, 1] > 0).astype(float)
    net = MLP([2, 8, 1], "tanh", "sigmoid", "xavier_normal", r)
    history = net.train(X, y, "bce", lr=0.5, steps=200, record_every=50)
    assert list(history.steps) == [0, 50, 100, 150, 200]
    assert history.loss[-1] < 0.3 * history.loss[0]


def test_unknown_names_are_errors():
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        MLP([2, 1], "swish")
    with pytest.raises(ValueError, match="unknown initializer 'glorot'"):
        MLP([2, 1], init="glorot")
    with pytest.raises(ValueError, match="^the 'bce' loss needs output='sigmoid'$"):
        net = MLP([2, 1])
        net.loss(net.forward(np.zeros((1, 2))), [0.0], "bce")


# --- what mutation testing found untested (benchmarks/mutation.py) -------------------------------


def same_draws(a, b) -> bool:
    return a.shape == b.shape and np.array_equal(a, b)


@pytest.mark.parametrize(
    ("implicit", "explicit"),
    [  # PyTorch's (and, for variance_scaling, Keras's) documented defaults, written out
        (lambda r: initlab.normal((30, 20), rng=r),
         lambda r: initlab.normal((30, 20), 0.0, 1.0, rng=r)),
        (lambda r: initlab.uniform((30, 20), rng=r),
         lambda r: initlab.uniform((30, 20), 0.0, 1.0, rng=r)),
        (lambda r: initlab.xavier_uniform((30, 20), rng=r),
         lambda r: initlab.xavier_uniform((30, 20), 1.0, rng=r)),
        (lambda r: initlab.xavier_normal((30, 20), rng=r),
         lambda r: initlab.xavier_normal((30, 20), 1.0, rng=r)),
        (lambda r: initlab.kaiming_normal((30, 20), rng=r),
         lambda r: initlab.kaiming_normal((30, 20), 0.0, "fan_in", "leaky_relu", rng=r)),
        (lambda r: initlab.kaiming_uniform((30, 20), rng=r),
         lambda r: initlab.kaiming_uniform((30, 20), 0.0, "fan_in", "leaky_relu", rng=r)),
        (lambda r: initlab.trunc_normal((30, 20), rng=r),
         lambda r: initlab.trunc_normal((30, 20), 0.0, 1.0, -2.0, 2.0, rng=r)),
        (lambda r: initlab.orthogonal((30, 20), rng=r),
         lambda r: initlab.orthogonal((30, 20), 1.0, rng=r)),
        (lambda r: initlab.variance_scaling((30, 20), rng=r),
         lambda r: initlab.variance_scaling((30, 20), 1.0, "fan_in", "truncated_normal", rng=r)),
    ],
)  # fmt: skip
def test_defaults_are_the_frameworks(implicit, explicit):
    assert same_draws(implicit(rng(4)), explicit(rng(4)))


def test_default_draws_have_the_documented_spread():
    """The defaults themselves, not only their agreement: N(0, 1), U(0, 1), gain 1."""
    assert initlab.normal(N, rng=rng()).std() == pytest.approx(1, rel=0.01)
    assert abs(initlab.normal(N, rng=rng()).mean()) < 0.01
    u = initlab.uniform(N, rng=rng())
    assert 0 <= u.min() and u.max() < 1 and u.mean() == pytest.approx(0.5, abs=0.01)
    q = initlab.orthogonal((40, 40), rng=rng())
    np.testing.assert_allclose(q @ q.T, np.eye(40), atol=1e-12)  # gain 1: orthonormal
    w = initlab.kaiming_normal((500, 400), rng=rng())  # leaky_relu with a = 0: √2 / √fan_in
    assert w.std() == pytest.approx(math.sqrt(2 / 400), rel=0.01)


def test_orthogonal_follows_pytorchs_algorithm_exactly():
    """torch.nn.init.orthogonal_ step by step: QR of a (transposed if wide) Gaussian matrix,
    signs from R's diagonal; the same generator gives the same matrix, for tall, square, wide and
    convolution shapes."""
    for shape in ((6, 4), (5, 5), (3, 7), (4, 2, 3)):
        r = rng(9)
        rows, cols = shape[0], math.prod(shape[1:])
        flat = r.normal(0.0, 1.0, size=(rows, cols))
        if rows < cols:
            flat = flat.T
        q, upper = np.linalg.qr(flat)
        q = q * np.sign(np.diag(upper))
        expected = (q.T if rows < cols else q).reshape(shape)
        np.testing.assert_allclose(initlab.orthogonal(shape, rng=rng(9)), expected, rtol=1e-12)


def test_orthogonal_is_uniform_over_rotations_not_biased_towards_the_ones_vector():
    """Haar-distributed Q: each column's projection on 1/√n averages 0 over many draws."""
    r = rng(11)
    n, draws = 8, 400
    ones = np.ones(n) / math.sqrt(n)
    projections = [ones @ initlab.orthogonal((n, n), rng=r)[:, 0] for _ in range(draws)]
    assert abs(np.mean(projections)) < 4 / math.sqrt(n * draws)


def test_a_named_rule_is_read_by_keras_class_and_by_jax_function_name():
    assert initlab.named_rule("GlorotUniform") == initlab.named_rule("glorot_uniform")
    assert initlab.named_rule("HeNormal") == (2.0, "fan_in", "truncated_normal")
    assert initlab.named_rule("lecun_uniform") == (1.0, "fan_in", "uniform")
    with pytest.raises(ValueError, match="unknown named initializer 'Glorot'.*glorot_normal"):
        initlab.named_rule("Glorot")


def test_errors_say_what_is_wrong():
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        initlab.orthogonal((5,), rng=rng())
    with pytest.raises(ValueError, match="scale must be positive"):
        initlab.variance_scaling((4, 4), 0.0, rng=rng())
    with pytest.raises(ValueError, match="'untruncated_normal' or 'uniform'$"):
        initlab.variance_scaling((4, 4), 1.0, "fan_in", "cauchy", rng=rng())
    with pytest.raises(ValueError, match="at least an input and an output width"):
        MLP([3])
    net = MLP([2, 1])
    with pytest.raises(ValueError, match="unknown loss 'hinge'"):
        net.loss(net.forward(np.zeros((1, 2))), [0.0], "hinge")
    with pytest.raises(ValueError, match="need a < b"):
        initlab.trunc_normal((3,), 0.0, 1.0, 1.0, 1.0, rng=rng())
    with pytest.raises(ValueError, match="std must be positive"):
        initlab.trunc_normal((3,), 0.0, 0.0, -1.0, 1.0, rng=rng())


@pytest.mark.parametrize(
    ("mean", "std", "a", "b"),
    [(0.0, 0.1, -0.5, -0.4), (0.0, 0.1, 0.4, 0.5), (1.0, 1.0, -5.0, -4.0), (-1.0, 1.0, 4.0, 5.0)],
)
def test_trunc_normal_refuses_an_interval_holding_too_little_mass(mean, std, a, b):
    """Between 4 and 5 standard deviations out, on either side, shifted and scaled: < 1e-3."""
    with pytest.raises(ValueError, match="holds only"):
        initlab.trunc_normal((3,), mean, std, a, b, rng=rng())


def test_trunc_normal_accepts_a_shifted_scaled_interval_with_enough_mass():
    draws = initlab.trunc_normal((20_000,), 3.0, 2.0, 2.0, 3.5, rng=rng())
    assert draws.min() >= 2.0 and draws.max() <= 3.5


def test_truncated_normal_std_against_mpmath_for_any_interval():
    import mpmath

    from initlab import truncated_normal

    for a, b in ((-2.0, 2.0), (-1.0, 3.0), (0.5, 1.5), (-3.0, -0.2)):
        mass = mpmath.ncdf(b) - mpmath.ncdf(a)
        mean = mpmath.quad(lambda x: x * mpmath.npdf(x), [a, b]) / mass
        second = mpmath.quad(lambda x: x * x * mpmath.npdf(x), [a, b]) / mass
        expected = float(mpmath.sqrt(second - mean**2))
        assert truncated_normal.truncated_normal_std(a, b) == pytest.approx(expected, rel=1e-12)
    assert truncated_normal.truncated_normal_std() == truncated_normal.truncated_normal_std(-2, 2)


def test_sigmoid_of_integers_is_a_float_array():
    z = np.array([-3, 0, 2])
    expected = 1 / (1 + np.exp(-z.astype(float)))
    np.testing.assert_allclose(activations.get("sigmoid")[0](z), expected, rtol=1e-15)


def test_leaky_relu_has_pytorchs_default_slope():
    f, df = activations.get("leaky_relu")
    assert f(np.array([-2.0]))[0] == pytest.approx(-0.02, rel=1e-15)
    assert df(np.array([-2.0]), None)[0] == 0.01


def test_the_network_draws_from_the_generator_it_is_given_and_seed_0_without_one():
    a, b = MLP([3, 4, 2], rng=rng(1)), MLP([3, 4, 2], rng=rng(2))
    assert not np.array_equal(a.weights[0], b.weights[0])
    assert np.array_equal(MLP([3, 4, 2]).weights[0], MLP([3, 4, 2], rng=rng(0)).weights[0])


def test_weights_from_an_integer_initializer_are_floats():
    net = MLP([2, 2], init=lambda shape, rng: np.ones(shape, dtype=int))
    assert net.weights[0].dtype == float


def test_predict_is_the_forward_passs_output():
    net = MLP([3, 5, 2], "tanh", "sigmoid", rng=rng(3))
    X = rng(4).normal(size=(6, 3))
    np.testing.assert_array_equal(net.predict(X), net.forward(X).output)


def test_bce_gradients_with_respect_to_the_output_and_the_loss_value():
    """∂C/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)) / batch for bce on a sigmoid output, by finite differences on
    ŷ through the logit; and the gradients carry the loss they were computed at."""
    r = rng(5)
    net = MLP([3, 4, 2], "tanh", "sigmoid", rng=r)
    X, y = r.normal(size=(6, 3)), (r.random((6, 2)) > 0.5).astype(float)
    fwd = net.forward(X)
    grads = net.backward(fwd, y, "bce")
    assert len(grads.a) == net.depth + 1 and grads.a[-1].shape == fwd.output.shape
    p = fwd.output
    logit = fwd.z[-1]
    h = 1e-6
    for index in np.ndindex(p.shape):

        def cost(shift, index=index):  # the bce from logits, as the page's formula writes it
            z = logit.copy()
            z[index] += shift
            return float(np.sum(np.logaddexp(0, z) - y * z) / len(y))

        dc_dz = (cost(h) - cost(-h)) / (2 * h)
        assert grads.a[-1][index] == pytest.approx(dc_dz / (p[index] * (1 - p[index])), rel=1e-5)
    assert grads.loss == pytest.approx(net.loss(fwd, y, "bce"), rel=1e-15)


def test_mse_through_a_sigmoid_output_matches_finite_differences():
    r = rng(6)
    X, y = r.normal(size=(5, 3)), r.random((5, 2))
    net = MLP([3, 4, 2], "relu", "sigmoid", rng=r)
    grads = net.backward(net.forward(X), y)  # the default loss, mse

    def value():
        return net.loss(net.forward(X), y)

    for layer in range(net.depth):
        numeric = numerical_gradient(value, net.weights[layer])
        assert relative_error(grads.weights[layer], numeric) < 1e-6
    assert grads.loss == pytest.approx(0.5 * np.sum((net.predict(X) - y) ** 2) / len(y))


def test_a_step_moves_weights_and_biases_against_their_gradients():
    r = rng(7)
    net = MLP([2, 3, 1], "tanh", "identity", rng=r)
    X, y = r.normal(size=(4, 2)), r.normal(size=(4, 1))
    before = ([w.copy() for w in net.weights], [b.copy() for b in net.biases])
    grads = net.backward(net.forward(X), y)
    net.step(grads, 0.3)
    for now, then, g in zip(net.weights, before[0], grads.weights, strict=True):
        np.testing.assert_allclose(now, then - 0.3 * g, rtol=1e-15)
    for now, then, g in zip(net.biases, before[1], grads.biases, strict=True):
        np.testing.assert_allclose(now, then - 0.3 * g, rtol=1e-15)
        assert np.any(g != 0)


def test_train_defaults_records_its_loss_and_snapshots():
    r = rng(8)
    X, y = r.normal(size=(10, 2)), (r.random(10) > 0.5).astype(float)
    explicit = MLP([2, 3, 1], "tanh", "sigmoid", rng=rng(9)).train(X, y, "mse", 0.1, 1000, 1)
    implicit = MLP([2, 3, 1], "tanh", "sigmoid", rng=rng(9)).train(X, y)
    np.testing.assert_array_equal(implicit.loss, explicit.loss)
    assert list(implicit.steps) == list(range(1001))
    net = MLP([2, 3, 1], "tanh", "sigmoid", rng=rng(9))
    history = net.train(X, y, "bce", 0.5, 4, 2, snapshot=lambda n: n.weights[0].copy())
    assert list(history.steps) == [0, 2, 4] and len(history.snapshots) == 3
    np.testing.assert_array_equal(history.snapshots[-1], net.weights[0])
    fresh = MLP([2, 3, 1], "tanh", "sigmoid", rng=rng(9))
    assert history.loss[0] == pytest.approx(fresh.loss(fresh.forward(X), y, "bce"), rel=1e-15)
    for _ in range(4):  # the steps descend the bce, not the default mse
        fresh.step(fresh.backward(fresh.forward(X), y, "bce"), 0.5)
    np.testing.assert_allclose(fresh.weights[0], net.weights[0], rtol=1e-14)
