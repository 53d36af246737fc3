"""The figures of the exploding-and-vanishing page."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure
from topics.exploding_vanishing import experiment as ex


def _listed(numbers) -> str:
    """(0.5, 1.0, 1.5) -> '0.5, 1 and 1.5'."""
    words = [f"{n:g}" for n in numbers]
    return ", ".join(words[:-1]) + " and " + words[-1]


@figure(
    caption=(
        f"$\\lVert a^{{[l]}} \\rVert$ for the input $x = (1, 1)$ through the {ex.LAYERS} layers "
        "(log scale). {{ claim each_layer_multiplies_by_k }}"
    )
)
def deep_linear_activations():
    """Norm of the activations, layer by layer, in the deep linear net with W = k·I."""
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.subplots()
    finals = []
    for index, k in enumerate(ex.SCALES):
        norms = ex.layer_norms(k)
        ax.semilogy(range(len(norms)), norms, "o-", color=f"C{index}", label=f"$k = {k:g}$")
        finals.append(f"k = {k:g}: {norms[-1]:.4g}")
    ax.set_xlabel("layer $l$ (0 is the input)")
    ax.set_ylabel("$\\| a^{[l]} \\|$")
    ax.legend(loc="upper left")
    alt = (
        "Line plot on a log scale of the activation norm at each layer of a "
        f"{ex.LAYERS}-layer linear network for k = {_listed(ex.SCALES)}: straight lines falling, "
        "flat, and rising. Output norms: " + "; ".join(finals) + "."
    )
    return fig, alt


@figure(
    caption=(
        "$\\lVert \\partial C / \\partial W^{[l]} \\rVert$ for $C = \\tfrac12(\\hat y - 1)^2$ "
        "(log scale). {{ claim gradients_scale_together }}"
    )
)
def deep_linear_gradients():
    """Norm of each layer's weight gradient in the deep linear net with W = k·I."""
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.subplots()
    summary = []
    for index, k in enumerate(ex.SCALES):
        norms = ex.gradient_norms(k)
        ax.semilogy(range(1, len(norms) + 1), norms, "s-", color=f"C{index}", label=f"$k = {k:g}$")
        summary.append(f"k = {k:g}: from {norms.min():.3g} to {norms.max():.3g}")
    ax.set_xlabel("layer $l$")
    ax.set_ylabel("gradient norm")
    fig.legend(loc="outside right center")
    alt = (
        "Line plot on a log scale of the weight-gradient norm of each of the "
        f"{ex.LAYERS} layers for k = {_listed(ex.SCALES)}. The three curves sit orders of "
        "magnitude apart: " + "; ".join(summary) + "."
    )
    return fig, alt


@figure(
    caption=(
        "Gradient descent with the same learning rate from the three starts, fitting a linear "
        "target. {{ claim small_barely_moves }} {{ claim large_blows_up }} "
        "{{ claim right_falls_steadily }}"
    )
)
def deep_linear_training():
    """Training the deep linear net from W = k·I: too small stalls, too large diverges."""
    curves = ex.training_curves()
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.subplots()
    notes = []
    for index, (k, loss) in enumerate(curves.items()):
        finite = ex.finite_part(loss)
        steps = np.arange(len(loss))[finite]
        ax.semilogy(steps, loss[finite], "o-" if not finite.all() else "-", color=f"C{index}",
                    lw=2, label=f"$k = {k:g}$")  # fmt: skip
        if not finite.all():
            ax.annotate("overflows", (steps[-1], loss[finite][-1]), textcoords="offset points",
                        xytext=(12, -4), color=f"C{index}")  # fmt: skip
        if finite.all():
            notes.append(f"k = {k:g} goes from {loss[0]:.3g} to {loss[-1]:.3g}")
        else:
            notes.append(f"k = {k:g} exceeds {ex.OVERFLOW:.0e} after {int(finite.sum())} steps")
    ax.set_xlabel("step")
    ax.set_ylabel("cost")
    ax.legend()
    alt = "Cost curves on a log scale over gradient-descent steps: " + "; ".join(notes) + "."
    return fig, alt


