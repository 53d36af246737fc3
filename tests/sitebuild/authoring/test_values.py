"""Named values: computed, formatted, and failing with their name."""

import pytest

from sitebuild import BuildError
from sitebuild.authoring.values import Value, plain_or_scientific, power_of_ten, scientific, value
from sitebuild.pipeline.registry import defined
from topics.exploding_vanishing import values as deep_linear

ALL = {f"{module.topic}.{item.name}": item for module, item in defined("value")}


def test_the_deep_linear_values_are_computed_not_typed():
    assert deep_linear.growth_1_5.text() == f"{1.5**9:.2f}" == "38.44"
    assert deep_linear.shrink_0_5.text() == f"{0.5**9:.5f}" == "0.00195"
    assert deep_linear.hidden_layers.text() == "9"


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_value_computes_to_non_empty_text(name):
    assert ALL[name].text().strip()


def test_the_decorator_names_a_value_after_its_function():
    @value("{:.1f}")
    def half():
        return 0.5

    assert half.name == "half" and half.text() == "0.5"


def test_a_failing_value_is_named():
    @value()
    def broken_value():
        return 1 / 0

    with pytest.raises(BuildError, match="value 'broken_value': computing it failed"):
        broken_value.text()


def test_a_format_that_does_not_fit_is_named():
    with pytest.raises(BuildError, match="value 'text_as_int'"):
        Value("text_as_int", lambda: 1.5, "{:d}").text()


@pytest.mark.parametrize(
    ("x", "digits", "printed"),
    [
        (3.7304e-9, 3, "$3.73 \\times 10^{-9}$"),
        (0.5, 3, "$5 \\times 10^{-1}$"),
        (3.0**32, 3, "$1.85 \\times 10^{15}$"),
        (3.5e-6, 2, "$3.5 \\times 10^{-6}$"),
        (-2.5e7, 2, "$-2.5 \\times 10^{7}$"),
        # rounded before the exponent is chosen: never a mantissa of 10
        (9.99e-4, 2, "$1 \\times 10^{-3}$"),
        (9.996e-3, 3, "$1 \\times 10^{-2}$"),
        (4.26e-4, 1, "$4 \\times 10^{-4}$"),
    ],
)
def test_scientific(x, digits, printed):
    assert scientific(x, digits) == printed
    assert power_of_ten(x, digits) == printed.strip("$")


def test_scientific_needs_a_digit():
    with pytest.raises(ValueError, match="at least one significant digit"):
        scientific(0.5, 0)


def test_plain_from_a_thousandth_and_scientific_below():
    assert [plain_or_scientific(x) for x in (2.0, 0.5, 1e-3)] == ["2", "0.5", "0.001"]
    assert plain_or_scientific(0.62149, 3) == "0.621"
    assert plain_or_scientific(9.99e-4) == "$1 \\times 10^{-3}$"
    assert plain_or_scientific(4.2e-4, 3) == scientific(4.2e-4)
