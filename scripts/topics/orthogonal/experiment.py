"""Orthogonal against Gaussian weights: the singular values of a deep network's input-output
Jacobian, and how fast a deep linear network trains from each (Saxe et al. 2014; Pennington et
al. 2017).

Matrices are kept at 64 × 64 or smaller: OpenBLAS hands larger products to several threads,
which on a shared machine costs more than it saves.
"""

from __future__ import annotations

from functools import cache

import numpy as np

import initlab

# The Jacobian's spectrum: square layers of width n, J = D_L W_L ⋯ D_1 W_1.
WIDTH = 64
DEPTHS = (10, 50, 200)
NETWORKS = 4  # independent networks per case; their singular values are pooled
SPECTRUM_SEED = 0
TANH_GAIN = 1.01  # the figure's tanh gain: just above 1, so the pre-activations settle small
TABLE_GAINS = (1.01, 1.05, 5 / 3)  # the table's tanh gains; 5/3 is calculate_gain("tanh")
# A singular value below this fraction of the largest is out of double precision's reach: the
# product's rounding error (about 1e-15 of the largest, see the tests) swamps it.
RESOLVED = 1e-12
NEAR = 2.0  # "near 1": within a factor of 2

# Training a deep linear network y = A x on whitened inputs (the cost only sees the product).
TRAIN_WIDTH = 16
TRAIN_DEPTHS = (4, 16, 64)
TRAIN_SEEDS = range(3)
TRAIN_STEPS = 800
RATE = 1.5  # learning rate RATE / L for both initializations: the product moves at RATE
TARGET_SEED = 123
LEVEL = 1e-2  # "reaches the cost level": 1% of the starting cost

KINDS = ("Gaussian", "orthogonal")


def weight(kind: str, n: int, gain: float, rng: np.random.Generator) -> np.ndarray:
    """An n × n layer: N(0, gain²/n) entries (LeCun's variance times gain²), or gain times a
    uniformly random orthogonal matrix (initlab.orthogonal, as torch.nn.init.orthogonal_)."""
    if kind == "Gaussian":
        return initlab.normal((n, n), 0.0, gain / np.sqrt(n), rng=rng)
    if kind == "orthogonal":
        return initlab.orthogonal((n, n), gain, rng=rng)
    raise ValueError(f"unknown kind {kind!r}: use one of {KINDS}")


# Gauss–Hermite nodes and weights for E[f(u)], u ~ N(0, 1).
_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(121)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()


def normal_mean(f) -> float:
    """E[f(u)] for u ~ N(0, 1), by Gauss–Hermite quadrature."""
    return float(np.sum(_WEIGHTS * f(_NODES)))


def variance_map(q: float, gain: float) -> float:
    """The next layer's pre-activation variance when this layer's is q: gain²·E[tanh(√q u)²]."""
    return gain**2 * normal_mean(lambda u: np.tanh(np.sqrt(q) * u) ** 2)


@cache
def fixed_point(gain: float) -> float:
    """q* = variance_map(q*) > 0 for a gain above 1, by iterating the map from q = 1."""
    q = 1.0
    for _ in range(100_000):
        q_next = variance_map(q, gain)
        if abs(q_next - q) < 1e-15:
            break
        q = q_next
    return q


def approximate_fixed_point(gain: float) -> float:
    """The derivation's small-q fixed point, (1 − 1/gain²)/2."""
    return (1 - 1 / gain**2) / 2


def slope(gain: float) -> float:
    """χ = gain²·E[tanh'(h)²] at the fixed point: the mean of one layer's squared singular
    values (D W has (1/n) tr of its square equal to this, on average)."""
    q = fixed_point(gain)
    return gain**2 * normal_mean(lambda u: (1 - np.tanh(np.sqrt(q) * u) ** 2) ** 2)


def network(kind: str, activation: str, gain: float, seed: int) -> tuple[list, np.ndarray]:
    """The layers of one network, max(DEPTHS) of them, and its input. tanh networks start from
    a random input whose pre-activations have the fixed-point variance q*, where they stay."""
    rng = np.random.default_rng([SPECTRUM_SEED, seed, KINDS.index(kind)])
    q = fixed_point(gain) if activation == "tanh" else 1.0
    x = rng.normal(0.0, np.sqrt(q) / gain, size=WIDTH)  # so that W x has variance ≈ q
    layers = [weight(kind, WIDTH, gain, rng) for _ in range(max(DEPTHS))]
    return layers, x


def jacobian_spectra(kind: str, activation: str, gain: float, seed: int) -> dict[int, np.ndarray]:
    """Singular values (descending) of J = D_l W_l ⋯ D_1 W_1 at each depth of DEPTHS, for one
    network (linear layers have D = I)."""
    if activation not in ("linear", "tanh"):
        raise ValueError(f"unknown activation {activation!r}: use 'linear' or 'tanh'")
    layers, a = network(kind, activation, gain, seed)
    J = np.eye(WIDTH)
    spectra = {}
    for depth, W in enumerate(layers, start=1):
        a = W @ a
        if activation == "tanh":
            a = np.tanh(a)
            J = ((1 - a * a)[:, None] * W) @ J
        else:
            J = W @ J
        if depth in DEPTHS:
            spectra[depth] = np.linalg.svd(J, compute_uv=False)
    return spectra


