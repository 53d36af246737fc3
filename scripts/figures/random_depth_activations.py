"""The same random layers with tanh and ReLU: the right variance depends on the activation."""

import numpy as np
from matplotlib.figure import Figure

from experiments import deep_linear as ex

CASES = (("identity", 1.0), ("tanh", 1.0), ("relu", 1.0), ("relu", 2.0))
CAPTION = (
    "Mean $\\log(\\lVert a^{[l]}\\rVert / \\lVert x \\rVert)$ with weight variance $c/n$. "
    "With $c = 1$ a linear layer keeps the norm, tanh lets it shrink slowly (it squashes), and "
    "ReLU halves the squared norm at every layer, because it zeroes half of its inputs. Doubling "
    "the variance ($c = 2$) makes ReLU layers hold the norm: that is He initialization."
)


def figure():
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
