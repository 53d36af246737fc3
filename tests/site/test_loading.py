"""In Chromium: a page loads neither the search index nor glightbox until the reader asks for
them (sitebuild/pipeline/loading.py), and both still work when asked for."""

from __future__ import annotations

import pytest

from harness.browser import chromium, serve, skip_unless_browser
from harness.builds import Build

pytestmark = skip_unless_browser()


@pytest.fixture(scope="module")
def browser_and_base(built_site: Build):
    with serve(built_site.site) as base, chromium() as browser:
        yield browser, base


def open_page(browser_and_base, url: str):
    browser, base = browser_and_base
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + url, wait_until="networkidle")
    return context, page, requested


def test_the_search_index_loads_when_the_search_opens_and_the_search_finds_pages(
    browser_and_base,
):
    context, page, requested = open_page(browser_and_base, "xavier/")
    assert not [u for u in requested if "search_index" in u or "/workers/" in u]
    page.click(".md-search__input")
    page.keyboard.type("kaiming")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert [u for u in requested if u.endswith("search/search_index.json")]
    titles = page.eval_on_selector_all(
        ".md-search-result__item h1", "found => found.map(title => title.textContent)"
    )
    context.close()
    assert any("He initialization" in title for title in titles), titles


def test_a_figure_opens_in_the_lightbox_which_loads_on_the_first_click(browser_and_base):
    context, page, requested = open_page(browser_and_base, "effects/")
    assert not [u for u in requested if "glightbox" in u]
    link = page.locator("a.glightbox:visible").first
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_selector(".glightbox-container .gslide-image img", timeout=15_000)
    opened = page.eval_on_selector(".glightbox-container .gslide.current img", "i => i.src")
    expected = link.get_attribute("href").split("#")[0].rsplit("/", 1)[-1]
    context.close()
    assert [u for u in requested if u.endswith("glightbox.min.js")]
    assert opened.split("#")[0].endswith(expected)  # the figure clicked, not the first one


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_on_the_playground_moves_when_its_script_builds_the_controls(
    browser_and_base, width
):
    """A layout shift, measured without timing: the layout before main.js runs (its request
    blocked) and after are the same."""
    browser, base = browser_and_base
    where = """() => ['.playground-controls', '.playground-status', '.playground-views']
      .map(s => { const b = document.querySelector(s).getBoundingClientRect();
                  return [Math.round(b.top), Math.round(b.height)]; })"""
    layouts = []
    for blocked in (True, False):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        if blocked:
            page.route("**/playground/main.js", lambda route: route.abort())
        page.goto(base + "playground/", wait_until="load")
        if not blocked:
            page.wait_for_selector(".playground-controls select")
        layouts.append(page.evaluate(where))
        context.close()
    assert layouts[0] == layouts[1]
