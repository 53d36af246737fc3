"""Execute the jupytext notebooks in docs/notebooks/ into .ipynb files, through the cache.

What is executed is the standalone notebook (standalone.py: the source, the project code it
imports, its page's exercises), again only when a file it is made from or a library version
changes: a clean build always executes, a rebuild with nothing changed executes nothing.
notebook_page.py then turns the executed notebook into a page of the site, and the .ipynb is
offered for download. A raising cell stops the build with the notebook's path, the cell's
position (counted as in the source) and source, and the error.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sitebuild import BuildError
from sitebuild.pipeline import standalone
from sitebuild.pipeline.cache import Cache, python_key
from sitebuild.pipeline.errors import cell_line

TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class ExecutedNotebook:
    source: Path
    executed: Path


def _failed_cell(notebook) -> tuple[str, str]:
    """Which cell raised, counted as in the source (the build's own cells named by their file)."""
    position = 0
    for cell in notebook.cells:
        generated = cell.metadata.get("initsite", {}).get("generated")
        position += generated is None
        where = f"cell {position}" if generated is None else f"the cell from {generated}"
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return where, cell.source
    return "a cell", ""


def execute(source: Path, root: Path, notebook=None):
    """Run every cell of a jupytext notebook (``notebook``, else read from ``source``) with
    ``root`` as working directory."""
    import jupytext  # imported here: a build whose notebooks are all cached never loads them
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = jupytext.read(source) if notebook is None else notebook
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    for position, cell in enumerate(notebook.cells, start=1):
        cell["id"] = f"cell-{position}"  # stable ids: jupytext would draw random ones
    environment = os.environ.copy()
    environment["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    try:
        # IPC sockets in a private folder: no TCP port, and no "unencrypted TCP" kernel warning.
        with tempfile.TemporaryDirectory(prefix="notebook-kernel-") as sockets:
            manager = KernelManager(
                kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "kernel")
            )
            client = NotebookClient(
                notebook,
                km=manager,
                timeout=TIMEOUT_SECONDS,
                kernel_name="python3",
                allow_errors=False,
                record_timing=False,
                # The kernel flushes printed text every 0.2 s, so a cell that prints over a longer
                # time yields several stream outputs, split wherever the machine's load put the
                # flushes. Merged, the output is the same on every build.
                coalesce_streams=True,
                resources={"metadata": {"path": str(root)}},
            )
            try:
                client.execute(env=environment)
            finally:
                if manager.has_kernel:  # we own the manager, so nbclient leaves shutdown to us
                    manager.shutdown_kernel()
    except CellExecutionError as error:
        cell, cell_source = _failed_cell(notebook)
        line = cell_line(str(error))
        at = f", line {line}" if line else ""
        raise BuildError(
            f"notebook {source}: {cell}{at} raised {error.ename}: {error.evalue}\n"
            f"--- {cell} ---\n{cell_source}"
        ) from None
    return notebook


def _key(source: Path) -> str:
    return python_key(standalone.inputs(source) | {Path(__file__)})


def executed_text(source: Path, root: Path, keep_going: bool = False) -> str | BuildError:
    """The executed notebook as the cache stores it: JSON, keys sorted (a parallel build's task).
    With ``keep_going`` (``mkdocs serve``), a failure is given, not raised."""
    try:
        notebook = execute(source, root, standalone.make(source))
    except BuildError as error:
        if not keep_going:
            raise
        return BuildError(str(error))
    _palette_images(notebook)
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _palette_images(notebook) -> None:
    """Every PNG a cell drew, as a palette PNG where that looks the same (rasters.palette_png):
    matplotlib's truecolour PNGs made a notebook page weigh up to 530 KB gzipped at load."""
    from sitebuild.pipeline.rasters import palette_png

    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                png = palette_png(base64.b64decode(data["image/png"]))
                data["image/png"] = base64.b64encode(png).decode("ascii")


def _store(cache: Cache, source: Path, key: str, text: str) -> ExecutedNotebook:
    entry = cache.store(
        f"notebooks/{source.stem}", key, {}, {f"{source.stem}.ipynb": text.encode()}
    )
    return ExecutedNotebook(source, entry.path(f"{source.stem}.ipynb"))


def build(source: Path, cache: Cache, root: Path, announce=None) -> ExecutedNotebook:
    """Execute ``source`` unless the cached copy is current (calling ``announce()`` first, for
    progress); the executed notebook's path."""
    key = _key(source)
    entry = cache.lookup(f"notebooks/{source.stem}", key)
    if entry is not None:
        return ExecutedNotebook(source, entry.path(f"{source.stem}.ipynb"))
    if announce:
        announce()
    return _store(cache, source, key, executed_text(source, root))


class Pending:
    """The notebooks a build is executing; :meth:`results` waits for them."""

    def __init__(self, cache: Cache, found: list, stale: list, batch):
        self.cache, self.found, self.stale, self.batch = cache, found, stale, batch

    def results(self, failures: list | None = None) -> list[ExecutedNotebook | None]:
        """Every notebook, executed, in the order of the sources. One that failed (``mkdocs
        serve``) is recorded in ``failures`` and is None."""
        for (position, source, key), text in zip(self.stale, self.batch.results(), strict=True):
            if isinstance(text, BuildError):
                if failures is None:
                    raise text
                failures.append(str(text))
                continue
            self.found[position] = _store(self.cache, source, key, text)
        return self.found


def start(sources: list[Path], cache: Cache, root: Path, pool, keep_going=False) -> Pending:
    """Look every notebook up in the cache and start executing the stale ones in ``pool`` (a
    :class:`~sitebuild.pipeline.parallel.Pool`), one task per notebook."""
    from sitebuild.pipeline.parallel import Task

    found: list[ExecutedNotebook | None] = []
    stale = []
    for position, source in enumerate(sources):
        key = _key(source)
        entry = cache.lookup(f"notebooks/{source.stem}", key)
        found.append(entry and ExecutedNotebook(source, entry.path(f"{source.stem}.ipynb")))
        if entry is None:
            stale.append((position, source, key))
    tasks = [Task(source.name, executed_text, (source, root, keep_going)) for _, source, _ in stale]
    return Pending(cache, found, stale, pool.run("notebooks", "executing", tasks))
