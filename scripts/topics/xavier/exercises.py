"""Exercises for the Xavier (Glorot) page."""

import math

import numpy as np

import initlab
from sitebuild.authoring import Exercise, exercise

LINEAR_SHAPE = (128, 256)  # PyTorch layout (out, in): a 256 -> 128 layer
TANH_SHAPE = (512, 512)


def _largest_drawn_weight() -> float:
    """Draw the layer with initlab and take the largest |w|: 32768 uniform draws come within
    about 1/32768 of the bound."""
    w = initlab.xavier_uniform(LINEAR_SHAPE, rng=np.random.default_rng(0))
    return float(np.abs(w).max())


@exercise(
    "compute",
    "PyTorch's `xavier_uniform_` initializes a fully connected layer from 256 inputs to 128 "
    "outputs (gain 1). What is the bound $a$ of its $U(-a, a)$? (Three significant digits.)",
    "$a = \\text{gain}\\cdot\\sqrt{6/(n_{in} + n_{out})} = \\sqrt{6/384} =$ **{answer}**: "
    "the uniform distribution with variance $2/(n_{in}+n_{out})$, since $U(-a, a)$ has variance "
    "$a^2/3$.",
    verify=_largest_drawn_weight,
    fmt="{:.3g}",
)
def glorot_uniform_bound():
    fan_in, fan_out = initlab.compute_fans(LINEAR_SHAPE)
    return initlab.calculate_gain("linear") * math.sqrt(6.0 / (fan_in + fan_out))


@exercise(
    "compute",
    "PyTorch's `xavier_normal_` with `gain=calculate_gain('tanh')` initializes a $512 \\times "
    "512$ tanh layer. What standard deviation does it draw with?",
    "$\\sigma = \\text{gain}\\cdot\\sqrt{2/(n_{in}+n_{out})} = \\tfrac53\\sqrt{2/1024} =$ "
    "**{answer}**. The gain $5/3$ makes up for tanh shrinking its input away from zero.",
    verify=lambda: float(
        initlab.xavier_normal(TANH_SHAPE, 5.0 / 3.0, rng=np.random.default_rng(0)).std()
    ),
    fmt="{:.3g}",
    tolerance=0.02,
)
def tanh_xavier_std():
    fan_in, fan_out = initlab.compute_fans(TANH_SHAPE)
    return initlab.calculate_gain("tanh") * math.sqrt(2.0 / (fan_in + fan_out))


uniform_bound = Exercise(
    "uniform_bound",
    "derive",
    "Show that $U(-a, a)$ has the Glorot variance $2/(n_{in}+n_{out})$ exactly when "
    "$a = \\sqrt{6/(n_{in}+n_{out})}$.",
    "$\\operatorname{Var}(U(-a,a)) = \\frac{1}{2a}\\int_{-a}^{a} w^2\\,dw = a^2/3$. Setting "
    "$a^2/3 = 2/(n_{in}+n_{out})$ gives $a^2 = 6/(n_{in}+n_{out})$.",
)

predict_standard = Exercise(
    "predict_standard",
    "predict",
    'The "standard" start $U(-1/\\sqrt n, 1/\\sqrt n)$ has variance $1/(3n)$, a third of '
    "what the forward condition asks. Before looking at the evidence, predict what happens to "
    "the spread of the tanh activations from the first layer to the last.",
    "It narrows layer after layer: each layer multiplies the variance by about $1/3$ while tanh "
    "is near its linear regime, so the activations crowd towards 0, and the back-propagated "
    "gradients shrink on the way down too (the evidence above shows both). The normalized start "
    "keeps the spread.",
)
