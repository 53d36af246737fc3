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
    with pytest.raises(ValueError, match="needs output='sigmoid'"):
        net = MLP([2, 1])
        net.loss(net.forward(np.zeros((1, 2))), [0.0], "bce")
