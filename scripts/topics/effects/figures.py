"""The figures of the effects page: cost curves, decision boundaries, per-layer histograms."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure, plotting
from topics.effects import experiment as ex

SEED_COUNT = len(ex.SEEDS)
# One colour per start, the same in every figure of the page.
COLOURS = dict(zip((start.name for start in ex.STARTS), ("C0", "C1", "C2", "C3", "C4", "C5", "C9"),
                   strict=True))  # fmt: skip
STYLES = {"zero": dict(ls=(0, (4, 3)), lw=3.5), "too small": dict(lw=1.6)}


def _curves(ax, starts, data=ex.DATASET):
    """Median training cost over the seeds, with the band from the lowest to the highest."""
    for start in starts:
        runs = ex.runs(data, start)
        losses = np.array([run.loss for run in runs])
        steps = runs[0].steps
        colour = COLOURS[start.name]
        style = STYLES.get(start.name, dict(lw=2))
        ax.semilogy(steps, np.median(losses, axis=0), color=colour, label=start.name, **style)
        if start.random:
            ax.fill_between(steps, losses.min(axis=0), losses.max(axis=0), color=colour,
                            alpha=0.25, lw=0)  # fmt: skip
    ax.axhline(ex.base_rate_loss(data), color="C7", ls=":", lw=1.2, label="base rate")
    ax.set_ylabel("training cost")


@figure(
    caption=(
        f"The same {'-'.join(map(str, ex.WIDTHS))} network trained on the two spirals, median "
        f"over {SEED_COUNT} seeds (bands: lowest to highest). **Top**, each rule with the "
        "activation it was made for. {{ claim zero_and_small_never_move }} "
        "{{ claim large_starts_high }} **Bottom**, one change at a time. "
        "{{ claim controlled_all_fit }} "
        "{{ claim he_faster_for_both }} {{ claim relu_faster_for_both }}"
    )
)
def cost_curves():
    """Training cost from every start on the spirals: what goes wrong, and a controlled
    comparison of the two rules and the two activations."""
    fig = Figure(figsize=(7, 6.6), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True)
    _curves(top, ex.MAIN)
    _curves(bottom, ex.CONTROLLED)
    top.set_title("each rule with its activation", fontsize=11)
    bottom.set_title("one change at a time", fontsize=11)
    bottom.set_xlabel("step")
    for ax in (top, bottom):
        ax.legend(fontsize=9, ncols=2, loc="lower left")
    parts = []
    for start in ex.STARTS:
        runs = ex.runs(ex.DATASET, start)
        finals = ", ".join(f"{run.loss[-1]:.3g}" for run in runs)
        parts.append(f"{start.name}: from {runs[0].loss[0]:.3g} to {finals}")
    alt = (
        f"Two log-scale plots of the training cost over {ex.STEPS} steps on the spirals, per "
        "start, for each seed: " + "; ".join(parts) + "."
    )
    return fig, alt


@figure(
    caption=(
        "Predicted probability of the orange class after training (rows: data sets; columns: "
        "starts; first seed), with the training points. {{ claim constant_prediction }} "
        "{{ claim large_overconfident }} {{ claim good_starts_generalize }}"
    ),
    narrow=True,
)
def decision_boundaries(narrow=False):
    """Decision boundaries after training, for four data sets and the five main starts."""
    data_sets = list(ex.DATASETS)
    # dpi: of the raster layers. Wide: a row per data set; narrow: a row per start.
    if narrow:
        fig = Figure(figsize=(4.2, 5.6), dpi=60, layout="constrained")
        axes = fig.subplots(len(ex.MAIN), len(data_sets)).T
    else:
        fig = Figure(figsize=(7, 6.2), dpi=60, layout="constrained")
        axes = fig.subplots(len(data_sets), len(ex.MAIN))
    extent = ex.MAP_EXTENT  # the square the constant-prediction claim is checked over
    xx, yy, points = ex.grid(100)
    summary = []
    for row, data in enumerate(data_sets):
        X, y = ex.dataset(data)
        for col, start in enumerate(ex.MAIN):
            ax = axes[row, col]
            run = ex.run(data, start, ex.SEEDS[0])
            probability = run.trained.predict(points).reshape(xx.shape)
            # Opaque map, light colours, points with a white rim: the same picture on the light
            # and the dark page. Map and points are one raster layer per panel (everything
            # below z-order 1.5: one small opaque PNG, which the build stores with a palette);
            # 6,000 points as vectors would weigh more.
            ax.imshow(probability, extent=(-extent, extent, -extent, extent), origin="lower",
                      cmap="PuOr_r", vmin=-0.35, vmax=1.35, interpolation="bilinear")  # fmt: skip
            ax.scatter(X[:, 0], X[:, 1], c=y, cmap="PuOr_r", vmin=0, vmax=1, s=7,
                       edgecolors="white", linewidths=0.4)  # fmt: skip
            ax.set_axisbelow(False)  # the axis and its label above z-order 1.5: vectors
            ax.set_rasterization_zorder(1.5)
            ax.set_xlim(-extent, extent)
            ax.set_ylim(-extent, extent)
            ax.set_aspect("equal")
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            first_row, first_col = (col == 0, row == 0) if narrow else (row == 0, col == 0)
            if first_row:
                ax.set_title(data if narrow else start.name, fontsize=9)
            if first_col:
                ax.set_ylabel(start.name if narrow else data, fontsize=9)
            summary.append(
                f"{data}, {start.name}: training accuracy {run.accuracy:.0%}, held-out "
                f"{run.test_accuracy:.0%}"
            )
    alt = (
        "A grid of decision-boundary maps, rows circles, moons, spirals and blobs, columns "
        + ", ".join(start.name for start in ex.MAIN)
        + ". "
        + "; ".join(summary)
        + "."
    )
    return fig, alt


def _log_magnitude(values):
    return np.log10(np.abs(values[values != 0]))


@figure(
    caption=(
        f"At initialization, on the spirals, one row per start: the three hidden layers' "
        f"activations, their size on a log scale, and the size of the gradients of the cost "
        f"with respect to them ({plotting.KEY}). {{{{ claim zero_all_zero }}}} "
        "{{ claim small_collapses }} {{ claim small_gradients_tiny }} "
        "{{ claim large_saturates }} {{ claim good_starts_spread }}"
    ),
    narrow=True,
)
def layer_histograms(narrow=False):
    """Per-layer activation and gradient histograms at initialization, on a linear and a log
    scale: a collapse by a factor of a few hundred per layer is only visible on the second."""
    X, y = ex.dataset()
    fig = Figure(figsize=(4.2, 8.4) if narrow else (7, 8.4), layout="constrained")
    axes = fig.subplots(len(ex.MAIN), 3)
    parts = []
    for row, start in enumerate(ex.MAIN):
        run = ex.run(ex.DATASET, start, ex.SEEDS[0])
        activations, gradients = ex.layer_statistics(run.initial, X, y)
        low = -1.05 if start.activation == "tanh" else 0.0
        plotting.layer_histograms(axes[row, 0], activations, np.linspace(low, 1.05, 43))
        axes[row, 0].set_ylabel(start.name, fontsize=10)
        if any(np.any(a) for a in activations):
            plotting.layer_histograms(axes[row, 1], activations, np.linspace(-10, 0.5, 64),
                                      transform=_log_magnitude)  # fmt: skip
            plotting.layer_histograms(axes[row, 2], gradients, np.linspace(-13, -1, 64),
                                      transform=_log_magnitude)  # fmt: skip
        else:
            for ax in axes[row, 1:]:  # no magnitude to take the log of
                ax.cla()
                ax.set_axis_off()
                ax.text(0.5, 0.5, "every value is exactly 0", transform=ax.transAxes,
                        ha="center", va="center", fontsize=10)  # fmt: skip
        sizes = ", ".join(f"{np.sqrt(np.mean(a**2)):.2g}" for a in activations)
        parts.append(f"{start.name}: root-mean-square activation per layer {sizes}")
    axes[0, 0].set_title("$a^{[l]}$", fontsize=10)
    for col, title in ((1, "$\\log_{10} |a^{[l]}|$"),
                       (2, "$\\log_{10} |\\partial C / \\partial a^{[l]}|$")):  # fmt: skip
        axes[0, col].set_title(title, fontsize=10)
    fig.legend(*axes[1, 0].get_legend_handles_labels(), loc="outside lower center", ncols=3,
               fontsize=9)  # fmt: skip
    for ax in axes.ravel():
        ax.set_yticks([])
        ax.tick_params(labelsize=9)
    alt = "Grid of per-layer histograms for five starts. " + "; ".join(parts) + "."
    return fig, alt
