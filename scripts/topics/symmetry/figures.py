"""The figures of the symmetry page."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure
from topics.symmetry import experiment as ex

UNIT_COUNT = ex.WIDTHS[1]


@figure(
    caption=(
        "The first incoming weight $w_{j1}$ of each hidden unit $j$ during training, and the "
        "cost. {{ claim constant_units_move_as_one }} {{ claim random_units_drift_apart }} "
        "{{ claim random_learns_more }}"
    ),
    narrow=True,
)
def hidden_weights(narrow=False):
    """Each hidden unit's incoming weights during training, from constant and from random
    starts, and the cost of each run."""
    runs = ex.runs()
    if narrow:
        fig = Figure(figsize=(4.2, 8), layout="constrained")
        axes = fig.subplot_mosaic([["constant"], ["random"], ["cost"]])
    else:
        fig = Figure(figsize=(7, 5.6), layout="constrained")
        axes = fig.subplot_mosaic([["constant", "random"], ["cost", "cost"]])
    for name in ("constant", "random"):
        run, ax = runs[name], axes[name]
        for unit in range(UNIT_COUNT):
            # Widest first: lines that coincide show as one cable with every colour's rim.
            width = 1.6 * (UNIT_COUNT - unit) if name == "constant" else 1.8
            ax.plot(run.steps, run.hidden_weights[:, unit, 0], color=f"C{unit}", lw=width,
                    label=f"unit {unit + 1}")  # fmt: skip
        ax.set_title(f"{name} start: $w_{{j1}}$", fontsize=11)
        ax.set_xlabel("step")
    axes["constant"].legend(fontsize=9)
    for name, style in (("constant", "-"), ("random", "--")):
        axes["cost"].plot(runs[name].steps, runs[name].loss, style, lw=2, label=f"{name} start")
    axes["cost"].set_ylabel("cost")
    axes["cost"].set_xlabel("step")
    axes["cost"].legend(fontsize=9)
    constant, random = runs["constant"], runs["random"]
    alt = (
        f"Line plots over training steps. Top left: the first incoming weight of each of "
        f"{UNIT_COUNT} hidden units, all started at the same constant; the lines coincide exactly "
        f"(largest difference {constant.largest_unit_difference:g}). Top right: the same weights "
        "from a random start, ending at "
        + ", ".join(f"{w:.2f}" for w in random.hidden_weights[-1, :, 0])
        + f". Bottom: the cost falls from {constant.loss[0]:.2f} to {constant.loss[-1]:.2f} from "
        f"the constant start and from {random.loss[0]:.2f} to {random.loss[-1]:.2f} from the "
        "random one."
    )
    return fig, alt


@figure(
    caption=(
        "Each hidden unit's output over the input square after training; the points inside the "
        "circle (drawn) are one class. {{ claim constant_maps_identical }} "
        "{{ claim random_maps_fence_the_circle }}"
    ),
    narrow=True,
)
def unit_maps(narrow=False):
    """What each hidden unit computes after training, over the input square."""
    runs = ex.runs()
    # Wide: a row per start, a map per unit; narrow: a column per start.
    fig = Figure(figsize=(4.2, 8.2) if narrow else (7, 3.9), layout="constrained")
    axes = fig.subplots(UNIT_COUNT, 2).T if narrow else fig.subplots(2, UNIT_COUNT)
    angle = np.linspace(0, 2 * np.pi, 200)
    summaries = []
    for row, name in enumerate(("constant", "random")):
        maps = ex.unit_maps(runs[name].net)
        for unit in range(UNIT_COUNT):
            ax = axes[row, unit]
            image = ax.imshow(maps[unit], extent=(*ex.SQUARE, *ex.SQUARE), origin="lower",
                              cmap="RdBu_r", vmin=-1, vmax=1)  # fmt: skip
            for colour, width in (("white", 2.4), ("black", 1.0)):  # seen on any colour
                ax.plot(ex.RADIUS * np.cos(angle), ex.RADIUS * np.sin(angle), color=colour,
                        lw=width)  # fmt: skip
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            ax.set_title(f"{name}: unit {unit + 1}", fontsize=9)
        cutting = ex.cutting_units(runs[name].net)
        summaries.append(
            f"{name} start: {len(cutting)} of {UNIT_COUNT} maps change sign inside the square, "
            "along lines at "
            + ", ".join(f"{ex.direction(runs[name].net, u):.0f}°" for u in cutting)
        )
    fig.colorbar(image, ax=axes, shrink=0.8, label="tanh output",
                 location="bottom" if narrow else "right")  # fmt: skip
    alt = (
        f"Two rows of {UNIT_COUNT} heat maps of hidden-unit outputs over the square from "
        f"{ex.SQUARE[0]} to {ex.SQUARE[1]}, "
        f"each with the circle of radius {ex.RADIUS:g}. " + "; ".join(summaries) + "."
    )
    return fig, alt
