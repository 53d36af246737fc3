"""The expectation calculus behind every variance derivation."""

import pytest
import sympy as sp

from sitebuild.authoring.moments import E, Model, Var, evaluate


def test_variance_of_a_product_of_independent_variables_is_the_textbook_formula():
    model = Model()
    x, y = model.random("x"), model.random("y")
    expected = E(x) ** 2 * Var(y) + E(y) ** 2 * Var(x) + Var(x) * Var(y)
    assert sp.simplify(evaluate(Var(x * y), model) - evaluate(expected, model)) == 0


def test_a_variable_is_not_independent_of_itself():
    model = Model()
    x = model.random("x", mean=0, variance=1)  # noqa: E702
    # E[x·x] is E[x²] = 1, not E[x]·E[x] = 0.
    assert evaluate(E(x * x), model) == 1


def test_members_of_a_family_are_independent_and_identically_distributed():
    model = Model()
    w = model.random("w", indexed=True)
    mean, variance = model.families["w"].mean, model.families["w"].variance
    assert sp.expand(evaluate(E(w[1] * w[2]), model) - mean**2) == 0
    assert sp.expand(evaluate(Var(w[1] + w[2]), model) - 2 * variance) == 0


def test_higher_moments_stay_unknown_rather_than_assumed_gaussian():
    model = Model()
    x = model.random("x", mean=0, variance=1)  # noqa: E702
    assert evaluate(E(x**4), model) == sp.Symbol("m_{4}(x)")


def test_non_polynomial_expressions_are_refused():
    model = Model()
    x = model.random("x")  # noqa: E702
    with pytest.raises(ValueError, match="non-polynomial"):
        evaluate(E(sp.tanh(x)), model)
