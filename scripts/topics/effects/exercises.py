"""Exercises for the effects page."""

import math

import mpmath

from sitebuild.authoring import Exercise, exercise


@exercise(
    "compute",
    "tanh is close to the identity for $|z| < 0.5$. If a unit's pre-activation is "
    "$\\mathcal N(0, 1)$, what fraction of the time is it in that near-linear range?",
    "$P(|z| < 0.5) = \\operatorname{erf}(0.5/\\sqrt 2) =$ **{answer}**: well under half, so a "
    "start with $\\operatorname{Var}(z) = 1$ already uses tanh's curved part most of the time, "
    "and a larger one saturates it.",
    verify=lambda: float(mpmath.quad(mpmath.npdf, [-0.5, 0.5])),
    fmt="{:.3g}",
    tolerance=1e-6,
)
def near_linear_fraction():
    return math.erf(0.5 / math.sqrt(2.0))


predict_zero = Exercise(
    "predict_zero",
    "predict",
    "Before looking at the decision boundaries: what will the network trained from all-zero "
    "weights predict for the points of the plane, and why?",
    "The same thing everywhere: every hidden unit outputs 0, so only the output bias learns and "
    "the network predicts one constant, the base rate (the cost and boundary sections above say "
    "so, and the [symmetry page](symmetry.md) derives it).",
)

predict_large = Exercise(
    "predict_large",
    "predict",
    "A tanh network starts from weights far too large. Predict its cost at the first step "
    "compared with a Xavier start, and what its hidden activations look like.",
    "Far higher: the pre-activations are huge, so every tanh unit saturates at $\\pm 1$ and the "
    "output is confidently wrong on many points; the cost starts well above the base rate and "
    'the histograms pile up at the two ends (see "Inside the network").',
)

playground_large_tanh = Exercise(
    "playground_large_tanh",
    "playground",
    "In the [playground](playground.md), choose **Too large** with tanh and press Play. What do "
    "the activation histograms and the cost do?",
    "The activations pile up at $\\pm 1$ (saturation), and the cost starts high and jumps "
    "around. The dots of the predicted variance climb far above the bars: a saturated tanh is "
    "not in the linear regime the prediction assumes.",
)
