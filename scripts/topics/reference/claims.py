"""What the reference page says about its computations, with the checks."""

import math

import initlab
from sitebuild.authoring import claim
from topics.index.experiment import LINEAR_REGIME
from topics.reference import experiment as ex


def _iterate(gain: float, start: float) -> float:
    q = start
    for _ in range(ex.FIXED_POINT_LAYERS):
        q = gain**2 * ex.tanh_second_moment(math.sqrt(q))
    return q


@claim(
    "With gain 1 the variance keeps falling towards 0; with gain 5/3 it settles on a stable, "
    "non-zero fixed point, the same whether it starts ten times smaller or four times larger."
)
def fixed_point_stable():
    five_thirds = initlab.calculate_gain("tanh")
    q = ex.tanh_fixed_point(five_thirds)
    assert ex.tanh_fixed_point(1.0) < 0.01 < 0.5 < q
    return all(abs(_iterate(five_thirds, start) - q) < 1e-6 for start in (0.1, 4.0))


@claim("Most lie in between: squashed by tanh's curve without being flattened by its saturation.")
def most_squashed_not_flattened():
    q = ex.tanh_fixed_point(initlab.calculate_gain("tanh"))
    near_linear = ex.normal_mass_within(LINEAR_REGIME, q)
    between = ex.normal_mass_within(2.0, q) - near_linear
    return between > 0.5 and between > near_linear
