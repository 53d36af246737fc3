"""What the orthogonal page says about its experiments, each with its check."""

import numpy as np

from sitebuild.authoring import claim
from topics.orthogonal import experiment as ex

FIRST, LAST = ex.DEPTHS[0], ex.DEPTHS[-1]


def _near(kind, activation, gain, depth):
    return ex.fraction_near_one(kind, activation, gain, depth)


@claim(
    "With orthogonal layers every singular value of the linear network is 1 up to rounding "
    "(within $10^{-12}$), at every depth."
)
def orthogonal_linear_exact():
    deviations = [
        np.max(np.abs(values - 1)) for values in ex.spectra("orthogonal", "linear").values()
    ]
    assert max(deviations) < 1e-12, deviations
    return True


@claim(
    f"With Gaussian layers, linear or tanh, they fan out with depth: fewer than one in five lies "
    f"within a factor of 2 of 1 at depth {FIRST}, fewer than one in twenty at depth {LAST}, "
    "where most are beyond the reach of double precision."
)
def gaussian_spreads():
    for activation, gain in (("linear", 1.0), ("tanh", ex.TANH_GAIN)):
        near = [_near("Gaussian", activation, gain, depth) for depth in ex.DEPTHS]
        unresolved = ex.fraction_unresolved("Gaussian", activation, gain, LAST)
        assert near[0] < 0.2 and near[-1] < 0.05 and unresolved > 0.5, (near, unresolved)
    return True


@claim(
    f"With tanh and gain {ex.TANH_GAIN:g}, orthogonal layers keep more than 95% of them within a "
    f"factor of 2 of 1 even at depth {LAST}."
)
def tanh_orthogonal_near_one():
    near = [_near("orthogonal", "tanh", ex.TANH_GAIN, depth) for depth in ex.DEPTHS]
    assert min(near) > 0.95, near
    return True


@claim(
    f"With gain 1.05 the isometry holds at depth {FIRST} (more than 95% within a factor of 2) and "
    f"has faded by depth {LAST} (fewer than half)."
)
def gain_105_fades():
    first, last = (_near("orthogonal", "tanh", 1.05, depth) for depth in (FIRST, LAST))
    assert first > 0.95 and last < 0.5, (first, last)
    return True


@claim(
    f"With PyTorch's tanh gain 5/3 orthogonal layers do no better than Gaussian ones: at depth "
    f"{LAST} fewer than one in twenty singular values is within a factor of 2 of 1."
)
def five_thirds_breaks():
    near = _near("orthogonal", "tanh", 5 / 3, LAST)
    assert near < 0.05, near
    return True


@claim(
    "With Gaussian weights no tanh gain in the table does better than one in five singular values "
    "within a factor of 2 of 1, at any depth."
)
def gaussian_tanh_not_near():
    near = [
        _near("Gaussian", "tanh", gain, depth) for gain in ex.TABLE_GAINS for depth in ex.DEPTHS
    ]
    assert max(near) < 0.2, near
    return True


@claim(
    "The small-$q$ approximation is within 5% of the exact fixed point at gain 1.01 and off by a "
    "factor of more than 3 at gain 5/3, where $q^*$ is not small."
)
def approximation_holds_for_small_gain():
    close = ex.approximate_fixed_point(1.01) / ex.fixed_point(1.01)
    far = ex.fixed_point(5 / 3) / ex.approximate_fixed_point(5 / 3)
    assert abs(close - 1) < 0.05 and far > 3, (close, far)
    return True


@claim(
    "The exact $\\chi$ is within 0.5% of 1 at gains 1.01 and 1.05, but above 1.1 at 5/3: there "
    "each layer stretches on average, and over many layers the stretch compounds."
)
def chi_near_one():
    small = [abs(ex.slope(gain) - 1) for gain in (1.01, 1.05)]
    assert max(small) < 0.005 and ex.slope(5 / 3) > 1.1, (small, ex.slope(5 / 3))
    return True


@claim(
    f"In the simulated Gaussian linear networks at depth {LAST} the mean of $\\sigma^2$ is below "
    "0.2, far below its expectation of 1."
)
def typical_mean_square_below_expectation():
    measured = ex.mean_square("Gaussian", "linear", 1.0, LAST)
    assert measured < 0.2, measured
    return True


@claim(
    f"From orthogonal layers every run reaches {ex.LEVEL:.0%} of its starting cost within 300 "
    "steps, at every depth."
)
def orthogonal_trains_at_every_depth():
    steps = [ex.steps_to_level(depth)[ex.KINDS.index("orthogonal")] for depth in ex.TRAIN_DEPTHS]
    assert max(np.max(s) for s in steps) < 300, steps
    return True


@claim(
    f"From Gaussian layers the runs are slower already at depth {ex.TRAIN_DEPTHS[0]}, and at "
    f"depths {ex.TRAIN_DEPTHS[1]} and {ex.TRAIN_DEPTHS[2]} none reaches that level within "
    f"{ex.TRAIN_STEPS} steps; at depth {ex.TRAIN_DEPTHS[2]} they end above a quarter of their "
    "start."
)
def gaussian_slows_with_depth():
    gaussian, orthogonal = (ex.KINDS.index(kind) for kind in ("Gaussian", "orthogonal"))
    shallow = ex.steps_to_level(ex.TRAIN_DEPTHS[0])
    assert np.min(shallow[gaussian]) > np.max(shallow[orthogonal]), shallow
    for depth in ex.TRAIN_DEPTHS[1:]:
        assert np.all(np.isinf(ex.steps_to_level(depth)[gaussian])), depth
    costs = ex.training(ex.TRAIN_DEPTHS[-1])[gaussian]
    assert np.all(costs[:, -1] > 0.25 * costs[:, 0]), costs[:, -1] / costs[:, 0]
    return True


@claim(
    f"The Gaussian runs at depths {ex.TRAIN_DEPTHS[1]} and {ex.TRAIN_DEPTHS[2]} even overshoot "
    "now and then, their cost rising at some steps; the orthogonal runs' cost falls at every step."
)
def gaussian_overshoots():
    gaussian, orthogonal = (ex.KINDS.index(kind) for kind in ("Gaussian", "orthogonal"))
    for depth in ex.TRAIN_DEPTHS:
        rises = np.sum(np.diff(ex.training(depth), axis=-1) > 0, axis=-1)
        assert np.all(rises[orthogonal] == 0), (depth, rises)
        if depth != ex.TRAIN_DEPTHS[0]:
            assert np.all(rises[gaussian] > 0), (depth, rises)
    return True
