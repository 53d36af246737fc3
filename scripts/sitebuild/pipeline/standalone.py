"""A notebook as the site offers it: one that runs in a fresh Jupyter or Colab on its own.

To the jupytext source the build adds, after its title cell, the project code it imports
(:mod:`~sitebuild.pipeline.bundle`), and at its end the exercises of its page, in the page's
order, with their worked answers folded and the computed numbers filled in. A notebook's page is
``docs/<its name>.md``, or the page its header names (``initsite: {page: index.md}`` under
``jupyter:``); a notebook of no page ends where its source ends. Its links point at the site's
pages, relative to the notebook's; notebook_page.py makes them absolute in the copy offered for
download.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import yaml

from sitebuild import BuildError
from sitebuild.pipeline import bundle
from sitebuild.pipeline.markers import MARKER
from sitebuild.pipeline.sources import SCRIPTS, TOPICS, local_imports

LINK = re.compile(r"(\]\()([^)\s]+)(\))")  # a Markdown link's target
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|/|#)", re.I)


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


def _exercises(page: Path) -> list[tuple[str, str]]:
    """``(topic, name)`` of each exercise the page shows, in its order."""
    topic = page.stem.replace("-", "_")
    named = [m["name"] for m in MARKER.finditer(page.read_text(encoding="utf-8"))
             if m["kind"] == "exercise"]  # fmt: skip
    return [tuple(name.split(".", 1)) if "." in name else (topic, name) for name in named]


def inputs(source: Path) -> set[Path]:
    """Every file the standalone notebook is made from: the cache key's files."""
    found = local_imports(source) | {Path(__file__), Path(bundle.__file__)}
    page = page_of(source)
    if page is None:
        return found
    for topic in sorted({topic for topic, _ in _exercises(page)}):
        found |= local_imports(SCRIPTS / TOPICS / topic / "exercises.py")
    return found | {page}


def rebase(markdown: str, prefix: str) -> str:
    """Relative links written for a page at the site's root, for a page under ``prefix``."""

    def move(match: re.Match) -> str:
        target = match[2]
        return match[0] if EXTERNAL.match(target) else f"{match[1]}{prefix}{target}{match[3]}"

    return LINK.sub(move, markdown)


def _exercise_cells(page: Path, notebook: str) -> list[tuple[str, str]]:
    """``(qualified name, Markdown)`` of the page's exercises, in the page's order."""
    from sitebuild.authoring.exercises import Exercise

    cells = []
    for number, (owner, local) in enumerate(_exercises(page), start=1):
        module = f"{TOPICS}.{owner}.exercises"
        try:
            defined = vars(importlib.import_module(module)).values()
        except ModuleNotFoundError:
            defined = []
        found = [e for e in defined if isinstance(e, Exercise) and e.name == local]
        if not found:
            raise BuildError(
                f"notebook {notebook}: its page {page.name} shows the exercise {owner}.{local}, "
                f"which {module} does not define"
            )
        exercise = found[0]
        value = exercise.value()
        answer = exercise.answer.replace(
            "{answer}", "" if value is None else exercise.fmt.format(value)
        )
        markdown = (
            f"### Exercise {number} ({exercise.kind})\n\n{exercise.question}\n\n"
            f'<details markdown="1">\n<summary>Answer</summary>\n\n{answer}\n\n</details>'
        )
        cells.append((f"{owner}.{local}", rebase(markdown, "../")))
    return cells


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
    exercises = _exercise_cells(page, str(source)) if page else []
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
