"""The figures of the symmetry page."""

from matplotlib.figure import Figure

from sitebuild.authoring import figure
from topics.symmetry import experiment as ex

HIDDEN_WEIGHTS_CAPTION = (
    "Left: every weight starts at $\\alpha$; the four hidden units' weights move, but as one "
    "line. Middle: from random weights the units drift apart and each learns something "
    "different. Right: the cost of each run."
)


@figure(caption=HIDDEN_WEIGHTS_CAPTION)
def hidden_weights():
    """Each hidden unit's incoming weights during training, from constant and from random starts."""
    runs = ex.runs()
    fig = Figure(figsize=(10, 3.4), layout="constrained")
    axes = fig.subplots(1, 3)
    for ax, name in zip(axes[:2], ("constant", "random"), strict=True):
        run = runs[name]
        for unit in range(run.hidden_weights.shape[1]):
            ax.plot(run.steps, run.hidden_weights[:, unit, 0], color=f"C{unit}", lw=1.8,
                    label=f"unit {unit + 1}")  # fmt: skip
        ax.set_title(f"{name} start: $w_{{j1}}$")
        ax.set_xlabel("step")
    axes[0].legend(fontsize=8)
    for name, style in (("constant", "-"), ("random", "--")):
        run = runs[name]
        axes[2].plot(run.steps, run.loss, style, lw=2, label=name)
    axes[2].set_title("cost")
    axes[2].set_xlabel("step")
    axes[2].legend(fontsize=8)
    constant, random = runs["constant"], runs["random"]
    alt = (
        "Three line plots over training steps. Left: the first incoming weight of each of four "
        "hidden units, all started at the same constant; the four lines coincide exactly (largest "
        f"difference {constant.largest_unit_difference:g}). Middle: the same weights from a "
        "random start; the lines are distinct and move apart. Right: the cost falls from "
        f"{constant.loss[0]:.2f} to {constant.loss[-1]:.2f} from the constant start and from "
        f"{random.loss[0]:.2f} to {random.loss[-1]:.2f} from the random one."
    )
    return fig, alt


UNIT_MAPS_CAPTION = (
    "Each hidden unit's output over the input square after training (the data: points inside a "
    "circle are one class). From a constant start the four maps are the same map; from a random "
    "start each unit cuts the plane along a different line."
)


@figure(caption=UNIT_MAPS_CAPTION)
def unit_maps():
    """What each hidden unit computes after training, over the input square."""
    runs = ex.runs()
    units = ex.WIDTHS[1]
    fig = Figure(figsize=(9, 4.6), layout="constrained")
    axes = fig.subplots(2, units)
    for row, name in enumerate(("constant", "random")):
        maps = ex.unit_maps(runs[name].net)
        for unit in range(units):
            ax = axes[row, unit]
            image = ax.imshow(maps[unit], extent=(-1, 1, -1, 1), origin="lower", cmap="RdBu_r",
                              vmin=-1, vmax=1)  # fmt: skip
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            ax.set_title(f"{name}: unit {unit + 1}", fontsize=9)
    fig.colorbar(image, ax=axes, shrink=0.8, label="tanh output")
    alt = (
        f"Two rows of {units} heat maps of hidden-unit outputs over the square from -1 to 1. "
        "Top row, constant start: the maps are identical, one diagonal gradient repeated. "
        "Bottom row, random start: each map splits the square along a different direction."
    )
    return fig, alt
