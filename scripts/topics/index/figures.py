"""The figures of the index page."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure
from topics.index.experiment import LINEAR_REGIME, SLOPE, VALUE_ERROR

Z_RANGE = (-4, 4)  # the plot's z axis
TANH_CAPTION = (
    f"Inside $|z| < {LINEAR_REGIME}$ (shaded) tanh stays within {VALUE_ERROR:.0%} of the identity "
    f"and its slope stays above {SLOPE:.2f}: there, "
    "$\\operatorname{Var}(\\tanh z) \\approx \\operatorname{Var}(z)$. "
    "Far from 0 the slope vanishes and so do the gradients (saturation)."
)


@figure(caption=TANH_CAPTION)
def tanh():
    """tanh and its derivative: near 0 tanh(z) ≈ z, the regime the Xavier derivation relies on."""
    z = np.linspace(*Z_RANGE, 801)
    fig = Figure(figsize=(7, 3.6))
    ax = fig.subplots()
    ax.axvspan(-LINEAR_REGIME, LINEAR_REGIME, color="C2", alpha=0.15, label="near-linear regime")
    ax.plot(z, z, "--", color="C7", linewidth=1, label="identity $z$")
    ax.plot(z, np.tanh(z), color="C0", linewidth=2, label=r"$\tanh z$")
    ax.plot(z, 1 - np.tanh(z) ** 2, color="C1", linewidth=2, label=r"$\tanh'(z) = 1 - \tanh^2 z$")
    ax.set_xlim(*Z_RANGE)
    ax.set_ylim(-1.5, 1.5)
    ax.set_xlabel("$z$")
    ax.legend(loc="lower right", fontsize=9)
    low, high = Z_RANGE
    alt = (
        f"Line plot of tanh(z) and its derivative for z from {low} to {high}, with the identity "
        f"line. Inside the shaded band |z| < {LINEAR_REGIME} tanh is within {VALUE_ERROR:.0%} of z "
        f"and the derivative stays above {SLOPE:.2f}; outside it tanh flattens towards ±1 and "
        "the derivative falls towards 0."
    )
    return fig, alt
