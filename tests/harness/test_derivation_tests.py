"""Every page's derivations are verified by that page's own tests, made by one helper."""

import importlib.util
from types import SimpleNamespace

import pytest

from harness.derivation_tests import derivation_tests
from sitebuild import ROOT
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
