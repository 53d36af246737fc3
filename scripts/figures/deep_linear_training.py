"""Training the deep linear net from W = k·I: too small stalls, too large diverges."""

import numpy as np
from matplotlib.figure import Figure

from experiments import deep_linear as ex

CAPTION = (
    "Gradient descent with the same learning rate from the three starts, fitting a linear "
    "target. From $k = 0.5$ the gradients are so small that the cost barely moves; from "
    "$k = 1.5$ they are so large that the first steps overshoot and the cost blows up (the curve "
    "stops where it overflows); from $k = 1$ the cost falls steadily."
)


def figure():
    curves = ex.training_curves()
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.subplots()
    notes = []
    for index, (k, loss) in enumerate(curves.items()):
        finite = ex.finite_part(loss)
        steps = np.arange(len(loss))[finite]
        ax.semilogy(steps, loss[finite], "o-" if not finite.all() else "-", color=f"C{index}",
                    lw=2, label=f"$k = {k:g}$")  # fmt: skip
        if not finite.all():
            ax.annotate("overflows", (steps[-1], loss[finite][-1]), textcoords="offset points",
                        xytext=(12, -4), color=f"C{index}")  # fmt: skip
        if finite.all():
            notes.append(f"k = {k:g} goes from {loss[0]:.3g} to {loss[-1]:.3g}")
        else:
            notes.append(f"k = {k:g} exceeds 1e12 after {int(finite.sum())} steps")
    ax.set_xlabel("step")
    ax.set_ylabel("cost")
    ax.legend()
    alt = "Cost curves on a log scale over gradient-descent steps: " + "; ".join(notes) + "."
    return fig, alt
