"""Content hashes of a script and of the project code it imports, for build caches."""

from __future__ import annotations

import ast
import functools
import hashlib
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=1024)
def _imported_names(path: Path, mtime_ns: int, size: int) -> tuple[str, ...]:
    """Top-level module names a file imports (cached per file version: builds parse them often)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module.split(".")[0])
    return tuple(sorted(set(names)))


def local_imports(source: Path) -> set[Path]:
    """The files under scripts/ that ``source`` imports, followed transitively.

    A package is taken whole (every ``.py`` below it): coarser than needed, never stale.
    """
    seen: set[Path] = set()
    pending = [source]
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        status = path.stat()
        for top in _imported_names(path, status.st_mtime_ns, status.st_size):
            package, module = SCRIPTS / top, SCRIPTS / f"{top}.py"
            if package.is_dir():
                pending.extend(sorted(package.rglob("*.py")))
            elif module.is_file():
                pending.append(module)
    return seen


@functools.lru_cache(maxsize=4096)
def _file_digest(path: Path, mtime_ns: int, size: int) -> str:
    """SHA-256 of one file's bytes (cached per file version: a build hashes each file once)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digest(paths, *extra: str) -> str:
    """SHA-256 over the files' paths (relative to scripts/ when inside it) and contents."""
    h = hashlib.sha256()
    for text in extra:
        h.update(text.encode())
        h.update(b"\0")
    for path in sorted(Path(p).resolve() for p in paths):
        try:
            label = str(path.relative_to(SCRIPTS))
        except ValueError:
            label = path.name
        status = path.stat()
        h.update(label.encode())
        h.update(b"\0")
        h.update(_file_digest(path, status.st_mtime_ns, status.st_size).encode())
        h.update(b"\0")
    return h.hexdigest()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically, and only when the bytes differ (keeps `mkdocs serve` from looping)."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True
