"""He et al. (2015) at small scale: a 30-layer ReLU network under He and under Xavier."""

from __future__ import annotations

from functools import cache

import numpy as np

import initlab
from initlab.network import MLP
from topics.symmetry.experiment import circle_data

LAYERS = 30  # weight layers
WIDTH = 32
SEEDS = range(10)  # networks whose per-layer moments are averaged (geometric mean)
MOMENT_WIDTH = 256  # wide layers for the moments: less random drift around the expectation
MOMENT_POINTS = 64  # inputs for the moments: the drift comes from the weights, not the batch
STEPS = 500
TRAIN_SEEDS = range(3)  # networks trained from each initialization
LEARNING_RATE = 0.03
POINTS = 256
DATA_SEED = 0


def he(shape, rng):
    return initlab.kaiming_normal(shape, nonlinearity="relu", rng=rng)


def xavier(shape, rng):
    return initlab.xavier_normal(shape, rng=rng)


INITS = {"He": he, "Xavier (Glorot)": xavier}
WIDTHS = [2] + [WIDTH] * (LAYERS - 1) + [1]


def data() -> tuple[np.ndarray, np.ndarray]:
    """The symmetry page's data: points in [-1, 1]², labelled 1 inside a circle."""
    return circle_data(POINTS, DATA_SEED)


@cache
def second_moments() -> dict[str, np.ndarray]:
    """E[(a^[l])²] of the hidden layers at initialization relative to the first hidden layer's:
    the geometric mean over SEEDS networks (a product of random factors is best averaged on a
    log scale; the arithmetic mean is dominated by the rare network that drifted up)."""
    X = data()[0][:MOMENT_POINTS]
    out = {}
    for name, init in INITS.items():
        runs = []
        widths = [2] + [MOMENT_WIDTH] * (LAYERS - 1) + [1]
        for seed in SEEDS:
            net = MLP(widths, "relu", "sigmoid", init, np.random.default_rng(seed))
            hidden = net.forward(X).a[1:-1]
            moments = np.array([float(np.mean(a**2)) for a in hidden])
            runs.append(np.log(moments / moments[0]))
        out[name] = np.exp(np.mean(runs, axis=0))
    return out


@cache
def training() -> dict[str, list[np.ndarray]]:
    """The training cost per step, one curve per seed, for each initialization."""
    X, y = data()
    curves = {}
    for name, init in INITS.items():
        curves[name] = []
        for seed in TRAIN_SEEDS:
            net = MLP(WIDTHS, "relu", "sigmoid", init, np.random.default_rng(seed))
            curves[name].append(net.train(X, y, "bce", LEARNING_RATE, STEPS).loss)
    return curves


def base_rate_loss() -> float:
    """The cross-entropy of always predicting the fraction of positives: what 'stalled' means."""
    _, y = data()
    p = y.mean()
    return float(-(p * np.log(p) + (1 - p) * np.log(1 - p)))


def predicted_moments(name: str) -> np.ndarray:
    """The derivation's prediction relative to the first hidden layer: He keeps the second moment
    (n·Var(W)/2 = 1); Xavier with equal fans has n·Var(W) = 1, so ReLU halves it each layer."""
    factor = 1.0 if name == "He" else 0.5
    return factor ** np.arange(LAYERS - 1)
