"""Derivations: every one on the site holds, step by step; a false step is caught and named."""

import pytest
import sympy as sp

from sitebuild import BuildError
from sitebuild.authoring.derivation import Derivation, Step, step_holds, verify
from sitebuild.authoring.moments import Var
from sitebuild.pipeline.markup import derivation_markdown
from sitebuild.pipeline.registry import defined
from topics.index.derivations import n, variance_of_sum, w1, x1

ALL = [derivation for _module, derivation in defined("derivation")]


def test_the_site_has_derivations_with_unique_names():
    names = [d.name for d in ALL]
    assert "variance_of_sum" in names and len(names) > 20
    assert len(names) == len(set(names))


@pytest.mark.parametrize("derivation", ALL, ids=lambda d: d.name)
def test_every_step_holds(derivation):
    for number, step in enumerate(derivation.steps, start=1):
        assert step_holds(derivation, step), f"{derivation.name} step {number}: {step.reason}"


@pytest.mark.parametrize("derivation", ALL, ids=lambda d: d.name)
def test_every_step_renders_as_display_math_with_its_reason(derivation):
    markdown = derivation_markdown(derivation)
    assert markdown.count("$$") == 2 * len(derivation.steps)
    for step in derivation.steps:
        assert step.reason.split("$")[0].strip()[:20] in markdown


def test_variance_of_sum_ends_at_n_var_w_var_x():
    assert variance_of_sum.steps[-1].rhs == n * Var(w1) * Var(x1)


def test_a_false_step_stops_verification_naming_derivation_and_step():
    wrong = Step(n * Var(w1 * x1), 2 * n * Var(w1) * Var(x1), "a doubled variance")
    broken = Derivation(
        name="broken_example",
        title="broken",
        model=variance_of_sum.model,
        assumptions=variance_of_sum.assumptions,
        steps=[variance_of_sum.steps[0], wrong],
    )
    with pytest.raises(BuildError, match=r"derivation 'broken_example', step 2 does not hold"):
        verify(broken)


def test_a_step_that_needs_an_assumption_fails_without_it():
    last = variance_of_sum.steps[-1]
    unassumed = Step(last.lhs, last.rhs, last.reason)  # the zero-mean assumption not named
    assert step_holds(variance_of_sum, last)
    assert not step_holds(variance_of_sum, unassumed)


def test_an_unknown_assumption_is_an_error():
    step = Step(sp.Integer(1), sp.Integer(1), "trivial", uses=("no_such_assumption",))
    with pytest.raises(BuildError, match="unknown assumption 'no_such_assumption'"):
        step_holds(variance_of_sum, step)


def test_an_approximate_step_needs_its_own_check():
    z = sp.Symbol("z")
    step = Step(sp.tanh(z), z, "tanh is linear near 0", approximate=True)
    with pytest.raises(BuildError, match="needs its own check"):
        step_holds(variance_of_sum, step)
    checked = Step(
        sp.tanh(z),
        z,
        "tanh is linear near 0",
        approximate=True,
        check=lambda lhs, rhs: sp.series(lhs, z, 0, 2).removeO() == rhs,
    )
    assert step_holds(variance_of_sum, checked)
