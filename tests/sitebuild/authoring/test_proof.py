"""Proofs: every derivation on the site holds, step by step; a false step is caught and named; a
check that ignores a side, an assumption named but not used, and a typed formula in a conclusion
are each rejected."""

import dataclasses

import pytest
import sympy as sp

from sitebuild import BuildError
from sitebuild.authoring.derivation import Assumption, Derivation, Step, approximately
from sitebuild.authoring.moments import Var
from sitebuild.authoring.printing import written_product
from sitebuild.authoring.proof import step_holds, verify, with_changed_step
from topics.index.derivations import ZERO_MEAN, n, variance_of_sum, wi, xi

# Every page's derivations are verified by that page's tests (harness.derivation_tests, held by
# tests/harness/test_derivation_tests.py); these tests are of verify itself.
x = sp.Symbol("x")


def test_a_false_step_stops_verification_naming_derivation_and_step():
    wrong = Step(n * Var(wi * xi), 2 * n * Var(wi) * Var(xi), "a doubled variance")
    broken = dataclasses.replace(variance_of_sum, name="broken_example",
                                 steps=[variance_of_sum.steps[0], wrong])  # fmt: skip
    with pytest.raises(BuildError, match=r"derivation 'broken_example', step 2 does not hold"):
        verify(broken)


def test_a_step_that_needs_an_assumption_fails_without_it():
    last = variance_of_sum.steps[-1]
    assert step_holds(variance_of_sum, last)
    assert not step_holds(variance_of_sum, dataclasses.replace(last, uses=()))


def test_an_assumption_named_but_not_needed_is_rejected():
    first = variance_of_sum.steps[0]  # holds by independence alone
    padded = dataclasses.replace(
        variance_of_sum, steps=[dataclasses.replace(first, uses=("zero_mean",))]
    )
    with pytest.raises(BuildError, match="holds without assumption 'zero_mean'"):
        verify(padded)


def test_a_check_that_ignores_its_left_side_is_rejected():
    blind = Step(x + 2, x + 1, "a check that looks at the right side only",
                 check=lambda lhs, rhs: rhs == x + 1)  # fmt: skip
    with pytest.raises(BuildError, match="still holds with its lhs changed"):
        verify(Derivation("blind", "blind", [blind]))


def test_the_relation_shown_is_the_one_the_sides_have():
    """Two equations are joined by ⟹, never '=' (a solving step with implies dropped showed
    "2x = 2 = x = 1"); '⟹' between plain expressions is refused too."""
    solve = lambda lhs, rhs: sp.solve(lhs, x) == sp.solve(rhs, x)  # noqa: E731
    equations = Step(sp.Eq(2 * x, 2), sp.Eq(x, 1), "divide by 2", implies=True, check=solve)
    verify(Derivation("solving", "solving", [equations]))
    with pytest.raises(BuildError, match="joins two equations with '='"):
        verify(Derivation("solving", "solving", [dataclasses.replace(equations, implies=False)]))
    with pytest.raises(BuildError, match="a ⟹ step shows no ≈: drop it"):
        approximate = dataclasses.replace(equations, approximate=True)
        verify(Derivation("solving", "solving", [approximate]))
    expressions = Step(x + x, 2 * x, "collect", implies=True)
    with pytest.raises(BuildError, match="a side is not an equation"):
        verify(Derivation("collect", "collect", [expressions]))


def test_a_false_step_is_reported_with_the_relation_it_shows():
    """A false implication reads "... ⟹ ...", as on the page, not as an equation of equations."""
    solve = lambda lhs, rhs: sp.solve(lhs, x) == sp.solve(rhs, x)  # noqa: E731
    wrong = Step(sp.Eq(2 * x, 2), sp.Eq(x, 2), "divide by 2", implies=True, check=solve)
    with pytest.raises(BuildError, match=r"does not hold: Eq\(2\*x, 2\) ⟹ Eq\(x, 2\)"):
        verify(Derivation("solving", "solving", [wrong]))
    near = Step(sp.sin(x), 2 * x, "small angle", approximate=True, check=lambda lhs, rhs: False)
    with pytest.raises(BuildError, match=r"does not hold: sin\(x\) ≈ 2\*x"):
        verify(Derivation("near", "near", [near]))


def test_a_check_that_names_assumptions_must_take_them():
    step = Step(x, x, "trivial", uses=("zero_mean",), check=lambda lhs, rhs: lhs == rhs)
    with pytest.raises(BuildError, match="takes no `assume` argument"):
        verify(Derivation("deaf", "deaf", [step], assumptions=[ZERO_MEAN]))


