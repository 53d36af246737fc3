"""axe-core (from npm) in Chromium finds no serious or critical violation on any page, light and
dark, on a phone (390 px) and a desktop (1280 px)."""

from __future__ import annotations

import pytest

from harness.browser import chromium, page_urls, serve, skip_unless_browser
from harness.builds import Build
from sitebuild import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = skip_unless_browser()


@pytest.fixture(scope="module")
def browser_and_base(built_site: Build):
    with serve(built_site.site) as base, chromium() as browser:
        yield browser, base


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_serious_or_critical_violation_on_any_page(
    built_site: Build, browser_and_base, theme: str, width: int, progress
):
    assert AXE.is_file(), "axe-core is missing: run `npm ci`"
    found = []
    browser, base = browser_and_base
    context = browser.new_context(color_scheme=theme, viewport={"width": width, "height": 900})
    page = context.new_page()
    urls = page_urls(built_site.site)
    progress(f"axe on {len(urls)} pages, {theme}, {width} px")
    for url in urls:
        page.goto(base + url, wait_until="load")
        page.evaluate("window.dispatchEvent(new Event('resize'))")  # mark what scrolls
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']}))
              .violations.filter(v => ['serious', 'critical'].includes(v.impact))
              .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target).join(', ')}`)"""
        )
        found += [f"{url or '/'} at {width} px: {v}" for v in violations]
    context.close()
    assert len(urls) >= 10
    assert found == []
