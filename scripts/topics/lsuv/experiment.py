"""LSUV (Mishkin and Matas 2016) against the analytic rules: deep networks of tanh, ReLU and SiLU
layers, the variance of every layer's pre-activations on new inputs, and what LSUV costs.

A batch is kept as blocks of 64 rows, shape (blocks, 64, width): OpenBLAS hands larger products
to several threads, which on a shared machine costs more than it saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

import initlab

WIDTH = 64
LAYERS = 20
BLOCK = 64  # rows per block of a batch
BATCH = 256  # the inputs LSUV sees
HELD_OUT = 1024  # new inputs, from the same distribution, on which every rule is measured
NETWORKS = 5  # networks per rule and activation (seeds)
TOLERANCE = 0.02  # |Var − 1| below this ends a layer's loop (as the reference implementation)
MAX_ITERATIONS = 20  # rescalings per layer at most (likewise)
INPUT_SEED, HELD_OUT_SEED = 100, 12345


def silu(z: np.ndarray) -> np.ndarray:
    """SiLU (swish), z·σ(z), written so that exp never overflows."""
    return z * np.exp(-np.logaddexp(0.0, -z))


ACTIVATIONS = {"tanh": np.tanh, "ReLU": lambda z: np.maximum(z, 0.0), "SiLU": silu}


def _lecun(shape, rng):
    return initlab.normal(shape, 0.0, 1 / np.sqrt(shape[1]), rng=rng)


def _he(shape, rng):
    return initlab.kaiming_normal(shape, nonlinearity="relu", rng=rng)


def _orthogonal(shape, rng):
    return initlab.orthogonal(shape, rng=rng)


# The analytic rules, and LSUV's starting point. With square layers Xavier's 2/(n_in + n_out) is
# LeCun's 1/n: one rule here.
RULES = {"LeCun = Xavier": _lecun, "He": _he, "orthogonal": _orthogonal}
NAMES = (*RULES, "LSUV")


def weights(rule: str, seed: int) -> list[np.ndarray]:
    """LAYERS square layers drawn by a rule (LSUV starts from orthogonal)."""
    rng = np.random.default_rng([seed, NAMES.index(rule)])
    init = RULES["orthogonal" if rule == "LSUV" else rule]
    return [init((WIDTH, WIDTH), rng) for _ in range(LAYERS)]


def inputs(count: int, seed: int) -> np.ndarray:
    """count standard normal inputs of dimension WIDTH, as blocks of BLOCK rows."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=(count // BLOCK, BLOCK, WIDTH))


def layer_variances(layers: list[np.ndarray], X: np.ndarray, activation: str) -> np.ndarray:
    """Var of every layer's pre-activations z = a Wᵀ over the batch and the units together (as
    LSUV measures it: np.var of the layer's output)."""
    g = ACTIVATIONS[activation]
    a, out = X, []
    for W in layers:
        z = a @ W.T
        out.append(float(z.var()))
        a = g(z)
    return np.array(out)


@dataclass(frozen=True)
class Lsuv:
    layers: list[np.ndarray]
    iterations: list[int]  # rescalings of each layer
    variances: list[float]  # the measured variance each layer ended with, on the batch

    @property
    def measurements(self) -> int:
        """Forward passes, each up to the layer being fixed: one before each layer's loop, one
        after each rescaling."""
        return sum(1 + k for k in self.iterations)

    @property
    def layer_evaluations_from_input(self) -> int:
        """Layer evaluations when every measurement reruns the network from its input up to the
        layer being fixed (what the reference implementation does)."""
        return sum((layer + 1) * (1 + k) for layer, k in enumerate(self.iterations))


def lsuv(layers: list[np.ndarray], X: np.ndarray, activation: str, after: bool) -> Lsuv:
    """Layer-sequential unit variance: from the first layer to the last, divide the layer's
    weights by the square root of its output's variance on the batch X until that variance is
    within TOLERANCE of 1 (or MAX_ITERATIONS rescalings). The output is the pre-activation, as in
    Mishkin and Matas's code; ``after`` measures it after the activation instead.

    The input of the layer being fixed is kept from the layers before (they are done), so a
    measurement evaluates one layer; :attr:`Lsuv.layer_evaluations_from_input` counts what
    rerunning from the input would cost."""
    g = ACTIVATIONS[activation]
    layers = [W.copy() for W in layers]
    a, iterations, variances = X, [], []
    for W in layers:

        def measure(W=W, a=a):
            z = a @ W.T
            return float((g(z) if after else z).var())

        variance, k = measure(), 0
        while abs(variance - 1) >= TOLERANCE and k < MAX_ITERATIONS:
            W /= np.sqrt(variance)
            variance, k = measure(), k + 1
        iterations.append(k)
        variances.append(variance)
        a = g(a @ W.T)
    return Lsuv(layers, iterations, variances)


def batch(seed: int) -> np.ndarray:
    """The BATCH inputs LSUV sees for network ``seed``."""
    return inputs(BATCH, INPUT_SEED + seed)


@cache
def lsuv_runs(activation: str, after: bool = False) -> tuple[Lsuv, ...]:
    """LSUV on each of NETWORKS orthogonal starts, each with its own batch."""
    return tuple(
        lsuv(weights("LSUV", seed), batch(seed), activation, after) for seed in range(NETWORKS)
    )


@cache
def held_out() -> np.ndarray:
    return inputs(HELD_OUT, HELD_OUT_SEED)


@cache
def variances(activation: str, rule: str) -> np.ndarray:
    """Per-layer pre-activation variance on the held-out inputs, shape (NETWORKS, LAYERS)."""
    if rule == "LSUV":
        nets = [run.layers for run in lsuv_runs(activation)]
    else:
        nets = [weights(rule, seed) for seed in range(NETWORKS)]
    return np.array([layer_variances(layers, held_out(), activation) for layers in nets])


def geometric_mean(values: np.ndarray) -> np.ndarray:
    """Over the networks (axis 0): a product of random factors is averaged on a log scale."""
    return np.exp(np.mean(np.log(values), axis=0))


def squared_scales(activation: str) -> np.ndarray:
    """What LSUV multiplied each orthogonal layer by, squared: ‖W‖²_F / n (an orthogonal matrix
    has ‖Q‖²_F = n), shape (NETWORKS, LAYERS). For a Gaussian rule this is n·Var(W), the gain²."""
    return np.array([[np.sum(W**2) / WIDTH for W in run.layers] for run in lsuv_runs(activation)])


# Gauss–Hermite nodes and weights for E[f(u)], u ~ N(0, 1).
_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(161)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()


def second_moment(activation: str, q: float = 1.0) -> float:
    """E[g(√q u)²] for u ~ N(0, 1), by Gauss–Hermite quadrature."""
    return float(np.sum(_WEIGHTS * ACTIVATIONS[activation](np.sqrt(q) * _NODES) ** 2))


def keeping_gain_squared(activation: str, q: float = 1.0) -> float:
    """The gain² that keeps the pre-activation variance at q from layer to layer: q / E[g(√q u)²]
    (for zero-mean weights, Var(z') = n Var(W) E[a²])."""
    return q / second_moment(activation, q)


def log_slope(activation: str, q: float = 1.0, step: float = 1e-4) -> float:
    """d log E[g(√q u)²] / d log q: how a relative error in one layer's variance grows (above 1)
    or shrinks (below 1) through the next layer, with its weights fixed."""
    up, down = second_moment(activation, q * (1 + step)), second_moment(activation, q / (1 + step))
    return float(np.log(up / down) / (2 * np.log(1 + step)))
