"""Norm of each layer's weight gradient in the deep linear net with W = k·I."""

from matplotlib.figure import Figure

from experiments import deep_linear as ex

CAPTION = (
    "$\\lVert \\partial C / \\partial W^{[l]} \\rVert$ for $C = \\tfrac12(\\hat y - 1)^2$ (log "
    "scale). Every layer's gradient carries the product of the other layers, so the whole network "
    "explodes or vanishes together: it is not only the first layers that suffer."
)


def figure():
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
        "Line plot on a log scale of the weight-gradient norm of each of the 10 layers for "
        "k = 0.5, 1 and 1.5. The three curves sit orders of magnitude apart: "
        + "; ".join(summary)
        + "."
    )
    return fig, alt
