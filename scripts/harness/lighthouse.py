"""Lighthouse on the pages of a built site, served on 127.0.0.1: scores, metrics and weights.

Runs Lighthouse from npm with Debian's chromium. Two uses:

- tests (tests/site/test_lighthouse.py): accessibility, best practices and SEO, which are not
  timings, on every page with the desktop preset; a page below the bar is audited again, up to
  twice, and its best run kept (filters a one-off stall of a loaded machine without hiding a
  page that really fails).
- the benchmark (benchmarks/lighthouse.py): every category, performance included, with the
  default mobile preset (a mid-range phone: 4x CPU slowdown, slow 4G, simulated), as a reader on
  a phone meets the site. Performance is a timing: it swings with the machine's load, so it is
  printed as a ratio to a bare Material page measured in the same run, never asserted.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from harness.browser import CHROMIUM, CHROMIUM_ARGS, page_urls, serve
from sitebuild import ROOT
from sitebuild.pipeline.parallel import cores

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHECKED = ("accessibility", "best-practices", "seo")  # not timings: the tests assert these
BAR = 0.95
RETRIES = 2  # a page below the bar is audited again, up to twice, and its best run kept
METRICS = {  # audit id -> short name, for the benchmark's table
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "speed-index": "SI",
    "cumulative-layout-shift": "CLS",
}


@dataclass(frozen=True)
class Audit:
    url: str
    scores: dict[str, float]
    bytes: int  # transferred, as Lighthouse counts them (compressed when the server compresses)
    metrics: dict[str, float] = field(default_factory=dict)  # ms, except CLS
    elements: int = 0  # DOM elements after load

    @property
    def passes(self) -> bool:
        return all(self.scores[c] >= BAR for c in CHECKED if c in self.scores)


def lighthouse(url: str, categories=CHECKED, mobile: bool = False) -> Audit:
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        report = Path(scratch) / "report.json"
        flags = " ".join(["--headless=new", *CHROMIUM_ARGS, f"--user-data-dir={scratch}/profile"])
        preset = [] if mobile else ["--preset=desktop"]  # no preset: Lighthouse's mobile default
        done = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                *preset,
                f"--only-categories={','.join(categories)}",
                f"--chrome-flags={flags}",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
            ],
            capture_output=True,
            text=True,
            env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin", "HOME": scratch},
            timeout=240,
        )
        if done.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    scores = {c: data["categories"][c]["score"] for c in categories}
    # A performance audit: absent when only the other categories run (the tests)
    weight = int(audits.get("total-byte-weight", {}).get("numericValue") or 0)
    metrics = {
        name: float(audits[key]["numericValue"]) for key, name in METRICS.items() if key in audits
    }
    elements = int(audits.get("dom-size-insight", {}).get("numericValue") or 0)
    return Audit(url, scores, weight, metrics, elements)


def audit_page(url: str, categories=CHECKED) -> Audit:
    """One page's audit; a page below the bar is audited again, up to twice, its best run kept."""
    result = lighthouse(url, categories)
    for _ in range(RETRIES):
        if result.passes:
            break
        again = lighthouse(url, categories)
        if sum(again.scores.values()) > sum(result.scores.values()):
            result = again
    return result


def audit_site(site: Path, report=print, categories=CHECKED) -> list[Audit]:
    """Audit every page with the desktop preset, a page per core at a time (these scores are not
    timings, so a loaded machine does not change them); print a row per page, in page order."""
    audits = []
    with serve(site, compress=True) as base, ThreadPoolExecutor(cores()) as pool:
        report(f"{'page':42s} " + " ".join(f"{c[:5]:>5s}" for c in categories) + f" {'KB':>7s}")
        paths = page_urls(site)
        results = pool.map(lambda path: audit_page(base + path, categories), paths)
        for path, result in zip(paths, results, strict=True):
            audits.append(result)
            row = " ".join(f"{round(result.scores[c] * 100):5d}" for c in categories)
            flag = "" if result.passes else "   < below the bar"
            weight = f"{result.bytes / 1024:7.0f}" if result.bytes else f"{'-':>7s}"
            report(f"/{path:41s} {row} {weight}{flag}")
    return audits
