"""Named values: computed, formatted, and failing with their name."""

import pytest

from sitebuild import BuildError
from sitebuild.registry import module_files, objects_of
from sitebuild.values import Value, value

ALL = [v for path in module_files("values") for v in objects_of(path, "values", Value)]


def test_the_deep_linear_values_are_computed_not_typed():
    by_name = {v.name: v for v in ALL}
    assert by_name["growth_1_5"].text() == f"{1.5**9:.2f}" == "38.44"
    assert by_name["shrink_0_5"].text() == f"{0.5**9:.5f}" == "0.00195"
    assert by_name["hidden_layers"].text() == "9"


@pytest.mark.parametrize("item", ALL, ids=lambda v: v.name)
def test_every_value_computes_to_non_empty_text(item):
    assert item.text().strip()


def test_names_are_unique():
    names = [v.name for v in ALL]
    assert len(names) == len(set(names))


def test_a_failing_value_is_named():
    @value("broken_value")
    def broken():
        return 1 / 0

    with pytest.raises(BuildError, match="value 'broken_value': computing it failed"):
        broken.text()


def test_a_format_that_does_not_fit_is_named():
    with pytest.raises(BuildError, match="value 'text_as_int'"):
        Value("text_as_int", lambda: 1.5, "{:d}").text()
