"""Exercises for the reference page."""

import math

import mpmath

import initlab
from sitebuild.authoring import Exercise, exercise

KERAS_KERNEL = (3, 3, 16, 32)  # Keras layout (kernel h, kernel w, in channels, out channels)


def _truncated_std_integral(cut: float) -> float:
    """Standard deviation of N(0, 1) kept inside [-cut, cut], by integrating the density."""
    mass = mpmath.quad(mpmath.npdf, [-cut, cut])
    second = mpmath.quad(lambda z: z**2 * mpmath.npdf(z), [-cut, cut])
    return float(mpmath.sqrt(second / mass))


@exercise(
    "compute",
    "A unit normal is cut at $\\pm 3$ instead of Keras's $\\pm 2$. What is the standard "
    "deviation of what is left, the number a rule would divide by to correct for the cut?",
    "For a symmetric cut at $c$, $\\operatorname{Var} = 1 - 2c\\varphi(c)/(2\\Phi(c) - 1)$; at "
    "$c = 3$ the standard deviation is **{answer}**, a correction of about one percent, against "
    "the larger one at $\\pm 2$ above.",
    verify=lambda: _truncated_std_integral(3.0),
    fmt="{:.4g}",
    tolerance=1e-6,
)
def truncated_std_at_3():
    return initlab.truncated_normal_std(-3.0, 3.0)


@exercise(
    "compute",
    "PyTorch's `nn.Linear(100, 10)` initializes its weight with `kaiming_uniform_(w, a=√5)`. "
    "What is the bound $b$ of its $U(-b, b)$?",
    "The gain for leaky ReLU with slope $\\sqrt 5$ is $\\sqrt{2/(1+5)} = 1/\\sqrt 3$, and "
    "$b = \\sqrt 3 \\cdot \\text{gain}/\\sqrt{n_{in}} = 1/\\sqrt{100} =$ **{answer}**: the old "
    "$U(\\pm 1/\\sqrt{n_{in}})$ rule, whose variance $1/(3 n_{in})$ is a third of LeCun's.",
    verify=lambda: 1.0 / math.sqrt(100.0),
    fmt="{:.3g}",
    tolerance=1e-6,
)
def linear_default_bound():
    fan_in, _ = initlab.compute_fans((10, 100))
    return math.sqrt(3.0) * initlab.calculate_gain("leaky_relu", math.sqrt(5.0)) / math.sqrt(fan_in)


@exercise(
    "compute",
    "Keras's `HeNormal` initializes a convolution kernel of shape $(3, 3, 16, 32)$ (Keras "
    "layout). It draws from a normal cut at $\\pm 2\\sigma$. What $\\sigma$ does it draw with, "
    "before the cut?",
    "The fan-in is $3 \\cdot 3 \\cdot 16 = 144$, the intended standard deviation "
    "$\\sqrt{2/144}$, and Keras divides it by the cut normal's standard deviation so the kept "
    "samples have the intended variance: $\\sigma =$ **{answer}**.",
    verify=lambda: math.sqrt(2.0 / (3 * 3 * 16)) / _truncated_std_integral(2.0),
    fmt="{:.4g}",
    tolerance=1e-6,
)
def keras_he_sigma():
    fan_in, _ = initlab.compute_fans(KERAS_KERNEL, layout="keras")
    return math.sqrt(2.0 / fan_in) / initlab.TRUNCATED_STD_CORRECTION


fan_out_choice = Exercise(
    "fan_out_choice",
    "derive",
    "For a convolution weight of PyTorch shape $(C_{out}, C_{in}, k, k)$, write both fans and "
    "say when `mode='fan_out'` gives a smaller standard deviation than `fan_in`.",
    "$n_{in} = C_{in} k^2$ and $n_{out} = C_{out} k^2$; $\\sigma = \\text{gain}/\\sqrt{n}$ is "
    "smaller for the larger fan, so `fan_out` gives the smaller $\\sigma$ exactly when "
    "$C_{out} > C_{in}$, as in most layers of a network that widens with depth.",
)
