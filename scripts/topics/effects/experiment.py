"""Visualizing the effects of initialization: one small network trained from five starts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

import initlab
from initlab.network import MLP

WIDTHS = [2, 16, 16, 16, 1]
POINTS = 300
STEPS = 1500
LEARNING_RATE = 0.5
DATA_SEED = 0
INIT_SEED = 1
SMALL_STD = 0.001
LARGE_STD = 10.0
DATASET = "spirals"


def circles(rng, n):
    radius = np.where(rng.random(n) < 0.5, 0.35, 0.85) + rng.normal(0, 0.07, n)
    angle = rng.uniform(0, 2 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return X, (radius < 0.6).astype(float)


def moons(rng, n):
    label = rng.random(n) < 0.5
    angle = rng.uniform(0, np.pi, n)
    X = np.where(
        label[:, None],
        np.column_stack([1 - np.cos(angle), 0.5 - np.sin(angle)]),
        np.column_stack([np.cos(angle), np.sin(angle)]),
    )
    X = (X - [0.5, 0.25]) / 1.2 + rng.normal(0, 0.08, (n, 2))
    return X, label.astype(float)


def spirals(rng, n):
    label = rng.random(n) < 0.5
    t = rng.uniform(0.25, 1, n) * 3 * np.pi
    direction = np.where(label, np.pi, 0.0)
    X = np.column_stack([t * np.cos(t + direction), t * np.sin(t + direction)]) / (3 * np.pi)
    return X + rng.normal(0, 0.03, (n, 2)), label.astype(float)


def blobs(rng, n):
    label = rng.random(n) < 0.5
    centres = np.where(label[:, None], [0.45, 0.45], [-0.45, -0.45])
    return centres + rng.normal(0, 0.3, (n, 2)), label.astype(float)


DATASETS = {"circles": circles, "moons": moons, "spirals": spirals, "blobs": blobs}


def dataset(name: str = DATASET, points: int = POINTS, seed: int = DATA_SEED):
    """Inputs in roughly [-1, 1]² and 0/1 labels, the same for a given name and seed."""
    return DATASETS[name](np.random.default_rng(seed), points)


def _normal(std):
    def init(shape, rng):
        return initlab.normal(shape, 0.0, std, rng=rng)

    return init


def _he(shape, rng):
    return initlab.kaiming_normal(shape, nonlinearity="relu", rng=rng)


def _xavier(shape, rng):
    return initlab.xavier_normal(shape, rng=rng)


# name -> (initializer, hidden activation)
SETUPS = {
    "zero": ("zeros", "tanh"),
    "too small (σ = 0.001)": (_normal(SMALL_STD), "tanh"),
    "too large (σ = 10)": (_normal(LARGE_STD), "tanh"),
    "Xavier, tanh": (_xavier, "tanh"),
    "He, ReLU": (_he, "relu"),
}


@dataclass(frozen=True)
class Run:
    name: str
    activation: str
    loss: np.ndarray
    accuracy: float
    initial: MLP
    trained: MLP


def build(name: str) -> MLP:
    init, activation = SETUPS[name]
    return MLP(WIDTHS, activation, "sigmoid", init, np.random.default_rng(INIT_SEED))


@cache
def runs(data: str = DATASET) -> dict[str, Run]:
    X, y = dataset(data)
    out = {}
    for name in SETUPS:
        initial = build(name)
        net = build(name)
        with np.errstate(over="ignore"):
            history = net.train(X, y, "bce", LEARNING_RATE, STEPS, record_every=10)
        accuracy = float(np.mean((net.predict(X).ravel() > 0.5) == (y > 0.5)))
        out[name] = Run(name, SETUPS[name][1], history.loss, accuracy, initial, net)
    return out


def grid(resolution: int = 120, extent: float = 1.5):
    axis = np.linspace(-extent, extent, resolution)
    xx, yy = np.meshgrid(axis, axis)
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def layer_statistics(net: MLP, X, y):
    """Per hidden layer: activations and the gradients of the cost with respect to them."""
    fwd = net.forward(X)
    grads = net.backward(fwd, y, "bce")
    hidden = range(1, len(WIDTHS) - 1)
    return [fwd.a[layer] for layer in hidden], [grads.a[layer] for layer in hidden]
