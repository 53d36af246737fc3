"""Notebooks are executed through a cache keyed on their source and the code they import."""

from pathlib import Path

import pytest

from sitebuild import ROOT, BuildError
from sitebuild.pipeline import bundle, notebooks
from sitebuild.pipeline.cache import Cache


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_executes_every_cell_with_stable_ids_and_no_timing(tmp_path):
    source = write(tmp_path / "demo.py", "# %%\nx = 6 * 7\n\n# %%\nprint(x)\n")
    notebook = notebooks.execute(source, ROOT)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == [1, 2]
    assert code[1].outputs[0]["text"] == "42\n"
    assert [cell["id"] for cell in notebook.cells] == ["cell-1", "cell-2"]
    assert "execution" not in code[0].metadata  # no timestamps: the output is reproducible


def test_text_printed_across_kernel_flushes_is_one_output(tmp_path):
    # The kernel sends printed text every 0.2 s: unmerged, these two lines would be two outputs,
    # and a loaded machine splits a slow cell's output at different places on different builds.
    cell = "import sys, time\nprint('a')\nsys.stdout.flush()\ntime.sleep(0.5)\nprint('b')\n"
    source = write(tmp_path / "slow.py", "# %%\n" + cell)
    outputs = notebooks.execute(source, ROOT).cells[0].outputs
    assert [(o["output_type"], o["name"], o["text"]) for o in outputs] == [
        ("stream", "stdout", "a\nb\n")
    ]


def test_the_kernel_can_import_the_project_library(tmp_path):
    source = write(tmp_path / "imports.py", "# %%\nimport sitebuild\nprint('ok')\n")
    notebook = notebooks.execute(source, ROOT)
    assert notebook.cells[0].outputs[0]["text"] == "ok\n"


def test_a_raising_cell_is_named_with_its_position_and_source(tmp_path):
    source = write(tmp_path / "bad.py", "# %%\nx = 1\n\n# %%\nraise KeyError('missing')\n")
    with pytest.raises(BuildError, match=r"bad\.py: cell 2, line 1 raised KeyError") as error:
        notebooks.execute(source, ROOT)
    assert "raise KeyError('missing')" in str(error.value)


def test_a_raising_cell_is_counted_as_in_the_source_after_the_code_put_in(tmp_path):
    text = "# %% [markdown]\n# # Title\n\n# %%\nimport initlab\n\n# %%\nraise KeyError('x')\n"
    source = write(tmp_path / "bundled.py", text)
    with pytest.raises(BuildError, match=r"bundled\.py: cell 3, line 1 raised KeyError"):
        notebooks.build(source, Cache(tmp_path / "out"), ROOT)


def test_a_raising_generated_cell_is_named_by_its_file(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "MAGIC", "raise OSError('no magic')\n")
    source = write(tmp_path / "magic.py", "# %%\nimport initlab\n")
    with pytest.raises(BuildError, match=r"the cell from scripts/sitebuild/pipeline/bundle\.py"):
        notebooks.build(source, Cache(tmp_path / "out"), ROOT)


def test_cache_hit_skips_execution_and_a_source_change_runs_again(tmp_path, monkeypatch):
    source = write(tmp_path / "cached.py", "# %%\nprint(1)\n")
    out = Cache(tmp_path / "out")
    first = notebooks.build(source, out, ROOT)
    calls = []
    real = notebooks.execute
    monkeypatch.setattr(notebooks, "execute", lambda *a: calls.append(a) or real(*a))
    assert notebooks.build(source, out, ROOT).executed == first.executed
    assert calls == []
    write(source, "# %%\nprint(2)\n")
    notebooks.build(source, out, ROOT)
    assert len(calls) == 1 and '"2\\n"' in first.executed.read_text()
