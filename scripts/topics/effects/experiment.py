"""Visualizing the effects of initialization: one small network trained from seven starts, on
four data sets, from several random seeds, and scored on held-out points."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

import initlab
from initlab.network import MLP

WIDTHS = [2, 16, 16, 16, 1]
POINTS = 300  # training points; as many held-out points, drawn from the same distribution
STEPS = 2500
LEARNING_RATE = 0.3
RECORD_EVERY = 10
DATA_SEED, TEST_SEED = 0, 1
SEEDS = range(3)  # initializations drawn for every random start
SMALL_STD = 0.001
LARGE_STD = 10.0
DATASET = "spirals"  # the data set of the cost curves and the histograms
MAP_EXTENT = 1.7  # the decision maps show [-MAP_EXTENT, MAP_EXTENT]², which holds every point


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


def held_out(name: str = DATASET):
    """Points the network never trains on, from the same distribution."""
    return dataset(name, POINTS, TEST_SEED)


@dataclass(frozen=True)
class Start:
    name: str  # as the page shows it
    init: object  # an initlab rule: shape, rng -> array
    activation: str  # of the hidden layers

    @property
    def random(self) -> bool:
        return self.name != "zero"


@dataclass(frozen=True)
class Normal:
    """N(0, std²) for every weight, whatever the layer's shape: the too-small and too-large
    starts. (A class, not a closure made at import, so that its body runs when a network is
    drawn and a mutation test can reach it.)"""

    std: float

    def __call__(self, shape, rng):
        return initlab.normal(shape, 0.0, self.std, rng=rng)


def _he(shape, rng):
    return initlab.kaiming_normal(shape, nonlinearity="relu", rng=rng)


def _xavier(shape, rng):
    return initlab.xavier_normal(shape, rng=rng)


ZERO = Start("zero", "zeros", "tanh")
SMALL = Start("too small", Normal(SMALL_STD), "tanh")
LARGE = Start("too large", Normal(LARGE_STD), "tanh")
XAVIER_TANH = Start("Xavier, tanh", _xavier, "tanh")
HE_RELU = Start("He, ReLU", _he, "relu")
XAVIER_RELU = Start("Xavier, ReLU", _xavier, "relu")
HE_TANH = Start("He, tanh", _he, "tanh")
MAIN = (ZERO, SMALL, LARGE, XAVIER_TANH, HE_RELU)  # each rule with the activation it was made for
CONTROLLED = (XAVIER_TANH, HE_TANH, XAVIER_RELU, HE_RELU)  # one change at a time
STARTS = (*MAIN, XAVIER_RELU, HE_TANH)


@dataclass(frozen=True)
class Run:
    start: Start
    seed: int
    steps: np.ndarray  # the steps the training cost was recorded at: 0, RECORD_EVERY, ..., STEPS
    loss: np.ndarray  # the training cost at those steps
    accuracy: float  # on the training points
    test_accuracy: float  # on the held-out points
    test_loss: float
    initial: MLP
    trained: MLP


def build(start: Start, seed: int) -> MLP:
    return MLP(WIDTHS, start.activation, "sigmoid", start.init, np.random.default_rng(seed))


def accuracy(net: MLP, X, y) -> float:
    return float(np.mean((net.predict(X).ravel() > 0.5) == (y > 0.5)))


@cache
def run(data: str, start: Start, seed: int) -> Run:
    if not start.random and seed != SEEDS[0]:
        return run(data, start, SEEDS[0])  # all zeros: every seed gives the same network
    X, y = dataset(data)
    X_test, y_test = held_out(data)
    net = build(start, seed)
    with np.errstate(over="ignore"):
        history = net.train(X, y, "bce", LEARNING_RATE, STEPS, record_every=RECORD_EVERY)
    test_loss = net.loss(net.forward(X_test), y_test, "bce")
    return Run(
        start, seed, history.steps, history.loss,
        accuracy(net, X, y), accuracy(net, X_test, y_test), test_loss, build(start, seed), net,
    )  # fmt: skip


def runs(data: str, start: Start) -> list[Run]:
    """One run per seed."""
    return [run(data, start, seed) for seed in SEEDS]


def steps_to(run: Run, level: float) -> float:
    """The first recorded step at which the run's training cost is below ``level`` (inf: never)."""
    below = np.flatnonzero(run.loss < level)
    return float(run.steps[below[0]]) if below.size else float("inf")


def median_steps_to(start: Start, level: float, data: str = DATASET) -> float:
    """The median over the seeds of :func:`steps_to`."""
    return float(np.median([steps_to(run, level) for run in runs(data, start)]))


def rms(values) -> float:
    """Root-mean-square: the size of a signal."""
    return float(np.sqrt(np.mean(np.square(values))))


def initial_statistics(start: Start, data: str = DATASET):
    """:func:`layer_statistics` of the first seed's network at initialization."""
    X, y = dataset(data)
    return layer_statistics(run(data, start, SEEDS[0]).initial, X, y)


def base_rate_loss(data: str = DATASET) -> float:
    """The cross-entropy of always predicting the fraction of positives: what 'learned nothing'
    costs."""
    _, y = dataset(data)
    p = y.mean()
    return float(-(p * np.log(p) + (1 - p) * np.log(1 - p)))


def grid(resolution: int):
    """``resolution`` × ``resolution`` points over the decision maps' square: (x, y, points)."""
    axis = np.linspace(-MAP_EXTENT, MAP_EXTENT, resolution)
    xx, yy = np.meshgrid(axis, axis)
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def layer_statistics(net: MLP, X, y):
    """Per hidden layer: activations and the gradients of the cost with respect to them."""
    fwd = net.forward(X)
    grads = net.backward(fwd, y, "bce")
    hidden = range(1, len(WIDTHS) - 1)
    return [fwd.a[layer] for layer in hidden], [grads.a[layer] for layer in hidden]


def small_signal_factor(layers: int = len(WIDTHS) - 2) -> float:
    """How much the too-small start scales the input's size after ``layers`` hidden layers, with
    tanh linear near 0: each layer multiplies the standard deviation by σ·√fan_in."""
    return float(np.prod([SMALL_STD * np.sqrt(fan_in) for fan_in in WIDTHS[:layers]]))
