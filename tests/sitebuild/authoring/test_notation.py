"""Per-layer SymPy quantities print in the site's layer notation and stay unevaluated."""

import sympy as sp

from sitebuild.authoring.notation import activation_variance, forward_factor, weight_variance, width

layer, L = sp.symbols("l L", integer=True, positive=True)


def test_layer_quantities_print_with_bracketed_layer_indices():
    assert sp.latex(width(layer)) == "n^{[l]}"
    assert sp.latex(width(layer - 1)) == "n^{[l-1]}"
    assert sp.latex(weight_variance(3)) == "\\operatorname{Var}(W^{[3]})"
    assert sp.latex(activation_variance(L)) == "\\operatorname{Var}(a^{[L]})"
    assert sp.latex(forward_factor(layer)) == "n^{[l-1]} \\operatorname{Var}(W^{[l]})"
    assert sp.latex(width(layer) ** 2) == "\\left(n^{[l]}\\right)^{2}"


def test_products_over_layers_unroll_into_distinct_unknowns():
    product = sp.Product(width(layer) / width(layer - 1), (layer, 1, L))
    assert sp.latex(product) == "\\prod_{l=1}^{L} \\frac{n^{[l]}}{n^{[l-1]}}"
    assert sp.simplify(product.subs(L, 3).doit()) == width(3) / width(0)
    assert width(2) != width(3) and width(2) == width(2)
