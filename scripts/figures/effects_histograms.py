"""Per-layer activation and gradient histograms, at initialization and after training."""

import numpy as np
from matplotlib.figure import Figure

from experiments import effects as ex
from plotting import KEY, layer_histograms

CAPTION = (
    "For each start (rows), the three hidden layers' activations at initialization and after "
    f"training, and the gradients of the cost with respect to them at initialization ({KEY}; "
    "gradients on a log scale of their magnitude). Zero: every activation is 0. "
    "Too small: activations collapse towards 0 layer after layer and the gradients are "
    "minute. Too large: tanh saturates at ±1. Xavier and He: spread-out activations in every "
    "layer and gradients of a workable size."
)


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
        layer_histograms(axes[row, 0], before, bins)
        layer_histograms(axes[row, 1], after, bins)
        layer_histograms(axes[row, 2], grads, np.linspace(-30, 1, 63), transform=_log_magnitude)
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
