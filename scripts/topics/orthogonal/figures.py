"""The figures of the orthogonal page."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure
from topics.orthogonal import experiment as ex

CASES = (("linear", 1.0, "linear"), ("tanh", ex.TANH_GAIN, f"tanh, gain {ex.TANH_GAIN:g}"))
STYLES = {"Gaussian": "-", "orthogonal": "--"}
# The orthogonal curves of the three depths lie on top of each other: drawn nested, widest first.
WIDTHS = {"Gaussian": (2, 2, 2), "orthogonal": (6, 3.5, 1.5)}


def _pooled_resolved(kind, activation, gain, depth) -> np.ndarray:
    """The resolved singular values of all networks, descending."""
    return np.sort(np.concatenate(ex.resolved(kind, activation, gain, depth)))[::-1]


@figure(
    caption=(
        f"Singular values of the Jacobian $J$ of {ex.NETWORKS} networks of width {ex.WIDTH} "
        f"per case, sorted, at depths {', '.join(map(str, ex.DEPTHS))} (log scale). A curve "
        f"stops where the values fall below $10^{{{int(np.log10(ex.RESOLVED))}}}$ times their "
        "network's largest, beyond what double precision can compute from the product. "
        "{{ claim orthogonal_linear_exact }} {{ claim gaussian_spreads }} "
        "{{ claim tanh_orthogonal_near_one }}"
    )
)
def spectra():
    """Sorted singular values at three depths: Gaussian fans out, orthogonal stays at 1."""
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    parts = []
    for ax, (activation, gain, title) in zip(axes, CASES, strict=True):
        for index, depth in enumerate(ex.DEPTHS):
            for kind in ex.KINDS:
                values = _pooled_resolved(kind, activation, gain, depth)
                rank = (np.arange(len(values)) + 0.5) / (ex.NETWORKS * ex.WIDTH)
                ax.semilogy(rank, values, STYLES[kind], color=f"C{index}",
                            lw=WIDTHS[kind][index], label=f"{kind}, depth {depth}")  # fmt: skip
                parts.append(
                    f"{title}, {kind}, depth {depth}: from {values[0]:.3g} down to "
                    f"{values[-1]:.3g}, {ex.fraction_near_one(kind, activation, gain, depth):.0%} "
                    "within a factor of 2 of 1"
                )
        ax.set_title(title, fontsize=11)
        ax.set_xlabel("fraction of singular values")
        ax.set_xlim(0, 1)
    axes[0].set_ylabel("singular value $\\sigma_i$")
    axes[0].set_ylim(10.0 ** (np.log10(ex.RESOLVED) - 1), 1e3)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize=9)
    alt = (
        "Two panels of sorted singular values on a log scale, solid for Gaussian and dashed for "
        "orthogonal layers, one colour per depth. " + "; ".join(parts) + "."
    )
    return fig, alt


@figure(
    caption=(
        f"The cost of a deep linear network of width {ex.TRAIN_WIDTH} learning a random linear "
        f"map, relative to its start (log scale), from {len(ex.TRAIN_SEEDS)} seeds of each "
        f"initialization, learning rate ${ex.RATE:g}/L$. Dotted: {ex.LEVEL:.0%} of the start. "
        "{{ claim orthogonal_trains_at_every_depth }} {{ claim gaussian_slows_with_depth }} "
        "{{ claim gaussian_overshoots }}"
    )
)
def training():
    """Cost curves at three depths, Gaussian against orthogonal."""
    fig = Figure(figsize=(7, 3.4), layout="constrained")
    axes = fig.subplots(1, len(ex.TRAIN_DEPTHS), sharey=True)
    parts = []
    for ax, depth in zip(axes, ex.TRAIN_DEPTHS, strict=True):
        costs = ex.training(depth)
        relative = costs / costs[..., :1]
        for index, kind in enumerate(ex.KINDS):
            for seed, curve in enumerate(relative[index]):
                ax.semilogy(curve, color=f"C{index}", lw=1.5,
                            label=kind if seed == 0 else None)  # fmt: skip
            finals = ", ".join(f"{curve[-1]:.2g}" for curve in relative[index])
            parts.append(f"depth {depth}, {kind}: ends at {finals} of the start")
        ax.axhline(ex.LEVEL, color="C7", ls=":", lw=1.5)
        ax.set_title(f"depth {depth}", fontsize=11)
        ax.set_xlabel("step")
    axes[0].set_ylabel("cost / starting cost")
    axes[0].legend(fontsize=9, loc="lower left")
    alt = (
        f"Three panels of cost curves over {ex.TRAIN_STEPS} steps on a log scale: "
        + "; ".join(parts)
        + "."
    )
    return fig, alt
