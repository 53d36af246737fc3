"""Shared test set-up: one strict build of the site per session (see harness.builds), and a way
for long tests to say what they are doing while they do it."""

from __future__ import annotations

import time

import pytest

from harness.builds import Build, mkdocs_build
from sitebuild import ROOT


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
def built_site(tmp_path_factory, progress) -> Build:
    """The whole site, built once with --strict from this checkout."""
    progress("building the site for every test that reads it (about 2 minutes, cache cold)")
    start = time.perf_counter()
    build = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    progress(f"built in {time.perf_counter() - start:.0f} s")
    assert build.returncode == 0, build.log
    return build
