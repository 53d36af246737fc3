"""What a derivation's words say about its checks comes from the checks: the cases a check tries
are printed from its own range, never typed."""

import re

import pytest

from harness.sources import found, typed_in_topics
from sitebuild.authoring.printing import checked_for

# "checked for $L = 2 … 8$", "checked by SymPy on a layer of width 2", "checked for batches of 1
# to 6": a number typed after "checked", up to the end of the parenthesis or sentence.
TYPED_CASES = re.compile(r"(?i)\bchecked (?:\w+ )?(?:for|by|at|on|with|in)\b[^.)]*?\d")


@pytest.mark.parametrize(
    ("values", "shown"),
    [(range(2, 9), r"$L = 2, \dots, 8$"), (range(1, 4), "$L = 1, 2, 3$"), ([5], "$L = 5$")],
)
def test_checked_for_prints_the_range_it_is_given(values, shown):
    assert checked_for("L", values) == shown


def test_no_reason_types_the_cases_its_check_tries():
    """A typed "checked for $L = 2 … 8$" stays on the page when the check's range changes (the
    orthogonal page's mutation run changed three ranges with every test green)."""
    typed = typed_in_topics("derivations", TYPED_CASES)
    assert typed == []


def test_the_guard_sees_a_typed_range_and_passes_a_printed_one():
    typed = 'REASON = ("... middle (checked for "\n "$L = 2 … 8$).")'
    printed = 'REASON = ("(checked for "\n f"{checked_for(\'L\', DEPTHS)}).")'
    assert [line for line, _ in found(TYPED_CASES, typed)] == [1]
    assert found(TYPED_CASES, printed) == []
