"""Two clean builds of the same sources produce byte-identical sites, and so does a build that
takes everything from the cache (and says nothing of work it did not do). One clean build is
serial, in one process (the plugin's ``jobs: 1``), the other computes what is not cached in a
process per core, so the test holds the parallel build to the serial one's bytes as well as to
itself."""

from __future__ import annotations

import difflib
import filecmp
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness.builds import copy_project, mkdocs_build, set_jobs

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


def test_a_serial_and_a_parallel_clean_build_and_a_cached_one_are_byte_identical(
    tmp_path: Path, progress
):
    first = set_jobs(copy_project(tmp_path / "first"), 1)  # no cache: everything is generated
    second = set_jobs(copy_project(tmp_path / "second"), 2)  # a process per core (2 here)
    # At the same time: three processes on the machine's cores, so neither build has a quiet
    # machine, and the pair takes about as long as the serial one alone.
    progress("two clean builds at once, one serial, one parallel, no cache (about 5 minutes)")
    with ThreadPoolExecutor(2) as pool:
        builds = list(pool.map(lambda p: mkdocs_build(p, p / "site"), [first, second]))
    progress("a third build, everything from the first build's cache")
    third = copy_project(tmp_path / "third")
    shutil.copytree(first / ".cache", third / ".cache")
    builds.append(mkdocs_build(third, third / "site"))
    for build in builds:
        assert build.returncode == 0, build.log
    assert " processes: " not in builds[0].log and " processes: " in builds[1].log
    # A first build says what it is doing, through MkDocs' logger; a build from the cache is quiet.
    said = ("topics: building ", "notebooks: executing ", "math: typesetting ")
    assert all(words in build.log for build in builds[:2] for words in said)
    assert not any(words in builds[2].log for words in (*said, "topics: ", "notebooks: "))
    site_a, site_b, site_c = (build.site for build in builds)
    assert (site_a / "sitemap.xml").is_file()
    assert (site_a / "search" / "search_index.json").is_file()
    assert list(site_a.rglob("*.svg")) and list(site_a.rglob("*.ipynb"))
    assert_identical(site_a, site_b)
    assert_identical(site_a, site_c)  # what is read back from the cache renders the same
