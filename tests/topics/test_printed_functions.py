"""Every SymPy function a page prints is printed as the page means it: its LaTeX, alone and
raised to a power, is pinned here.

A derivation's checks compare expressions, never their LaTeX, and the build does not read what a
printer writes: a printer that wrote `XX\\sigma`, took the wrong argument or dropped an exponent
would reach the page with every check green (mutation testing found 43 such mutants on the LSUV
page alone). A function given a printer on a new page belongs here; the last test names any that
is missing."""

from __future__ import annotations

import importlib
import inspect

import pytest
import sympy as sp

from sitebuild.authoring import notation as nt
from sitebuild.authoring.printing import latex
from sitebuild.pipeline import registry
from topics.lsuv import derivations as lsuv
from topics.orthogonal import derivations as orthogonal
from topics.practical_guide import derivations as guide
from topics.sigmoid_jacobians import derivations as jacobians
from topics.symmetry import derivations as symmetry

z, s, a, C, w = sp.symbols("z s a C w")
l = nt.layer  # noqa: E741 (the page's layer index)

PRINTED = [  # (expression, its LaTeX, its square's LaTeX; None where the page never squares it)
    (nt.width(l - 1), r"n^{[l-1]}", r"\left(n^{[l-1]}\right)^{2}"),
    (nt.Relu(z), r"\operatorname{relu}\left(z\right)", r"\operatorname{relu}\left(z\right)^{2}"),
    (nt.Sigmoid(-z), r"\sigma\left(- z\right)", r"\sigma\left(- z\right)^{2}"),
    (nt.Silu(z), r"\operatorname{SiLU}\left(z\right)", r"\operatorname{SiLU}\left(z\right)^{2}"),
    (nt.LeakyRelu(z, a), r"\operatorname{relu}_{a}\left(z\right)",
     r"\operatorname{relu}_{a}\left(z\right)^{2}"),
    (nt.NormalDensity(z, s), r"\frac{1}{s\sqrt{2\pi}}\, e^{-z^{2}/(2s^{2})}",
     r"\left(\frac{1}{s\sqrt{2\pi}}\, e^{-z^{2}/(2s^{2})}\right)^{2}"),
    (lsuv.BatchVariance(lsuv.c * z), r"\widehat{\operatorname{Var}}\left(c z\right)",
     r"\widehat{\operatorname{Var}}\left(c z\right)^{2}"),
    (orthogonal.chain, r"Q_{L} \cdots Q_{1}", None),
    (orthogonal.chain_transposes, r"Q_{1}^{T} \cdots Q_{L}^{T}", None),
    (orthogonal.SingularValue(z), r"\sigma_i\left(z\right)", r"\sigma_i\left(z\right)^{2}"),
    (guide.UnitDensity(z), r"p\left(z\right)", r"p\left(z\right)^{2}"),
    (guide.Gelu(z), r"\operatorname{GELU}\left(z\right)", r"\operatorname{GELU}\left(z\right)^{2}"),
    (guide.Selu(z), r"\operatorname{selu}\left(z\right)", r"\operatorname{selu}\left(z\right)^{2}"),
    (jacobians.SlopeSquared(l), r"\mathbb{E}\left[\sigma'(z^{[l]})^{2}\right]",
     r"\left(\mathbb{E}\left[\sigma'(z^{[l]})^{2}\right]\right)^{2}"),
    (symmetry.Partial(C, w), r"\frac{\partial C}{\partial w}",
     r"\left(\frac{\partial C}{\partial w}\right)^{2}"),
]  # fmt: skip


@pytest.mark.parametrize("expression, alone, squared", PRINTED, ids=[str(e) for e, _, _ in PRINTED])
def test_a_printed_function_reads_as_the_page_means(expression, alone, squared):
    assert latex(expression) == alone
    if squared is not None:
        assert latex(expression**2) == squared


def printers() -> dict[str, type]:
    """Every SymPy class with a printer or a printed name (``NamedFunction.tex``) of its own in
    the notation module or a topic's modules (as the build's registry lists them), by qualified
    name."""
    modules = [nt] + [importlib.import_module(module.name) for module in registry.modules()]
    return {
        f"{module.__name__}.{name}": value
        for module in modules
        for name, value in vars(module).items()
        if inspect.isclass(value) and issubclass(value, sp.Basic)
        and value.__module__ == module.__name__
        and ("_latex" in vars(value) or "tex" in vars(value))  # a printer, or a name for one
    }  # fmt: skip


def test_every_function_with_a_printer_is_pinned_here():
    found = printers()
    assert len(found) >= 10
    missing = [
        name for name, cls in found.items() if not any(isinstance(e, cls) for e, _, _ in PRINTED)
    ]
    assert missing == [], f"printed on a page but not pinned in PRINTED: {missing}"
