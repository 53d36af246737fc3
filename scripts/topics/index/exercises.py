"""Exercises for the home page."""

import math

from sitebuild.authoring import Exercise, exercise


@exercise(
    "compute",
    "Each layer of a deep linear network multiplies the signal's size by 0.9. After how many "
    "layers is it below a thousandth of the input's?",
    "The size after $L$ layers is $0.9^L$, below $10^{-3}$ once "
    "$L > \\ln 10^{-3} / \\ln 0.9 \\approx 65.6$: after **{answer}** layers.",
    verify=lambda: next(depth for depth in range(1, 1000) if 0.9**depth < 1e-3),
    fmt="{:.0f}",
    tolerance=1e-9,
)
def depth_for_a_thousandth():
    return math.ceil(math.log(1e-3) / math.log(0.9))


double_fan_in = Exercise(
    "double_fan_in",
    "derive",
    "A layer's fan-in doubles and its weights keep their variance. By how much does the variance "
    "of its pre-activations change, and what must the weight variance become to undo it?",
    "From $\\operatorname{Var}(z) = n \\operatorname{Var}(w) \\operatorname{Var}(x)$ (above), "
    "doubling $n$ doubles $\\operatorname{Var}(z)$; halving $\\operatorname{Var}(w)$ undoes it, "
    "which is what $1/n$ rules do.",
)

playground_zero = Exercise(
    "playground_zero",
    "playground",
    "In the [playground](playground.md), choose **Zero** (tanh or ReLU) and press Play. What "
    "happens to the plane's colours and the cost, and why?",
    "Nothing moves: the whole plane keeps one colour and the cost stays at $\\ln 2$, the cost "
    "of a coin toss. Every hidden unit computes exactly 0, so every gradient that reaches a "
    "hidden layer is exactly 0 too.",
)
