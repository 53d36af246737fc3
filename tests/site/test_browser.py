"""Every page of the built site in Chromium: math typeset, figures loaded, nothing external."""

from __future__ import annotations

import pytest

from harness.browser import PageWatch, chromium, page_urls, serve, skip_unless_browser
from harness.builds import Build

pytestmark = skip_unless_browser()


@pytest.fixture(scope="module")
def browser_and_base(built_site: Build):
    with serve(built_site.site) as base, chromium() as browser:
        yield browser, base


def test_the_site_has_the_expected_pages(built_site: Build):
    urls = page_urls(built_site.site)
    assert "" in urls and "notebooks/variance-of-a-sum/" in urls and "reference/" in urls


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_renders_cleanly(built_site: Build, browser_and_base, theme):
    browser, base = browser_and_base
    context = browser.new_context(color_scheme=theme)
    problems = []
    for url in page_urls(built_site.site):
        page = context.new_page()
        watch = PageWatch(page, base)
        page.goto(base + url, wait_until="load")
        page.evaluate("document.fonts.ready")
        # Figures load lazily: scroll through the page so every visible one is requested.
        page.evaluate(
            """async () => {
              for (let y = 0; y < document.body.scrollHeight; y += 600) {
                window.scrollTo(0, y);
                await new Promise(r => setTimeout(r, 50));
              }
              // decode() waits for a lazy image's load, which never starts if the scroll
              // passed it before the browser looked (a loaded machine): load it now.
              const shown = [...document.images].filter(i => i.offsetParent !== null);
              shown.forEach(i => { i.loading = 'eager'; });
              await Promise.all(shown.map(i => i.decode().catch(() => null)));
            }"""
        )
        source = (built_site.site / url / "index.html").read_text(encoding="utf-8")
        katex_in_source = source.count('class="katex"')
        state = page.evaluate(
            """() => ({
              katex: document.querySelectorAll('.katex').length,
              katexFont: document.fonts.check('16px KaTeX_Main'),
              rawTex: [...document.querySelectorAll('.arithmatex')]
                        .filter(e => !e.querySelector('.katex')).length,
              brokenImages: [...document.images].filter(i => i.offsetParent !== null)
                        .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src),
              visibleFigures: [...document.querySelectorAll('figure img')]
                        .filter(i => i.offsetParent !== null).length,
              figures: document.querySelectorAll('figure.site-figure').length,
            })"""
        )
        if state["katex"] != katex_in_source:
            problems.append(f"{url}: {state['katex']} formulas typeset, {katex_in_source} in HTML")
        if katex_in_source and not state["katexFont"]:
            problems.append(f"{url}: KaTeX fonts did not load")
        if state["rawTex"]:
            problems.append(f"{url}: {state['rawTex']} formulas left as raw TeX")
        if state["brokenImages"]:
            problems.append(f"{url}: images did not load: {state['brokenImages']}")
        if state["visibleFigures"] != state["figures"]:
            problems.append(
                f"{url}: {state['figures']} figures but {state['visibleFigures']} visible "
                f"in the {theme} theme (exactly one variant of each should show)"
            )
        for kind, found in (
            ("console errors", watch.console_errors),
            ("requests to other hosts", watch.external_requests),
            ("failed requests", watch.failed_requests),
        ):
            if found:
                problems.append(f"{url}: {kind}: {found}")
        page.close()
    context.close()
    assert problems == []
