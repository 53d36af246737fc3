"""Two clean builds of the same sources produce byte-identical sites."""

from __future__ import annotations

import filecmp
from pathlib import Path

from conftest import copy_project, mkdocs_build


def differing_files(a: Path, b: Path) -> list[str]:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    if files_a != files_b:
        return [f"file lists differ: {sorted(set(map(str, files_a)) ^ set(map(str, files_b)))}"]
    return [str(f) for f in files_a if not filecmp.cmp(a / f, b / f, shallow=False)]


def test_two_clean_builds_are_byte_identical(tmp_path: Path):
    first = copy_project(tmp_path / "first")  # no cache: everything is generated again
    second = copy_project(tmp_path / "second")
    builds = [mkdocs_build(project, project / "site") for project in (first, second)]
    for build in builds:
        assert build.returncode == 0, build.log
    site = builds[0].site
    assert (site / "sitemap.xml").is_file() and (site / "search" / "search_index.json").is_file()
    assert list(site.rglob("*.svg")) and list(site.rglob("*.ipynb"))
    assert differing_files(builds[0].site, builds[1].site) == []
