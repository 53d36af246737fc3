"""The topics: one folder per page, and the items their modules define, built through the cache.

``scripts/topics/<page>/`` (the page's file name with ``-`` written ``_``) holds a page's sources:
typically ``derivations.py``, ``experiment.py``, ``figures.py``, ``values.py`` and
``claims.py``. Every module registers its items the same way, as module-level objects of an
authoring kind (a :class:`~sitebuild.authoring.Derivation`, or what
:func:`~sitebuild.authoring.value`, :func:`~sitebuild.authoring.claim` and
:func:`~sitebuild.authoring.figure` make). The registry turns each item into what a page embeds
(a checked derivation's Markdown, a value's text, a verified claim, a figure's SVGs) one module
at a time, cached per module and keyed on the module, the project code it imports and the library
versions.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from sitebuild import BuildError
from sitebuild.pipeline import figures, markup, rasters
from sitebuild.pipeline.errors import located
from sitebuild.pipeline.sources import SCRIPTS, TOPICS

KINDS = ("derivation", "value", "claim", "figure", "exercise", "reference")
# The code that turns items into page text and files: a change to it changes every output.
PRODUCERS = (Path(__file__), *(Path(m.__file__) for m in (figures, markup, rasters)))


@dataclass(frozen=True)
class Module:
    topic: str
    name: str  # dotted: topics.<topic>.<module>
    path: Path


def topic_of_page(src_uri: str) -> str:
    """``he.md`` -> ``he``; ``exploding-vanishing.md`` -> ``exploding_vanishing``."""
    return src_uri.removesuffix(".md").replace("-", "_")


def modules() -> list[Module]:
    """Every module of every topic, in a fixed order (listed afresh: `mkdocs serve` sees new
    files)."""
    found = []
    for folder in sorted((SCRIPTS / TOPICS).iterdir()):
        if (folder / "__init__.py").is_file():
            for path in sorted(folder.glob("*.py")):
                if not path.stem.startswith("_"):
                    found.append(Module(folder.name, f"{TOPICS}.{folder.name}.{path.stem}", path))
    return found


def _kinds() -> dict[str, type]:
    """The authoring classes, imported only when a module must be built (SymPy is slow to load)."""
    from sitebuild.authoring.claims import Claim
    from sitebuild.authoring.derivation import Derivation
    from sitebuild.authoring.exercises import Exercise
    from sitebuild.authoring.figures import Figure
    from sitebuild.authoring.references import Reference
    from sitebuild.authoring.values import Value

    return {
        "derivation": Derivation,
        "value": Value,
        "claim": Claim,
        "figure": Figure,
        "exercise": Exercise,
        "reference": Reference,
    }


def _load(module: Module):
    try:
        return importlib.import_module(module.name)  # fresh: build() forgot the old ones
    except Exception as error:
        message = f"{module.path}: importing it failed: {type(error).__name__}: {error}"
        raise BuildError(located(message, error)) from error


def items_of(loaded) -> list[tuple[str, object]]:
    """(kind, item) for every module-level item of an authoring kind, in definition order."""
    classes = _kinds()
    found = []
    for item in vars(loaded).values():
        kind = next((k for k, cls in classes.items() if isinstance(item, cls)), None)
        if kind is not None:
            found.append((kind, item))
    return found


def defined(kind: str) -> list[tuple[Module, object]]:
    """Every item of one kind in every topic module (imported as they are, nothing built)."""
    return [
        (module, item)
        for module in modules()
        for item_kind, item in items_of(importlib.import_module(module.name))
        if item_kind == kind
    ]


def _derivation_text(derivation) -> str:
    from sitebuild.authoring.proof import verify

    verify(derivation)
    try:
        return markup.derivation_markdown(derivation)
    except BuildError:
        raise
    except Exception as error:
        problem = f"{type(error).__name__}: {error}"
        raise BuildError(f"derivation '{derivation.name}': rendering failed: {problem}") from error


def compute(module: Module) -> tuple[dict, dict[str, bytes]]:
    """Import ``module`` afresh and build its items: ``({kind: {name: text or figure record}},
    {file name: bytes})``."""
    try:
        return _compute(module)
    except BuildError as error:
        if error.__cause__ is None or "\n  at " in str(error):
            raise
        raise BuildError(located(str(error), error.__cause__)) from error.__cause__


def _compute(module: Module) -> tuple[dict, dict[str, bytes]]:
    data: dict[str, dict] = {kind: {} for kind in KINDS}
    files: dict[str, bytes] = {}
    for kind, item in items_of(_load(module)):
        if item.name in data[kind]:
            raise BuildError(f"{module.path}: {kind} '{item.name}' is defined twice")
        if kind == "derivation":
            data[kind][item.name] = _derivation_text(item)
        elif kind == "value":
            data[kind][item.name] = item.text()
        elif kind == "claim":
            data[kind][item.name] = item.verified_text()
        elif kind == "exercise":
            data[kind][item.name] = item.markdown()
        elif kind == "reference":
            data[kind][item.name] = item.short()
        else:
            data[kind][item.name], svgs = figures.render(item, str(module.path))
            files.update(svgs)
    return data, files
