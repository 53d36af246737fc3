"""Per-layer histograms of activations and back-propagated gradients in a deep tanh network,
under the "standard" and the normalized initialization (after Glorot & Bengio 2010, figs 6-7)."""

import numpy as np
from matplotlib.figure import Figure

from experiments import xavier as ex
from plotting import KEY, layer_histograms

CAPTION = (
    f"Each curve is one hidden layer's histogram ({KEY}), at initialization, for a "
    f"{ex.HIDDEN}-hidden-layer tanh network of width {ex.WIDTH} on standard normal inputs. Top: "
    "with $U(\\pm 1/\\sqrt{n})$ the activations narrow layer after layer, since each layer "
    "multiplies the variance by about $n \\cdot \\frac{1}{3n} = \\frac13$. Bottom: the "
    "normalized initialization keeps them much wider; the remaining narrowing is tanh's "
    "squashing. Right: the back-propagated gradients, scaled by the top layer's spread."
)


def figure():
    snaps = ex.snapshots()
    fig = Figure(figsize=(10, 6), layout="constrained")
    axes = fig.subplots(2, 2)
    spreads = []
    for row, (name, snap) in enumerate(snaps.items()):
        hidden = snap.a[1 : ex.HIDDEN + 1]
        grads = snap.grad_a[1 : ex.HIDDEN + 1]
        layer_histograms(axes[row, 0], hidden, np.linspace(-1, 1, 81), density=True, lw=1.6)
        top = float(np.std(grads[-1]))
        scaled = [g / top for g in grads]
        layer_histograms(axes[row, 1], scaled, np.linspace(-4, 4, 81), density=True, lw=1.6)
        axes[row, 0].set_title(f"{name}: activations")
        axes[row, 1].set_title(f"{name}: gradients ∂C/∂a (÷ top layer's std)")
        spreads.append(
            f"{name}: activation std from {np.std(hidden[0]):.3f} in layer 1 to "
            f"{np.std(hidden[-1]):.3f} in layer {ex.HIDDEN}"
        )
    axes[0, 0].legend(fontsize=8)
    for ax in axes.ravel():
        ax.set_yticks([])
    alt = (
        "Four panels of overlaid per-layer histograms for a deep tanh network at "
        "initialization. " + "; ".join(spreads) + ". The gradient histograms are shown on a "
        "common scale."
    )
    return fig, alt
