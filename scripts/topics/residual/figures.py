"""The figures of the residual page: the stream's variance at initialization, and the final cost
across initial scales with and without normalization."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure
from topics.residual import experiment as ex

COLOURS = dict(zip(ex.VARIANTS, ("C3", "C0", "C2", "C1", "C4"), strict=True))
MARKERS = dict(zip(ex.VARIANTS, ("o", "s", "D", "^", "v"), strict=True))


def _variant(ax, variant, blocks):
    runs = ex.stream_runs()[variant]
    colour = COLOURS[variant]
    ax.fill_between(blocks, runs.min(axis=0), runs.max(axis=0), color=colour, alpha=0.2, lw=0)
    ax.plot(blocks, variant.predicted(), "-", color=colour, lw=1.3)
    ax.plot(blocks[::2], ex.stream_variances(variant)[::2], MARKERS[variant], color=colour, ms=4.5,
            label=variant.name)  # fmt: skip


@figure(
    caption=(
        f"$\\operatorname{{Var}}(x_l)/\\operatorname{{Var}}(x_0)$ through {ex.BLOCKS} residual "
        f"blocks of width {ex.STREAM_WIDTH}, each branch a He layer, a ReLU and a last layer "
        f"with LeCun's rule ($v = 1$), scaled or not. Markers: geometric mean over "
        f"{len(ex.STREAM_SEEDS)} networks (every variant on the same weights); bands: the "
        "lowest and highest network; lines: the derivations' predictions, $(1 + v)^l$ and "
        "$1 + l v$. **Left**, no normalization; **right**, the variants that stay small or grow "
        "linearly (both log scales). {{ claim stream_follows_prediction }} "
        "{{ claim zero_branch_is_exact }}"
    )
)
def stream_variance():
    """The residual stream's variance block by block, for each variant, against the prediction."""
    blocks = np.arange(ex.BLOCKS + 1)
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    left, right = fig.subplots(1, 2)
    _variant(left, ex.PLAIN, blocks)
    _variant(left, ex.PLAIN_SCALED, blocks)
    _variant(left, ex.ZERO, blocks)
    left.set_yscale("log")
    left.set_ylim(0.5, 3e10)
    for variant in (ex.PRE_LN, ex.PRE_LN_SCALED, ex.PLAIN_SCALED, ex.ZERO):
        _variant(right, variant, blocks)
    right.set_yscale("log")
    right.set_ylim(0.8, 50)
    for ax, title in ((left, "no normalization"), (right, "bounded, or growing linearly")):
        ax.set_xlabel("block $l$")
        ax.set_title(title, fontsize=10)
        ax.tick_params(labelsize=9)
    left.set_ylabel("variance of the stream")
    handles, labels = [], []
    for ax in (left, right):
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            if label not in labels:
                handles.append(handle)
                labels.append(label)
    fig.legend(handles, labels, loc="outside lower center", ncols=2, fontsize=9)
    parts = [
        f"{variant.name}: {ex.stream_variances(variant)[-1]:.3g} after {ex.BLOCKS} blocks "
        f"(predicted {variant.predicted()[-1]:.3g})"
        for variant in ex.VARIANTS
    ]
    alt = (
        "Two plots of the stream's variance against the block index, relative to the input's. "
        + "; ".join(parts)
        + "."
    )
    return fig, alt


NORM_COLOURS = {"none": "C3", "BatchNorm": "C0", "LayerNorm": "C1"}
NORM_MARKERS = {"none": "o", "BatchNorm": "s", "LayerNorm": "^"}
OVERFLOW = 2.0  # where a run that overflowed is drawn


@figure(
    caption=(
        f"Final cost after {ex.STEPS} steps of gradient descent (learning rate "
        f"{ex.LEARNING_RATE}) of a ReLU network with {ex.DEPTH} hidden layers of {ex.WIDTH} "
        f"units on the circle data, every layer drawn from He's rule times the scale on the "
        f"horizontal axis; a normalization after every hidden layer but the first, or none. One "
        f"marker per seed ({len(ex.SEEDS)}), the line through their median; open markers in the "
        "band at the top: the cost overflowed. Dotted: the base rate, the cost of predicting the "
        "fraction of positives everywhere."
    )
)
def scale_sweep():
    """Final cost against the initial scale, without normalization, with BatchNorm and with
    LayerNorm."""
    fig = Figure(figsize=(7, 3.9), layout="constrained")
    ax = fig.subplots()
    scales = np.array(ex.SCALES)
    parts = []
    for offset, name in zip((-0.04, 0.0, 0.04), ex.NORMS, strict=True):
        final = ex.final_costs(name)
        colour = NORM_COLOURS[name]
        median = np.median(final, axis=0)  # NaN where a seed overflowed
        ax.plot(scales, median, "-", color=colour, lw=1.5, label=name)
        for seed_costs in final:
            finite = np.isfinite(seed_costs)
            ax.plot(scales[finite] * 10**offset, seed_costs[finite], NORM_MARKERS[name],
                    color=colour, ms=5, alpha=0.85)  # fmt: skip
            ax.plot(scales[~finite] * 10**offset, np.full((~finite).sum(), OVERFLOW),
                    NORM_MARKERS[name], color=colour, ms=5, mfc="none")  # fmt: skip
        cells = ", ".join(
            f"{scale:g}×: " + "/".join(f"{c:.3g}" if np.isfinite(c) else "overflow" for c in col)
            for scale, col in zip(ex.SCALES, final.T, strict=True)
        )
        parts.append(f"{name}: {cells}")
    ax.axhline(ex.base_rate_loss(), color="C7", ls=":", lw=1.5, label="base rate")
    ax.axhspan(OVERFLOW / 1.3, OVERFLOW * 1.3, color="C7", alpha=0.15, lw=0)
    ax.text(0.5, OVERFLOW * 1.45, "overflowed", transform=ax.get_yaxis_transform(),
            ha="center", va="bottom", fontsize=9)  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(scales, [f"{s:g}×" for s in scales])
    ax.minorticks_off()
    ax.set_ylim(5e-4, 5)
    ax.set_xlabel("initial scale (times He's standard deviation)")
    ax.set_ylabel(f"cost after {ex.STEPS} steps")
    ax.legend(fontsize=9, loc="lower left", ncols=2)
    alt = (
        "Log-log plot of the final cost against the initial scale, per seed. "
        + "; ".join(parts)
        + f". Base rate {ex.base_rate_loss():.3f}."
    )
    return fig, alt
