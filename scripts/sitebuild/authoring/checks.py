"""Reusable step checks for derivations (see sitebuild.derivation.Step's ``check``)."""

from __future__ import annotations

import sympy as sp


def equal_after_doit(lhs, rhs) -> bool:
    """Both sides agree once integrals, sums and derivatives are carried out and simplified."""
    return sp.simplify(sp.sympify(lhs).doit() - sp.sympify(rhs).doit()) == 0


def solves_for(unknown: sp.Symbol):
    """A check for a step ``Eq(a, b) ⟹ Eq(unknown, value)``: solving the left equation for
    ``unknown`` gives exactly one solution, and it is the value shown on the right."""

    def check(lhs: sp.Eq, rhs: sp.Eq) -> bool:
        if rhs.lhs != unknown:
            return False
        solutions = sp.solve(lhs, unknown)
        return len(solutions) == 1 and sp.simplify(solutions[0] - rhs.rhs) == 0

    return check


def divides_through(factor):
    """A check for ``Eq(a, b) ⟹ Eq(c, d)``: ``a - b`` is ``factor`` times ``c - d``, so with a
    non-zero factor the second equation says what the first says."""

    def check(lhs: sp.Eq, rhs: sp.Eq) -> bool:
        difference = (lhs.lhs - lhs.rhs) - factor * (rhs.lhs - rhs.rhs)
        return sp.simplify(sp.sympify(difference).doit()) == 0 and factor != 0

    return check
