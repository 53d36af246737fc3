"""Every page's derivations are verified by that page's own tests, made by one helper."""

import importlib.util
from types import SimpleNamespace

import pytest

from harness.derivation_tests import derivation_tests
from sitebuild import ROOT, BuildError
from sitebuild.authoring.proof import with_changed_step
from sitebuild.pipeline.registry import defined
from topics.index import derivations as index_derivations

TOPICS = sorted({module.topic for module, _item in defined("derivation")})


def test_the_topics_with_derivations_are_found():
    assert {"xavier", "he", "symmetry", "index"} <= set(TOPICS)


@pytest.mark.parametrize("topic", TOPICS)
def test_each_topics_tests_verify_its_derivations(topic):
    """A mutation run of one topic runs only tests/topics/test_<topic>.py: a derivation verified
    only elsewhere (the site-wide build) lets a wrong step survive it, as one did."""
    path = ROOT / "tests" / "topics" / f"test_{topic}.py"
    spec = importlib.util.spec_from_file_location(f"_derivation_guard_{topic}", path)
    tests = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tests)
    made = [f for f in vars(tests).values() if getattr(f, "checks", None)]
    assert {f.checks for f in made} == {f"topics.{topic}.derivations"}, (
        f"{path.name} does not use harness.derivation_tests.derivation_tests(d, WRONG)"
    )
    assert {f.__name__ for f in made} == {"verifies", "rejects"}


def _cases(test) -> list:
    """The values a parametrized test runs with."""
    return [getattr(case, "values", (case,))[0] for case in test.pytestmark[0].args[1]]


def test_every_derivation_of_the_module_is_verified_and_one_without_a_change_fails():
    d = index_derivations
    verifies, rejects = derivation_tests(d, {})
    assert [x.name for x in _cases(verifies)] == ["variance_of_sum"]
    (untried,) = _cases(rejects)
    with pytest.raises(pytest.fail.Exception, match="no changed display"):
        rejects(untried)


def test_a_change_that_still_verifies_fails_and_one_of_another_module_is_refused():
    d = index_derivations
    same = with_changed_step(d.variance_of_sum, 1)  # nothing changed: it still verifies
    _verifies, rejects = derivation_tests(d, {"unchanged": same})
    with pytest.raises(pytest.fail.Exception, match="DID NOT RAISE"):
        rejects("unchanged")
    stranger = SimpleNamespace(name="relu_second_moment")
    with pytest.raises(ValueError, match="relu_second_moment"):
        derivation_tests(d, {"another page's": stranger})


DERIVATION_MODULE = """
import sympy as sp
from sitebuild.authoring import Derivation, Step

x = sp.Symbol("x")


def doubled(lhs, rhs):
    return sp.expand(lhs - rhs) == RIGHT


RIGHT = 0
twice = Derivation(name="twice", title="Twice", steps=[Step(x + x, 2 * x, "", check=doubled)])
"""


def test_the_derivation_verified_is_made_while_the_test_runs(tmp_path):
    """A check's code changed after the module was imported (as a mutation tool changes it while
    a test runs) is the code the test runs; the derivation made again shows what the imported one
    shows, and a display that differs fails, naming the derivation."""
    path = tmp_path / "derivations_made_now.py"
    path.write_text(DERIVATION_MODULE, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("derivations_made_now", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    verifies, _rejects = derivation_tests(module, {"changed": module.twice})
    verifies(module.twice)
    path.write_text(DERIVATION_MODULE.replace("RIGHT = 0", "RIGHT = 1"), encoding="utf-8")
    with pytest.raises(BuildError, match="twice"):
        verifies(module.twice)  # the imported derivation still holds; the one made now does not
    path.write_text(DERIVATION_MODULE.replace('title="Twice"', 'title="Thrice"'), encoding="utf-8")
    with pytest.raises(AssertionError, match="twice: made again, it shows something else"):
        verifies(module.twice)
