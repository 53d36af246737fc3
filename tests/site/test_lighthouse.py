"""Lighthouse scores every page of the built site at least 95 for accessibility, best practices
and SEO. The performance score is a timing (the same build scores 0.87 or 0.93 on a loaded
machine), so it is printed here and measured by benchmarks/lighthouse.py, never asserted."""

from __future__ import annotations

from harness import lighthouse
from harness.browser import skip_unless_browser
from harness.builds import Build

pytestmark = skip_unless_browser()
ASSERTED = ("accessibility", "best-practices", "seo")


def test_every_page_scores_at_least_95_in_every_category_but_performance(
    built_site: Build, progress
):
    assert lighthouse.LIGHTHOUSE.exists(), "lighthouse is missing: run `npm ci`"
    audits = lighthouse.audit_site(built_site.site, report=progress)  # a row per page, live
    assert len(audits) >= 10
    below = {a.url: a.scores for a in audits if any(a.scores[c] < lighthouse.BAR for c in ASSERTED)}
    assert below == {}
