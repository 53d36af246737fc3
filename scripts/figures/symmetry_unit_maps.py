"""What each hidden unit computes after training, over the input square."""

from matplotlib.figure import Figure

from experiments import symmetry as ex

CAPTION = (
    "Each hidden unit's output over the input square after training (the data: points inside a "
    "circle are one class). From a constant start the four maps are the same map; from a random "
    "start each unit cuts the plane along a different line."
)


def figure():
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
