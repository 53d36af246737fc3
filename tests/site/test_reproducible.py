"""A clean serial build, the suite's own build and a build that takes everything from the cache
produce byte-identical sites (and the cached build says nothing of work it did not do).

The clean build is serial, in one process (the plugin's ``jobs: 1``). The suite's own build
(``built_site``, shared by every test that reads the site) is the other side: in a clean checkout,
as in CI, it has no cache and computes in a process per core, so the test holds the parallel
build to the serial one's bytes; on a developer's machine it comes from the checkout's cache, so
the test holds a cache filled over many builds to a clean build's bytes. (A parallel clean build
of its own cost the test two and a half minutes of the suite's thirty, measured on two cores.)
The serial build is the one the build benchmark kept when the test command ran it (``conftest``'s
``KEPT_BUILDS``), or else one made here.
"""

from __future__ import annotations

import difflib
import filecmp
import shutil
from pathlib import Path

from harness.builds import Build, copy_project, mkdocs_build, set_jobs
from sitebuild.pipeline.parallel import cores

SHOWN_LINES = 40  # of a differing text file's diff, in the failure message


def differing_files(a: Path, b: Path) -> list[str]:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    if files_a != files_b:
        return [f"file lists differ: {sorted(set(map(str, files_a)) ^ set(map(str, files_b)))}"]
    return [str(f) for f in files_a if not filecmp.cmp(a / f, b / f, shallow=False)]


def first_difference(a: Path, b: Path) -> str:
    """The start of a unified diff of two versions of a file, to name what changed."""
    try:
        texts = [p.read_text() for p in (a, b)]
    except UnicodeDecodeError:
        return f"{a}: binary files differ"
    if texts[0].count("\n") < 3:  # one long line (search index): split it so the diff stays short
        texts = [text.replace(",", ",\n") for text in texts]
    lines_a, lines_b = (text.splitlines() for text in texts)
    diff = difflib.unified_diff(lines_a, lines_b, str(a), str(b), n=1, lineterm="")
    return "\n".join(line[:300] for line in list(diff)[:SHOWN_LINES])


def assert_identical(site_a: Path, site_b: Path) -> None:
    differing = differing_files(site_a, site_b)
    details = "\n\n".join(first_difference(site_a / f, site_b / f) for f in differing[:3])
    assert differing == [], details


def test_a_serial_clean_build_the_suites_build_and_a_cached_one_are_byte_identical(
    built_site: Build, kept_build, tmp_path: Path, progress
):
    serial = kept_build("serial")
    if serial:
        progress(f"the clean serial build the build benchmark kept: {serial.site}")
        first = serial.site.parent
    else:
        first = set_jobs(copy_project(tmp_path / "first"), 1)  # no cache: everything is generated
        progress("a clean build, serial, no cache (about 5 minutes on two cores)")
        serial = mkdocs_build(first, first / "site")
    progress("a build with everything from the serial build's cache")
    third = copy_project(tmp_path / "third")
    shutil.copytree(first / ".cache", third / ".cache")
    cached = mkdocs_build(third, third / "site")
    for build in (serial, cached):
        assert build.returncode == 0, build.log
    # A first build says what it is doing, through MkDocs' logger; a build from the cache is quiet.
    said = ("topics: building ", "notebooks: executing ", "math: typesetting ")
    assert all(words in serial.log for words in said) and " processes: " not in serial.log
    assert not any(words in cached.log for words in (*said, "topics: ", "notebooks: "))
    if "topics: building " in built_site.log and cores() > 1:  # a clean checkout: computed here
        assert " processes: " in built_site.log, "the suite's clean build ran in one process"
    progress(
        "the suite's build "
        + ("computed in processes" if " processes: " in built_site.log else "came from the cache")
    )
    site_a = serial.site
    assert (site_a / "sitemap.xml").is_file()
    assert (site_a / "search" / "search_index.json").is_file()
    assert list(site_a.rglob("*.svg")) and list(site_a.rglob("*.ipynb"))
    assert_identical(site_a, built_site.site)
    assert_identical(site_a, cached.site)  # what is read back from the cache renders the same
