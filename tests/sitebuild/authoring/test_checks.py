"""The reusable derivation checks accept true steps and reject false ones."""

import sympy as sp

from sitebuild.authoring.checks import equal_after_doit, solves_for

x, n, v = sp.symbols("x n v", positive=True)


def test_equal_after_doit_carries_out_integrals():
    assert equal_after_doit(sp.Integral(x, (x, 0, 2)), sp.Integer(2))
    assert not equal_after_doit(sp.Integral(x, (x, 0, 2)), sp.Integer(3))


def test_solves_for_needs_the_right_unknown_and_value():
    check = solves_for(v)
    assert check(sp.Eq(n * v, 1), sp.Eq(v, 1 / n))
    assert not check(sp.Eq(n * v, 1), sp.Eq(v, 2 / n))
    assert not check(sp.Eq(n * v, 1), sp.Eq(n, 1 / v))  # solved for the wrong symbol
