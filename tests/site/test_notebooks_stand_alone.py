"""Every notebook the site offers for download runs on its own, as a reader's fresh Jupyter or
Colab would run it: with numpy, matplotlib and sympy, and nothing of this repository.

How each test isolates the notebook from the repository:

* the .ipynb is taken from the built site (the shared ``built_site``) and copied alone into an
  empty temporary folder, the kernel's working directory: no file of the repository is beside it;
* the kernel is a new process, started from a kernelspec written into that folder, with
  ``PYTHONPATH`` (and ``MPLBACKEND``, which the build sets) removed from its environment;
* the .venv has the project installed editable (a ``.pth`` file puts ``scripts/`` on
  ``sys.path``), so the kernel process, before ipykernel even starts, puts a finder at the front
  of ``sys.meta_path`` that refuses ``topics``, ``initlab``, ``sitebuild`` and ``harness`` (and
  their submodules) with ModuleNotFoundError. The import system asks that finder first, so no
  path entry can supply them; a fresh process has imported none of them before it.

``test_the_kernel_cannot_import_the_repository`` checks the isolation itself: in that kernel each
package fails to import while numpy, matplotlib and sympy import.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from harness.builds import Build
from sitebuild import ROOT

NOTEBOOKS = sorted(p.stem for p in (ROOT / "docs" / "notebooks").glob("*.py"))
REPOSITORY = ("topics", "initlab", "sitebuild", "harness")
TIMEOUT_SECONDS = 900

KERNEL = f'''
import sys


class RefuseTheRepository:
    """A meta-path finder: the repository's packages cannot be imported in this kernel."""

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {REPOSITORY!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (refused)", name=name)
        return None


sys.meta_path.insert(0, RefuseTheRepository())
from ipykernel.kernelapp import launch_new_instance

launch_new_instance()
'''


def run_isolated(notebook_file: Path, folder: Path):
    """Execute ``notebook_file`` (inside ``folder``) in a fresh kernel that refuses the
    repository's packages; the executed notebook. A raising cell raises CellExecutionError."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    specs = folder / ".kernels"
    (specs / "isolated").mkdir(parents=True)
    spec = {"argv": [sys.executable, "-c", KERNEL, "-f", "{connection_file}"],
            "display_name": "isolated", "language": "python"}  # fmt: skip
    (specs / "isolated" / "kernel.json").write_text(json.dumps(spec))
    notebook = nbformat.read(notebook_file, as_version=4)
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MPLBACKEND")}
    # IPC sockets (no TCP port) in a folder of a short path: a socket's path has at most 107 bytes.
    with tempfile.TemporaryDirectory(prefix="kernel-") as sockets:
        manager = KernelManager(
            kernel_name="isolated",
            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs)]),
            transport="ipc",
            ip=os.path.join(sockets, "kernel"),
        )
        client = NotebookClient(
            notebook,
            km=manager,
            timeout=TIMEOUT_SECONDS,
            kernel_name="isolated",
            resources={"metadata": {"path": str(folder)}},
        )
        try:
            client.execute(env=environment, cwd=str(folder))
        finally:
            if manager.has_kernel:
                manager.shutdown_kernel()
    return notebook


def outputs(notebook, kind: str) -> list:
    return [
        output
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
        for output in cell["outputs"]
        if kind in (output["output_type"], *output.get("data", {}))
    ]


def printed(notebook) -> list[str]:
    """What each code cell printed (a slow cell's text arrives in several outputs, joined here)."""
    return [
        "".join(o["text"] for o in cell["outputs"] if o["output_type"] == "stream")
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
    ]


def test_the_kernel_cannot_import_the_repository(tmp_path):
    probe = "\n".join(
        ["import importlib", "refused = []", f"for name in {REPOSITORY!r}:", "    try:",
         "        importlib.import_module(name)", "    except ModuleNotFoundError:",
         "        refused.append(name)", "import matplotlib, numpy, sympy",
         "print(refused)"]
    )  # fmt: skip
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(probe)])
    nbformat.write(notebook, tmp_path / "probe.ipynb")
    ran = run_isolated(tmp_path / "probe.ipynb", tmp_path)
    assert ran.cells[0].outputs[0]["text"] == f"{list(REPOSITORY)}\n"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_downloaded_notebook_runs_alone(built_site: Build, name: str, tmp_path):
    offered = built_site.site / "notebooks" / f"{name}.ipynb"
    folder = tmp_path / "empty"
    folder.mkdir()
    shutil.copy(offered, folder / offered.name)
    ran = run_isolated(folder / offered.name, folder)
    built = json.loads(offered.read_text(encoding="utf-8"))
    # It computes what the build computed, and draws the same figures.
    assert printed(ran) == printed(built)
    assert len(outputs(ran, "image/png")) == len(outputs(built, "image/png"))
    source = (ROOT / "docs" / "notebooks" / f"{name}.py").read_text(encoding="utf-8")
    drawn = re.findall(r"^(?:display\()?figures\.\w+\)?$", source, re.MULTILINE)
    assert len(outputs(ran, "image/png")) == len(drawn)  # each figure the source shows
    # It ends with its page's exercises, and links to the site's pages by their addresses.
    assert "exercise" in ran.cells[-1].metadata.get("initsite", {})
    assert "](../" not in "".join(c.source for c in ran.cells if c.cell_type == "markdown")
