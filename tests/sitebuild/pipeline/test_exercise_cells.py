"""A page's exercises become notebook cells: question, folded worked answer, links that work."""

from pathlib import Path

import pytest

from sitebuild import ROOT, BuildError
from sitebuild.pipeline import exercise_cells

HE = ROOT / "docs" / "he.md"


def test_an_exercise_shows_its_computed_answer_folded_and_links_from_the_notebook():
    cells = dict(exercise_cells.cells(HE, "he.py"))
    assert list(cells) == ["he.he_conv_std", "he.relu_second_moment", "he.leaky_gain",
                           "he.playground_deep"]  # fmt: skip
    conv = cells["he.he_conv_std"]
    assert conv.startswith("### Exercise 1 (compute)\n\nPyTorch's `kaiming_normal_")
    assert '<details markdown="1">\n<summary>Answer</summary>' in conv
    assert "**0.1633**" in conv and "{answer}" not in conv  # sqrt(2/75), as fmt shows it
    assert "[playground](../playground.md)" in cells["he.playground_deep"]


def test_an_exercise_the_page_names_but_no_module_defines_is_named(tmp_path: Path):
    page = tmp_path / "he.md"
    page.write_text("# He\n\n{{ exercise he_conv_std }}\n\n{{ exercise he.gone }}\n")
    with pytest.raises(BuildError, match=r"he\.py: its page he\.md shows the exercise he\.gone, "):
        exercise_cells.cells(page, "he.py")


def test_relative_links_are_rebased_and_others_kept():
    text = "[a](he.md) [b](index.md#x) [c](https://x.org/a.md) [d](#here) [e](/abs.md)"
    assert exercise_cells.rebase(text, "../") == (
        "[a](../he.md) [b](../index.md#x) [c](https://x.org/a.md) [d](#here) [e](/abs.md)"
    )


def test_a_citation_in_an_exercise_becomes_the_pages_link_and_other_markers_fail():
    cited = exercise_cells._cited("As {{ cite he2015 }} show.", "nb.py: exercise x")
    assert cited == "As [He et al. (2015)](../references.md#he2015) show."
    with pytest.raises(
        BuildError, match=r"nb\.py: exercise x:1: \{\{ cite nobody1900 \}\}: no refer"
    ):
        exercise_cells._cited("{{ cite nobody1900 }}", "nb.py: exercise x")
    with pytest.raises(BuildError, match=r"nb\.py: exercise x:1: unknown marker kind 'value'"):
        exercise_cells._cited("{{ value growth }}", "nb.py: exercise x")


def test_the_inputs_are_the_page_and_what_its_exercises_import():
    inputs = {p.resolve() for p in exercise_cells.inputs(HE)}
    scripts = ROOT / "scripts"
    assert {HE, scripts / "topics/he/exercises.py", scripts / "initlab/gains.py"} <= inputs
    assert scripts / "topics/references/bibliography.py" not in inputs  # he's exercises cite none
