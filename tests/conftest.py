"""Shared test set-up: one strict build of the site per session (see harness.builds), and a way
for long tests to say what they are doing while they do it.

``KEPT_BUILDS=FOLDER`` in the environment takes clean builds the build benchmark kept there
(``build_speed.py --keep FOLDER``) instead of making them again, when they were made from this
checkout's sources as they are now: the test command runs the benchmark first, which has just
built the site twice, serial and in processes, from an empty cache. (An environment variable, not
a pytest option: an option added in this conftest is unknown when pytest parses a command line
that names no test path, as the test command's does not.)"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from harness.builds import Build, kept, mkdocs_build
from sitebuild import ROOT


@pytest.fixture(scope="session")
def kept_build():
    """``kept_build("serial")`` or ``("parallel")``: the clean build of this checkout's sources
    kept by the build benchmark (its project folder is ``build.site.parent``), or None."""
    folder = os.environ.get("KEPT_BUILDS")

    def find(kind: str) -> Build | None:
        return kept(Path(folder).resolve() / f"{kind}-0") if folder else None

    return find


@pytest.fixture(scope="session")
def progress(request):
    """``progress("message")`` prints a line at once, past pytest's capture, so a test that runs
    for minutes is not silent; ``-q`` silences it."""
    config = request.config
    capture = config.pluginmanager.getplugin("capturemanager")
    reporter = config.pluginmanager.getplugin("terminalreporter")

    def say(message: str) -> None:
        if reporter is None or config.get_verbosity() < 0:
            return
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"    {message}")

    return say


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, progress, kept_build) -> Build:
    """The whole site, built once with --strict from this checkout; or, in a checkout with no
    cache yet (as in CI), the clean build of its sources the build benchmark kept, whose cache
    then becomes the checkout's, as if that build had been made here."""
    parallel = kept_build("parallel")
    if parallel and not (ROOT / ".cache").exists():
        shutil.copytree(parallel.site.parent / ".cache", ROOT / ".cache")
        progress(f"the site as the build benchmark built it, clean: {parallel.site}")
        return parallel
    progress("building the site for every test that reads it (about 2 minutes, cache cold)")
    start = time.perf_counter()
    build = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    progress(f"built in {time.perf_counter() - start:.0f} s")
    assert build.returncode == 0, build.log
    return build
