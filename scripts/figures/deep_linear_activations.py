"""Norm of the activations, layer by layer, in the deep linear net with W = k·I."""

from matplotlib.figure import Figure

from experiments import deep_linear as ex

CAPTION = (
    "$\\lVert a^{[l]} \\rVert$ for the input $x = (1, 1)$ through the {layers} layers (log scale). "
    "Each hidden layer multiplies it by $k$; the output layer adds its own factor."
).replace("{layers}", str(ex.LAYERS))


def figure():
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
        "Line plot on a log scale of the activation norm at each layer of a 10-layer linear "
        "network for k = 0.5, 1 and 1.5: straight lines falling, flat, and rising. Output norms: "
        + "; ".join(finals)
        + "."
    )
    return fig, alt
