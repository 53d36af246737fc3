"""What the reference page says about its computations, with the checks."""

import math

import initlab
from sitebuild.authoring import claim
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