@cache
def spectra(kind: str, activation: str, gain: float = 1.0) -> dict[int, np.ndarray]:
    """Singular values at each depth, pooled over NETWORKS networks (NETWORKS · WIDTH values)."""
    runs = [jacobian_spectra(kind, activation, gain, seed) for seed in range(NETWORKS)]
    return {depth: np.concatenate([run[depth] for run in runs]) for depth in DEPTHS}


def resolved(kind: str, activation: str, gain: float, depth: int) -> list[np.ndarray]:
    """Each network's singular values at ``depth`` that double precision resolves (above RESOLVED
    times its largest), descending."""
    values = spectra(kind, activation, gain)[depth].reshape(NETWORKS, WIDTH)
    return [row[row > RESOLVED * row[0]] for row in values]


def fraction_near_one(kind: str, activation: str, gain: float, depth: int) -> float:
    """The fraction of the pooled singular values within a factor NEAR of 1."""
    values = spectra(kind, activation, gain)[depth]
    return float(np.mean((values > 1 / NEAR) & (values < NEAR)))


def fraction_unresolved(kind: str, activation: str, gain: float, depth: int) -> float:
    """The fraction of the pooled singular values below RESOLVED times their network's largest."""
    values = spectra(kind, activation, gain)[depth].reshape(NETWORKS, WIDTH)
    return float(np.mean(values < RESOLVED * values[:, :1]))


def mean_square(kind: str, activation: str, gain: float, depth: int) -> float:
    """(1/n) Σ σ_i², averaged over the networks: (1/n) tr(JᵀJ)."""
    return float(np.mean(spectra(kind, activation, gain)[depth] ** 2))


def gaussian_fourth_moment(depth: int, n: int) -> float:
    """E[(1/n) tr((JᵀJ)²)] for a product of ``depth`` Gaussian layers N(0, 1/n), exactly, from
    the derivation's recursion: a ← (1 + 1/n) a + b, b ← b + 2a/n², from a = b = 1."""
    a, b = 1.0, 1.0
    for _ in range(depth):
        a, b = (1 + 1 / n) * a + b, b + 2 * a / n**2
    return a


# -- Training a deep linear network ---------------------------------------------------------


def target() -> np.ndarray:
    """The linear map to learn: an n × n Gaussian matrix, entries N(0, 1/n)."""
    rng = np.random.default_rng(TARGET_SEED)
    return rng.normal(0.0, 1 / np.sqrt(TRAIN_WIDTH), size=(TRAIN_WIDTH, TRAIN_WIDTH))


def initial_layers(depth: int) -> list[np.ndarray]:
    """Layer l as a stack (kind, seed, n, n): every network of the experiment, trained at once."""
    layers = []
    for layer in range(depth):
        stack = [
            weight(kind, TRAIN_WIDTH, 1.0, np.random.default_rng([seed, layer, index]))
            for index, kind in enumerate(KINDS)
            for seed in TRAIN_SEEDS
        ]
        layers.append(np.stack(stack).reshape(len(KINDS), len(TRAIN_SEEDS), *stack[0].shape))
    return layers


@cache
def training(depth: int) -> np.ndarray:
    """The cost before each of TRAIN_STEPS steps of gradient descent and after the last, shape
    (kind, seed, step), learning rate RATE/depth."""
    layers = initial_layers(depth)
    A, n, rate = target(), TRAIN_WIDTH, RATE / depth
    identity = np.broadcast_to(np.eye(n), layers[0].shape)
    costs = []
    for step in range(TRAIN_STEPS + 1):
        below = [identity]  # below[l] = W_l ⋯ W_1
        for W in layers:
            below.append(W @ below[-1])
        error = below[-1] - A
        costs.append(0.5 * np.sum(error**2, axis=(-2, -1)) / n)
        if step == TRAIN_STEPS:
            break
        above = identity  # W_L ⋯ W_{l+1}
        for layer in range(depth - 1, -1, -1):
            gradient = np.swapaxes(above, -1, -2) @ (error / n) @ np.swapaxes(below[layer], -1, -2)
            above = above @ layers[layer]
            layers[layer] = layers[layer] - rate * gradient
    return np.moveaxis(np.array(costs), 0, -1)


def steps_to_level(depth: int) -> np.ndarray:
    """Steps until the cost is below LEVEL times its start, shape (kind, seed); inf: not within
    TRAIN_STEPS."""
    costs = training(depth)
    below = costs < LEVEL * costs[..., :1]
    first = np.argmax(below, axis=-1).astype(float)
    first[~below.any(axis=-1)] = np.inf
    return first
