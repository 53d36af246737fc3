"""The figures of the LSUV page."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure
from topics.lsuv import experiment as ex

FLOOR = 1e-4  # the variance axis starts here; fading curves leave the panel through its floor


@figure(
    caption=(
        f"Variance of each layer's pre-activations on {ex.HELD_OUT:,} new inputs, for "
        f"{ex.LAYERS}-layer networks of width {ex.WIDTH} (log scale; geometric mean over "
        f"{ex.NETWORKS} networks, the band: LSUV's lowest and highest network). LSUV was fitted "
        f"on {ex.BATCH} other inputs; orthogonal weights of gain 1 and LeCun's rule nearly "
        "coincide. {{ claim lecun_fades }} {{ claim he_fades_through_silu }} "
        "{{ claim lsuv_holds_on_new_inputs }} {{ claim silu_drifts_but_holds }}"
    )
)
def layer_variances():
    """Per-layer variance on new inputs: the analytic rules fade or wander, LSUV stays near 1."""
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    axes = fig.subplots(1, len(ex.ACTIVATIONS), sharey=True)
    layers = np.arange(1, ex.LAYERS + 1)
    parts = []
    for ax, activation in zip(axes, ex.ACTIVATIONS, strict=True):
        for index, rule in enumerate(ex.NAMES):
            values = ex.variances(activation, rule)
            mean = ex.geometric_mean(values)
            ax.semilogy(layers, mean, color=f"C{index}", lw=2.5 if rule == "LSUV" else 1.8,
                        label=rule)  # fmt: skip
            if rule == "LSUV":
                ax.fill_between(layers, values.min(axis=0), values.max(axis=0),
                                color=f"C{index}", alpha=0.25, lw=0)  # fmt: skip
            parts.append(f"{activation}, {rule}: {mean[-1]:.2g} at layer {ex.LAYERS}")
        ax.set_title(activation, fontsize=11)
        ax.set_xlabel("layer")
        ax.set_xticks([1, 10, 20])
    axes[0].set_ylim(FLOOR, 10)
    axes[0].set_ylabel("variance of $z^{[l]}$")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=len(ex.NAMES), fontsize=9)
    alt = (
        "Three panels, tanh, ReLU and SiLU, of the pre-activation variance per layer on a log "
        "scale. " + "; ".join(parts) + "."
    )
    return fig, alt


@figure(
    caption=(
        "The squared scale LSUV gives each layer, $\\lVert W^{[l]} \\rVert_F^2 / n$ (for a "
        "Gaussian rule this is $n\\operatorname{Var}(W)$, the gain²), one line per network. "
        "Dashed: the gain² that keeps unit variance for normal pre-activations, "
        "$1/\\mathbb E[g(u)^2]$, by quadrature. {{ claim scale_matches_quadrature }} "
        "{{ claim scales_wander_deeper }}"
    )
)
def found_gains():
    """LSUV's per-layer scale against the quadrature gain for each activation."""
    fig = Figure(figsize=(7, 3.2), layout="constrained")
    axes = fig.subplots(1, len(ex.ACTIVATIONS), sharey=True)
    layers = np.arange(1, ex.LAYERS + 1)
    parts = []
    for index, (ax, activation) in enumerate(zip(axes, ex.ACTIVATIONS, strict=True)):
        scales = ex.squared_scales(activation)
        for run in scales:
            ax.plot(layers, run, "o-", color=f"C{index}", ms=3, lw=1, alpha=0.8)
        target = ex.keeping_gain_squared(activation)
        ax.axhline(target, color="C7", ls="--", lw=1.5)
        ax.set_title(f"{activation}: {target:.3g}", fontsize=11)
        ax.set_xlabel("layer")
        ax.set_xticks([1, 10, 20])
        parts.append(
            f"{activation}: quadrature {target:.3f}, LSUV at layer 2 from {scales[:, 1].min():.3f} "
            f"to {scales[:, 1].max():.3f}, deeper from {scales[:, 2:].min():.2f} to "
            f"{scales[:, 2:].max():.2f}"
        )
    axes[0].set_ylabel("squared scale")
    alt = (
        "Three panels of the squared scale LSUV gave each of the layers, one line per network, "
        "with a dashed line at the quadrature gain squared. " + "; ".join(parts) + ". The first "
        "layer's scale is near 1 in every panel: the inputs already have unit variance."
    )
    return fig, alt
