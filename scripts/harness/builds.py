"""Build the site, or a copy of its sources, with `mkdocs build --strict`."""

from __future__ import annotations

import hashlib
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


SOURCES = ("docs", "scripts", "mkdocs.yml")  # what a build reads from the project
LEFT_OUT = shutil.ignore_patterns("__pycache__", "*.egg-info")  # and what it does not


def sources_digest(project: Path = ROOT) -> str:
    """A digest of everything a build of ``project`` reads (what ``copy_project`` copies)."""
    digest = hashlib.sha256()

    def add(path: Path) -> None:
        if path.is_dir():
            left_out = LEFT_OUT(str(path), [p.name for p in path.iterdir()])
            for child in sorted(path.iterdir()):
                if child.name not in left_out:
                    add(child)
        else:
            digest.update(f"{path.relative_to(project).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())

    for name in SOURCES:
        add(project / name)
    return digest.hexdigest()


# A clean build kept for the tests (``build_speed.py --keep``): the project copy it was made in
# (sources, .cache, site/) with the build's log and the digest of the checkout it was copied from.
KEPT_LOG, KEPT_SOURCES = "build.log", "sources.sha256"


def keep(build: Build, project: Path, digest: str) -> None:
    """Record ``build`` of ``project`` (a copy of the checkout whose sources had ``digest``)."""
    if build.returncode != 0:
        raise RuntimeError(f"a failed build of {project} is not kept:\n{build.log}")
    (project / KEPT_LOG).write_text(build.log, encoding="utf-8")
    (project / KEPT_SOURCES).write_text(digest, encoding="utf-8")


def kept(project: Path) -> Build | None:
    """The build kept in ``project``, if there is one and it was made from this checkout's
    sources as they are now; otherwise None (the caller builds)."""
    if not (project / KEPT_SOURCES).is_file():
        return None
    if (project / KEPT_SOURCES).read_text(encoding="utf-8") != sources_digest(ROOT):
        return None
    return Build(0, (project / KEPT_LOG).read_text(encoding="utf-8"), project / "site")


def copy_project(destination: Path, cache: bool = False) -> Path:
    """The project's sources in a new folder, ready to build; ``cache`` also copies `.cache/`
    (so a build there generates only what differs from this checkout)."""
    destination.mkdir(parents=True)
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, destination / name, ignore=LEFT_OUT)
        else:
            shutil.copy(ROOT / name, destination / name)
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    if cache and (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", destination / ".cache")
    return destination
