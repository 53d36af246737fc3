"""Lighthouse on a phone: every page of a built site against a bare Material page, in one run.

    .venv/bin/python benchmarks/lighthouse.py [SITE_DIR] [--runs 2] [--pages xavier/ he/ ...]
                                              [--desktop]

Lighthouse's default mobile preset (a mid-range phone: 4x CPU slowdown, slow 4G, simulated), as a
reader on a phone meets the site. Both sites are served gzipped, as GitHub Pages serves them. The
bare page (harness/bare.py: the site's theme and navigation and its home page's prose, without
our plugin, glightbox, extra CSS or JavaScript, or math) is built and measured in the same run,
once per round, and every page is measured once per round; the rounds are interleaved, so a
change in the machine's load touches the bare page and the pages alike. Printed per page: the
median performance score and its ratio to the bare page's median (target: 0.95 or more), the
median metrics, the elements, the bytes transferred, and the other three categories' scores.

Timings swing with the machine's load: this prints them and exits 0; no test asserts them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from harness.bare import build_bare
from harness.browser import page_urls, serve
from harness.lighthouse import CATEGORIES, METRICS, lighthouse
from sitebuild import ROOT

TARGET = 0.95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--runs", type=int, default=2, help="audits of every page (and the bare)")
    parser.add_argument("--pages", nargs="*", help="only these pages (as printed: xavier/ ...)")
    parser.add_argument("--desktop", action="store_true", help="desktop preset instead")
    arguments = parser.parse_args()
    site = Path(arguments.site)
    if not (site / "index.html").is_file():
        sys.exit(f"no built site at {site}: run `.venv/bin/mkdocs build --strict` first")
    pages = page_urls(site)
    if arguments.pages:
        wanted = {p.strip("/") + "/" if p.strip("/") else "" for p in arguments.pages}
        pages = [p for p in pages if p in wanted]
    mobile = not arguments.desktop
    audits: dict[str, list] = {"(bare)": [], **{p: [] for p in pages}}
    with tempfile.TemporaryDirectory(prefix="lighthouse-bare-") as scratch:
        bare = build_bare(Path(scratch) / "bare")
        with serve(bare, compress=True) as bare_base, serve(site, compress=True) as base:
            for round_ in range(1, arguments.runs + 1):
                print(f"round {round_} of {arguments.runs}: bare page and {len(pages)} pages",
                      file=sys.stderr, flush=True)  # fmt: skip
                audits["(bare)"].append(lighthouse(bare_base, CATEGORIES, mobile))
                for path in pages:
                    audits[path].append(lighthouse(base + path, CATEGORIES, mobile))
    report(audits, arguments.runs, mobile)


def report(audits: dict[str, list], runs: int, mobile: bool) -> None:
    def median(values):
        return statistics.median(values)

    bare = median(a.scores["performance"] for a in audits["(bare)"])
    names = list(METRICS.values())
    print(
        f"Lighthouse {'mobile' if mobile else 'desktop'} preset, gzipped, medians of {runs} "
        f"runs, on {os.cpu_count()} cores; bare Material page: performance {bare:.2f}"
    )
    header = f"{'page':34s} {'perf':>5s} {'ratio':>5s} " + " ".join(f"{n:>6s}" for n in names)
    print(header + f" {'elems':>6s} {'KB gz':>6s} {'a11y':>4s} {'best':>4s} {'seo':>4s}")
    below, worst_cls = [], 0.0
    for path, runs_of_page in audits.items():
        score = median(a.scores["performance"] for a in runs_of_page)
        ratio = score / bare if bare else float("nan")
        metrics = [median(a.metrics[n] for a in runs_of_page) for n in names]
        cls = max(a.metrics["CLS"] for a in runs_of_page)
        worst_cls = max(worst_cls, cls) if path != "(bare)" else worst_cls
        shown = " ".join(
            f"{value:6.3f}" if name == "CLS" else f"{value:6.0f}"
            for name, value in zip(names, metrics, strict=True)
        )
        others = " ".join(
            f"{round(min(a.scores[c] for a in runs_of_page) * 100):4d}" for c in CATEGORIES[1:]
        )
        elements = median(a.elements for a in runs_of_page)
        weight = median(a.bytes for a in runs_of_page) / 1024
        label = path if path == "(bare)" else f"/{path}"
        print(
            f"{label:34s} {score:5.2f} {ratio:5.2f} {shown} {elements:6.0f} {weight:6.0f} {others}"
        )
        if path != "(bare)" and ratio < TARGET:
            below.append(label)
    print(
        f"ratio to bare >= {TARGET}: {len(audits) - 1 - len(below)} of {len(audits) - 1} pages"
        + (f" (below: {', '.join(below)})" if below else "")
        + f"; largest CLS {worst_cls:.3f} (target < 0.05)"
    )


if __name__ == "__main__":
    main()
