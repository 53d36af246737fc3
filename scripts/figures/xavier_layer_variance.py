"""Variance of each layer's pre-activations: measured, and predicted by the derivation."""

import numpy as np
from matplotlib.figure import Figure

from experiments import xavier as ex

CAPTION = (
    "Dots: measured $\\operatorname{Var}(z^{[l]})$. Crosses: the forward step of the "
    "derivation, $n^{[l-1]} \\operatorname{Var}(W)\\, \\mathbb E[(a^{[l-1]})^2]$, which needs "
    "no linearity and lies on the dots. Dashed: the linear-regime prediction "
    "$\\prod (n \\operatorname{Var}(W)) \\operatorname{Var}(x)$, exact for the first layer and "
    "too optimistic after it, because tanh is only linear near 0."
)


def figure():
    fig = Figure(figsize=(7, 4.6), layout="constrained")
    ax = fig.subplots()
    parts = []
    for index, (name, snap) in enumerate(ex.snapshots().items()):
        rows = np.array(ex.layer_variances(snap))
        layers = np.arange(1, len(rows) + 1)
        color = f"C{index}"
        ax.semilogy(layers, rows[:, 0], "o", color=color, ms=8, label=f"{name}: measured")
        first = index == 0  # label the shared marker styles once
        forward = "forward step $n\\,$Var$(W)\\,$E$[a^2]$" if first else None
        ax.semilogy(layers, rows[:, 1], "x", color="C7", ms=9, mew=2, label=forward)
        ax.semilogy(layers, rows[:, 2], "--", color=color, lw=1, label=f"{name}: linear regime")
        parts.append(
            f"{name}: measured {', '.join(f'{v:.3g}' for v in rows[:, 0])}; "
            f"predicted {', '.join(f'{v:.3g}' for v in rows[:, 1])}"
        )
    ax.set_xlabel("hidden layer $l$")
    ax.set_ylabel("Var($z^{[l]}$)")
    ax.set_xticks(range(1, ex.HIDDEN + 1))
    fig.legend(loc="outside lower center", ncols=2, fontsize=9)
    alt = "Log-scale plot of pre-activation variance per hidden layer. " + ". ".join(parts) + "."
    return fig, alt
