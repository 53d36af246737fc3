"""What a derivation's words say about its checks comes from the checks: the cases a check tries
are printed from its own range, never typed."""

import re

import pytest

from harness.sources import plain_strings
from sitebuild.authoring.printing import checked_for
from sitebuild.pipeline import registry

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
    typed = [
        f"{module.path.name} of {module.topic}, line {line}: {text}"
        for module in registry.modules()
        if module.path.stem == "derivations"
        for line, text in plain_strings(module.path.read_text())
        if TYPED_CASES.search(text)
    ]
    assert typed == []


def test_the_guard_sees_a_typed_range_and_passes_a_printed_one():
    typed = 'REASON = ("... middle (checked for "\n "$L = 2 … 8$).")'
    printed = 'REASON = ("(checked for "\n f"{checked_for(\'L\', DEPTHS)}).")'
    assert [TYPED_CASES.search(text) is not None for _, text in plain_strings(typed)] == [True]
    assert not any(TYPED_CASES.search(text) for _, text in plain_strings(printed))
