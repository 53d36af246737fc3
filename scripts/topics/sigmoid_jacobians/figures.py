"""The figures of the sigmoid page."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure
from topics.sigmoid_jacobians import experiment as ex

SLOPE_RANGE = np.linspace(-6, 6, 481)


@figure(
    caption=(
        "The slopes of the sigmoid and of tanh. The sigmoid's is at most $1/4$ (dashed), "
        "reached only at 0; tanh's is the same bump, four times taller and half as wide."
    )
)
def slopes():
    """σ'(z) and tanh'(z) with the sigmoid's bound."""
    fig = Figure(figsize=(7, 3.2), layout="constrained")
    ax = fig.subplots()
    sigmoid = ex.sigmoid_slope(SLOPE_RANGE)
    tanh = ex.tanh_slope(SLOPE_RANGE)
    ax.plot(SLOPE_RANGE, sigmoid, color="C1", lw=2.4, label="$\\sigma'(z)$")
    ax.plot(SLOPE_RANGE, tanh, color="C0", lw=2.4, label="$\\tanh'(z)$")
    ax.axhline(0.25, color="C1", ls="--", lw=1.2)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xlabel("$z$")
    ax.set_ylabel("slope")
    ax.legend(fontsize=10)
    alt = (
        f"Two bell-shaped curves over z from {SLOPE_RANGE[0]:g} to {SLOPE_RANGE[-1]:g}: the "
        "sigmoid's slope peaks at "
        f"{sigmoid.max():.2f} at z = 0, tanh's at {tanh.max():.2f}; a dashed line marks 0.25."
    )
    return fig, alt


@figure(
    caption=(
        f"$\\lVert \\partial C/\\partial W^{{[l]}} \\rVert$ for the {ex.GRAD_DEPTH} hidden layers "
        f"of networks of width {ex.GRAD_WIDTH}, relative to the last hidden layer's (log scale), "
        f"one line per seed. Dashed: the variance recursion's factor for the sigmoid network, "
        "$\\sqrt{\\mathbb E[\\sigma'(z)^2]}$ per layer, drawn through its last layer. "
        "{{ claim sigmoid_gradients_vanish }} {{ claim sigmoid_factor_predicted }}"
    )
)
def gradient_norms():
    """Per-layer weight-gradient norms of deep sigmoid, tanh and ReLU networks."""
    runs = ex.gradient_norms()
    layers = np.arange(1, ex.GRAD_DEPTH + 1)
    colours = {"sigmoid, Xavier": "C1", "tanh, Xavier": "C0", "ReLU, He": "C2"}
    fig = Figure(figsize=(7, 3.8), layout="constrained")
    ax = fig.subplots()
    parts = []
    for name, rows in runs.items():
        for seed, row in enumerate(rows):
            ax.semilogy(layers, row / row[-1], "o-", color=colours[name], ms=3, lw=1.5,
                        label=name if seed == 0 else None)  # fmt: skip
        parts.append(
            f"{name}: first layer at " + ", ".join(f"{row[0] / row[-1]:.2g}" for row in rows)
            + " of the last"
        )  # fmt: skip
    factor = np.sqrt(ex.sigmoid_backward_factor())
    ax.semilogy(layers, factor ** (ex.GRAD_DEPTH - layers), "--", color="C7", lw=1.2)
    ax.set_xlabel("hidden layer $l$")
    ax.set_ylabel("gradient norm / last layer's")
    ax.set_xticks([1, 5, 10, 15, 20])
    ax.legend(fontsize=10, loc="lower right")
    alt = (
        "Log-scale plot of weight-gradient norms per layer, relative to the last hidden layer: "
        + "; ".join(parts) + f". The predicted sigmoid factor is {factor:.3f} per layer."
    )  # fmt: skip
    return fig, alt


SPECTRUM_DEPTHS = (2, 8, 32)