def test_a_conclusion_may_not_type_a_formula_but_may_name_a_case():
    steps = [Step(x + 1, 1 + x, "commute", check=lambda lhs, rhs: sp.expand(lhs - rhs) == 0)]
    with pytest.raises(BuildError, match="types the formula"):
        verify(Derivation("typed", "typed", steps, conclusion="So $x + 1 = 2$."))
    verify(Derivation("case", "case", steps, conclusion="With $x = 1$ it is 2, for $k > 1$ more."))


def test_an_unknown_assumption_is_an_error():
    step = Step(sp.Integer(1), sp.Integer(1), "trivial", uses=("no_such_assumption",))
    with pytest.raises(BuildError, match="unknown assumption 'no_such_assumption'"):
        step_holds(variance_of_sum, step)


def test_an_approximate_step_needs_its_own_check():
    z = sp.Symbol("z")
    step = Step(sp.tanh(z), z, "tanh is linear near 0", approximate=True)
    with pytest.raises(BuildError, match="needs its own check"):
        step_holds(variance_of_sum, step)


def test_the_sign_shown_is_the_one_the_proof_earns():
    """≈ exactly where the proof approximates: a check marked approximately() or an approximate
    assumption the step uses. A truncated series shown with '=' is refused (the mutant
    approximate=True → False showed one on the orthogonal page), and so is ≈ on an exact step."""
    z = sp.Symbol("z")
    series = approximately(lambda lhs, rhs: sp.series(lhs, z, 0, 3).removeO() == rhs)
    near = Step(sp.sin(z), z, "small angle", approximate=True, check=series)
    verify(Derivation("near", "near", [near]))
    with pytest.raises(BuildError, match=r"step 1: is shown with '=' but its check .* only appr"):
        verify(Derivation("near", "near", [dataclasses.replace(near, approximate=False)]))

    linear = Assumption("linear", "tanh is linear near 0", {sp.tanh: sp.Lambda(z, z)}, True)
    assumed = Step(sp.tanh(z) + z, 2 * z, "", uses=("linear",), approximate=True,
                   check=lambda lhs, rhs, assume: sp.expand(assume(lhs) - rhs) == 0)  # fmt: skip
    verify(Derivation("assumed", "assumed", [assumed], assumptions=[linear]))
    with pytest.raises(BuildError, match="shown with '=' but assumption 'linear' only approx"):
        verify(
            Derivation("assumed", "assumed", [dataclasses.replace(assumed, approximate=False)],
                       assumptions=[linear])
        )  # fmt: skip

    exact = Step(x + x, 2 * x, "collect", check=lambda lhs, rhs: sp.expand(lhs - rhs) == 0)
    verify(Derivation("exact", "exact", [exact]))
    with pytest.raises(BuildError, match="shown with ≈ but nothing that proves it approximates"):
        verify(Derivation("exact", "exact", [dataclasses.replace(exact, approximate=True)]))


def test_a_step_starts_from_the_previous_result_not_from_a_look_alike():
    """A left side that is the previous result with a number changed (residual's 2 Cov → 3 Cov,
    true once the next assumption sets Cov to 0) looks continued on the page but is not; one
    that prints the same as the previous result but is another object is shown twice."""
    expand = Step(2 * (x + 1), 2 * x + 2, "expand")
    chained = Derivation("chain", "chain", [expand, Step(2 * x + 2, 2 * (x + 1), "factor")])
    verify(chained)
    off = with_changed_step(chained, 2, lhs=3 * x + 2, rhs=3 * x + 2)
    with pytest.raises(BuildError, match=r"step 2 starts from 3\*x \+ 2, step 1's result 2\*x \+ 2 "
                       "with a number changed"):  # fmt: skip
        verify(off)
    i, j = sp.symbols("i j")
    weight, activation = sp.IndexedBase("W")[i, j], sp.IndexedBase("a")[j]
    written = written_product(weight, activation)  # kept in this order; evaluated, a comes first
    assert written != weight * activation and sp.latex(written) == sp.latex(weight * activation)
    same = lambda lhs, rhs: sp.expand(lhs - rhs) == 0  # noqa: E731
    twice = Derivation("twice", "twice", [Step(activation * weight, written, "", check=same),
                                          Step(weight * activation, written, "")])  # fmt: skip
    with pytest.raises(BuildError, match="prints as step 1's result but is another expression"):
        verify(twice)
