"""What the suite reuses of the build benchmark's clean builds: only a build of these sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.builds import Build, copy_project, keep, kept, sources_digest


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("copy") / "project")


def test_a_copy_has_the_checkouts_digest_until_a_source_changes(project: Path):
    digest = sources_digest()
    assert sources_digest(project) == digest
    (project / "scripts" / "__pycache__").mkdir(exist_ok=True)
    (project / "scripts" / "__pycache__" / "x.pyc").write_bytes(b"not read by a build")
    assert sources_digest(project) == digest
    page = project / "docs" / "index.md"
    text = page.read_bytes()
    page.write_bytes(text + b" ")
    assert sources_digest(project) != digest
    page.write_bytes(text)
    (project / "mkdocs.yml").write_text("site_name: other\n", encoding="utf-8")
    assert sources_digest(project) != digest


def test_a_kept_build_is_taken_only_while_the_sources_are_those_it_was_made_from(tmp_path: Path):
    build = Build(0, "INFO - topics: building 1 of 1\n", tmp_path / "site")
    assert kept(tmp_path) is None  # nothing kept
    keep(build, tmp_path, sources_digest())
    assert kept(tmp_path) == build
    keep(build, tmp_path, "0" * 64)  # made from other sources
    assert kept(tmp_path) is None
    with pytest.raises(RuntimeError, match="failed build"):
        keep(Build(1, "ERROR - a step is false", tmp_path / "site"), tmp_path, sources_digest())
