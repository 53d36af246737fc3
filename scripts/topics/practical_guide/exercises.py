"""Exercises for the practical guide, each numeric answer computed twice."""

import math

import numpy as np

from sitebuild.authoring import exercise
from topics.practical_guide import experiment as ex

LEAKY = 0.2


def _recorded_leaky_gain() -> float:
    """What torch's calculate_gain('leaky_relu', 0.2) returned, from the recorded reference."""
    return ex.torch_gain("leaky_relu", LEAKY)


@exercise(
    "compute",
    f"A network uses leaky ReLU with negative slope {LEAKY}. What gain does the criterion "
    "$g^2\\,\\mathbb E[\\varphi(u)^2] = 1$ give?",
    "Half of a unit normal's mass is kept as it is and half is multiplied by the slope, so "
    f"$\\mathbb E[\\varphi(u)^2] = (1 + {LEAKY}^2)/2$ and $g = \\sqrt{{2/(1 + {LEAKY}^2)}}$ = "
    "**{answer}**: exactly PyTorch's `calculate_gain('leaky_relu', 0.2)`, the [He page's](he.md) "
    "leaky rule.",
    verify=_recorded_leaky_gain,
    fmt="{:.5f}",
    tolerance=1e-4,
)
def leaky_gain():
    slope = LEAKY
    return 1 / math.sqrt(ex.expect(lambda z: np.where(z > 0, z, slope * z) ** 2))


PREVALENCE = 1 / 200


def _bias_by_bisection() -> float:
    """The b with σ(b) = p, by bisection: where the cost of a constant prediction is least."""
    low, high = -20.0, 20.0
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if ex.sigmoid(middle) < PREVALENCE else (low, middle)
    return (low + high) / 2


@exercise(
    "compute",
    "One example in 200 is positive. Which output bias starts a sigmoid classifier at the base "
    "rate?",
    "The log odds, $b = \\log(p/(1-p)) = \\log(1/199)$ = **{answer}**; then $\\sigma(b) = 1/200$ "
    "for every input, and the first cost is the entropy of the labels.",
    verify=_bias_by_bisection,
    fmt="{:.3f}",
    tolerance=1e-4,
)
def output_bias_one_in_200():
    return math.log(PREVALENCE / (1 - PREVALENCE))


FLOOR_WIDTH = 1024


def _floor_by_iteration() -> float:
    """Iterate q ← n·Var(W)·q/2 + Var(b) with PyTorch's recorded bounds for fan_in 1024 (each
    1/√n, so each variance bound²/3) until it settles."""
    bound = 1 / math.sqrt(FLOOR_WIDTH)
    variance = bound**2 / 3
    q = 1.0
    for _ in range(200):
        q = FLOOR_WIDTH * variance * q / 2 + variance
    return q


@exercise(
    "predict",
    f"A deep ReLU network of width {FLOOR_WIDTH} keeps PyTorch's default weights and biases. "
    "Where does the second moment of its pre-activations settle?",
    "Each layer keeps a sixth of it ($n \\cdot \\tfrac{1}{3n} \\cdot \\tfrac12$) and adds the "
    "bias variance $1/(3n)$, so it settles at $q = q/6 + 1/(3n)$, $q = 2/(5n)$ = **{answer}**, "
    "whatever the input: by then the pre-activations are mostly bias.",
    verify=_floor_by_iteration,
    fmt="{:.3g}",
    tolerance=1e-3,
)
def torch_floor():
    return ex.bias_floor(FLOOR_WIDTH)


HALF_LIFE = 20


def _bias_for_half_life_by_bisection() -> float:
    low, high = 0.0, 20.0
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if ex.half_life(middle) < HALF_LIFE else (low, middle)
    return (low + high) / 2


@exercise(
    "derive",
    f"Which forget-gate bias makes an LSTM's cell state keep half of itself for {HALF_LIFE} steps "
    "at initialization? Derive it from $\\sigma(b)^k = 1/2$.",
    f"$\\sigma(b) = 2^{{-1/k}}$, so $1 + e^{{-b}} = 2^{{1/k}}$ and $b = -\\log(2^{{1/k}} - 1)$; "
    f"for $k = {HALF_LIFE}$, $b$ = **{{answer}}**. For long spans $2^{{1/k}} - 1 \\approx "
    "(\\log 2)/k$, so $b \\approx \\log k - \\log\\log 2$: each doubling of the span adds "
    "$\\log 2$ to the bias.",
    verify=_bias_for_half_life_by_bisection,
    fmt="{:.3f}",
    tolerance=1e-4,
)
def bias_for_half_life():
    return -math.log(2 ** (1 / HALF_LIFE) - 1)
