"""Each hidden unit's incoming weights during training, from constant and from random starts."""

from matplotlib.figure import Figure

from experiments import symmetry as ex

CAPTION = (
    "Left: every weight starts at $\\alpha$; the four hidden units' weights move, but as one "
    "line. Middle: from random weights the units drift apart and each learns something "
    "different. Right: the cost of each run."
)


def figure():
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
