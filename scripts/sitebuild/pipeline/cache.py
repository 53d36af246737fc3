"""The one cache every mechanism uses (topics' texts and figures, notebooks, math).

An entry is a folder ``<cache>/<name>/`` holding ``entry.json`` (its key and a small JSON record)
and any files. It is valid only when its key equals the key asked for; a key is a hash of every
input that changes the output: the source files, the project code they import, and the versions
of Python and of the libraries that compute it (a NumPy upgrade can change a training run's last
digits). Files are written only when their bytes change, so `mkdocs serve` does not see its own
output as an edit and loop.
"""

from __future__ import annotations

import functools
import json
import platform
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from sitebuild.pipeline.sources import digest

RECORD = "entry.json"
PYTHON_LIBRARIES = ("numpy", "sympy", "matplotlib", "mpmath")


@functools.cache
def versions() -> dict[str, str]:
    """Python's and the computing libraries' versions, looked up once per process (a new version
    needs a new process anyway: the old one stays imported)."""
    found = {"python": platform.python_version()}
    found.update({name: version(name) for name in PYTHON_LIBRARIES})
    return found


def python_key(files: Iterable[Path], *extra: str) -> str:
    """The key of an output computed by Python from ``files``: their contents and the versions."""
    labels = [f"{name}={number}" for name, number in sorted(versions().items())]
    return digest(files, *extra, *labels)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically, and only when the bytes differ."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


@dataclass(frozen=True)
class Entry:
    folder: Path
    data: dict

    def path(self, file_name: str) -> Path:
        return self.folder / file_name


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder

    def lookup(self, name: str, key: str) -> Entry | None:
        """The entry ``name`` if it was stored with ``key`` and its files are all there."""
        folder = self.folder / name
        try:
            record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if record.get("key") != key or not all((folder / f).is_file() for f in record["files"]):
            return None
        return Entry(folder, record["data"])

    def store(
        self, name: str, key: str, data: dict, files: Mapping[str, bytes] | None = None
    ) -> Entry:
        """Write the entry's files, then its record (last: an interrupted store stays invalid);
        files left from an earlier version of the entry are removed."""
        folder = self.folder / name
        files = dict(files or {})
        if folder.is_dir():
            for old in folder.iterdir():
                if old.name != RECORD and old.name not in files:
                    shutil.rmtree(old) if old.is_dir() else old.unlink()
        for file_name, payload in sorted(files.items()):
            write_if_changed(folder / file_name, payload)
        record = {"key": key, "files": sorted(files), "data": data}
        text = json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        write_if_changed(folder / RECORD, text.encode())
        # The data as a later lookup reads it back (keys sorted, tuples as lists), so a page
        # built from a fresh entry is byte for byte the page built from the cache.
        return Entry(folder, json.loads(text)["data"])
