"""Exercises for the sigmoid page, each numeric answer computed twice."""

import math

import mpmath
import numpy as np

from sitebuild.authoring import Exercise, exercise
from topics.sigmoid_jacobians import experiment as ex

LAYERS = 10
WEIGHT_NORM = 2.0  # about the largest singular value of a square Xavier matrix


def _bound_by_grid() -> float:
    """The largest slope found on a fine grid through 0, times the weight norm, per layer."""
    grid = np.linspace(-8, 8, 16001)
    return float((ex.sigmoid_slope(grid).max() * WEIGHT_NORM) ** LAYERS)


@exercise(
    "compute",
    f"Every weight matrix of a {LAYERS}-layer sigmoid network has largest singular value "
    f"{WEIGHT_NORM:g} (about what a square Xavier matrix has). At most how much can the network "
    "stretch a gradient on its way from the output to the input?",
    f"By the Jacobian bound, at most $(\\tfrac14 \\cdot {WEIGHT_NORM:g})^{{{LAYERS}}}$ = "
    "**{answer}**: even in the most favourable direction, with every unit at the peak of its "
    "slope, the gradient shrinks by that factor. The measured networks do far worse, since most "
    "slopes are below the peak and most directions are not the favourable one.",
    verify=_bound_by_grid,
    fmt="{:.3g}",
    tolerance=1e-4,
)
def ten_layer_bound():
    return (WEIGHT_NORM / 4) ** LAYERS


tanh_from_sigmoid = Exercise(
    "tanh_from_sigmoid",
    "derive",
    "Show that $\\tanh'(z) = 4\\sigma'(2z)$, and say what it means for the bound on the "
    "Jacobian of a tanh network.",
    "From $\\tanh z = 2\\sigma(2z) - 1$ (write both with $e^{-2z}$), the chain rule gives "
    "$\\tanh'(z) = 2 \\cdot 2\\sigma'(2z)$. The largest slope is $4 \\cdot \\tfrac14 = 1$, at "
    "$z = 0$, so the factor $4^{-L}$ of the sigmoid bound becomes 1: a tanh network's Jacobian "
    "is bounded by the product of its weights' norms alone, and with Xavier's weights its "
    "gradient can keep its size.",
)


def _gain_criterion_factor_by_quadrature() -> float:
    """The same ratio by mpmath's adaptive quadrature instead of Gauss-Hermite."""
    density = lambda u: mpmath.exp(-(u**2) / 2) / mpmath.sqrt(2 * mpmath.pi)  # noqa: E731
    logistic = lambda u: 1 / (1 + mpmath.exp(-u))  # noqa: E731
    slope = mpmath.quad(lambda u: (logistic(u) * (1 - logistic(u))) ** 2 * density(u),
                        [-mpmath.inf, 0, mpmath.inf])  # fmt: skip
    second = mpmath.quad(lambda u: logistic(u) ** 2 * density(u), [-mpmath.inf, 0, mpmath.inf])
    return float(slope / second)


@exercise(
    "predict",
    "Take the sigmoid network at the [practical guide's](practical-guide.md) gain instead, "
    "$g^2 = 1/\\mathbb E[\\sigma(u)^2]$, which holds its pre-activations at unit variance. By "
    "what factor does each layer then multiply the gradient's variance?",
    "By $n\\operatorname{Var}(W)\\,\\mathbb E[\\sigma'(u)^2] = \\mathbb E[\\sigma'(u)^2] / "
    "\\mathbb E[\\sigma(u)^2]$ = **{answer}** for $u \\sim \\mathcal N(0, 1)$: larger than "
    "with Xavier's weights, and still far below 1. No gain that holds unit variance helps: "
    "$\\mathbb E[\\sigma'^2]$ is at most $1/16$ and $\\mathbb E[\\sigma^2]$ at least $1/4$ (the "
    "square of the mean ½), so holding the forward variance at 1 costs the gradient's variance at "
    "least a factor 4 per layer.",
    verify=_gain_criterion_factor_by_quadrature,
    fmt="{:.3f}",
    tolerance=1e-3,
)
def gain_criterion_factor():
    return ex.expect(lambda u: ex.sigmoid_slope(u) ** 2) / ex.expect(lambda u: ex.sigmoid(u) ** 2)


TENTH = 10


def _tenth_by_bisection() -> float:
    low, high = 0.0, 20.0
    for _ in range(200):
        middle = (low + high) / 2
        if ex.sigmoid_slope(middle) > 0.25 / TENTH:
            low = middle
        else:
            high = middle
    return (low + high) / 2


@exercise(
    "compute",
    "How far from 0 must a pre-activation be for the sigmoid's slope to fall to a tenth of its "
    "peak?",
    "With $\\sigma'(z) = \\tfrac14\\operatorname{sech}^2(z/2)$, a tenth of the peak needs "
    f"$\\cosh^2(z/2) = {TENTH}$, $|z| = 2\\operatorname{{arccosh}}\\sqrt{{{TENTH}}}$ = "
    "**{answer}**. Saturation is not needed for the gradient to vanish: at 0 the slope is "
    "already only a quarter.",
    verify=_tenth_by_bisection,
    fmt="{:.3f}",
    tolerance=1e-4,
)
def tenth_of_peak():
    return 2 * math.acosh(math.sqrt(TENTH))
