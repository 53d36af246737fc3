"""Build-time benchmark: clean builds (serial and parallel), a rebuild with nothing changed, and
bare Material builds.

    .venv/bin/python benchmarks/build_speed.py [--runs 3] [--clean-runs 1] [--keep FOLDER]

A clean build (empty cache) generates every figure, value, claim and notebook. It is timed twice:
serial (the plugin's ``jobs: 1``, everything in one process, one after another) and parallel
(the default: what is not cached is computed in a process per core, pipeline/parallel.py), and
the factor between them is printed.

Prints seconds and ratios to a bare build: the same Markdown pages the site renders (every page,
notebook pages included, with derivations, values and figures already written into them, and the
generated files beside them), built by plain mkdocs-material with the site's theme, extensions and
plugins but without its own plugin. That is what the site would cost if it generated nothing; the
difference is the price of the plugin on a build whose caches are warm. Target: rebuild <= 1.5 x
bare. Also printed, for comparison with earlier figures: a bare build of the source pages alone
(markers left as text, no notebook pages), a smaller site than the one served.

This is a script that prints figures, not a timed test: timings swing with the machine's load.

``--keep FOLDER`` keeps the clean builds (``serial-0/``, ``parallel-0/``: the project copy with its
cache, ``site/`` and log) for the tests, which the test command then runs with
``KEPT_BUILDS=FOLDER``: the suite's shared build and the reproducibility test's serial build are
these, not two more clean builds of the same sources (``harness.builds.kept`` takes a build only
if the checkout's sources are still those it was made from).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from harness.builds import (
    copy_project,
    environment,
    keep,
    mkdocs_build,
    set_jobs,
    sources_digest,
)
from sitebuild import ROOT
from sitebuild.pipeline.parallel import cores

TARGET_RATIO = 1.5
SITE_PLUGIN = "initsite"  # the site's own build, left out of the bare builds


def bare_config(docs: Path, destination: Path, keep_nav: bool) -> None:
    """The site's mkdocs.yml without its own plugin, for the pages in ``docs``."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"] if p != SITE_PLUGIN]
    config.pop("watch", None)
    config["strict"] = False  # a bare build may lack targets the plugin would provide
    if not keep_nav:
        config["nav"] = [page.name for page in sorted(docs.glob("*.md"))]
        extra_css = config.get("extra_css", [])
        config["extra_css"] = [c for c in extra_css if not c.startswith("assets/")]
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


def bare_source_project(destination: Path) -> Path:
    """The source Markdown pages (markers left as text, no notebook pages), without the plugin."""
    docs = destination / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("notebooks"))
    bare_config(docs, destination, keep_nav=False)
    return destination


# A hook added to a built project: writes out what the site's plugin produced. It runs last
# (lowest priority), so each page's Markdown is final: markers expanded, notebook pages rendered.
DUMP_HOOK = """
from pathlib import Path
from mkdocs.plugins import event_priority

OUT = Path({out!r})


def _write(uri, data):
    target = OUT / uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


@event_priority(-100)
def on_files(files, config):
    for file in files:
        if file.generated_by:  # figures, notebooks, KaTeX's stylesheet and fonts
            _write(file.src_uri, file.content_bytes)
        elif not file.src_uri.endswith(".md"):
            _write(file.src_uri, Path(file.abs_src_path).read_bytes())
    return files


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    _write(page.file.src_uri, markdown.encode("utf-8"))
    return markdown
"""


def bare_rendered_project(project: Path, destination: Path) -> Path:
    """Every page of the built ``project`` as the Markdown its plugin produced, with the files
    they generated, under the site's configuration without the plugin (navigation kept)."""
    docs = destination / "docs"
    hook = destination / "dump_hook.py"
    destination.mkdir(parents=True)
    hook.write_text(DUMP_HOOK.format(out=str(docs)), encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [*config.get("hooks", []), str(hook)]
    dump_config = project / "mkdocs-dump.yml"
    dump_config.write_text(yaml.safe_dump(config), encoding="utf-8")
    timed_build(project, "-f", dump_config.name, "--site-dir", str(destination / "unused-site"))
    bare_config(docs, destination, keep_nav=True)
    return destination


def timed_build(project: Path, *options: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", *options],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment(project),
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"build of {project} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def timed_clean_build(project: Path, digest: str) -> float:
    """A strict build of ``project`` into its ``site/``, timed and kept with its log."""
    start = time.perf_counter()
    build = mkdocs_build(project, project / "site")
    elapsed = time.perf_counter() - start
    if build.returncode != 0:
        sys.exit(f"build of {project} failed:\n{build.log}")
    keep(build, project, digest)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of the fast timings")
    parser.add_argument("--clean-runs", type=int, default=1, help="repetitions of the clean build")
    parser.add_argument(
        "--keep", type=Path, help="keep the clean builds here (emptied first), for the tests"
    )
    arguments = parser.parse_args()
    runs = arguments.runs
    if arguments.keep:
        shutil.rmtree(arguments.keep, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="build-speed-") as scratch:
        scratch = Path(scratch)
        clean = arguments.keep.resolve() if arguments.keep else scratch
        digest = sources_digest()  # of the sources copied next
        clean_times, serial_times = [], []
        for run in range(arguments.clean_runs):  # empty .cache: everything is generated
            serial = set_jobs(copy_project(clean / f"serial-{run}"), 1)
            serial_times.append(timed_clean_build(serial, digest))
            project = copy_project(clean / f"parallel-{run}")
            clean_times.append(timed_clean_build(project, digest))
        bare = bare_rendered_project(project, scratch / "bare")
        bare_source = bare_source_project(scratch / "bare-source")
        # Same sources: everything from the cache. Interleaved, so that a change in the
        # machine's load touches all three.
        rebuild_times, bare_times, bare_source_times = [], [], []
        for _ in range(runs):
            bare_times.append(timed_build(bare))
            rebuild_times.append(timed_build(project, "--site-dir", str(scratch / "rebuilt")))
            bare_source_times.append(timed_build(bare_source))
        pages = [sum(1 for _ in (b / "docs").rglob("*.md")) for b in (bare, bare_source)]
    bare_s = statistics.median(bare_times)
    rows = [
        ("bare build, the site's pages", bare_s),
        ("bare build, source pages only", statistics.median(bare_source_times)),
        ("clean build, serial (jobs: 1)", statistics.median(serial_times)),
        (f"clean build, {cores()} processes", statistics.median(clean_times)),
        ("rebuild, nothing changed", statistics.median(rebuild_times)),
    ]
    print(
        f"medians of {runs} runs ({len(clean_times)} clean), on {os.cpu_count()} cores; "
        f"bare builds of {pages[0]} and {pages[1]} pages"
    )
    for label, seconds in rows:
        print(f"{label:32s} {seconds:7.2f} s   {seconds / bare_s:5.2f} x bare")
    ratio = rows[-1][1] / bare_s
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"rebuild / bare = {ratio:.3f} ({verdict} the target of {TARGET_RATIO} x)")
    speedup = statistics.median(serial_times) / statistics.median(clean_times)
    print(f"clean build: parallel is {speedup:.2f} x faster than serial")


if __name__ == "__main__":
    main()
