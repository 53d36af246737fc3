"""Shared test set-up: one strict build of the site per session (see harness.builds)."""

from __future__ import annotations

import pytest

from harness.builds import Build, mkdocs_build
from sitebuild import ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The whole site, built once with --strict from this checkout."""
    build = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.log
    return build
