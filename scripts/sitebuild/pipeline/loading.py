"""What a page loads, and when: only what it uses, and nothing before the reader needs it.

Checked rewrites of the finished page, like accessibility.py: each looks for the exact markup it
changes and fails the build, naming the page, when that markup is gone (a plugin or theme upgrade
is noticed instead of silently loading everything again).

- glightbox: the plugin puts its script (56 KB, render-blocking, in the head) and stylesheet on
  every page. They leave the page; a page with a figure gets ``javascripts/lightbox.js``
  (deferred), which loads them on the first click on a figure, with the plugin's own options.
- search: Material fetches the search index (64 KB) and starts its worker on every page load;
  an inline script (``lazy_search.js``) holds both back until the reader opens the search.
- math: a page with math preloads the math font, so that it is there by first paint (its
  ``font-display: optional`` then never shifts the layout).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sitebuild import BuildError
from sitebuild.pipeline import mathml_font

LAZY_SEARCH = Path(__file__).with_name("lazy_search.js")
GLIGHTBOX_CSS = re.compile(r'<link href="(?P<href>[^"]*assets/stylesheets/glightbox\.min\.css)" '
                           r'rel="stylesheet">')  # fmt: skip
GLIGHTBOX_JS = re.compile(r'<script src="(?P<src>[^"]*assets/javascripts/glightbox\.min\.js)">'
                          r"</script>")  # fmt: skip
GLIGHTBOX_STYLE = re.compile(r'<style id="glightbox-style">.*?</style>', re.S)
GLIGHTBOX_INIT = re.compile(
    r'<script id="init-glightbox">const lightbox = GLightbox\((?P<options>\{.*?\})\);\n'
    r"document\$\.subscribe\(\(\)=>\{ lightbox\.reload\(\); \}\);\n</script>"
)
BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def _take(pattern: re.Pattern, page: str, where: str, what: str) -> tuple[str, re.Match]:
    found = pattern.search(page)
    if found is None:
        raise BuildError(
            f"{where}: {what} is not where it was; update scripts/sitebuild/pipeline/loading.py"
        )
    return page[: found.start()] + page[found.end() :], found


def _relative(site_path: str, page_url: str) -> str:
    from mkdocs.utils import get_relative_url

    return get_relative_url(site_path, page_url)


def _inline_script() -> str:
    """lazy_search.js without its leading comment (the page gets the code, the source the why)."""
    lines = LAZY_SEARCH.read_text(encoding="utf-8").splitlines()
    code = [line.strip() for line in lines if line.strip() and not line.startswith("//")]
    return "<script>" + "\n".join(code) + "</script>"


def optimize(page: str, page_url: str, where: str) -> str:
    """The finished page ``page`` (served at ``page_url``, relative to the site's root, as
    MkDocs names it: ``""``, ``"he/"``), loading only what it needs."""
    page, css = _take(GLIGHTBOX_CSS, page, where, "glightbox's stylesheet link")
    page, js = _take(GLIGHTBOX_JS, page, where, "glightbox's script")
    page, init = _take(GLIGHTBOX_INIT, page, where, "glightbox's set-up script")
    if 'class="glightbox"' in page:
        loader = (
            f'<script src="{_relative("javascripts/lightbox.js", page_url)}" '
            f'data-js="{js["src"]}" data-css="{css["href"]}" '
            f'data-options="{html.escape(init["options"])}" defer></script>'
        )
        page = page.replace("</body>", loader + "</body>", 1)
    else:
        page, _ = _take(GLIGHTBOX_STYLE, page, where, "glightbox's style")
    bundle = BUNDLE.search(page)
    if bundle is None:
        raise BuildError(f"{where}: Material's bundle script is not where it was; update "
                         "scripts/sitebuild/pipeline/loading.py")  # fmt: skip
    page = page[: bundle.start()] + _inline_script() + page[bundle.start() :]
    if "<math" in page:
        preload = (
            f'<link rel="preload" href="{_relative(mathml_font.FONT, page_url)}" as="font" '
            'type="font/woff2" crossorigin>'
        )
        page = page.replace("</head>", preload + "</head>", 1)
    return page
