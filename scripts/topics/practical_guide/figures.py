"""The figures of the practical guide."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure
from topics.practical_guide import experiment as ex

# One colour per behaviour group, the same in every figure of the page.
GROUPS = {
    "tanh": ("tanh", "C0"),
    "sigmoid": ("sigmoid", "C1"),
    "linear": ("linear, ReLU, leaky ReLU", "C2"),
    "gelu": ("GELU", "C3"),
    "silu": ("SiLU", "C4"),
    "selu": ("SELU", "C9"),
}
COLOURS = {name: GROUPS.get(name, GROUPS["linear"])[1] for name in ex.ACTIVATIONS}
MAP_VARIANCES = np.geomspace(0.1, 10, 81)


@figure(
    caption=(
        "The variance map of each activation at its gain, as the factor $F(q)/q$ by which a "
        "layer multiplies a variance $q$ (both axes log scale). Every curve passes through 1 at "
        "$q = 1$: that is the criterion. Where a curve falls through that point, a variance "
        "above 1 shrinks and one below grows: the fixed point attracts. Where it rises, the "
        "fixed point repels. {{ claim slopes_sort_the_activations }}"
    )
)
def variance_maps():
    """F(q)/q for every activation at the gain of the table."""
    fig = Figure(figsize=(7, 3.8), layout="constrained")
    ax = fig.subplots()
    parts = []
    for name, (label, colour) in GROUPS.items():
        factors = np.array([ex.variance_map(name, q) / q for q in MAP_VARIANCES])
        if name == "linear":  # the homogeneous three share one exact line at 1
            for other in ("relu", "leaky_relu"):
                others = [ex.variance_map(other, q) / q for q in MAP_VARIANCES]
                assert np.allclose(others, factors, rtol=1e-9), other
        ax.loglog(MAP_VARIANCES, factors, color=colour, lw=2.2, label=label)
        parts.append(
            f"{label} from {factors[0]:.2f} at q = {MAP_VARIANCES[0]:g} to {factors[-1]:.2f} at "
            f"q = {MAP_VARIANCES[-1]:g} (slope at 1: {ex.map_slope(name):.2f})"
        )
    ax.axvline(1.0, color="C7", ls=":", lw=1.2)
    ax.set_xlabel("variance $q$ of a layer's pre-activations")
    ax.set_ylabel("$F(q)/q$: next layer's over this one's")
    ax.set_yticks([0.2, 0.5, 1, 2, 5], ["0.2", "0.5", "1", "2", "5"])
    ax.set_xticks([0.1, 0.3, 1, 3, 10], ["0.1", "0.3", "1", "3", "10"])
    ax.minorticks_off()
    ax.legend(ncols=2, fontsize=10, loc="upper right")
    alt = "Line plot of the per-layer variance factor against the variance: " + "; ".join(parts)
    return fig, alt + "."


@figure(
    caption=(
        f"The variance of each layer's pre-activations through {ex.SIM_DEPTH} layers of width "
        f"{ex.SIM_WIDTH} at the gains of the table, starting from unit variance; one line per "
        f"seed ({len(ex.SIM_SEEDS)} seeds), log scale. {{{{ claim attracting_hold }}}} "
        "{{ claim neutral_wander }} {{ claim repelling_run_away }}"
    )
)
def depth_runs():
    """Per-layer variance in deep networks at each activation's gain, small multiples."""
    runs = ex.depth_runs()
    fig = Figure(figsize=(7, 4.4), layout="constrained")
    axes = fig.subplots(2, 4, sharex=True, sharey=True)
    layers = np.arange(ex.SIM_DEPTH + 1)
    parts = []
    for ax, (name, activation) in zip(axes.flat, ex.ACTIVATIONS.items(), strict=True):
        for row in runs[name]:
            ax.semilogy(layers, row, color=COLOURS[name], lw=1.6)
        ax.axhline(1.0, color="C7", ls=":", lw=1.2)
        ax.set_title(activation.name.replace(" (0.01)", ""), fontsize=10)
        parts.append(
            f"{activation.name} ends at " + ", ".join(f"{row[-1]:.3g}" for row in runs[name])
        )
    ax.set_ylim(0.08, 5000)
    ax.set_xticks([0, 10, 20, 30])
    for ax in axes.flat:
        ax.tick_params(labelsize=9)
    fig.supxlabel("layer $l$", fontsize=10)
    fig.supylabel("variance of $z^{[l]}$", fontsize=10)
    alt = (
        f"Eight small log-scale plots of the variance over {ex.SIM_DEPTH} layers, three seeds "
        "each, all starting at 1: " + "; ".join(parts) + "."
    )
    return fig, alt


