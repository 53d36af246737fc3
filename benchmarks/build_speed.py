"""Build-time benchmark: clean build, rebuild with nothing changed, and a bare Material build.

    .venv/bin/python benchmarks/build_speed.py [--runs 3]

Prints seconds and the ratio to the bare build (the same Markdown pages built by plain
mkdocs-material with no hooks, plugins or notebooks). Target: rebuild <= 1.5 x bare. This is a
script that prints figures, not a timed test: timings swing with the machine's load.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import copy_project  # noqa: E402

TARGET_RATIO = 1.5


def bare_project(destination: Path) -> Path:
    """The site's Markdown pages (markers left as text) under the site's own theme settings,
    Markdown extensions and plugins, without its hooks: what the site would cost if it
    generated nothing."""
    docs = destination / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("notebooks"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config.pop("watch", None)
    config["strict"] = False  # links to generated pages (notebooks) have no target here
    config["nav"] = [page.name for page in sorted(docs.glob("*.md"))]
    config["extra_css"] = [c for c in config.get("extra_css", []) if not c.startswith("assets/")]
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return destination


def timed_build(project: Path) -> float:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"build of {project} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of the fast timings")
    parser.add_argument("--clean-runs", type=int, default=1, help="repetitions of the clean build")
    arguments = parser.parse_args()
    runs = arguments.runs
    with tempfile.TemporaryDirectory(prefix="build-speed-") as scratch:
        scratch = Path(scratch)
        bare = bare_project(scratch / "bare")
        bare_times = [timed_build(bare) for _ in range(runs)]
        clean_times = []
        for run in range(arguments.clean_runs):
            project = copy_project(scratch / f"site-{run}")
            clean_times.append(timed_build(project))  # empty .cache: everything is generated
        # Same sources: everything from the cache. Alternate with the bare build so that a
        # change in the machine's load touches both.
        rebuild_times = []
        for _ in range(runs):
            rebuild_times.append(timed_build(project))
            bare_times.append(timed_build(bare))
    bare_s = statistics.median(bare_times)
    rows = [
        ("bare mkdocs-material build", bare_s),
        ("clean build (empty cache)", statistics.median(clean_times)),
        ("rebuild, nothing changed", statistics.median(rebuild_times)),
    ]
    print(
        f"medians: {len(bare_times)} bare builds, {len(clean_times)} clean, "
        f"{len(rebuild_times)} rebuilds, on {os.cpu_count()} cores"
    )
    for label, seconds in rows:
        print(f"{label:30s} {seconds:7.2f} s   {seconds / bare_s:5.2f} x bare")
    ratio = rows[2][1] / bare_s
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"rebuild / bare = {ratio:.2f} ({verdict} the target of {TARGET_RATIO} x)")


if __name__ == "__main__":
    main()
