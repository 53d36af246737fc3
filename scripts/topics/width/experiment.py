"""A width sweep: the same small MLP at widths 32 … 512, in standard parametrization (SP) and in
µP, trained by full-batch gradient descent over a grid of learning rates.

The network is 2 → n → n → 1 with ReLU hidden layers and a linear output, trained on a squared
error. Per layer it has an initial standard deviation and a learning-rate multiplier:

* SP: He's rule for the two hidden layers, LeCun's for the output layer; one learning rate η
  for every weight and bias.
* µP, Table 3 of Yang et al. (2022) for SGD, written relative to a base width n₀ (the factors
  n/n₀ instead of n, so that at n = n₀ both parametrizations are the same network): input
  weights and every bias of a hidden layer learn at η·n/n₀ (their fan-out is n); the hidden
  weights keep He's rule and η; the output weights start with variance (1/n)·(n₀/n) (1/fan_in²
  up to the constant) and learn at η·n₀/n; the output bias (fan-out 1) learns at η.

Many networks (learning rates × seeds) are trained at once, as stacks of weight matrices; a run
whose cost passes BLOWUP is stopped and counted as blown up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

import initlab

WIDTHS = (32, 64, 128, 256, 512)
BASE_WIDTH = 32
INPUTS = 2
POINTS = 32
STEPS = 100
RATES = tuple(2.0**k for k in range(-8, 3))  # the learning-rate grid, one per octave
SEEDS = range(2)
BLOWUP = 10.0  # far above any run's starting cost (the page gives the ratio)
DTYPE = np.float32  # for the sweep; the tests run the same code in float64
PARAMETRIZATIONS = ("SP", "µP")


def data(points: int = POINTS, seed: int = 0):
    """Points in [-1, 1]² and a smooth target, y = sin(3 x₁) cos(2 x₂)."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(points, INPUTS))
    y = np.sin(3 * X[:, 0]) * np.cos(2 * X[:, 1])
    return X, y[:, None]


@dataclass(frozen=True)
class Layout:
    """One parametrization at one width: each layer's initial standard deviation multiplier and
    learning-rate multipliers for its weights and its biases."""

    std: tuple[float, float, float]  # times the rule's standard deviation (He, He, LeCun)
    weight_rate: tuple[float, float, float]
    bias_rate: tuple[float, float, float]


def layout(parametrization: str, width: int, base: int = BASE_WIDTH) -> Layout:
    ratio = width / base
    if parametrization == "SP":
        return Layout((1.0, 1.0, 1.0), (1.0, 1.0, 1.0), (1.0, 1.0, 1.0))
    if parametrization == "µP":
        return Layout((1.0, 1.0, ratio**-0.5), (ratio, 1.0, 1 / ratio), (ratio, ratio, 1.0))
    raise ValueError(f"unknown parametrization {parametrization!r}")


def initial_weights(parametrization: str, width: int, seed: int):
    """The three weight matrices, PyTorch's (out, in) layout."""
    rng = np.random.default_rng(seed)
    std = layout(parametrization, width).std
    return [
        initlab.kaiming_normal((width, INPUTS), nonlinearity="relu", rng=rng) * std[0],
        initlab.kaiming_normal((width, width), nonlinearity="relu", rng=rng) * std[1],
        initlab.lecun_normal((1, width), rng=rng) * std[2],
    ]


class Stack:
    """Networks of one parametrization and width, one per (seed, learning rate), seed-major."""

    def __init__(self, parametrization, width, rates, seeds, dtype=np.float64):
        drawn = [initial_weights(parametrization, width, seed) for seed in seeds]
        self.weights = [
            np.repeat(np.stack([w[k] for w in drawn]), len(rates), axis=0).astype(dtype)
            for k in range(3)
        ]
        self.biases = [np.zeros((len(w), w.shape[1]), dtype) for w in self.weights]
        self.rates = np.tile(np.asarray(rates, dtype=dtype), len(drawn))
        self.layout = layout(parametrization, width)
        self.dtype = dtype

    def forward(self, X):
        a = [np.broadcast_to(np.asarray(X, self.dtype), (len(self.weights[0]),) + X.shape)]
        z = []
        for k, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z.append(np.matmul(a[-1], W.transpose(0, 2, 1)) + b[:, None, :])
            a.append(np.maximum(z[-1], 0) if k < 2 else z[-1])
        return a, z

    def costs(self, X, y):
        a, _ = self.forward(X)
        return 0.5 * np.sum((a[-1] - y) ** 2, axis=(1, 2)) / len(y)

    def gradients(self, X, y):
        a, z = self.forward(X)
        error = a[-1] - np.asarray(y, self.dtype)
        cost = 0.5 * np.sum(error**2, axis=(1, 2)) / len(y)
        grad_z = error / len(y)
        weights, biases = [None] * 3, [None] * 3
        for k in (2, 1, 0):
            weights[k] = np.matmul(grad_z.transpose(0, 2, 1), a[k])
            biases[k] = grad_z.sum(axis=1)
            if k > 0:
                grad_z = np.matmul(grad_z, self.weights[k]) * (z[k - 1] > 0)
        return cost, weights, biases

    def step(self, weights, biases):
        for k in range(3):
            self.weights[k] -= (self.rates * self.layout.weight_rate[k])[:, None, None] * weights[k]
            self.biases[k] -= (self.rates * self.layout.bias_rate[k])[:, None] * biases[k]

    def keep(self, alive):
        """Drop the networks where ``alive`` is False."""
        self.weights = [w[alive] for w in self.weights]
        self.biases = [b[alive] for b in self.biases]
        self.rates = self.rates[alive]


@cache
def sweep(parametrization: str, width: int) -> np.ndarray:
    """cost[seed, rate, step]; a run that blew up holds inf from that step on."""
    X, y = data()
    stack = Stack(parametrization, width, RATES, SEEDS, DTYPE)
    cost = np.full((len(SEEDS) * len(RATES), STEPS + 1), np.inf)
    running = np.arange(len(cost))
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(STEPS + 1):
            now, weights, biases = stack.gradients(X, y)
            alive = np.isfinite(now) & (now < BLOWUP)
            cost[running[alive], step] = now[alive]
            if not alive.all():
                stack.keep(alive)
                weights = [w[alive] for w in weights]
                biases = [b[alive] for b in biases]
                running = running[alive]
            if step == STEPS or len(running) == 0:
                break
            stack.step(weights, biases)
    return cost.reshape(len(SEEDS), len(RATES), STEPS + 1)


def final_costs(parametrization: str, width: int) -> np.ndarray:
    """(rate,): the final cost, geometric mean over the seeds (inf if any seed blew up)."""
    final = sweep(parametrization, width)[..., -1].astype(float)  # > 0, or inf: log is defined
    return np.exp(np.mean(np.log(final), axis=0))


def best_rate(parametrization: str, width: int) -> float:
    return RATES[int(np.argmin(final_costs(parametrization, width)))]


def best_cost(parametrization: str, width: int) -> float:
    return float(np.min(final_costs(parametrization, width)))


def largest_stable_rate(parametrization: str, width: int) -> float:
    """The largest rate at which no seed blew up."""
    finite = np.isfinite(final_costs(parametrization, width))
    return max(rate for rate, ok in zip(RATES, finite, strict=True) if ok)
