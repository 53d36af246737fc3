"""Which project files a source depends on, and their content hash: the inputs of every cache key.

A topic's module is followed import by import, at the granularity of modules inside the
``topics`` package (so a change to one topic's figures does not re-render another topic's) and of
whole packages elsewhere (``initlab``, ``sitebuild.authoring``): coarser than needed, never stale.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from pathlib import Path

from sitebuild import ROOT

SCRIPTS = ROOT / "scripts"
TOPICS = "topics"  # the package whose modules are followed one by one

# `import a.b as c, d` and `from a.b import (c, d)`, at the start of a line, indented or not.
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w. \t,]+)", re.MULTILINE)
_FROM_IMPORT = re.compile(
    r"^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.MULTILINE
)


def _names(listed: str) -> list[str]:
    """``a as b, c`` (or the same in brackets, over several lines) -> ``["a", "c"]``."""
    listed = re.sub(r"#[^\n]*", "", listed).strip("() \t\n")
    return [part.split()[0] for part in listed.replace("\n", ",").split(",") if part.strip()]


@functools.lru_cache(maxsize=1024)
def _imported(path: Path, package: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    """Dotted names a file may import: each ``from X import a`` gives ``X`` and ``X.a``.

    A line scan, not a parse (30 times faster than ``ast``); it can only err by finding too much
    (a docstring line that starts with "from the"), which costs a needless rebuild of a cached
    output, never a stale one. Relative imports are resolved against ``package``.
    """
    text = path.read_text(encoding="utf-8")
    found: set[str] = set()
    for listed in _IMPORT.findall(text):
        found.update(_names(listed))
    for source, listed in _FROM_IMPORT.findall(text):
        if source.startswith("."):
            dots = len(source) - len(source.lstrip("."))
            base = package.split(".")[: len(package.split(".")) - dots + 1]
            source = ".".join([*base, source.lstrip(".")]).rstrip(".")
        found.add(source)
        found.update(f"{source}.{name}" for name in _names(listed))
    return tuple(sorted(found))


def project_modules() -> dict[str, Path]:
    """Every dotted module name under scripts/ -> its file (a package -> its ``__init__.py``).

    Listed afresh on every call (a few milliseconds), so a module added under `mkdocs serve` is
    seen; a caller asking for many sources' imports lists once and passes the listing on.
    """
    modules: dict[str, Path] = {}
    for folder, subfolders, names in os.walk(SCRIPTS):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        parts = Path(folder).relative_to(SCRIPTS).parts
        for name in sorted(names):
            if name.endswith(".py"):
                stem = name[:-3]
                dotted = ".".join(parts if stem == "__init__" else (*parts, stem))
                if dotted:
                    modules[dotted] = Path(folder, name)
    return modules


def _package_of(dotted: str, path: Path) -> str:
    return dotted if path.name == "__init__.py" else dotted.rpartition(".")[0]


def _files_of(dotted: str, modules: dict[str, Path]) -> list[Path]:
    """The files that importing ``dotted`` runs: a topic module and its packages' ``__init__``;
    anything else outside the topics whole (every module of its top-level package)."""
    if dotted not in modules:
        return []
    top = dotted.split(".")[0]
    if top != TOPICS:
        if top == "sitebuild":  # the machinery: take the subpackage imported, whole
            scope = ".".join(dotted.split(".")[:2])
        else:
            scope = top
        inside = scope + "."
        return [path for name, path in modules.items() if name == scope or name.startswith(inside)]
    parts = dotted.split(".")
    packages = (".".join(parts[:k]) for k in range(1, len(parts) + 1))
    return [modules[name] for name in packages if name in modules]


def local_imports(source: Path, modules: dict[str, Path] | None = None) -> set[Path]:
    """The files under scripts/ that ``source`` imports, followed transitively (``source`` too).
    ``modules`` is :func:`project_modules`, listed once by a caller that asks for many sources
    (the listing was 0.7 s of a cached rebuild when each of ~100 calls made its own)."""
    modules = project_modules() if modules is None else modules
    edges = _EDGES.setdefault(tuple(modules.items()), {})
    if len(_EDGES) > 8:  # modules added or removed under `mkdocs serve`: forget old layouts
        for layout in list(_EDGES)[:-1]:
            del _EDGES[layout]
    names = None
    seen: set[Path] = set()
    pending = [_resolved(Path(source))]
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        status = os.stat(path)
        version = (path, status.st_mtime_ns, status.st_size)
        if version not in edges:
            if names is None:
                names = {_resolved(path): name for name, path in modules.items()}
            dotted = names.get(path, "")
            imported = _imported(path, _package_of(dotted, path), *version[1:])
            edges[version] = tuple(
                {_resolved(p): None for name in imported for p in _files_of(name, modules)}
            )
        pending.extend(edges[version])
    return seen


# (path, mtime, size) -> the files it imports, per layout of scripts/: a build asks for the
# imports of ~100 sources, which share most of theirs (0.9 of a 1.8 s rebuild, profiled).
_EDGES: dict[tuple, dict[tuple, tuple[Path, ...]]] = {}


@functools.lru_cache(maxsize=8192)
def _resolved(path: Path) -> Path:
    """``path.resolve()``, once per path: a build follows ~100 sources' imports, and resolving
    every file again each time took seconds of a cached rebuild."""
    return path.resolve()


@functools.lru_cache(maxsize=4096)
def _file_digest(path: Path, mtime_ns: int, size: int) -> str:
    """SHA-256 of one file's bytes (cached per file version: a build hashes each file once)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digest(paths, *extra: str) -> str:
    """SHA-256 over ``extra`` and the files' paths (relative to the project) and contents."""
    h = hashlib.sha256()
    for text in extra:
        h.update(text.encode())
        h.update(b"\0")
    inside = str(ROOT) + os.sep
    for path in sorted({os.path.abspath(p) for p in paths}, key=lambda p: p.split(os.sep)):
        label = path.removeprefix(inside) if path.startswith(inside) else os.path.basename(path)
        status = os.stat(path)
        h.update(label.encode())
        h.update(b"\0")
        h.update(_file_digest(Path(path), status.st_mtime_ns, status.st_size).encode())
        h.update(b"\0")
    return h.hexdigest()
