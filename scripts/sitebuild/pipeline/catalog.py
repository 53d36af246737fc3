"""The catalog: every item of every topic, each module taken from the cache or built.

The stale modules are built in ``pool`` (pipeline/parallel.py), one task per topic: a topic's
modules share its experiment's ``functools.cache`` in the process that builds them. Results are
stored in a fixed order, so where they were computed cannot change what the cache holds.
"""

from __future__ import annotations

import importlib
import logging
import posixpath
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sitebuild import BuildError
from sitebuild.pipeline import figures, registry
from sitebuild.pipeline.cache import Cache, python_key
from sitebuild.pipeline.registry import KINDS, Module
from sitebuild.pipeline.sources import local_imports, project_modules


@dataclass
class Catalog:
    """Every item of every topic, by kind and qualified name ``<topic>.<name>``."""

    items: dict[str, dict[str, object]] = field(default_factory=lambda: {k: {} for k in KINDS})
    origin: dict[str, Path] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)  # site path -> cached figure file

    def add(self, module: Module, data: dict, folder: Path) -> None:
        for kind, named in data.items():
            for name, item in named.items():
                qualified = f"{module.topic}.{name}"
                if qualified in self.items[kind]:
                    first = self.origin[kind + qualified]
                    raise BuildError(
                        f"{kind} '{qualified}' is defined twice: in {first} and {module.path}"
                    )
                self.items[kind][qualified] = item
                self.origin[kind + qualified] = module.path
                if kind == "figure":
                    for variant in item["variants"]:
                        for theme in figures.THEMES:
                            site_path = figures.site_path(module.topic, name, theme, variant)
                            self.files[site_path] = folder / posixpath.basename(site_path)

    def lookup(self, kind: str, name: str, topic: str | None):
        """The item ``name`` of the page's ``topic``, or ``<topic>.<name>`` from any topic."""
        qualified = self.qualified(name, topic)
        if qualified not in self.items[kind]:
            mine = f"{topic}."
            known = sorted(q.removeprefix(mine) for q in self.items[kind] if q.startswith(mine))
            raise BuildError(
                f"unknown {kind} '{name}' (this page's topic '{topic}' has: "
                f"{', '.join(known) or 'none'}; name another topic's as <topic>.<name>)"
            )
        return self.items[kind][qualified]

    @staticmethod
    def qualified(name: str, topic: str | None) -> str:
        return name if "." in name else f"{topic}.{name}"


def compute_all(modules: list[Module], keep_going: bool = False) -> list:
    """``registry.compute`` for each module, in order, in one process: a parallel build's unit.

    A topic's modules import its experiment, whose runs are cached with ``functools.cache`` in
    the process that computes them; a topic built in one process runs them once. With
    ``keep_going`` (``mkdocs serve``), a module that fails gives its :class:`BuildError` in place
    of its result, and the topic's other modules are still built."""
    results = []
    for module in modules:
        try:
            results.append(registry.compute(module))  # looked up: tests count calls
        except BuildError as error:
            if not keep_going:
                raise
            results.append(BuildError(str(error)))
    return results


class Pending:
    """The topic modules a build is computing; :meth:`catalog` waits for them."""

    def __init__(self, cache: Cache, entries: dict, stale: dict, batch):
        self.cache, self.entries, self.stale, self.batch = cache, entries, stale, batch

    def catalog(self, failures: list | None = None) -> Catalog:
        """Every item, once the stale modules are built. A module that failed (``mkdocs serve``)
        is recorded in ``failures`` and left out."""
        for group, results in zip(self.stale.values(), self.batch.results(), strict=True):
            for (module, key), result in zip(group, results, strict=True):
                if isinstance(result, BuildError):
                    if failures is None:
                        raise result
                    failures.append(str(result))
                    self.entries[module] = None
                    continue
                data, files = result
                self.entries[module] = self.cache.store(f"topics/{module.name}", key, data, files)
        catalog = Catalog()
        for module, entry in self.entries.items():
            if entry is not None:
                catalog.add(module, entry.data, entry.folder)
        return catalog


def start(cache: Cache, pool, keep_going: bool = False) -> Pending:
    """Look every topic module up in the cache and start computing the stale ones in ``pool``
    (a :class:`~sitebuild.pipeline.parallel.Pool`), one task per topic: its stale modules, in
    order, in one process."""
    from sitebuild.pipeline.parallel import Task

    importlib.invalidate_caches()  # a module added since the last build (mkdocs serve) is found
    entries, stale, modules = {}, {}, project_modules()
    for module in registry.modules():
        key = python_key(local_imports(module.path, modules) | set(registry.PRODUCERS))
        entry = cache.lookup(f"topics/{module.name}", key)
        entries[module] = entry
        if entry is None:
            stale.setdefault(module.topic, []).append((module, key))
    if stale:
        # Import the topics afresh (mkdocs serve keeps the process), once per build: a module
        # imported by several others (an experiment) then runs once, its functools.cache shared.
        # (Worker processes are new for each build.)
        for name in [name for name in sys.modules if name.split(".")[0] == registry.TOPICS]:
            del sys.modules[name]
    tasks = [
        Task(
            f"topics.{topic} ({', '.join(module.path.stem for module, _ in group)})",
            compute_all,
            ([module for module, _ in group], keep_going),
        )
        for topic, group in stale.items()
    ]
    return Pending(cache, entries, stale, pool.run("topics", "building", tasks))


def build(cache: Cache, log: logging.Logger, failures: list | None = None, pool=None) -> Catalog:
    """Build every topic module whose cache entry is stale, then list every item; ``pool``
    (default: this process alone) says where. With a ``failures`` list (``mkdocs serve``), a
    module that fails is recorded there and left out instead of stopping the build."""
    from sitebuild.pipeline.parallel import Pool

    pending = start(cache, pool or Pool(1, log), keep_going=failures is not None)
    return pending.catalog(failures)
