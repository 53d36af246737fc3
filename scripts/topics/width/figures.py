"""The figures of the width page: the final cost against the learning rate at every width, and
the best learning rate against the width."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure, plotting
from topics.width import experiment as ex

BLOWN_UP = 0.2  # where a run that blew up is drawn


def _octave(rate: float) -> int:
    return round(float(np.log2(rate)))


@figure(
    caption=(
        f"Cost after {ex.STEPS} steps of full-batch gradient descent against the learning rate "
        f"η, at widths {ex.WIDTHS[0]} (blue) to {ex.WIDTHS[-1]} (orange), geometric mean over "
        f"{len(ex.SEEDS)} seeds; × at the top: a seed's cost passed {ex.BLOWUP:g} and the run "
        "was stopped. **Left**, SP: one rate for every layer. **Right**, µP: the per-layer "
        "rates and output scale of the table above. Ringed: each width's best rate. "
        "{{ claim best_is_largest_stable }}"
    )
)
def rate_sweep():
    """Final cost against the learning rate for every width, SP and µP side by side."""
    fig = Figure(figsize=(7, 3.7), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    octaves = np.log2(ex.RATES)
    parts = []
    for ax, name in zip(axes, ex.PARAMETRIZATIONS, strict=True):
        for index, width in enumerate(ex.WIDTHS):
            colour = plotting.layer_color(index, len(ex.WIDTHS))
            final = ex.final_costs(name, width)
            finite = np.isfinite(final)
            ax.plot(octaves[finite], final[finite], "o-", color=colour, ms=3.5, lw=1.5,
                    label=f"n = {width}")  # fmt: skip
            ax.plot(octaves[~finite], np.full((~finite).sum(), BLOWN_UP * 1.12**index), "x",
                    color=colour, ms=6, mew=1.5)  # fmt: skip
            best = _octave(ex.best_rate(name, width))
            ax.plot([best], [ex.best_cost(name, width)], "o", mfc="none", mec=colour, ms=10,
                    mew=1.5)  # fmt: skip
            parts.append(
                f"{name}, width {width}: best rate 2^{best}, cost {ex.best_cost(name, width):.3g}, "
                f"largest stable rate 2^{_octave(ex.largest_stable_rate(name, width))}"
            )
        ax.set_yscale("log")
        ax.set_title(name, fontsize=11)
        ax.set_xlabel("learning rate $\\log_2 \\eta$")
        ax.set_xticks(octaves[::2])
        ax.tick_params(labelsize=9)
    axes[0].set_ylabel(f"cost after {ex.STEPS} steps")
    axes[1].legend(fontsize=9, loc="lower left")
    alt = "Two log-scale plots of the final cost against log2 of the learning rate. " + "; ".join(
        parts
    )
    return fig, alt + "."


@figure(
    caption=(
        "Each width's best learning rate, from the figure above. Dashed: $1/n$ through SP's "
        "best rate at the narrowest width, the slope the output layer's step predicts. "
        "{{ claim sp_rate_falls }} {{ claim mup_rate_stays }}"
    )
)
def best_rates():
    """The best learning rate against the width, SP and µP."""
    fig = Figure(figsize=(7, 3.2), layout="constrained")
    ax = fig.subplots()
    widths = np.array(ex.WIDTHS)
    parts = []
    for name, colour, marker in zip(ex.PARAMETRIZATIONS, ("C3", "C0"), ("o", "s"), strict=True):
        best = np.array([ex.best_rate(name, width) for width in ex.WIDTHS])
        ax.plot(widths, best, marker + "-", color=colour, ms=6, lw=1.8, label=name)
        parts.append(f"{name}: " + ", ".join(f"2^{_octave(rate)}" for rate in best))
    first = ex.best_rate("SP", ex.WIDTHS[0])
    ax.plot(widths, first * widths[0] / widths, "--", color="C7", lw=1.2, label="$1/n$")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log", base=2)
    ax.set_xticks(widths, [str(width) for width in ex.WIDTHS])
    ax.minorticks_off()
    low, high = ax.get_ylim()
    ax.set_ylim(low / 1.4, high * 1.4)
    ax.set_xlabel("width $n$")
    ax.set_ylabel("best learning rate")
    ax.legend(fontsize=9)
    alt = (
        f"Log-log plot of the best learning rate at widths {', '.join(map(str, ex.WIDTHS))}. "
        + "; ".join(parts)
        + "."
    )
    return fig, alt
