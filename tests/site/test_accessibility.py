"""axe-core (from npm) in Chromium finds no serious or critical violation on any page."""

from __future__ import annotations

import pytest

from harness.browser import chromium, page_urls, serve, skip_unless_browser
from harness.builds import Build
from sitebuild import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = skip_unless_browser()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_serious_or_critical_violation_on_any_page(built_site: Build, theme: str):
    assert AXE.is_file(), "axe-core is missing: run `npm ci`"
    found = []
    with serve(built_site.site) as base, chromium() as browser:
        context = browser.new_context(color_scheme=theme)
        page = context.new_page()
        urls = page_urls(built_site.site)
        for url in urls:
            page.goto(base + url, wait_until="load")
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                """async () => (await axe.run(document, {resultTypes: ['violations']}))
                  .violations.filter(v => ['serious', 'critical'].includes(v.impact))
                  .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target).join(', ')}`)"""
            )
            found += [f"{url or '/'}: {v}" for v in violations]
        context.close()
    assert len(urls) >= 10
    assert found == []
