"""Symmetry: a small net trained from constant and from random weights, hidden units tracked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

import initlab
from initlab.network import MLP

SEED = 0
WIDTHS = [2, 4, 1]
ALPHA = 0.5  # the constant every weight starts at
STEPS = 600
LEARNING_RATE = 1.0
RANDOM_STD = 0.5
RADIUS = 0.6  # of the circle whose inside is the positive class
SQUARE = (-1, 1)  # the inputs' square, SQUARE², where the data and the unit maps lie
BIAS_STD = 0.5  # the random biases of the constant-weight run


def circle_data(points: int = 200, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Points in the square SQUARE², labelled 1 inside the circle of radius RADIUS."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(*SQUARE, size=(points, 2))
    y = (np.hypot(X[:, 0], X[:, 1]) < RADIUS).astype(float)
    return X, y


@dataclass(frozen=True)
class Run:
    name: str
    steps: np.ndarray
    loss: np.ndarray
    hidden_weights: np.ndarray  # (recorded steps, hidden units, inputs)
    start_biases: np.ndarray  # the hidden biases before the first step
    net: MLP

    @property
    def largest_unit_difference(self) -> float:
        """Largest |w_jk − w_1k| over hidden units j, inputs k and every recorded step."""
        w = self.hidden_weights
        return float(np.max(np.abs(w - w[:, :1, :])))


def train(name: str, init, hidden_bias_std: float = 0.0) -> Run:
    X, y = circle_data()
    net = MLP(WIDTHS, "tanh", "sigmoid", init, np.random.default_rng(SEED))
    if hidden_bias_std:
        bias_rng = np.random.default_rng(SEED + 1)
        net.biases[0] = bias_rng.normal(0.0, hidden_bias_std, size=net.biases[0].shape)
    start_biases = net.biases[0].copy()
    history = net.train(
        X, y, "bce", LEARNING_RATE, STEPS, record_every=5, snapshot=lambda n: n.weights[0].copy()
    )
    return Run(name, history.steps, history.loss, np.array(history.snapshots), start_biases, net)


@cache
def runs() -> dict[str, Run]:
    def constant(shape, rng):
        return initlab.constant(shape, ALPHA, rng=rng)

    def random(shape, rng):
        return initlab.normal(shape, 0.0, RANDOM_STD, rng=rng)

    return {
        "constant": train("constant", constant),
        "random": train("random", random),
        "random biases": train("random biases", constant, BIAS_STD),
    }


def zero_init_gradients(activation: str, loss: str = "bce") -> dict[str, int]:
    """With every weight and bias zero: how many gradient entries of each kind are non-zero.
    The page's network trains on ``"bce"``; the derivation says the counts hold for any loss."""
    X, y = circle_data()
    net = MLP(WIDTHS, activation, "sigmoid", "zeros", np.random.default_rng(SEED))
    grads = net.backward(net.forward(X), y, loss)
    names = ["hidden weights", "hidden biases", "output weights", "output bias"]
    arrays = [grads.weights[0], grads.biases[0], grads.weights[1], grads.biases[1]]
    return {name: int(np.count_nonzero(a)) for name, a in zip(names, arrays, strict=True)}


def unit_maps(net: MLP, resolution: int = 60) -> np.ndarray:
    """Each hidden unit's activation over the input square: (units, resolution, resolution)."""
    grid = np.linspace(*SQUARE, resolution)
    xx, yy = np.meshgrid(grid, grid)
    points = np.column_stack([xx.ravel(), yy.ravel()])
    hidden = net.forward(points).a[1]
    return hidden.T.reshape(-1, resolution, resolution)


def cutting_units(net: MLP, resolution: int = 60) -> list[int]:
    """The hidden units whose output changes sign inside the input square: each cuts it along the
    line where its pre-activation is 0."""
    maps = unit_maps(net, resolution)
    return [unit for unit, m in enumerate(maps) if m.min() < 0 < m.max()]


def direction(net: MLP, unit: int) -> float:
    """The direction, in degrees from 0 to 180, of the line along which ``unit`` cuts."""
    w1, w2 = net.weights[0][unit]
    return float(np.degrees(np.arctan2(-w1, w2)) % 180)


def accuracy(net: MLP) -> float:
    X, y = circle_data()
    return float(np.mean((net.predict(X).ravel() > 0.5) == (y > 0.5)))