ACTIVATION_CASES = (("identity", 1.0), ("tanh", 1.0), ("relu", 1.0), ("relu", 2.0))


@figure(
    caption=(
        "Mean $\\log(\\lVert a^{[l]}\\rVert / \\lVert x \\rVert)$ with weight variance $c/n$; "
        "dashed, black: the exact prediction where there is one (linear and ReLU layers). With "
        "$c = 1$ a linear layer keeps the norm. {{ claim tanh_loses_a_little }} "
        "{{ claim relu_halves }} {{ claim relu_doubled_holds }}"
    )
)
def random_depth_activations():
    """The same random layers with tanh and ReLU: the right variance depends on the activation."""
    depth = np.arange(ex.DEPTH + 1)
    fig = Figure(figsize=(7, 3.8), layout="constrained")
    ax = fig.subplots()
    parts = []
    for index, (activation, c) in enumerate(ACTIVATION_CASES):
        mean = ex.random_log_norms(activation)[c].mean(axis=0)
        ax.plot(depth, mean, color=f"C{index}", lw=2.5, label=f"{activation}, $c = {c:g}$")
        if activation != "tanh":
            slope = ex.predicted_slope(c, activation=activation)
            label = "predicted" if index == 0 else None
            ax.plot(depth, slope * depth, "--", color="black", lw=1, label=label, zorder=3)
        parts.append(f"{activation} with c = {c:g} ends at {mean[-1]:.2f}")
    ax.set_xlabel("layer $l$")
    ax.set_ylabel("mean log-norm ratio")
    ax.legend(fontsize=9)
    alt = (
        f"Line plot of the mean log-norm of the activations over {ex.DEPTH} random layers: "
        + "; ".join(parts)
        + "."
    )
    return fig, alt


@figure(
    caption=(
        f"{ex.DRAWS} random linear networks of width $n = {ex.WIDTH}$, weight variance $c/n$. "
        "Top: the mean of $\\log(\\lVert a^{[l]}\\rVert / \\lVert x \\rVert)$ over the networks, "
        "with the prediction (dashed, black). {{ claim random_mean_follows_prediction }} "
        "Bottom: the standard deviation across the networks. "
        "{{ claim spread_grows_like_root_depth }}"
    )
)
def random_depth_norms():
    """Random Gaussian linear layers: the mean log-norm follows the prediction, the spread grows."""
    logs = ex.random_log_norms("identity")
    depth = np.arange(ex.DEPTH + 1)
    fig = Figure(figsize=(7, 6), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True)
    parts = []
    for index, (c, values) in enumerate(logs.items()):
        mean, spread = values.mean(axis=0), values.std(axis=0)
        color = f"C{index}"
        predicted = ex.predicted_slope(c) * depth
        top.plot(depth, mean, color=color, lw=3, label=f"$c = {c:g}$")
        top.plot(depth, predicted, "--", color="black", lw=1, zorder=3,
                 label="predicted" if index == 0 else None)  # fmt: skip
        bottom.plot(depth, spread, color=color, lw=2, label=f"$c = {c:g}$")
        parts.append(
            f"c = {c:g}: mean {mean[-1]:.2f} at depth {ex.DEPTH} against "
            f"{predicted[-1]:.2f} predicted, spread {spread[-1]:.2f}"
        )
    bottom.plot(depth, spread[-1] * np.sqrt(depth / ex.DEPTH), ":", color="C7", lw=2,
                label="$\\propto \\sqrt{l}$")  # fmt: skip
    top.set_ylabel("$\\log(\\| a^{[l]} \\| / \\| x \\|)$")
    top.legend(fontsize=9)
    bottom.set_xlabel("layer $l$")
    bottom.set_ylabel("standard deviation")
    bottom.legend(fontsize=9)
    alt = (
        f"Two line plots over {ex.DEPTH} layers. Top: mean log-norm of the activations for "
        f"c = {_listed(ex.VARIANCE_SCALES)}, falling, flat and rising straight lines that lie on "
        "the dashed predictions. Bottom: the spread across networks growing with depth for all "
        "three. " + "; ".join(parts) + "."
    )
    return fig, alt
