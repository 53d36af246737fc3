"""The project code a notebook imports becomes cells that define it, dependencies first."""

import sys

import pytest

from sitebuild import ROOT, BuildError
from sitebuild.pipeline import bundle


def test_a_topic_experiment_brings_the_library_it_imports_first():
    needed = bundle.modules_needed(["from topics.he import experiment as ex\n"], "he.py")
    assert needed[-1] == "topics.he.experiment"
    # he's experiment imports symmetry's circle_data, and both import initlab's network
    assert needed.index("topics.symmetry.experiment") < needed.index("topics.he.experiment")
    assert needed.index("initlab.network") < needed.index("topics.symmetry.experiment")
    assert needed.index("initlab.fans") < needed.index("initlab")  # initlab/__init__ imports it
    assert "topics.he" not in needed and "sitebuild" not in needed  # only what is used


def test_a_name_a_package_loads_lazily_brings_the_module_that_defines_it():
    # sitebuild.authoring's __init__ imports `figure` on first use, from its figures module.
    needed = bundle.modules_needed(["from topics.he import figures\n"], "he.py")
    assert {"sitebuild.authoring", "sitebuild.authoring.figures", "topics.he.figures"} <= set(
        needed
    )
    assert "sitebuild.authoring.derivation" not in needed  # SymPy's half is not used


def test_imports_inside_functions_and_magics_are_followed():
    cell = "%matplotlib inline\ndef f():\n    from initlab import gains\n    return gains\n"
    assert bundle.modules_needed([cell], "nb.py") == ["initlab.gains"]


def test_the_build_machinery_cannot_travel_and_the_chain_is_named():
    with pytest.raises(BuildError) as error:
        bundle.modules_needed(["from topics.he import exercises\n"], "docs/notebooks/he.py")
    message = str(error.value)
    assert message.startswith("notebook docs/notebooks/he.py: the notebook -> topics.he.exercises")
    assert "imports sitebuild, which cannot be put into a standalone notebook" in message


@pytest.mark.parametrize("imported", ["import harness.builds", "from sitebuild import ROOT"])
def test_a_notebook_that_imports_the_harness_or_the_build_fails(imported):
    with pytest.raises(BuildError, match="notebook nb.py: the notebook imports"):
        bundle.modules_needed([imported + "\n"], "nb.py")


def test_a_missing_project_module_is_named():
    with pytest.raises(BuildError, match="imports topics.he.nothing, which does not exist"):
        bundle.modules_needed(["import topics.he.nothing\n"], "nb.py")


def test_a_module_that_reads_files_beside_it_cannot_travel(tmp_path, monkeypatch):
    module = tmp_path / "scripts" / "topics" / "reader.py"
    module.parent.mkdir(parents=True)
    module.write_text("from pathlib import Path\nDATA = Path(__file__).parent / 'x.csv'\n")
    monkeypatch.setattr(bundle, "SCRIPTS", tmp_path / "scripts")
    monkeypatch.setattr(bundle, "project_modules", lambda: {"topics.reader": module})
    with pytest.raises(BuildError, match=r"reads files beside scripts/topics/reader\.py"):
        bundle.modules_needed(["from topics import reader\n"], "nb.py")


def test_each_cell_is_the_file_as_it_is_under_a_banner_naming_it():
    cells = bundle.module_cells(["from initlab import gains\n"], "nb.py")
    assert [path for path, _ in cells] == [
        "scripts/sitebuild/pipeline/bundle.py",  # the %%module magic
        "scripts/initlab/gains.py",
    ]
    first, banner, rest = cells[1][1].split("\n", 2)
    assert first == "%%module initlab.gains"
    assert banner.startswith("# Generated from scripts/initlab/gains.py by the site's build")
    assert rest == (ROOT / "scripts/initlab/gains.py").read_text()
    assert bundle.module_cells(["import numpy\n"], "nb.py") == []  # nothing to bundle


def test_the_module_magic_runs_cells_as_a_package_and_its_modules():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert shell.run_cell(bundle.MAGIC).success
        assert shell.run_cell("%%module demo_pkg.sub\nX = 41\n").success
        assert shell.run_cell(
            "%%module demo_pkg --package\nfrom demo_pkg.sub import X\nY = X + 1\n"
        ).success
        result = shell.run_cell("import demo_pkg\nfrom demo_pkg import sub\n(demo_pkg.Y, sub.X)")
        assert result.result == (42, 41)
        assert sys.modules["demo_pkg.sub"].__name__ == "demo_pkg.sub"
    finally:
        for name in ("demo_pkg", "demo_pkg.sub"):
            sys.modules.pop(name, None)
        InteractiveShell.clear_instance()
