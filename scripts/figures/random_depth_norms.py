"""Random Gaussian linear layers: the mean log-norm follows the prediction, the spread grows."""

import numpy as np
from matplotlib.figure import Figure

from experiments import deep_linear as ex

CAPTION = (
    f"Left: mean over {ex.DRAWS} random networks of "
    "$\\log(\\lVert a^{[l]}\\rVert / \\lVert x \\rVert)$ "
    f"for width $n = {ex.WIDTH}$ and weight variance $c/n$ (shaded: ± one standard deviation "
    "across networks), with the predicted straight line (dashed). Right: that standard "
    "deviation; it grows like $\\sqrt{l}$ for every $c$, even $c = 1$, where the mean stays put."
)


def figure():
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
        "Two line plots over 50 layers. Left: mean log-norm of the activations for c = 0.5, 1 "
        "and 2, falling, flat and rising straight lines that lie on the dashed predictions. "
        "Right: the spread across networks growing with depth for all three. "
        + "; ".join(parts)
        + "."
    )
    return fig, alt
