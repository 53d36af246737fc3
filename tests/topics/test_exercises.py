"""Every exercise renders; every numeric answer is computed, and agrees with a second way of
getting it."""

import pytest

from sitebuild import BuildError
from sitebuild.authoring.exercises import Exercise
from sitebuild.pipeline.registry import defined

ALL = {f"{module.topic}.{item.name}": item for module, item in defined("exercise")}
NUMERIC = {name: item for name, item in ALL.items() if item.compute is not None}


def test_there_are_exercises_with_numeric_answers():
    assert ALL and NUMERIC


@pytest.mark.parametrize("name", sorted(NUMERIC))
def test_every_numeric_answer_agrees_with_its_second_computation(name):
    item = NUMERIC[name]
    assert item.value() == pytest.approx(float(item.verify()), rel=item.tolerance / 10)


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_exercise_renders_with_its_answer_folded(name):
    markdown = ALL[name].markdown()
    assert (
        '<details class="exercise-answer"' in markdown and "<summary>Answer</summary>" in markdown
    )
    if ALL[name].compute is not None:
        assert f'data-answer="{ALL[name].value()!r}"' in markdown and "{answer}" not in markdown


def test_an_exercise_needs_both_ways_to_its_answer_and_a_known_kind():
    with pytest.raises(BuildError, match="give both compute and verify"):
        Exercise("lonely", "compute", "q", "a {answer}", compute=lambda: 1.0).markdown()
    with pytest.raises(BuildError, match="unknown kind"):
        Exercise("odd", "guess", "q", "a").markdown()
