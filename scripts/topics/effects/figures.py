"""The figures of the effects page."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure, plotting
from topics.effects import experiment as ex

DECISION_BOUNDARIES_CAPTION = (
    "Predicted probability of the orange class over the plane after training (one row per data "
    "set, one column per initialization), with the training points. Zero and too-small starts "
    "predict one constant everywhere; too large draws jagged, over-confident regions; Xavier "
    "and He follow the data."
)


@figure(caption=DECISION_BOUNDARIES_CAPTION)
def decision_boundaries():
    """Decision boundaries after training, for four data sets and five initializations."""
    names = list(ex.SETUPS)
    data_sets = list(ex.DATASETS)
    fig = Figure(figsize=(11, 9), dpi=48, layout="constrained")  # dpi: of the raster layers
    axes = fig.subplots(len(data_sets), len(names))
    xx, yy, points = ex.grid(100)
    summary = []
    for row, data in enumerate(data_sets):
        X, y = ex.dataset(data)
        runs = ex.runs(data)
        for col, name in enumerate(names):
            ax = axes[row, col]
            run = runs[name]
            probability = run.trained.predict(points).reshape(xx.shape)
            # Raster layers (embedded as small PNGs) keep the SVG light: thousands of contour
            # and marker paths would weigh megabytes.
            ax.imshow(probability, extent=(xx.min(), xx.max(), yy.min(), yy.max()),
                      origin="lower", cmap="PuOr_r", vmin=0, vmax=1, alpha=0.75,
                      interpolation="bilinear")  # fmt: skip
            ax.scatter(X[:, 0], X[:, 1], c=y, cmap="PuOr_r", s=5, edgecolors="none",
                       rasterized=True)  # fmt: skip
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            if row == 0:
                ax.set_title(name, fontsize=9)
            if col == 0:
                ax.set_ylabel(data)
            summary.append(f"{data}, {name}: accuracy {run.accuracy:.0%}")
    alt = (
        "A grid of decision-boundary maps, rows circles, moons, spirals and blobs, columns zero, "
        "too small, too large, Xavier and He initialization. " + "; ".join(summary) + "."
    )
    return fig, alt


LAYER_HISTOGRAMS_CAPTION = (
    "For each start (rows), the three hidden layers' activations at initialization and after "
    "training, and the gradients of the cost with respect to them at initialization "
    f"({plotting.KEY}; "
    "gradients on a log scale of their magnitude). Zero: every activation is 0. "
    "Too small: activations collapse towards 0 layer after layer and the gradients are "
    "minute. Too large: tanh saturates at ±1. Xavier and He: spread-out activations in every "
    "layer and gradients of a workable size."
)


def _log_magnitude(values):
    return np.log10(np.abs(values) + 1e-30)


@figure(caption=LAYER_HISTOGRAMS_CAPTION)
def layer_histograms():
    """Per-layer activation and gradient histograms, at initialization and after training."""
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
        plotting.layer_histograms(axes[row, 0], before, bins)
        plotting.layer_histograms(axes[row, 1], after, bins)
        plotting.layer_histograms(
            axes[row, 2], grads, np.linspace(-30, 1, 63), transform=_log_magnitude
        )
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


COST_CURVES_CAPTION = (
    "The same 2-16-16-16-1 network trained on the two spirals from five starts. **Zero**: the "
    "cost never leaves its starting value, the symmetry trap. **Too small**: the signal and "
    "its gradients vanish through the layers, and the cost sits there too. **Too large**: the "
    "first cost is enormous (saturated, confidently wrong outputs) and progress is erratic. "
    "**Xavier** (tanh) and **He** (ReLU): the cost falls fast and far."
)


@figure(caption=COST_CURVES_CAPTION)
def cost_curves():
    """Cost during training from five initializations, on the spirals data set."""
    runs = ex.runs()
    fig = Figure(figsize=(8, 4), layout="constrained")
    ax = fig.subplots()
    parts = []
    for index, run in enumerate(runs.values()):
        steps = range(0, 10 * len(run.loss), 10)
        ax.semilogy(steps, run.loss, color=f"C{index}", lw=2, label=run.name)
        parts.append(f"{run.name}: {run.loss[0]:.3g} to {run.loss[-1]:.3g}")
    ax.set_xlabel("step")
    ax.set_ylabel("cross-entropy")
    ax.legend(fontsize=9)
    alt = (
        "Cost curves on a log scale over training steps, for five initializations: "
        + "; ".join(parts)
        + "."
    )
    return fig, alt
