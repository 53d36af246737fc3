"""Numbers on the width page."""

import numpy as np

from sitebuild.authoring import value
from topics.width import experiment as ex


def _power_of_two(rate: float) -> str:
    return f"$2^{{{round(float(np.log2(rate)))}}}$"


@value()
def widths():
    return ", ".join(map(str, ex.WIDTHS))


@value()
def layers():
    """The network's widths, n for the two hidden layers."""
    return f"${ex.INPUTS} \\to n \\to n \\to 1$"


@value("{:d}")
def narrow():
    return ex.WIDTHS[0]


@value("{:d}")
def wide():
    return ex.WIDTHS[-1]


@value("{:d}")
def base_width():
    return ex.BASE_WIDTH


@value("{:d}")
def points():
    return ex.POINTS


@value("{:d}")
def steps():
    return ex.STEPS


@value("{:d}")
def seeds():
    return len(ex.SEEDS)


@value()
def lowest_rate():
    return _power_of_two(ex.RATES[0])


@value()
def highest_rate():
    return _power_of_two(ex.RATES[-1])


@value("{:g}")
def blowup():
    return ex.BLOWUP


@value("{:.0f}")
def blowup_ratio():
    """BLOWUP over the highest starting cost of any run."""
    start = max(
        float(np.max(ex.sweep(p, w)[..., 0])) for p in ex.PARAMETRIZATIONS for w in ex.WIDTHS
    )
    return ex.BLOWUP / start


@value("{:d}")
def runs():
    """Training runs in the sweep."""
    return len(ex.PARAMETRIZATIONS) * len(ex.WIDTHS) * len(ex.RATES) * len(ex.SEEDS)


@value()
def sp_best_narrow():
    return _power_of_two(ex.best_rate("SP", ex.WIDTHS[0]))


@value()
def sp_best_wide():
    return _power_of_two(ex.best_rate("SP", ex.WIDTHS[-1]))


@value("{:g}")
def sp_shift():
    """How many times smaller SP's best rate is at the widest width than at the narrowest."""
    return ex.best_rate("SP", ex.WIDTHS[0]) / ex.best_rate("SP", ex.WIDTHS[-1])


@value("{:g}")
def width_ratio():
    return ex.WIDTHS[-1] / ex.WIDTHS[0]


@value()
def mup_best_rates():
    """µP's best rate at every width, as powers of two."""
    return ", ".join(_power_of_two(ex.best_rate("µP", width)) for width in ex.WIDTHS)


@value("{:.3f}")
def mup_best_cost_narrow():
    return ex.best_cost("µP", ex.WIDTHS[0])


@value("{:.4f}")
def mup_best_cost_wide():
    return ex.best_cost("µP", ex.WIDTHS[-1])


@value("{:.3f}")
def sp_best_cost_wide():
    return ex.best_cost("SP", ex.WIDTHS[-1])
