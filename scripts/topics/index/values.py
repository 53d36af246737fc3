"""Values of the home page: the site's notation, printed from the objects the derivations use."""

import sympy as sp

from sitebuild.authoring import value
from sitebuild.authoring.notation import (
    activation_variance,
    gradient_variance,
    layer,
    preactivation_variance,
    weight_variance,
    width,
)
from sitebuild.authoring.printing import latex


@value()
def notation_table():
    """The notation every page uses; the per-layer symbols are printed by the same objects the
    derivations are written with, so the table and the derivations cannot differ."""
    W = sp.IndexedBase("W^{[l]}")
    i, j = sp.symbols("i j")
    rows = [
        ("$l$, $L$", "a layer's index, and the number of weight layers (the depth)"),
        (f"${latex(width(layer))}$", "the width of layer $l$ (its number of units)"),
        (
            f"$n_{{in}} = {latex(width(layer - 1))}$, $n_{{out}} = {latex(width(layer))}$",
            "a layer's fan-in and fan-out",
        ),  # fmt: skip
        (f"${latex(W[i, j])}$", "the weight from unit $j$ of layer $l-1$ to unit $i$ of layer $l$"),
        ("$z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}$", "the pre-activations of layer $l$"),
        ("$a^{[l]} = g(z^{[l]})$, $a^{[0]} = x$", "its activations ($g$: tanh, ReLU, ...)"),
        ("$\\hat y$, $C$", "the network's output, and the cost"),
        (
            "$\\mathbb{E}[\\cdot]$, $\\operatorname{Var}(\\cdot)$",
            "expectation and variance over the random draw of weights (and inputs)",
        ),  # fmt: skip
        (
            f"${latex(weight_variance(layer))}$, ${latex(preactivation_variance(layer))}$, "
            f"${latex(activation_variance(layer))}$",
            "the variance of one weight, one pre-activation, one activation of layer $l$",
        ),  # fmt: skip
        (
            f"${latex(gradient_variance(layer))}$",
            "the variance of the gradient of the cost with respect to one activation",
        ),  # fmt: skip
    ]
    lines = ["| symbol | meaning |", "|---|---|"]
    lines += [f"| {symbol} | {meaning} |" for symbol, meaning in rows]
    return "\n".join(lines)
