"""Named things defined by the modules of a package (derivations, values), as page text.

Each module of ``scripts/<package>/`` may define any number of top-level objects of one kind
(Derivation, Value), each with a unique ``name``. :func:`texts` turns every one into the text a
page inserts (a checked derivation's Markdown, a computed value) and caches the result per module,
keyed on the hash of the module and the project code it imports: an unchanged module costs a JSON
read, not a SymPy proof or an experiment.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path

from sitebuild import BuildError
from sitebuild.sources import SCRIPTS, digest, local_imports, write_if_changed


def module_files(package: str) -> list[Path]:
    return sorted(p for p in (SCRIPTS / package).glob("*.py") if not p.stem.startswith("_"))


def objects_of(path: Path, package: str, kind: type) -> list:
    """Import one module (afresh) and return its top-level instances of ``kind``."""
    qualified = f"{package}.{path.stem}"
    try:
        module = importlib.reload(importlib.import_module(qualified))
    except Exception as error:
        raise BuildError(f"{path}: importing it failed: {type(error).__name__}: {error}") from error
    return [obj for obj in vars(module).values() if isinstance(obj, kind)]


def texts(
    package: str,
    kind: Callable[[], type],
    to_text: Callable[[object], str],
    cache_dir: Path | None,
) -> dict[str, str]:
    """name -> text for every object of class ``kind()`` in the package, through the cache.

    ``kind`` is a function that returns the class, so that a build whose modules are all cached
    never imports what defining them needs (SymPy, for derivations: 0.4 s).
    """
    found: dict[str, str] = {}
    origin: dict[str, Path] = {}
    for path in module_files(package):
        key = digest(local_imports(path))
        cache_file = cache_dir / package / f"{path.stem}.json" if cache_dir else None
        module_texts = None
        if cache_file and cache_file.exists():
            cached = json.loads(cache_file.read_text(encoding="utf-8"))
            if cached.get("key") == key:
                module_texts = cached["texts"]
        if module_texts is None:
            module_texts = {}
            for obj in objects_of(path, package, kind()):
                if obj.name in module_texts:
                    raise BuildError(f"{path}: {type(obj).__name__} '{obj.name}' is defined twice")
                module_texts[obj.name] = to_text(obj)
            if cache_file:
                data = {"key": key, "texts": module_texts}
                write_if_changed(cache_file, json.dumps(data, indent=1, sort_keys=True).encode())
        for name, text in module_texts.items():
            if name in found:
                raise BuildError(f"'{name}' is defined twice: in {origin[name]} and {path}")
            found[name] = text
            origin[name] = path
    return found