@figure(
    caption=(
        f"The singular values of the input-output Jacobian, largest first, of a sigmoid and a "
        f"tanh network of width {ex.JAC_WIDTH} with Xavier's weights, at three depths (one seed, "
        "log scale). Values below the product's rounding floor are left out. "
        "{{ claim sigmoid_spectrum_sinks }} {{ claim tanh_spectrum_spreads }}"
    )
)
def jacobian_spectra():
    """Singular values of the Jacobian product for sigmoid and tanh networks."""
    jac = ex.jacobians()
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    parts = []
    for ax, activation in zip(axes, ex.ACTIVATIONS, strict=True):
        for index, depth in enumerate(SPECTRUM_DEPTHS):
            values = jac[(activation, depth, 0)].reliable()
            ax.semilogy(np.arange(1, len(values) + 1), values, color=f"C{index + 2}", lw=2.2,
                        label=f"$L = {depth}$")  # fmt: skip
            parts.append(
                f"{activation} at depth {depth}: largest {values[0]:.2g}, median "
                f"{np.median(jac[(activation, depth, 0)].singular_values):.2g}"
            )
        ax.set_title(activation, fontsize=11)
        ax.set_xlabel("rank")
        ax.set_xticks([1, 16, 32, 48, 64])
    axes[0].set_ylabel("singular value")
    axes[0].set_yticks([1e-40, 1e-30, 1e-20, 1e-10, 1])
    axes[1].legend(fontsize=10, loc="lower left")
    alt = "Two log-scale plots of sorted singular values: " + "; ".join(parts) + "."
    return fig, alt


@figure(
    caption=(
        "Left: the mean squared singular value of the Jacobian against depth, dots for the seeds "
        "and lines for the product of the per-layer factors $\\chi_l = \\mathbb E[\\varphi'"
        "(z^{[l]})^2]$ (log scale). Right: the largest singular value, with its bound dashed. "
        "{{ claim mean_square_predicted }} {{ claim jacobians_below_bound }}"
    )
)
def jacobian_depths():
    """Mean squared and largest singular values against depth, with prediction and bound."""
    jac = ex.jacobians()
    depths = np.array(ex.JAC_DEPTHS)
    colours = {"sigmoid": "C1", "tanh": "C0"}
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    left, right = fig.subplots(1, 2)
    parts = []
    for activation, colour in colours.items():
        for seed in ex.JAC_SEEDS:
            squares = [jac[(activation, d, seed)].mean_square for d in depths]
            largest = [jac[(activation, d, seed)].singular_values[0] for d in depths]
            label = activation if seed == 0 else None
            left.semilogy(depths, squares, "o", color=colour, ms=4, label=label)
            right.semilogy(depths, largest, "o", color=colour, ms=4, label=label)
        predicted = [ex.predicted_mean_square(activation, d) for d in depths]
        bound = [np.mean([jac[(activation, d, s)].bound(activation) for s in ex.JAC_SEEDS])
                 for d in depths]  # fmt: skip
        left.semilogy(depths, predicted, "-", color=colour, lw=1.2)
        right.semilogy(depths, bound, "--", color=colour, lw=1.2)
        parts.append(
            f"{activation}: mean square at depth {depths[-1]} "
            f"{jac[(activation, depths[-1], 0)].mean_square:.2g} (predicted {predicted[-1]:.2g}), "
            f"largest {jac[(activation, depths[-1], 0)].singular_values[0]:.2g} (bound "
            f"{bound[-1]:.2g})"
        )
    for ax, label in ((left, "mean squared singular value"), (right, "largest singular value")):
        ax.set_xlabel("depth $L$")
        ax.set_ylabel(label)
        ax.set_xticks([1, 8, 16, 24, 32])
    left.set_yticks([1e-40, 1e-30, 1e-20, 1e-10, 1])
    right.set_yticks([1e-20, 1e-10, 1, 1e10])
    left.legend(fontsize=10, loc="lower left")
    alt = "Two log-scale plots against depth: " + "; ".join(parts) + "."
    return fig, alt
