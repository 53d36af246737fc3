"""Numbers and tables on the orthogonal page."""

import math

import numpy as np

from sitebuild.authoring import value
from topics.orthogonal import experiment as ex


def _listed(items) -> str:
    """(10, 50, 200) -> '10, 50 and 200'."""
    words = [str(item) for item in items]
    return ", ".join(words[:-1]) + " and " + words[-1]


@value("{:d}")
def width():
    return ex.WIDTH


@value("{:d}")
def networks():
    return ex.NETWORKS


@value()
def depths():
    return _listed(ex.DEPTHS)


@value("{:g}")
def tanh_gain():
    return ex.TANH_GAIN


@value()
def resolved():
    """The fraction of the largest singular value below which values are not resolved."""
    return f"$10^{{{round(math.log10(ex.RESOLVED))}}}$"


def _gain_name(gain: float) -> str:
    return "5/3" if math.isclose(gain, 5 / 3) else f"{gain:g}"


@value()
def spectrum_table():
    """The fraction of singular values within a factor of 2 of 1, per case and depth."""
    header = " | ".join(f"depth {depth}" for depth in ex.DEPTHS)
    rows = [f"| layers | weights | {header} |", "|---|---|" + "---|" * len(ex.DEPTHS)]
    cases = [("linear", 1.0, "linear")]
    cases += [("tanh", gain, f"tanh, gain {_gain_name(gain)}") for gain in ex.TABLE_GAINS]
    for activation, gain, name in cases:
        for kind in ex.KINDS:
            cells = " | ".join(
                f"{ex.fraction_near_one(kind, activation, gain, depth):.0%}" for depth in ex.DEPTHS
            )
            rows.append(f"| {name} | {kind} | {cells} |")
    return "\n".join(rows)


@value()
def fixed_point_table():
    """q* exactly (the variance map iterated, by quadrature), its small-q approximation, and the
    slope χ there, for each gain of the table."""
    rows = [
        "| gain $g$ | $q^*$, exact | $q^* \\approx (1 - 1/g^2)/2$ | $\\chi$ at $q^*$, exact |",
        "|---|---|---|---|",
    ]
    for gain in ex.TABLE_GAINS:
        rows.append(
            f"| {_gain_name(gain)} | {ex.fixed_point(gain):.4g} | "
            f"{ex.approximate_fixed_point(gain):.4g} | {ex.slope(gain):.4f} |"
        )
    return "\n".join(rows)


def _moment(x: float) -> str:
    """11.99, 92.92, 10,356: four significant digits, no exponent."""
    return f"{x:,.0f}" if x >= 1000 else f"{x:.4g}"


@value()
def fourth_moment_table():
    """The mean of σ⁴ for Gaussian layers of the simulated width: the exact recursion and the
    wide-network limit L + 1."""
    header = " | ".join(f"$L = {depth}$" for depth in ex.DEPTHS)
    exact = " | ".join(_moment(ex.gaussian_fourth_moment(depth, ex.WIDTH)) for depth in ex.DEPTHS)
    limit = " | ".join(f"{depth + 1}" for depth in ex.DEPTHS)
    return "\n".join(
        [
            f"| mean of $\\sigma^4$ | {header} |",
            "|---|" + "---|" * len(ex.DEPTHS),
            f"| recursion, $n = {ex.WIDTH}$ | {exact} |",
            f"| $L + 1$ ($n \\gg L$) | {limit} |",
            "| orthogonal | " + " | ".join("1" for _ in ex.DEPTHS) + " |",
        ]
    )


@value("{:.3f}")
def gaussian_mean_square_deepest():
    """(1/n) Σ σ² of the simulated Gaussian linear networks at the largest depth."""
    return ex.mean_square("Gaussian", "linear", 1.0, ex.DEPTHS[-1])


@value("{:d}")
def deepest():
    return ex.DEPTHS[-1]


@value("{:d}")
def train_width():
    return ex.TRAIN_WIDTH


@value()
def train_depths():
    return _listed(ex.TRAIN_DEPTHS)


@value("{:d}")
def train_seeds():
    return len(ex.TRAIN_SEEDS)


@value("{:d}")
def train_steps():
    return ex.TRAIN_STEPS


@value("{:g}")
def rate():
    return ex.RATE


@value("{:.0%}")
def level():
    return ex.LEVEL


@value()
def steps_table():
    """Steps to reach LEVEL of the starting cost, per depth, initialization and seed."""
    header = " | ".join(f"depth {depth}" for depth in ex.TRAIN_DEPTHS)
    rows = [f"| weights | {header} |", "|---|" + "---|" * len(ex.TRAIN_DEPTHS)]
    for index, kind in enumerate(ex.KINDS):
        cells = []
        for depth in ex.TRAIN_DEPTHS:
            steps = ex.steps_to_level(depth)[index]
            cells.append(
                ", ".join(f"> {ex.TRAIN_STEPS}" if np.isinf(s) else f"{s:.0f}" for s in steps)
            )
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
