"""Second moment of the activations through 30 ReLU layers, He against Xavier."""

import numpy as np
from matplotlib.figure import Figure

from experiments import he as ex

CAPTION = (
    f"$\\mathbb E[(a^{{[l]}})^2]$ relative to the first hidden layer, {ex.LAYERS - 1} ReLU layers "
    f"of width {ex.MOMENT_WIDTH} (geometric mean over {len(ex.SEEDS)} networks). Lines: the "
    "derivation's prediction, constant for He and halving at each layer for Xavier."
)


def figure():
    moments = ex.second_moments()
    fig = Figure(figsize=(7, 3.8), layout="constrained")
    ax = fig.subplots()
    parts = []
    for index, (name, values) in enumerate(moments.items()):
        layers = np.arange(1, len(values) + 1)
        ax.semilogy(layers, values, "o", color=f"C{index}", ms=5, label=f"{name}: measured")
        ax.semilogy(layers, ex.predicted_moments(name), "-", color=f"C{index}", lw=1)
        parts.append(
            f"{name} ends at {values[-1]:.3g} (predicted {ex.predicted_moments(name)[-1]:.3g})"
        )
    ax.set_xlabel("hidden layer $l$")
    ax.set_ylabel("relative second moment")
    ax.legend()
    alt = "Log-scale plot of activation second moment per layer: " + "; ".join(parts) + "."
    return fig, alt