@figure(
    caption=(
        f"The second moment of the pre-activations of each hidden layer of a {ex.DEFAULTS_DEPTH}"
        f"-layer ReLU network of width {ex.DEFAULTS_WIDTH}, from each framework's default and "
        "from He's rule; dots: three seeds, lines: the variance rules' prediction (log scale). "
        "Dashed: the floor the PyTorch biases set, $2/(5n)$. {{ claim keras_flax_halve }} "
        "{{ claim torch_falls_to_floor }} {{ claim he_keeps }}"
    )
)
def framework_defaults():
    """The frameworks' default initializations in a deep ReLU network."""
    runs = ex.default_runs()
    layers = np.arange(1, ex.DEFAULTS_DEPTH + 1)
    fig = Figure(figsize=(7, 4.0), layout="constrained")
    ax = fig.subplots()
    parts = []
    for index, (name, rows) in enumerate(runs.items()):
        colour = f"C{index}"
        for seed, row in enumerate(rows):
            ax.semilogy(layers, row, "o", color=colour, ms=4, label=name if seed == 0 else None)
        ax.semilogy(layers, ex.predicted_default_moments(name), "-", color=colour, lw=1.2)
        parts.append(
            f"{name}: from {rows[:, 0].mean():.3g} at the first hidden layer to "
            f"{rows[:, -1].mean():.3g} at the last (predicted "
            f"{ex.predicted_default_moments(name)[-1]:.3g})"
        )
    ax.axhline(ex.bias_floor(), color="C0", ls="--", lw=1)
    ax.set_xlabel("hidden layer $l$")
    ax.set_ylabel("mean of $(z^{[l]})^2$")
    ax.set_xticks([1, 5, 10, 15, 20])
    ax.legend(loc="lower left", fontsize=10)
    alt = (
        "Log-scale plot of the second moment per hidden layer: " + "; ".join(parts) + f". The "
        f"PyTorch bias floor is {ex.bias_floor():.3g}."
    )
    return fig, alt


@figure(
    caption=(
        f"Cross-entropy while training a small ReLU network ({ex.IMBALANCED_WIDTHS}) on "
        f"{ex.IMBALANCED_POINTS} points of which 2% are positive, learning rate "
        f"{ex.IMBALANCED_RATE:g}, {len(ex.IMBALANCED_SEEDS)} seeds from each output bias (both "
        "axes log scale). Dotted: the base rate. {{ claim prior_starts_at_base_rate }} "
        "{{ claim zero_bias_spends_steps }} {{ claim zero_bias_ends_lower }}"
    )
)
def imbalanced_costs():
    """Training an imbalanced classifier from output bias 0 and from the log prior."""
    runs = ex.imbalanced_training()
    fig = Figure(figsize=(7, 3.8), layout="constrained")
    ax = fig.subplots()
    parts = []
    for index, (name, rows) in enumerate(runs.items()):
        for seed, loss in enumerate(rows):
            steps = np.arange(1, len(loss) + 1)
            ax.loglog(steps, loss, color=f"C{index}", lw=2, label=name if seed == 0 else None)
        parts.append(
            f"{name} from " + ", ".join(f"{loss[0]:.3f}" for loss in rows) + " to "
            + ", ".join(f"{loss[-1]:.3f}" for loss in rows)
        )  # fmt: skip
    ax.axhline(ex.base_rate_loss(), color="C7", ls=":", lw=1.5, label="base rate")
    ax.set_xlabel("step + 1")
    ax.set_ylabel("cost")
    ax.minorticks_off()
    ticks = [0.04, 0.06, 0.1, 0.2, 0.4, 0.8]
    ax.set_yticks(ticks, [f"{tick:g}" for tick in ticks])
    ax.set_xticks([1, 10, 100], ["1", "10", "100"])
    ax.legend(fontsize=10)
    alt = (
        f"Log-log cost curves over {ex.IMBALANCED_STEPS} steps, three seeds each: "
        + "; ".join(parts) + f". The base rate is {ex.base_rate_loss():.4f}."
    )  # fmt: skip
    return fig, alt


@figure(
    caption=(
        f"The memory an LSTM cell's state path keeps after $k$ steps, $\\prod_t f_t$, in a random "
        f"cell of {ex.LSTM_HIDDEN} units (geometric mean over units and sequences; lines: "
        f"{len(ex.LSTM_SEEDS)} seeds, mostly on top of each other) against $\\sigma(b)^k$ "
        "(dashed), log scale. {{ claim lstm_follows_sigma }}"
    )
)
def forget_memory():
    """Memory kept through the forget gate for three biases, measured and predicted."""
    runs = ex.lstm_memory()
    steps = np.arange(1, ex.LSTM_STEPS + 1)
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.subplots()
    parts = []
    for index, (bias, rows) in enumerate(runs.items()):
        for seed, row in enumerate(rows):
            ax.semilogy(steps, row, color=f"C{index}", lw=2.2,
                        label=f"$b = {bias:g}$" if seed == 0 else None)  # fmt: skip
        ax.semilogy(steps, [ex.memory_kept(bias, k) for k in steps], "--", color="C7", lw=1.2)
        parts.append(
            f"b = {bias:g}: after {ex.LSTM_STEPS} steps "
            + ", ".join(f"{row[-1]:.2g}" for row in rows)
            + f" (predicted {ex.memory_kept(bias, ex.LSTM_STEPS):.2g})"
        )  # fmt: skip
    ax.set_xlabel("steps $k$")
    ax.set_ylabel("memory kept")
    ax.legend(fontsize=10)
    alt = "Log-scale lines of the memory kept against the number of steps: " + "; ".join(parts)
    return fig, alt + "."
