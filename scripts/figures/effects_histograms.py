"""Per-layer activation and gradient histograms, at initialization and after training."""

import numpy as np
from matplotlib.figure import Figure

from experiments import effects as ex

CAPTION = (
    "For each start (rows), the three hidden layers' activations at initialization and after "
    "training, and the gradients of the cost with respect to them at initialization (darker: "
    "deeper layer; gradients on a log scale of their magnitude). Zero: every activation is 0. "
    "Too small: activations collapse towards 0 layer after layer and the gradients are "
    "minute. Too large: tanh saturates at ±1. Xavier and He: spread-out activations in every "
    "layer and gradients of a workable size."
)


def _lines(ax, arrays, bins, transform=lambda v: v):
    for layer, values in enumerate(arrays):
        shade = 0.35 + 0.65 * layer / max(len(arrays) - 1, 1)
        counts, edges = np.histogram(transform(values.ravel()), bins=bins)
        ax.plot((edges[:-1] + edges[1:]) / 2, counts / max(counts.max(), 1),
                color=(0.1, 0.3 * shade, shade), lw=1.4, label=f"layer {layer + 1}")  # fmt: skip


def _log_magnitude(values):
    return np.log10(np.abs(values) + 1e-30)


def figure():
    X, y = ex.dataset()
    runs = ex.runs()
    fig = Figure(figsize=(10, 11), layout="constrained")
    axes = fig.subplots(len(runs), 3)
    parts = []
    for row, run in enumerate(runs.values()):
        before, grads = ex.layer_statistics(run.initial, X, y)
        after, _ = ex.layer_statistics(run.trained, X, y)
        low = -1.5 if run.activation == "tanh" else 0.0
        high = 1.5 if run.activation == "tanh" else max(3.0, float(np.max(after[-1])))
        bins = np.linspace(low, high, 61)
        _lines(axes[row, 0], before, bins)
        _lines(axes[row, 1], after, bins)
        _lines(axes[row, 2], grads, np.linspace(-30, 1, 63), _log_magnitude)
        axes[row, 0].set_ylabel(run.name, fontsize=9)
        typical = float(np.median(np.abs(grads[0])))
        parts.append(
            f"{run.name}: first-layer activation std {np.std(before[0]):.3g} at initialization, "
            f"median gradient magnitude {typical:.2g}"
        )
    axes[0, 0].set_title("activations, initialization", fontsize=10)
    axes[0, 1].set_title("activations, trained", fontsize=10)
    axes[0, 2].set_title("log₁₀ |∂C/∂a|, initialization", fontsize=10)
    axes[0, 0].legend(fontsize=7)
    for ax in axes.ravel():
        ax.set_yticks([])
    alt = "Grid of per-layer histograms for five initializations. " + "; ".join(parts) + "."
    return fig, alt
