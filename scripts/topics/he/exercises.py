"""Exercises for the He initialization page."""

import math

import mpmath

import initlab
from sitebuild.authoring import Exercise, exercise

CONV_SHAPE = (64, 3, 5, 5)  # PyTorch layout (out channels, in channels, kernel h, kernel w)


@exercise(
    "compute",
    "PyTorch's `kaiming_normal_(w, nonlinearity='relu')` initializes a convolution weight of "
    "shape $(64, 3, 5, 5)$ (mode `fan_in`). What standard deviation does it draw with?",
    "The fan-in is the input channels times the kernel, $3 \\cdot 5 \\cdot 5 = 75$; the ReLU "
    "gain is $\\sqrt 2$; so $\\sigma = \\sqrt 2/\\sqrt{75} = \\sqrt{2/75} =$ **{answer}**.",
    verify=lambda: math.sqrt(2.0 / 75.0),
    fmt="{:.4g}",
    tolerance=1e-6,
)
def he_conv_std():
    fan_in, _ = initlab.compute_fans(CONV_SHAPE)
    return initlab.calculate_gain("relu") / math.sqrt(fan_in)


def _relu_second_moment_integral(variance: float) -> float:
    sigma = math.sqrt(variance)
    density = lambda z: mpmath.npdf(z, 0, sigma)  # noqa: E731
    return float(mpmath.quad(lambda z: z**2 * density(z), [0, mpmath.inf]))


@exercise(
    "compute",
    "A pre-activation $z$ is symmetric around 0 with $\\operatorname{Var}(z) = 4$. What is the "
    "second moment $E[\\operatorname{relu}(z)^2]$ of the unit's output?",
    "ReLU keeps the positive half and zeroes the other; by symmetry the positive half carries "
    "half of $E[z^2] = \\operatorname{Var}(z)$, so $E[\\operatorname{relu}(z)^2] = 4/2 =$ "
    "**{answer}**. (Checked by integrating $z^2$ times the normal density over $z > 0$.)",
    verify=lambda: _relu_second_moment_integral(4.0),
    fmt="{:.3g}",
    tolerance=1e-6,
)
def relu_second_moment():
    return 4.0 / 2.0


def _leaky_gain_integral(slope: float) -> float:
    """1/sqrt(E[leaky(z)^2]) for z ~ N(0, 1): the gain that restores the second moment."""

    def leaky_squared(z):
        return (z if z > 0 else slope * z) ** 2 * mpmath.npdf(z)

    moment = mpmath.quad(leaky_squared, [-mpmath.inf, 0, mpmath.inf])
    return float(1 / mpmath.sqrt(moment))


@exercise(
    "compute",
    "What gain does PyTorch's `calculate_gain('leaky_relu', 0.2)` return, that is, the factor "
    "that keeps the second moment through a leaky ReLU with negative slope 0.2?",
    "A leaky ReLU keeps $E[z^2]/2$ from the positive side and $0.2^2 E[z^2]/2$ from the "
    "negative, so the gain is $\\sqrt{2/(1 + 0.2^2)} =$ **{answer}**, between ReLU's "
    "$\\sqrt 2$ (slope 0) and the identity's 1 (slope 1).",
    verify=lambda: _leaky_gain_integral(0.2),
    fmt="{:.4g}",
    tolerance=1e-6,
)
def leaky_gain():
    return initlab.calculate_gain("leaky_relu", 0.2)


playground_deep = Exercise(
    "playground_deep",
    "playground",
    "In the [playground](playground.md), set **Hidden layers** to 30, choose **He** with ReLU and "
    "press Play. What happens? Then try **Xavier** with ReLU.",
    "He with ReLU trains: most points end on their side of the boundary and the cost falls well "
    "below where it started, though plain gradient descent on 30 layers spikes now and then, "
    "so try a few seeds. Xavier with ReLU learns nothing: the activations halve at every layer, "
    "the output no longer depends on the input, and the cost stays at $\\ln 2$.",
)
