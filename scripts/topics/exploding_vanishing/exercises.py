"""Exercises for the exploding-and-vanishing page."""

import math

import numpy as np

from sitebuild.authoring import Exercise, exercise


def _through_twenty_layers() -> float:
    """Multiply x = (1, 0) by twenty matrices 1.5·I, as the network does."""
    x = np.array([1.0, 0.0])
    for _ in range(20):
        x = (1.5 * np.eye(2)) @ x
    return float(x[0])


@exercise(
    "compute",
    "A deep linear network has 20 hidden layers, each $W = 1.5\\,I$. By what factor does it "
    "multiply its input (before the output layer)?",
    "The product of the layers is $(1.5\\,I)^{20} = 1.5^{20} I$: the input comes out "
    "**{answer}** times larger.",
    verify=_through_twenty_layers,
    fmt="{:.4g}",
    tolerance=1e-6,
)
def growth_of_twenty_layers():
    return 1.5**20


def _bisect_k() -> float:
    """Solve k^9 = 2 by bisection on [1, 2]."""
    low, high = 1.0, 2.0
    for _ in range(80):
        middle = (low + high) / 2
        low, high = (middle, high) if middle**9 < 2 else (low, middle)
    return (low + high) / 2


@exercise(
    "compute",
    "With 9 hidden layers $W = k\\,I$, which $k$ makes the network exactly double its input? "
    "(Three significant digits.)",
    "The factor is $k^9$; $k^9 = 2$ gives $k = 2^{1/9} \\approx$ **{answer}**. A weight only "
    "a few percent above 1 already doubles the signal; at depth 90 the same $k$ would multiply "
    "it by $2^{10}$.",
    verify=_bisect_k,
    fmt="{:.3g}",
    tolerance=1e-3,
)
def k_that_doubles():
    return math.exp(math.log(2) / 9)


gradient_product = Exercise(
    "gradient_product",
    "derive",
    "For the deep linear network with every hidden layer $W = kI$, show that the gradient of the "
    "cost with respect to the first layer's weights carries the factor $k^{L-2}$.",
    "Back-propagation multiplies $\\partial L / \\partial \\hat y$ by $W^{[L]}$ and then by "
    "$W^{[l]\\top} = kI$ for each of the $L-2$ hidden layers above the first, so the gradient "
    "that reaches $W^{[1]}$ is $k^{L-2}$ times the one the output layer sees (the derivation "
    "above). Too large a $k$ explodes it, too small vanishes it, like the forward signal.",
)

predict_learning_rate = Exercise(
    "predict_learning_rate",
    "predict",
    "This page's training experiment uses one learning rate for all three starts. You lower it "
    "until the $k = 1.5$ run stops diverging. Predict what that rate does to the $k = 0.5$ run.",
    "It makes it even slower: the $k = 0.5$ run's gradients are already tiny, and the smaller "
    "rate shrinks every step alike. No single rate suits both starts (the claim above); the "
    "initialization decides how different the layers' gradients are in the first place.",
)

playground_too_small = Exercise(
    "playground_too_small",
    "playground",
    "In the [playground](playground.md), choose **Too small**, set **Hidden layers** to 10 and "
    "press Play. What do the gradient chart and the cost do?",
    "Each layer's gradients sit far to the left of the next layer's, and the first layers' fall "
    "off the chart's left edge; the cost stays at $\\ln 2$, the cost of a coin toss: the "
    "product of many small layers vanishes.",
)
