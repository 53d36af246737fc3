"""The tests every page with derivations runs on them, made from its module so none is left out.

A topic's test file says what a wrong display looks like and gets the tests::

    from harness.derivation_tests import derivation_tests
    from topics.he import derivations as d

    WRONG = {"LeCun's rule for ReLU": changed(d.he_condition, 2, rhs=...), ...}
    test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)

The first test verifies every derivation the module defines (found as the build finds them, so a
derivation added next year is verified without touching the list), made again while the test
runs: a derivation is built when its module is imported, before any test, so a check made by a
factory (``small_q(4)``) or a side drawn by a helper would otherwise run its code only then (and a
mutation tool, which switches a function's code while a test runs, would never reach it). The
derivation made now must show what the imported one, which the build uses, shows. The second
test shows each changed display rejected, and fails for a derivation no change in ``wrong`` is
made to. Each topic's own tests verify its derivations, so a mutation run of one topic, which
runs only that topic's tests, sees a step that no longer holds.
tests/harness/test_derivation_tests.py holds every topic with derivations to using this.
"""

from __future__ import annotations

import runpy
from types import ModuleType, SimpleNamespace

import pytest

from sitebuild import BuildError
from sitebuild.authoring.derivation import Derivation
from sitebuild.authoring.proof import verify
from sitebuild.pipeline.markup import derivation_markdown
from sitebuild.pipeline.registry import items_of


def derivations_of(module: ModuleType) -> list[Derivation]:
    """Every derivation ``module`` defines, in definition order, as the build finds them."""
    return [item for kind, item in items_of(module) if kind == "derivation"]


def made_now(module: ModuleType) -> dict[str, Derivation]:
    """``module``'s derivations made again by executing its code now, by name (the module
    imported as it was is left alone)."""
    namespace = runpy.run_path(module.__file__, run_name=module.__name__)
    return {d.name: d for d in derivations_of(SimpleNamespace(**namespace))}


def chain_marks(derivation: Derivation) -> str:
    """Where the page starts a new line ("|") and where a step continues the one before ("-"):
    it continues exactly when its left side is the previous right side (pipeline/markup.py)."""
    return "".join(
        "-" if i and step.lhs == derivation.steps[i - 1].rhs else "|"
        for i, step in enumerate(derivation.steps)
    )


def derivation_tests(module: ModuleType, wrong: dict[str, Derivation]):
    """(verifies, rejects): two parametrized pytest functions for a topic's test file."""
    derivations = derivations_of(module)
    if not derivations:
        raise ValueError(f"{module.__name__} defines no derivation")
    tried = {w.name for w in wrong.values()}
    unknown = sorted(tried - {d.name for d in derivations})
    if unknown:
        raise ValueError(f"changed displays of derivations {module.__name__} lacks: {unknown}")

    @pytest.mark.parametrize("derivation", derivations, ids=lambda d: d.name)
    def verifies(derivation):
        now = made_now(module)[derivation.name]
        assert derivation_markdown(now) == derivation_markdown(derivation), (
            f"{derivation.name}: made again, it shows something else than when imported"
        )
        verify(now)

    unchanged = [d.name for d in derivations if d.name not in tried]
    cases = [pytest.param(name, id=name) for name in sorted(wrong)]
    cases += [pytest.param(None, id=f"{name}: no change tried") for name in unchanged]

    @pytest.mark.parametrize("name", cases)
    def rejects(name):
        if name is None:
            pytest.fail("no changed display of this derivation is tried: add one to WRONG")
        with pytest.raises(BuildError):
            verify(wrong[name])

    verifies.checks = rejects.checks = module.__name__
    return verifies, rejects
