"""How the site typesets a SymPy expression: one printer for every derivation, value and caption.

An expression SymPy built itself prints in SymPy's usual order. An expression the author built
unevaluated, in textbook order (:func:`written_sum`, :func:`written_product`, or
``with sp.evaluate(False):``), prints exactly as written; either way the object printed is the
object the checks evaluate, so what the page shows is what SymPy proved. The identity matrix
prints as :math:`I`, as in the prose, and an indexed variable named with a layer superscript
(``IndexedBase("W^{[l]}")[i, j]``) as :math:`W_{ij}^{[l]}`.
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.latex import LatexPrinter

# The sums and products an author wrote out in textbook order (SymPy's objects cannot carry a
# mark of their own, so the printer looks them up here).
_WRITTEN: set = set()


def _as_written(expr) -> bool:
    return expr in _WRITTEN


def _factor_rank(factor) -> int:
    base = factor.base if isinstance(factor, sp.Pow) else factor
    if base.is_Number:
        return 0
    if isinstance(base, sp.Symbol) and base.name.startswith("\\"):
        return 3  # a symbol that stands for an operator: \operatorname{Var}(g)
    if isinstance(base, (sp.Symbol, sp.Indexed)) or getattr(base, "template", "").startswith("n"):
        return 1
    if isinstance(base, sp.Function) and not isinstance(base, sp.Derivative):
        return 2 if type(base).__name__ not in ("E", "Var", "Cov") else 3
    return 4


class SitePrinter(LatexPrinter):
    _default_settings = {**LatexPrinter._default_settings, "mul_symbol": None}

    def _in_written_order(self, method, expr):
        if not _as_written(expr):
            return method(self, expr)
        order = self._settings["order"]
        self._settings["order"] = "none"
        try:
            return method(self, expr)
        finally:
            self._settings["order"] = order

    def _print_Add(self, expr, order=None):
        return self._in_written_order(LatexPrinter._print_Add, expr)

    def _print_Mul(self, expr):
        if not isinstance(expr, sp.Mul):  # SymPy prints x**-1 through here
            return LatexPrinter._print_Mul(self, expr)
        if _as_written(expr):
            return self._in_written_order(LatexPrinter._print_Mul, expr)
        if expr.could_extract_minus_sign():  # -2 q^2, not (-1) 2 q^2
            return "- " + self._print(-expr)
        # SymPy's own order sorts factors by class name, so Var(W) would come before n. Put
        # numbers first, then plain symbols and widths, then the operators, as a textbook does.
        ordered = sorted(expr.as_ordered_factors(), key=_factor_rank)  # stable within a rank
        order = self._settings["order"]
        self._settings["order"] = "none"
        try:
            return LatexPrinter._print_Mul(self, sp.Mul(*ordered, evaluate=False))
        finally:
            self._settings["order"] = order

    def _print_Pow(self, expr, **kwargs):
        base = expr.base
        if isinstance(base, sp.Indexed) and "^" in str(base.base.label) and expr.exp.is_Integer:
            # a_j^{[l-1]} squared is (a_j^{[l-1]})^2, not a second superscript
            if expr.exp > 0:
                return rf"\left({self._print(base)}\right)^{{{self._print(expr.exp)}}}"
        return LatexPrinter._print_Pow(self, expr, **kwargs)

    def _print_Identity(self, expr):
        return "I"

    def _print_Indexed(self, expr):
        name = str(expr.base.label)
        head, _, superscript = name.partition("^")
        indices = [self._print(index) for index in expr.indices]
        joined = "".join(indices) if all(len(i) == 1 for i in indices) else ",".join(indices)
        tex = f"{head}_{{{joined}}}"
        return f"{{{tex}^{superscript}}}" if superscript else tex


def latex(expr) -> str:
    """The site's LaTeX for ``expr`` (a SymPy object, or anything ``sympify`` accepts)."""
    return SitePrinter().doprint(expr if isinstance(expr, sp.Basic) else sp.sympify(expr))


def checked_for(symbol: str, values) -> str:
    """Which cases a check tries, for a reason to show, from the check's own range:
    ``$L = 2, \\dots, 8$``, or every value when there are three or fewer: ``$n = 1, 2, 3$``."""
    values = list(values)
    shown = (
        ", ".join(map(str, values)) if len(values) <= 3 else f"{values[0]}, \\dots, {values[-1]}"
    )
    return f"${symbol} = {shown}$"


def written_sum(*terms):
    """``a + b + c`` kept as written: printed in this order, evaluated only by the checks."""
    expr = sp.Add(*terms, evaluate=False)
    _WRITTEN.add(expr)
    return expr


def written_product(*factors):
    """``a b c`` kept as written: printed in this order, evaluated only by the checks."""
    expr = sp.Mul(*factors, evaluate=False)
    _WRITTEN.add(expr)
    return expr


def written_root(expr):
    """``√(expr)`` as one root, not split into a quotient of roots."""
    return sp.Pow(expr, sp.S.Half, evaluate=False)
