"""A notebook as the site offers it: one that runs in a fresh Jupyter or Colab on its own.

To the jupytext source the build adds, after its title cell, the project code it imports
(:mod:`~sitebuild.pipeline.bundle`), and at its end the exercises of its page
(:mod:`~sitebuild.pipeline.exercise_cells`). A notebook's page is
``docs/<its name>.md``, or the page its header names (``initsite: {page: index.md}`` under
``jupyter:``); a notebook of no page ends where its source ends. Its links point at the site's
pages, relative to the notebook's; :func:`download` makes them absolute in the copy offered for
download.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import yaml

from sitebuild import BuildError
from sitebuild.pipeline import bundle, exercise_cells
from sitebuild.pipeline.exercise_cells import EXTERNAL, LINK
from sitebuild.pipeline.sources import local_imports

FOLDER = "notebooks"  # where notebook pages live, under docs/


def page_of(source: Path) -> Path | None:
    """The page a notebook reproduces: ``docs/<name>.md`` unless its header names another; None
    for a notebook of no page."""
    lines = source.read_text(encoding="utf-8").split("\n")
    header = []
    if lines and lines[0].strip() == "# ---":
        for line in lines[1:]:
            if line.strip() == "# ---":
                break
            header.append(line.removeprefix("#").removeprefix(" "))
    metadata = (yaml.safe_load("\n".join(header)) or {}).get("jupyter", {}) if header else {}
    named = (metadata.get("initsite") or {}).get("page")
    page = source.parent.parent / (named or f"{source.stem}.md")
    if not named and not page.is_file():
        return None
    if not page.is_file():
        raise BuildError(
            f"notebook {source}: its page {page} does not exist (name it in the header, "
            "`initsite: {page: <page>.md}` under `jupyter:`)"
        )
    return page


def inputs(source: Path) -> set[Path]:
    """Every file the standalone notebook is made from: the cache key's files."""
    found = local_imports(source) | {Path(__file__), Path(bundle.__file__)}
    page = page_of(source)
    return found if page is None else found | exercise_cells.inputs(page)


def make(source: Path):
    """The jupytext notebook ``source`` with the code it imports and its page's exercises."""
    import jupytext
    from nbformat.v4 import new_code_cell, new_markdown_cell

    notebook = jupytext.read(source)
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    generated = []
    modules = bundle.module_cells(code, str(source))
    if modules:
        generated.append(
            new_markdown_cell(
                f"**The site's code.** The next {len(modules)} cells hold the code this notebook "
                f"runs: {len(modules) - 1} files of the site's repository, each under a banner "
                "naming it, copied there by the build. So the notebook needs nothing but numpy, "
                "matplotlib and sympy.",
                metadata={"initsite": {"generated": "bundle"}},
            )
        )
        for path, text in modules:
            cell = new_code_cell(text, metadata={"initsite": {"generated": path}})
            generated.append(cell)
    at = 1 if notebook.cells and notebook.cells[0].cell_type == "markdown" else 0
    notebook.cells[at:at] = generated
    page = page_of(source)
    exercises = exercise_cells.cells(page, str(source)) if page else []
    if exercises:
        lines = page.read_text(encoding="utf-8").split("\n")
        title = next((line[2:] for line in lines if line.startswith("# ")), page.stem)
        notebook.cells.append(
            new_markdown_cell(
                f"## Exercises\n\nThe exercises of the page [{title}](../{page.name}#exercises); "
                "open an answer when you have yours.",
                metadata={"initsite": {"generated": "exercises"}},
            )
        )
        for name, text in exercises:
            notebook.cells.append(
                new_markdown_cell(text, metadata={"initsite": {"exercise": name}})
            )
    return notebook


def _absolute(target: str, site_url: str) -> str:
    """A link from a notebook page, as an address on the site ``site_url``."""
    if EXTERNAL.match(target):
        return target
    path, _, fragment = target.partition("#")
    path = posixpath.normpath(posixpath.join(FOLDER, path))
    if path.endswith(".md"):
        path = path[: -len(".md")]
        path = "" if path == "index" else path.removesuffix("/index") + "/"
    return site_url + path + (f"#{fragment}" if fragment else "")


def download(notebook: dict, site_url: str) -> bytes:
    """The executed notebook as offered for download: its links absolute, on ``site_url``."""
    if site_url:
        base = site_url if site_url.endswith("/") else site_url + "/"
        for cell in notebook["cells"]:
            if cell["cell_type"] == "markdown":
                text = (
                    "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                )
                cell["source"] = LINK.sub(lambda m: f"{m[1]}{_absolute(m[2], base)}{m[3]}", text)
    return (json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
