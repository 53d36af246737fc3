"""A page's exercises as notebook cells, for the notebook that reproduces the page.

Each exercise the page shows (``{{ exercise name }}``, in the page's order) becomes a Markdown
cell: its question, then its worked answer folded in a ``<details>`` (Jupyter, Colab and the site
all fold it), with the computed number filled in. Links written for a page at the site's root are
rebased for a page under ``notebooks/``, and ``{{ cite key }}`` becomes the link the page shows,
since a downloaded notebook has no build to expand markers.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from sitebuild import BuildError
from sitebuild.authoring import references
from sitebuild.pipeline import markers
from sitebuild.pipeline.sources import SCRIPTS, TOPICS, local_imports

LINK = re.compile(r"(\]\()([^)\s]+)(\))")  # a Markdown link's target
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|/|#)", re.I)


def _exercises(page: Path) -> list[tuple[str, str]]:
    """``(topic, name)`` of each exercise the page shows, in its order."""
    topic = page.stem.replace("-", "_")
    named = [m["name"] for m in markers.MARKER.finditer(page.read_text(encoding="utf-8"))
             if m["kind"] == "exercise"]  # fmt: skip
    return [tuple(name.split(".", 1)) if "." in name else (topic, name) for name in named]


def inputs(page: Path) -> set[Path]:
    """The files the page's exercise cells are made from (for a notebook's cache key)."""
    found = {page, Path(__file__)}
    for topic in sorted({topic for topic, _ in _exercises(page)}):
        exercises = SCRIPTS / TOPICS / topic / "exercises.py"
        found |= local_imports(exercises)
        if "{{ cite" in exercises.read_text(encoding="utf-8"):  # citations: the bibliography too
            found |= set((SCRIPTS / TOPICS / references.TOPIC).glob("*.py"))
    return found


def rebase(markdown: str, prefix: str) -> str:
    """Relative links written for a page at the site's root, for a page under ``prefix``."""

    def move(match: re.Match) -> str:
        target = match[2]
        return match[0] if EXTERNAL.match(target) else f"{match[1]}{prefix}{target}{match[3]}"

    return LINK.sub(move, markdown)


def _cited(markdown: str, where: str) -> str:
    """``{{ cite key }}`` as the page shows it, a link to the references page: a downloaded
    notebook has no build to expand it. Any other marker fails, naming ``where``."""
    from sitebuild.authoring.references import Reference

    def cite(key: str) -> str:
        module = importlib.import_module(f"{TOPICS}.{references.TOPIC}.bibliography")
        found = [r for r in vars(module).values() if isinstance(r, Reference) and r.name == key]
        if not found:
            raise BuildError(f"no reference '{key}' in {module.__name__}")
        return f"[{found[0].short()}](../{references.TOPIC}.md#{key})"

    return markers.expand(markdown, where, {"cite": cite})


def cells(page: Path, notebook: str) -> list[tuple[str, str]]:
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
        where = f"notebook {notebook}: exercise {owner}.{local}"
        cells.append((f"{owner}.{local}", _cited(rebase(markdown, "../"), where)))
    return cells
