"""The figures of the xavier page."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure, plotting
from topics.xavier import experiment as ex

LAYER_HISTOGRAMS_CAPTION = (
    f"Each curve is one hidden layer's histogram ({plotting.KEY}), at initialization, for a "
    f"{ex.HIDDEN}-hidden-layer tanh network of width {ex.WIDTH} on standard normal inputs. "
    "{{ claim standard_narrows }} {{ claim normalized_wider }} Right (below, on a phone): the "
    "back-propagated gradients, each divided by the last hidden layer's standard deviation, so "
    "that the layers below show how much they lost."
)


@figure(caption=LAYER_HISTOGRAMS_CAPTION, narrow=True)
def layer_histograms(narrow=False):
    """Per-layer histograms of activations and back-propagated gradients in a deep tanh
    network, under the "standard" and the normalized initialization (after Glorot & Bengio
    2010, figs 6-7)."""
    snaps = ex.snapshots()
    fig = Figure(figsize=(4.2, 9) if narrow else (7, 5.4), layout="constrained")
    axes = fig.subplots(4, 1) if narrow else fig.subplots(2, 2)
    axes = axes.reshape(2, 2) if narrow else axes  # activation, gradient panels of each start
    short = {name: name.split(" ")[0] for name in snaps}  # "standard", "normalized"
    spreads = []
    for row, (name, snap) in enumerate(snaps.items()):
        hidden = snap.a[1 : ex.HIDDEN + 1]
        grads = snap.grad_a[1 : ex.HIDDEN + 1]
        plotting.layer_histograms(
            axes[row, 0], hidden, np.linspace(-1, 1, 81), density=True, lw=1.6
        )
        top = float(np.std(grads[-1]))
        scaled = [g / top for g in grads]
        plotting.layer_histograms(
            axes[row, 1], scaled, np.linspace(-4, 4, 81), density=True, lw=1.6
        )
        axes[row, 0].set_title(f"{short[name]}: activations", fontsize=10)
        axes[row, 1].set_title(f"{short[name]}: gradients ÷ top layer's std", fontsize=10)
        spreads.append(
            f"{name}: activation std from {np.std(hidden[0]):.3f} in layer 1 to "
            f"{np.std(hidden[-1]):.3f} in layer {ex.HIDDEN}"
        )
    axes[0, 0].legend(fontsize=9)
    for ax in axes.ravel():
        ax.set_yticks([])
        ax.tick_params(labelsize=9)
    alt = (
        "Four panels of overlaid per-layer histograms for a deep tanh network at "
        "initialization. " + "; ".join(spreads) + ". The gradient histograms are shown on a "
        "common scale."
    )
    return fig, alt


LAYER_VARIANCE_CAPTION = (
    "Dots: measured $\\operatorname{Var}(z^{[l]})$. Crosses: the forward step of the "
    "derivation, $n^{[l-1]} \\operatorname{Var}(W)\\, \\mathbb E[(a^{[l-1]})^2]$. "
    "{{ claim forward_step_holds }} Dashed: the linear-regime prediction "
    "$\\prod (n \\operatorname{Var}(W)) \\operatorname{Var}(x)$. "
    "{{ claim linear_regime_overshoots }}"
)


@figure(caption=LAYER_VARIANCE_CAPTION)
def layer_variance():
    """Variance of each layer's pre-activations: measured, and predicted by the derivation."""
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
