"""The site on a phone (390 px) and on a desktop (1280 px): every formula's result is in view,
figures' text is large enough to read, and what scrolls says so."""

from __future__ import annotations

import pytest

from harness.browser import chromium, page_urls, serve, skip_unless_browser
from harness.builds import Build

pytestmark = skip_unless_browser()
SMALLEST_TEXT_PX = 9


@pytest.fixture(scope="module")
def browser_and_base(built_site: Build):
    with serve(built_site.site) as base, chromium() as browser:
        yield browser, base


def visit_all(built_site, browser_and_base, width, script):
    browser, base = browser_and_base
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found = {}
    for url in page_urls(built_site.site):
        page.goto(base + url, wait_until="load")
        page.evaluate("document.fonts.ready")
        page.evaluate(
            """async () => {
              for (let y = 0; y < document.body.scrollHeight; y += 700) {
                window.scrollTo(0, y); await new Promise(r => setTimeout(r, 20)); }
              // decode() waits for a lazy image's load, which never starts if the scroll
              // passed it before the browser looked (a loaded machine): load it now.
              const shown = [...document.images].filter(i => i.offsetParent !== null);
              shown.forEach(i => { i.loading = 'eager'; });
              await Promise.all(shown.map(i => i.decode().catch(() => null)));
              window.dispatchEvent(new Event('resize'));
            }"""
        )
        found[url or "/"] = page.evaluate(script)
    context.close()
    return found


FORMULAS = """() => [...document.querySelectorAll('.derivation-math, .katex-display')]
  .filter(e => e.scrollWidth > e.clientWidth + 1
               || e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(e => (e.closest('[id]') || {}).id || e.textContent.slice(0, 40))"""


def test_every_formula_fits_a_phone_screen(built_site, browser_and_base):
    found = visit_all(built_site, browser_and_base, 390, FORMULAS)
    assert {url: ids for url, ids in found.items() if ids} == {}


FIGURES = """(least) => [...document.querySelectorAll('figure.site-figure img')]
  .filter(i => i.offsetParent !== null)
  .map(i => ({src: i.getAttribute('src'),
              px: Number(i.dataset.smallestFont) * 4 / 3 * i.clientWidth / i.naturalWidth,
              narrow: i.classList.contains('figure-narrow'),
              hasNarrow: !!i.closest('figure').querySelector('img.figure-narrow')}))"""


def test_figure_text_is_at_least_9_px_on_a_desktop_page(built_site, browser_and_base):
    found = visit_all(built_site, browser_and_base, 1280, FIGURES)
    small = [(url, f["src"], round(f["px"], 1)) for url, figs in found.items() for f in figs
             if f["px"] < SMALLEST_TEXT_PX]  # fmt: skip
    assert sum(len(figs) for figs in found.values()) >= 15
    assert small == []


def test_a_phone_shows_multi_panel_figures_in_their_narrow_layout_and_readable(
    built_site, browser_and_base
):
    found = visit_all(built_site, browser_and_base, 390, FIGURES)
    shown = [f for figs in found.values() for f in figs]
    narrow = [f for f in shown if f["hasNarrow"]]
    assert narrow and all(f["narrow"] for f in narrow)
    assert [f["src"] for f in narrow if f["px"] < SMALLEST_TEXT_PX] == []


SCROLLERS = """() => [...document.querySelectorAll('.md-typeset__scrollwrap, div.arithmatex')]
  .filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => [e.hasAttribute('data-scrolls'), e.getAttribute('tabindex'),
             e.getAttribute('aria-label')])"""


def test_whatever_scrolls_on_a_phone_says_so_and_takes_focus(built_site, browser_and_base):
    found = visit_all(built_site, browser_and_base, 390, SCROLLERS)
    regions = [region for regions in found.values() for region in regions]
    assert all(cue and focus == "0" and label for cue, focus, label in regions), regions
    for regions in found.values():  # labels differ within a page
        labels = [label for _, _, label in regions]
        assert len(labels) == len(set(labels))
