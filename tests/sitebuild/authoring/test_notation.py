"""Per-layer SymPy quantities print in the site's layer notation and stay unevaluated."""

import pytest
import sympy as sp

from sitebuild.authoring.notation import (
    NamedFunction,
    Relu,
    activation_variance,
    forward_factor,
    weight_variance,
    width,
)
from sitebuild.authoring.printing import latex

layer, L = sp.symbols("l L", integer=True, positive=True)


def test_layer_quantities_print_with_bracketed_layer_indices():
    assert sp.latex(width(layer)) == "n^{[l]}"
    assert sp.latex(width(layer - 1)) == "n^{[l-1]}"
    assert sp.latex(weight_variance(3)) == "\\operatorname{Var}(W^{[3]})"
    assert sp.latex(activation_variance(L)) == "\\operatorname{Var}(a^{[L]})"
    assert latex(forward_factor(layer)) == "n^{[l-1]} \\operatorname{Var}(W^{[l]})"
    assert sp.latex(width(layer) ** 2) == "\\left(n^{[l]}\\right)^{2}"


def test_products_over_layers_unroll_into_distinct_unknowns():
    product = sp.Product(width(layer) / width(layer - 1), (layer, 1, L))
    assert sp.latex(product) == "\\prod_{l=1}^{L} \\frac{n^{[l]}}{n^{[l-1]}}"
    assert sp.simplify(product.subs(L, 3).doit()) == width(3) / width(0)
    assert width(2) != width(3) and width(2) == width(2)


def test_every_atom_of_notation_shows_its_own_index_and_no_other():
    from sitebuild.authoring.notation import ATOMS

    k = sp.Symbol("k")
    for atom in ATOMS:
        shown = latex(atom(k))
        assert "[k]" in shown and "[k-1]" not in shown, atom.__name__
        assert latex(atom(k - 1)).count("[k-1]") == 1, atom.__name__


def test_a_named_function_without_its_name_is_refused_where_it_is_made():
    """A subclass that forgets ``tex`` would print "\\left(z\\right)": refused at class creation,
    naming the class; one that sets it, or inherits it, prints by its name."""
    with pytest.raises(TypeError, match="Nameless prints by its name but sets no tex"):

        class Nameless(NamedFunction):
            pass

    with pytest.raises(TypeError, match="Blank"):

        class Blank(NamedFunction):
            tex = " "

    class Leaky(Relu):
        pass

    z = sp.Symbol("z")
    assert latex(Leaky(z) ** 2) == "\\operatorname{relu}\\left(z\\right)^{2}"
