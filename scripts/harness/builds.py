"""Build the site, or a copy of its sources, with `mkdocs build --strict`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sitebuild import ROOT

# A fixed SOURCE_DATE_EPOCH makes the build date (sitemap, gzip headers) reproducible.
SOURCE_DATE_EPOCH = "1767225600"


@dataclass(frozen=True)
class Build:
    returncode: int
    log: str
    site: Path


def environment(project: Path) -> dict[str, str]:
    """The build's environment: a copy of the project imports its own scripts/, ahead of the
    installed ones (PYTHONPATH precedes the editable install on the import path)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    if project.resolve() != ROOT:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(project / "scripts"), env.get("PYTHONPATH", "")) if p
        )
    return env


def mkdocs(project: Path, command: str, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", command, *options],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment(project),
    )


def mkdocs_build(project: Path, site_dir: Path) -> Build:
    """Run `mkdocs build --strict` on a project folder into site_dir; return the code and log."""
    done = mkdocs(project, "build", "--strict", "--site-dir", str(site_dir))
    return Build(done.returncode, done.stdout + done.stderr, site_dir)


def set_jobs(project: Path, jobs: int) -> Path:
    """Give the site's plugin ``jobs`` (1: a serial build, in one process) in ``project``'s
    mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if text.count("\n  - initsite\n") != 1:
        raise RuntimeError(f"{config}: no `- initsite` line to give jobs to")
    config.write_text(text.replace("\n  - initsite\n", f"\n  - initsite:\n      jobs: {jobs}\n"))
    return project


def copy_project(destination: Path, cache: bool = False) -> Path:
    """The project's sources in a new folder, ready to build; ``cache`` also copies `.cache/`
    (so a build there generates only what differs from this checkout)."""
    destination.mkdir(parents=True)
    for name in ("docs", "scripts"):
        ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
        shutil.copytree(ROOT / name, destination / name, ignore=ignore)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    if cache and (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", destination / ".cache")
    return destination
