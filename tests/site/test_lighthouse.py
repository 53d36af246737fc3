"""Lighthouse scores every page of the built site at least 95 in accessibility, best practices
and SEO. Performance is a timing, which swings with the machine's load: benchmarks/lighthouse.py
measures it (against a bare Material page, on a phone), and tests/site/test_budgets.py holds what
makes it: elements, bytes, requests and render-blocking scripts per page."""

from __future__ import annotations

from harness import lighthouse
from harness.browser import skip_unless_browser
from harness.builds import Build

pytestmark = skip_unless_browser()


def test_every_page_scores_at_least_95_in_accessibility_best_practices_and_seo(
    built_site: Build, progress
):
    assert lighthouse.LIGHTHOUSE.exists(), "lighthouse is missing: run `npm ci`"
    audits = lighthouse.audit_site(built_site.site, report=progress)  # a row per page, live
    assert len(audits) >= 10
    assert all(set(audit.scores) == set(lighthouse.CHECKED) for audit in audits)
    below = {a.url: a.scores for a in audits if not a.passes}
    assert below == {}
