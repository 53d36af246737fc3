"""Why sigmoid networks vanish, measured: per-layer gradient norms of deep sigmoid, tanh and ReLU
networks (initlab's MLP), and the singular values of the input-output Jacobian of sigmoid and tanh
networks at a few depths, against the mean-field predictions.

Expectations under a normal are by 120-point Gauss-Hermite quadrature (the functions involved,
σ, tanh and their derivatives, are smooth, where the rule is exact to rounding).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

import initlab
from initlab.network import MLP


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def sigmoid_slope(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_slope(z):
    return 1.0 - np.tanh(z) ** 2


ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_slope), "tanh": (np.tanh, tanh_slope)}


@cache
def _hermite() -> tuple[np.ndarray, np.ndarray]:
    x, w = np.polynomial.hermite_e.hermegauss(120)
    return x, w / math.sqrt(2 * math.pi)


def expect(f, variance: float = 1.0) -> float:
    """E[f(z)] for z ~ N(0, variance)."""
    x, w = _hermite()
    return float(np.sum(w * f(math.sqrt(variance) * x)))


def mean_field(activation: str, layers: int, q: float = 1.0, weight_factor: float = 1.0):
    """(q_l, χ_l) for l = 1 … layers: the pre-activation variance of each layer of a wide network
    whose weights have n·Var(W) = weight_factor, fed q_1 = q, and the factor χ_l = n·Var(W)·
    E[φ'(z_l)²] by which that layer multiplies a gradient's variance on the way back."""
    f, slope = ACTIVATIONS[activation]
    qs, chis = [], []
    for _ in range(layers):
        qs.append(q)
        chis.append(weight_factor * expect(lambda z: slope(z) ** 2, q))
        q = weight_factor * expect(lambda z: f(z) ** 2, q)
    return np.array(qs), np.array(chis)


FIXED_POINT_LAYERS = 200


def sigmoid_fixed_point() -> float:
    """The variance a wide sigmoid network with Xavier's weights (n·Var(W) = 1) settles at."""
    return float(mean_field("sigmoid", FIXED_POINT_LAYERS)[0][-1])


def sigmoid_backward_factor() -> float:
    """E[σ'(z)²] at that fixed point: what each layer multiplies a gradient's variance by."""
    return expect(lambda z: sigmoid_slope(z) ** 2, sigmoid_fixed_point())


# --- per-layer gradient norms ------------------------------------------------------------------

GRAD_WIDTH = 128
GRAD_DEPTH = 20  # hidden layers
GRAD_BATCH = 64
GRAD_SEEDS = range(3)


def _xavier(shape, rng):
    return initlab.xavier_normal(shape, rng=rng)


def _he(shape, rng):
    return initlab.kaiming_normal(shape, nonlinearity="relu", rng=rng)


GRAD_CASES = {
    "sigmoid, Xavier": ("sigmoid", _xavier),
    "tanh, Xavier": ("tanh", _xavier),
    "ReLU, He": ("relu", _he),
}


@cache
def gradient_norms() -> dict[str, np.ndarray]:
    """Per case, one row per seed: ‖∂C/∂W^[l]‖ for the hidden layers l = 1 … GRAD_DEPTH of a
    network of width GRAD_WIDTH with one linear output, C the mean squared error against
    unit-normal targets on unit-normal inputs."""
    widths = [GRAD_WIDTH] * (GRAD_DEPTH + 1) + [1]
    out = {}
    for name, (activation, init) in GRAD_CASES.items():
        rows = []
        for seed in GRAD_SEEDS:
            rng = np.random.default_rng(seed)
            X = rng.normal(size=(GRAD_BATCH, GRAD_WIDTH))
            y = rng.normal(size=(GRAD_BATCH, 1))
            net = MLP(widths, activation, "identity", init, rng)
            grads = net.backward(net.forward(X), y, "mse")
            rows.append([float(np.linalg.norm(g)) for g in grads.weights[:-1]])
        out[name] = np.array(rows)
    return out


FIT_FROM = 5  # the factor is fitted from this hidden layer up, where the variance has settled


def per_layer_factor(row: np.ndarray) -> float:
    """The factor by which the gradient norm shrinks per layer going back: exp of minus the slope
    of log ‖∂C/∂W^[l]‖ against l, fitted by least squares over layers FIT_FROM … GRAD_DEPTH."""
    layers = np.arange(1, len(row) + 1)[FIT_FROM - 1 :]
    slope = np.polyfit(layers, np.log(row[FIT_FROM - 1 :]), 1)[0]
    return float(np.exp(-slope))


# --- the input-output Jacobian ---------------------------------------------------------------

JAC_WIDTH = 64
JAC_DEPTHS = (1, 2, 4, 8, 16, 32)
JAC_SEEDS = range(3)


@dataclass(frozen=True)
class Jacobian:
    singular_values: np.ndarray  # largest first
    weight_norms: np.ndarray  # ‖W^[l]‖₂ of each layer

    def bound(self, activation: str) -> float:
        """The bound on the largest singular value: max φ' to the power L times ∏ ‖W^[l]‖₂."""
        peak = 0.25 if activation == "sigmoid" else 1.0
        return float(peak ** len(self.weight_norms) * np.prod(self.weight_norms))

    @property
    def mean_square(self) -> float:
        return float(np.mean(self.singular_values**2))

    def reliable(self) -> np.ndarray:
        """The singular values above the product's rounding floor (n·ε times the largest, per
        layer multiplied): smaller ones are rounding noise."""
        floor = len(self.weight_norms) * self.singular_values.size * np.finfo(float).eps
        return self.singular_values[self.singular_values > floor * self.singular_values[0]]


@cache
def jacobians() -> dict[tuple[str, int, int], Jacobian]:
    """(activation, depth, seed) -> the Jacobian ∂a^[L]/∂a^[0] = D^[L]W^[L] ⋯ D^[1]W^[1] at a
    unit-normal input, weights Xavier normal, width JAC_WIDTH. The network of depth L is the
    first L layers of one deeper network (the same draws for every depth)."""
    out = {}
    for activation, (f, slope) in ACTIVATIONS.items():
        for seed in JAC_SEEDS:
            rng = np.random.default_rng(seed)
            a = rng.normal(size=JAC_WIDTH)
            J = np.eye(JAC_WIDTH)
            norms = []
            for depth in range(1, max(JAC_DEPTHS) + 1):
                W = initlab.xavier_normal((JAC_WIDTH, JAC_WIDTH), rng=rng)
                z = W @ a
                J = (slope(z)[:, None] * W) @ J
                a = f(z)
                norms.append(float(np.linalg.norm(W, 2)))
                if depth in JAC_DEPTHS:
                    values = np.linalg.svd(J, compute_uv=False)
                    out[(activation, depth, seed)] = Jacobian(values, np.array(norms))
    return out


def predicted_mean_square(activation: str, depth: int) -> float:
    """∏ χ_l over the first ``depth`` layers: the expected mean squared singular value."""
    return float(np.prod(mean_field(activation, depth)[1]))
