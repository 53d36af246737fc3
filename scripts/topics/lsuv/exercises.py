"""Exercises for the LSUV page."""

import math

import mpmath
import numpy as np

from sitebuild.authoring import Exercise, exercise
from topics.lsuv import experiment as ex

MEASURED = 4.84  # a layer's pre-activation variance on the batch
LAYERS = 20


def _factor_by_bisection(variance: float) -> float:
    """A batch with exactly that variance, and the factor c that brings it to 1, found by
    bisection on the batch itself."""
    z = np.random.default_rng(0).normal(size=4096)
    z = (z - z.mean()) / z.std() * math.sqrt(variance)
    low, high = 1e-3, 10.0
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if np.var(middle * z) < 1 else (low, middle)
    return (low + high) / 2


@exercise(
    "compute",
    f"LSUV measures a layer's pre-activations on its batch: variance {MEASURED:g}. By what factor "
    "does it multiply the layer's weights, and what variance does the next measurement give?",
    f"By $1/\\sqrt{{{MEASURED:g}}}$ = **{{answer}}**; the variance of $cz$ is $c^2$ times that "
    "of $z$, so the next measurement gives exactly 1 and the loop ends.",
    verify=lambda: _factor_by_bisection(MEASURED),
    fmt="{:.4g}",
)
def rescaling_factor():
    return 1 / math.sqrt(MEASURED)


@exercise(
    "compute",
    f"An LSUV run on a {LAYERS}-layer network rescales every layer once, and every measurement "
    "reruns the network from its input up to the layer being fixed. How many layer evaluations "
    "does it take?",
    "Layer $l$ is measured twice (before and after its rescaling), each time through $l$ "
    f"layers: $\\sum_{{l=1}}^{{{LAYERS}}} 2l = L(L + 1)$ = **{{answer}}**, about $L + 1$ full "
    "forward passes. Keeping each layer's input instead, it is $2L$ layer evaluations, two "
    "passes.",
    verify=lambda: ex.Lsuv([], [1] * LAYERS, []).layer_evaluations_from_input,
    fmt="{:.0f}",
    tolerance=1e-9,
)
def layer_evaluations():
    return float(LAYERS * (LAYERS + 1))


_reached = max(max(run.variances) for run in ex.lsuv_runs("tanh", after=True))
after_tanh = Exercise(
    "after_tanh",
    "derive",
    "Suppose LSUV measured each layer's output after tanh instead of its pre-activation. Why can "
    "that variance never reach 1, and what does the loop do to the weights meanwhile?",
    "$|\\tanh z| < 1$, so $\\operatorname{Var}(\\tanh z) \\le \\mathbb E[\\tanh^2 z] < 1$ for "
    "any scale: the target is out of reach. Each pass divides the weights by the square root "
    "of a variance below 1, so the weights grow at every iteration and push the units towards "
    "saturation, where tanh is nearly $\\pm 1$ and its derivative nearly 0, until the loop runs "
    f"out of iterations. In the experiment every layer used all {ex.MAX_ITERATIONS} and reached "
    f"{_reached:.3f} at most.",
)


def gelu(z):
    """GELU, z·Φ(z), with Φ the standard normal distribution function."""
    return z * 0.5 * (1 + np.vectorize(math.erf)(z / math.sqrt(2)))


def _gelu_by_mpmath() -> float:
    """1/E[GELU(u)²] by mpmath's adaptive quadrature against the normal density."""

    def integrand(u):
        return (u * mpmath.ncdf(u)) ** 2 * mpmath.npdf(u)

    return float(1 / mpmath.quad(integrand, [-mpmath.inf, 0, mpmath.inf]))


@exercise(
    "predict",
    "A network uses GELU, $z\\,\\Phi(z)$ with $\\Phi$ the normal distribution function, for which "
    "PyTorch defines no gain either. Predict the squared scale LSUV will give its second layer.",
    "The first layer's pre-activations are standard normal (unit-variance inputs, orthogonal "
    "weights, within the tolerance), so the second layer sees $\\mathbb E[a^2] = \\mathbb "
    "E[\\operatorname{GELU}(u)^2]$ per unit, and LSUV divides by that: the squared scale is "
    "$1/\\mathbb E[\\operatorname{GELU}(u)^2]$ ≈ **{answer}**, by quadrature, as the table "
    "above shows for tanh, ReLU and SiLU.",
    verify=_gelu_by_mpmath,
    fmt="{:.4g}",
)
def gelu_scale():
    nodes, weights = np.polynomial.hermite_e.hermegauss(161)
    return float(1 / np.sum(weights / weights.sum() * gelu(nodes) ** 2))
