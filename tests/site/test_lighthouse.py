"""Lighthouse scores every page of the built site at least 95 in each category."""

from __future__ import annotations

from harness import lighthouse
from harness.browser import skip_unless_browser
from harness.builds import Build

pytestmark = skip_unless_browser()


def test_every_page_scores_at_least_95_in_every_category(built_site: Build, progress):
    assert lighthouse.LIGHTHOUSE.exists(), "lighthouse is missing: run `npm ci`"
    audits = lighthouse.audit_site(built_site.site, report=progress)  # a row per page, live
    assert len(audits) >= 10
    below = {a.url: a.scores for a in audits if not a.passes}
    assert below == {}
