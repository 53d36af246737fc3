"""What each page and figure costs a reader, counted (not timed, so the same build always gives
the same numbers), against budgets that a bare Material page meets.

Measured on a phone's screen with the site served gzipped (harness/weight.py). The numbers
behind each budget (bare: the bare Material page of harness/bare.py; KaTeX: the site with
KaTeX's HTML, glightbox in every head and the search index on every load; now: MathML, glightbox
and search on demand, with the pages main added since):

- elements per page: bare 247; KaTeX 2,322 (home) to 7,916 (xavier); now 3,856 at most (the
  practical guide), xavier 3,580. Budget 4,000 (it was 3,500 before the practical guide's
  derivations in textbook form came).
- KB per page at load, gzipped: bare 79; KaTeX 188 to 243 on the math pages; now 161 at most
  (the effects notebook: its first figure, 47 KB, and the project code it carries, folded, 13 KB;
  its figures as truecolour PNGs made it 533 KB). Budget 170.
- requests per page at load: bare 7; KaTeX 17 to 22 on the math pages; now 13 at most
  (playground). Budget 14.
- render-blocking scripts: bare 0; KaTeX 1 on every page (glightbox); now 0. Budget 0.
- KB per figure, gzipped: KaTeX-era figures up to 174 (decision boundaries, 40 embedded PNGs) and
  130 (orthogonal training, every vertex written); now 58 at most (rasters as palette PNGs,
  lines simplified below 1/9 px). Budget 80.

Timings (Lighthouse's performance score on a phone) are in benchmarks/lighthouse.py.
"""

from __future__ import annotations

import base64
import gzip
from pathlib import Path

import pytest

from harness.bare import build_bare
from harness.browser import chromium, page_urls, serve, skip_unless_browser
from harness.builds import Build
from harness.weight import weigh
from sitebuild.pipeline.rasters import EMBEDDED_PNG, palette_png

ELEMENTS = 4_000
PAGE_KB = 170
REQUESTS = 14
BLOCKING_SCRIPTS = 0
FIGURE_KB = 80


def over_budget(site: Path) -> dict[str, list[str]]:
    found = {}
    with serve(site, compress=True) as base, chromium() as browser:
        for url in page_urls(site):
            weight = weigh(browser, base + url)
            problems = []
            if weight.elements > ELEMENTS:
                problems.append(f"{weight.elements} elements (budget {ELEMENTS})")
            if weight.bytes > PAGE_KB * 1024:
                problems.append(f"{weight.bytes / 1024:.0f} KB gzipped (budget {PAGE_KB} KB)")
            if weight.requests > REQUESTS or weight.bytes > PAGE_KB * 1024:
                fetched = [u.removeprefix(base) for u in weight.fetched]
                problems.append(f"{weight.requests} requests (budget {REQUESTS}): {fetched}")
            if len(weight.blocking_scripts) > BLOCKING_SCRIPTS:
                problems.append(f"render-blocking scripts: {list(weight.blocking_scripts)}")
            if problems:
                found[f"/{url}"] = problems
    return found


@skip_unless_browser()
def test_every_page_keeps_within_the_budgets(built_site: Build):
    assert over_budget(built_site.site) == {}


@skip_unless_browser()
def test_a_bare_material_page_keeps_within_the_budgets(tmp_path: Path):
    """The budgets ask no more than what the theme itself costs."""
    assert over_budget(build_bare(tmp_path / "bare")) == {}


def figures(site: Path) -> list[Path]:
    found = sorted((site / "assets" / "figures").rglob("*.svg"))
    assert len(found) >= 20
    return found


def test_every_figure_keeps_within_its_budget(built_site: Build):
    heavy = {
        svg.name: f"{len(gzip.compress(svg.read_bytes(), 6)) / 1024:.0f} KB gzipped"
        for svg in figures(built_site.site)
        if len(gzip.compress(svg.read_bytes(), 6)) > FIGURE_KB * 1024
    }
    assert heavy == {}, f"budget {FIGURE_KB} KB per figure"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_embedded_raster_could_be_smaller_at_the_same_quality(built_site: Build, theme):
    """A raster in an SVG is already the smallest PNG that looks the same (pipeline/figures.py):
    re-encoding it finds nothing smaller."""
    loose = []
    for svg in figures(built_site.site):
        if svg.stem.endswith(theme):
            for match in EMBEDDED_PNG.finditer(svg.read_bytes()):
                data = base64.b64decode(match[1])
                if len(palette_png(data)) < len(data):
                    loose.append(svg.name)
    assert loose == []
