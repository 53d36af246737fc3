"""The figures of the exploding vanishing page."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure
from topics.exploding_vanishing import experiment as ex


def _listed(numbers) -> str:
    """(0.5, 1.0, 1.5) -> '0.5, 1 and 1.5'."""
    words = [f"{n:g}" for n in numbers]
    return ", ".join(words[:-1]) + " and " + words[-1]


DEEP_LINEAR_ACTIVATIONS_CAPTION = (
    "$\\lVert a^{[l]} \\rVert$ for the input $x = (1, 1)$ through the {layers} layers (log scale). "
    "Each hidden layer multiplies it by $k$; the output layer adds its own factor."
).replace("{layers}", str(ex.LAYERS))


@figure(caption=DEEP_LINEAR_ACTIVATIONS_CAPTION)
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
    ax.legend()
    alt = (
        "Line plot on a log scale of the activation norm at each layer of a "
        f"{ex.LAYERS}-layer linear network for k = {_listed(ex.SCALES)}: straight lines falling, "
        "flat, and rising. Output norms: " + "; ".join(finals) + "."
    )
    return fig, alt


DEEP_LINEAR_GRADIENTS_CAPTION = (
    "$\\lVert \\partial C / \\partial W^{[l]} \\rVert$ for $C = \\tfrac12(\\hat y - 1)^2$ (log "
    "scale). Every layer's gradient carries the product of the other layers, so the whole network "
    "explodes or vanishes together: it is not only the first layers that suffer."
)


@figure(caption=DEEP_LINEAR_GRADIENTS_CAPTION)
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
    ax.legend()
    alt = (
        "Line plot on a log scale of the weight-gradient norm of each of the "
        f"{ex.LAYERS} layers for k = {_listed(ex.SCALES)}. The three curves sit orders of "
        "magnitude apart: "
        + "; ".join(summary)
        + "."
    )
    return fig, alt


DEEP_LINEAR_TRAINING_CAPTION = (
    "Gradient descent with the same learning rate from the three starts, fitting a linear "
    "target. From $k = 0.5$ the gradients are so small that the cost barely moves; from "
    "$k = 1.5$ they are so large that the first steps overshoot and the cost blows up (the curve "
    "stops where it overflows); from $k = 1$ the cost falls steadily."
)


@figure(caption=DEEP_LINEAR_TRAINING_CAPTION)
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
            notes.append(f"k = {k:g} exceeds 1e12 after {int(finite.sum())} steps")
    ax.set_xlabel("step")
    ax.set_ylabel("cost")
    ax.legend()
    alt = "Cost curves on a log scale over gradient-descent steps: " + "; ".join(notes) + "."
    return fig, alt


CASES = (("identity", 1.0), ("tanh", 1.0), ("relu", 1.0), ("relu", 2.0))
RANDOM_DEPTH_ACTIVATIONS_CAPTION = (
    "Mean $\\log(\\lVert a^{[l]}\\rVert / \\lVert x \\rVert)$ with weight variance $c/n$. "
    "With $c = 1$ a linear layer keeps the norm, tanh lets it shrink slowly (it squashes), and "
    "ReLU halves the squared norm at every layer, because it zeroes half of its inputs. Doubling "
    "the variance ($c = 2$) makes ReLU layers hold the norm: that is He initialization."
)


@figure(caption=RANDOM_DEPTH_ACTIVATIONS_CAPTION)
def random_depth_activations():
    """The same random layers with tanh and ReLU: the right variance depends on the activation."""
    depth = np.arange(ex.DEPTH + 1)
    fig = Figure(figsize=(7, 3.8), layout="constrained")
    ax = fig.subplots()
    parts = []
    for index, (activation, c) in enumerate(CASES):
        mean = ex.random_log_norms(activation)[c].mean(axis=0)
        ax.plot(depth, mean, color=f"C{index}", lw=2, label=f"{activation}, $c = {c:g}$")
        parts.append(f"{activation} with c = {c:g} ends at {mean[-1]:.2f}")
    ax.set_xlabel("layer $l$")
    ax.set_ylabel("mean log-norm ratio")
    ax.legend()
    alt = (
        f"Line plot of the mean log-norm of the activations over {ex.DEPTH} random layers: "
        + "; ".join(parts)
        + "."
    )
    return fig, alt


RANDOM_DEPTH_NORMS_CAPTION = (
    f"Left: mean over {ex.DRAWS} random networks of "
    "$\\log(\\lVert a^{[l]}\\rVert / \\lVert x \\rVert)$ "
    f"for width $n = {ex.WIDTH}$ and weight variance $c/n$ (shaded: ± one standard deviation "
    "across networks), with the predicted straight line (dashed). Right: that standard "
    "deviation; it grows like $\\sqrt{l}$ for every $c$, even $c = 1$, where the mean stays put."
)


@figure(caption=RANDOM_DEPTH_NORMS_CAPTION)
def random_depth_norms():
    """Random Gaussian linear layers: the mean log-norm follows the prediction, the spread grows."""
    logs = ex.random_log_norms("identity")
    depth = np.arange(ex.DEPTH + 1)
    fig = Figure(figsize=(10, 3.8), layout="constrained")
    left, right = fig.subplots(1, 2)
    parts = []
    for index, (c, values) in enumerate(logs.items()):
        mean, spread = values.mean(axis=0), values.std(axis=0)
        color = f"C{index}"
        left.plot(depth, mean, color=color, lw=2, label=f"$c = {c:g}$")
        left.fill_between(depth, mean - spread, mean + spread, color=color, alpha=0.2)
        left.plot(depth, ex.predicted_slope(c) * depth, "--", color=color, lw=1)
        right.plot(depth, spread, color=color, lw=2, label=f"$c = {c:g}$")
        parts.append(
            f"c = {c:g}: mean {mean[-1]:.2f} at depth {ex.DEPTH} against "
            f"{ex.predicted_slope(c) * ex.DEPTH:.2f} predicted, spread {spread[-1]:.2f}"
        )
    left.set_xlabel("layer $l$")
    left.set_ylabel("$\\log(\\| a^{[l]} \\| / \\| x \\|)$")
    left.legend()
    right.set_xlabel("layer $l$")
    right.set_ylabel("standard deviation across networks")
    alt = (
        f"Two line plots over {ex.DEPTH} layers. Left: mean log-norm of the activations for "
        f"c = {_listed(ex.VARIANCE_SCALES)}, falling, flat and rising straight lines that lie on "
        "the dashed predictions. "
        "Right: the spread across networks growing with depth for all three. "
        + "; ".join(parts)
        + "."
    )
    return fig, alt
