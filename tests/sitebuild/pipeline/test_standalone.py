"""A notebook as the site offers it: its code put in, its page's exercises at its end."""

from pathlib import Path

import pytest

from sitebuild import ROOT, BuildError
from sitebuild.pipeline import standalone
from sitebuild.pipeline.markers import MARKER

NOTEBOOKS = ROOT / "docs" / "notebooks"
HEADER = "# ---\n# jupyter:\n#   jupytext:\n#     text_representation:\n#       extension: .py\n"


def notebook(folder: Path, name: str, text: str) -> Path:
    (folder / "notebooks").mkdir(exist_ok=True)
    path = folder / "notebooks" / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_notebooks_page_is_its_namesake_or_the_page_its_header_names(tmp_path):
    (tmp_path / "he.md").write_text("# He\n")
    assert standalone.page_of(notebook(tmp_path, "he", "# %%\n")) == tmp_path / "he.md"
    assert standalone.page_of(notebook(tmp_path, "loose", "# %%\n")) is None
    named = HEADER + "#   initsite:\n#     page: he.md\n# ---\n\n# %%\nx = 1\n"
    assert standalone.page_of(notebook(tmp_path, "other", named)) == tmp_path / "he.md"
    wrong = notebook(tmp_path, "wrong", named.replace("he.md", "gone.md"))
    with pytest.raises(BuildError, match=r"notebook .*wrong\.py: its page .*gone\.md does not"):
        standalone.page_of(wrong)


def test_the_code_goes_after_the_title_and_the_exercises_at_the_end():
    source = NOTEBOOKS / "he.py"
    made = standalone.make(source)
    marks = [cell.metadata.get("initsite", {}) for cell in made.cells]
    assert made.cells[0].source.startswith("# He initialization")
    assert (
        marks[1] == {"generated": "bundle"}
        and "numpy, matplotlib and sympy" in made.cells[1].source
    )
    generated = [m["generated"] for m in marks if "generated" in m]
    assert generated[1:3] == ["scripts/sitebuild/pipeline/bundle.py", "scripts/initlab/fans.py"]
    assert "scripts/topics/he/experiment.py" in generated
    # the notebook's own cells follow, unchanged and in order
    import jupytext

    own = [cell.source for cell in jupytext.read(source).cells]
    assert [cell.source for cell, mark in zip(made.cells, marks, strict=True) if not mark] == own
    # then the page's exercises, in the page's order
    page = (ROOT / "docs/he.md").read_text()
    listed = [f"he.{m['name']}" for m in MARKER.finditer(page) if m["kind"] == "exercise"]
    assert [m["exercise"] for m in marks if "exercise" in m] == listed
    assert marks[-len(listed) - 1] == {"generated": "exercises"}


def test_a_notebook_that_imports_nothing_of_the_project_gets_no_code_cells():
    made = standalone.make(NOTEBOOKS / "variance-of-a-sum.py")
    generated = [c for c in made.cells if "generated" in c.metadata.get("initsite", {})]
    assert [c.metadata["initsite"]["generated"] for c in generated] == ["exercises"]


def test_the_cache_key_covers_the_page_its_exercises_and_the_bundled_code():
    inputs = standalone.inputs(NOTEBOOKS / "he.py")
    scripts = ROOT / "scripts"
    for path in (
        ROOT / "docs/he.md",
        scripts / "topics/he/exercises.py",
        scripts / "topics/he/experiment.py",
        scripts / "topics/symmetry/experiment.py",
        scripts / "initlab/network.py",
        scripts / "sitebuild/authoring/figures.py",
        scripts / "sitebuild/pipeline/bundle.py",
        scripts / "sitebuild/pipeline/standalone.py",
    ):
        assert path.resolve() in {p.resolve() for p in inputs}, path
