"""The product of layers: a deep linear net with W = k·I, and deep random Gaussian layers."""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from initlab.network import MLP

LAYERS = 10  # L: hidden layers 1..L-1 are 2×2, the output layer W^[L] is 1×2
SCALES = (0.5, 1.0, 1.5)
X = np.array([[1.0, 1.0]])
OUTPUT_WEIGHTS = np.array([[1.0, 1.0]])
TARGET = 1.0

# Training a deep linear net from W = k·I (+ a little noise so the two paths can differ).
TRAIN_SEED = 0
TRAIN_POINTS = 64
TRAIN_STEPS = 300
TRAIN_LR = 0.002
TRAIN_NOISE = 0.01
TRUE_WEIGHTS = np.array([0.8, -0.3])

# Random Gaussian layers of width n, weights N(0, c/n).
WIDTH = 100
DEPTH = 50
DRAWS = 120
RANDOM_SEED = 1
VARIANCE_SCALES = (0.5, 1.0, 2.0)


def identity_net(k: float, noise: float = 0.0, seed: int = TRAIN_SEED) -> MLP:
    """widths 2-2-…-2-1 (L weight layers): hidden W = k·I (+ noise), output W^[L] = (1, 1)."""
    rng = np.random.default_rng(seed)

    def init(shape, rng):
        if shape == (1, 2):
            return OUTPUT_WEIGHTS.copy()
        return k * np.eye(2) + noise * rng.normal(size=shape)

    return MLP([2] * LAYERS + [1], "identity", "identity", init, rng)


def layer_norms(k: float) -> np.ndarray:
    """‖a^[l]‖ for l = 0 … L (input, L-1 hidden layers, output)."""
    fwd = identity_net(k).forward(X)
    return np.array([np.linalg.norm(a) for a in fwd.a])


def gradient_norms(k: float) -> np.ndarray:
    """‖∂C/∂W^[l]‖ for l = 1 … L, with C = ½(ŷ − 1)²."""
    net = identity_net(k)
    grads = net.backward(net.forward(X), [TARGET], "mse")
    return np.array([np.linalg.norm(g) for g in grads.weights])


OVERFLOW = 1e12  # a cost above this counts as diverged


def finite_part(loss: np.ndarray) -> np.ndarray:
    """Which recorded costs are finite and below OVERFLOW (a diverged run ends with inf or nan)."""
    return np.isfinite(loss) & (loss < OVERFLOW)


# Other learning rates, as multiples of TRAIN_LR: a smaller one for the exploding start, a larger
# one for the vanishing start.
RATE_FACTORS = (0.5, 50.0)


@cache
def training_curve(k: float, lr: float = TRAIN_LR) -> np.ndarray:
    """Cost per step of gradient descent on y = β·x from the starting scale k."""
    rng = np.random.default_rng(TRAIN_SEED)
    inputs = rng.normal(size=(TRAIN_POINTS, 2))
    targets = inputs @ TRUE_WEIGHTS
    net = identity_net(k, TRAIN_NOISE)
    with np.errstate(over="ignore", invalid="ignore"):
        return net.train(inputs, targets, "mse", lr, TRAIN_STEPS).loss


def training_curves() -> dict[float, np.ndarray]:
    """:func:`training_curve` at the page's learning rate, for each starting scale k."""
    return {k: training_curve(k) for k in SCALES}


@cache
def random_log_norms(activation: str = "identity") -> dict[float, np.ndarray]:
    """log(‖a^[l]‖ / ‖x‖) for l = 0 … DEPTH, one row per random draw, per variance scale c."""
    rng = np.random.default_rng(RANDOM_SEED)
    g = {"identity": lambda z: z, "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0)}[activation]
    out = {}
    for c in VARIANCE_SCALES:
        x = rng.normal(size=(DRAWS, WIDTH))
        a = x
        logs = np.zeros((DRAWS, DEPTH + 1))
        for layer in range(1, DEPTH + 1):
            W = rng.normal(0.0, np.sqrt(c / WIDTH), size=(DRAWS, WIDTH, WIDTH))
            a = g(np.einsum("dij,dj->di", W, a))
            with np.errstate(divide="ignore"):
                logs[:, layer] = np.log(np.linalg.norm(a, axis=1) / np.linalg.norm(x, axis=1))
        out[c] = logs
    return out


def predicted_slope(c: float, width: int = WIDTH, activation: str = "identity") -> float:
    """E[log‖a^[l]‖ − log‖a^[l-1]‖] for random layers of weight variance c/n, exactly.

    Linear: ‖Wa‖²/‖a‖² is (c/n)·χ²_n whatever a is, and E[log χ²_n] = ψ(n/2) + log 2
    (digamma ψ). ReLU: each unit's pre-activation is N(0, c‖a‖²/n), positive with probability
    ½ independently of its size, so ‖relu(Wa)‖²/‖a‖² is (c/n)·χ²_K with K ~ Binomial(n, ½)
    positive units (K = 0, of probability 2⁻ⁿ, is left out).
    """
    import mpmath

    def log_chi_square(k: int) -> float:
        return float(mpmath.digamma(k / 2)) + np.log(2)

    if activation == "identity":
        expected = log_chi_square(width)
    elif activation == "relu":
        counts = np.arange(1, width + 1)
        weights = np.array([math.comb(width, int(k)) for k in counts], dtype=float)
        expected = float(np.average([log_chi_square(int(k)) for k in counts], weights=weights))
    else:
        raise ValueError(f"no closed form for {activation!r}: use 'identity' or 'relu'")
    return 0.5 * (np.log(c / width) + expected)
