"""Exercises for the symmetry page."""

import itertools
import math

from sitebuild.authoring import Exercise, exercise


@exercise(
    "compute",
    "The symmetry argument compares two units at a time. A hidden layer of 16 units starts from "
    "constant weights: how many pairs of units does the argument have to cover to show that the "
    "whole layer stays one unit, copied?",
    "Every unordered pair once: $\\binom{16}{2} = 16 \\cdot 15 / 2 =$ **{answer}** pairs. Each "
    "pair is equal before and after every step, so all 16 units are one unit.",
    verify=lambda: sum(1 for _ in itertools.combinations(range(16), 2)),
    fmt="{:.0f}",
    tolerance=1e-9,
)
def pairs_in_a_layer():
    return math.comb(16, 2)


same_gradient = Exercise(
    "same_gradient",
    "derive",
    "Two hidden units with equal incoming weights $w_1 = w_2$ and equal outgoing weights "
    "$v_1 = v_2$ feed one output. Show that the gradients of the cost with respect to $w_1$ and "
    "$w_2$ are equal.",
    "Both units compute $h = g(w \\cdot x)$, so by the chain rule "
    "$\\partial L / \\partial w_i = \\partial L / \\partial \\hat y \\cdot v_i \\cdot "
    "g'(w_i \\cdot x)\\, x$. Every factor is the same for $i = 1$ and $i = 2$, so the two "
    "gradients are equal, the update keeps $w_1 = w_2$, and by induction they never part (the "
    "derivation above checks exactly this with SymPy).",
)

predict_constant_run = Exercise(
    "predict_constant_run",
    "predict",
    "Before reading the evidence: the circle network trains from every weight equal to "
    "$\\alpha$. Predict the largest difference between two hidden units' weights over the whole "
    "run, and whether it can separate the circle.",
    "Exactly zero, not merely small: the units receive bit-for-bit the same arithmetic. Four "
    "copies of one tanh unit draw one line across the plane, and one line cannot enclose a "
    "circle, so the constant start ends barely better than calling every point outside (see "
    '"The evidence" above).',
)

playground_constant = Exercise(
    "playground_constant",
    "playground",
    "In the [playground](playground.md), choose **Constant**, the moons data set, and press Play. "
    "What does the boundary look like after a long run, and why?",
    "A straight line, however long it trains: every unit in a layer stays a copy of the others, "
    "so the network sees the plane along a single direction.",
)
