"""Numbers read back as the pages print them, and text in any other shape refused."""

import pytest

from harness.numbers import number, number_range
from sitebuild.authoring import power_of_ten, scientific


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.621", 0.621),
        ("2", 2),
        (" 2,000 ", 2000),
        ("10,356.5", 10356.5),
        ("-3.5", -3.5),
        ("$1.2 \\times 10^{-6}$", 1.2e-6),
        ("$-2.5 \\times 10^{7}$", -2.5e7),
        ("7.81 \\times 10^{-4}", 7.81e-4),
    ],
)
def test_numbers_as_printed(text, expected):
    assert number(text) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    "text",
    ["1e-06", "$10 \\times 10^{-4}$", "$1.2 \\times 10^{-6}", "20,00", "0.5 s", "", "1,2345"],
)
def test_other_shapes_are_refused(text):
    with pytest.raises(ValueError, match="not a number as the pages print one"):
        number(text)


def test_ranges():
    assert number_range("0.19 to $2.1 \\times 10^{3}$") == pytest.approx((0.19, 2100))


@pytest.mark.parametrize("x", [3.7304e-9, 0.5, 9.99e-4, 1e-3, 3.0**32, -2.5e7, 123.456])
@pytest.mark.parametrize("digits", [1, 2, 3])
def test_scientific_reads_back_within_its_rounding(x, digits):
    assert number(scientific(x, digits)) == pytest.approx(x, rel=0.5 * 10 ** (1 - digits))
    assert number(power_of_ten(x, digits)) == number(scientific(x, digits))
