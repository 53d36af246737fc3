"""Shared test set-up: scripts/ on the path, and one strict build of the site per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))


@dataclass(frozen=True)
class Build:
    returncode: int
    log: str
    site: Path


def mkdocs_build(project: Path, site_dir: Path) -> Build:
    """Run `mkdocs build --strict` on a project folder into site_dir; return the code and log."""
    # A fixed SOURCE_DATE_EPOCH makes the build date (sitemap, gzip headers) reproducible.
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
    )
    return Build(done.returncode, done.stdout + done.stderr, site_dir)


def copy_project(destination: Path, cache: bool = False) -> Path:
    """The project's sources in a new folder, ready to build; ``cache`` also copies `.cache/`
    (so a build there generates only what differs from this checkout)."""
    destination.mkdir(parents=True)
    for name in ("docs", "scripts"):
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(ROOT / name, destination / name, ignore=ignore)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    if cache and (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", destination / ".cache")
    return destination


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The whole site, built once with --strict from this checkout."""
    build = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.log
    return build
