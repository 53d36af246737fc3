"""Per-layer quantities as SymPy functions of the layer index, printed in the site's notation.

``width(l)`` prints as :math:`n^{[l]}`, ``width(l - 1)`` as :math:`n^{[l-1]}`, and a product over
layers as :math:`\\prod_{l=1}^{L} n^{[l]} / n^{[l-1]}`; for a concrete index (``width(3)``) they
are plain undefined functions, so a derivation can unroll a product and compare.
"""

from __future__ import annotations

import sympy as sp

# The layer index and the depth, for products over layers ``(layer, 1, depth)``. A statement about
# every depth is checked by SymPy at each of CHECKED_DEPTHS (an unrolled product has no closed
# form for a symbolic L when its factors are unknown functions).
layer, depth = sp.symbols("l L", integer=True, positive=True)
CHECKED_DEPTHS = range(1, 9)


class LayerQuantity(sp.Function):
    """An unknown quantity of layer ``l``; ``template`` is its LaTeX, with ``{l}`` for the index
    and ``{prev}`` for the index before it."""

    template = "{l}"

    @classmethod
    def eval(cls, layer):
        return None  # never evaluates: width(3) stays width(3)

    def _latex(self, printer, exp=None):
        layer = self.args[0]
        text = self.template.format(
            l=printer._print(layer).replace(" ", ""),
            prev=printer._print(layer - 1).replace(" ", ""),
        )
        return f"\\left({text}\\right)^{{{exp}}}" if exp is not None else text


def layer_quantity(name: str, template: str) -> type[LayerQuantity]:
    return type(name, (LayerQuantity,), {"template": template})


width = layer_quantity("width", "n^{{[{l}]}}")
forward_factor = layer_quantity(
    "forward_factor", "n^{{[{prev}]}} \\operatorname{{Var}}(W^{{[{l}]}})"
)
weight_variance = layer_quantity("weight_variance", "\\operatorname{{Var}}(W^{{[{l}]}})")
activation_variance = layer_quantity("activation_variance", "\\operatorname{{Var}}(a^{{[{l}]}})")
