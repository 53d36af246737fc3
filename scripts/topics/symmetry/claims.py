"""What the symmetry page and its captions say about the two training runs, with the checks."""

import itertools

import numpy as np

from sitebuild.authoring import claim
from topics.symmetry import experiment as ex


@claim(
    "From the constant start the four units' weights move, and move a long way, but as one: "
    "the four lines lie exactly on top of each other."
)
def constant_units_move_as_one():
    run = ex.runs()["constant"]
    moved = np.max(np.abs(run.hidden_weights - run.hidden_weights[0]))
    return run.largest_unit_difference == 0.0 and moved > 1.0


@claim("From random weights the units drift apart, each to weights of its own.")
def random_units_drift_apart():
    w = ex.runs()["random"].hidden_weights[-1]  # last recorded step: (units, inputs)
    gaps = [np.max(np.abs(w[i] - w[j])) for i, j in itertools.combinations(range(len(w)), 2)]
    return min(gaps) > 0.5


@claim("The random start ends at a cost less than half the constant start's.")
def random_learns_more():
    runs = ex.runs()
    return runs["random"].loss[-1] < 0.5 * runs["constant"].loss[-1]


@claim(
    "From a constant start the four maps are one map, four times: one line across the square, "
    "which cannot enclose the circle."
)
def constant_maps_identical():
    net = ex.runs()["constant"].net
    maps = ex.unit_maps(net)
    return bool(np.all(maps == maps[0])) and ex.cutting_units(net) == [0, 1, 2, 3]


@claim(
    "From a random start the units differ: three of them cut the square along lines in three "
    "directions that together fence in the circle, and the fourth stays near +1 everywhere, a "
    "constant that acts as a bias."
)
def random_maps_fence_the_circle():
    net = ex.runs()["random"].net
    cutting = ex.cutting_units(net)
    assert len(cutting) == 3, cutting
    directions = sorted(ex.direction(net, unit) for unit in cutting)
    gaps = np.diff(directions + [directions[0] + 180])
    assert np.all(gaps > 20), directions  # three clearly different directions
    (idle,) = set(range(ex.WIDTHS[1])) - set(cutting)
    assert ex.unit_maps(net)[idle].min() > 0.9
    return ex.accuracy(net) > 0.95


@claim(
    "It classifies barely more points correctly than calling every point outside the circle "
    "would, while the random start gets nearly all of them."
)
def constant_barely_beats_outside():
    runs = ex.runs()
    outside = 1 - ex.circle_data()[1].mean()
    return (
        ex.accuracy(runs["constant"].net) < outside + 0.05 < 0.95 < ex.accuracy(runs["random"].net)
    )


@claim(
    "Random biases do break the symmetry: the units' weights drift apart and the cost ends near "
    "the random start's, far below the constant start's."
)
def random_biases_break_symmetry():
    runs = ex.runs()
    biased = runs["random biases"]
    assert biased.largest_unit_difference > 1.0
    return biased.loss[-1] < 1.5 * runs["random"].loss[-1] < runs["constant"].loss[-1]
