"""What a page costs a reader, counted rather than timed: the same build gives the same numbers.

Counted in Chromium at a phone's size (Lighthouse's mobile viewport, 412 x 823), on the site
served gzipped as a host serves it, once the page has loaded and the network is idle:

- elements: every element in the document (style and layout work grow with it);
- requests: everything the page fetched, itself included;
- bytes: what came over the network, gzipped where the server gzips (the bodies' encoded sizes);
- blocking scripts: external scripts in the head without ``defer``, ``async`` or
  ``type="module"``, which stop the first paint until they have downloaded and run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VIEWPORT = {"width": 412, "height": 823}
HEAD = re.compile(r"<head>(.*?)</head>", re.S)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.S)


@dataclass(frozen=True)
class Weight:
    url: str
    elements: int
    requests: int
    bytes: int
    blocking_scripts: tuple[str, ...]
    fetched: tuple[str, ...]  # every URL, to say what a page loads when it is over a budget


def blocking_scripts(html: str) -> tuple[str, ...]:
    head = HEAD.search(html)
    found = []
    for attributes in SCRIPT.findall(head[1] if head else ""):
        src = re.search(r'\bsrc="([^"]+)"', attributes)
        if src and not re.search(r"\b(defer|async)\b|type=\"module\"", attributes):
            found.append(src[1])
    return tuple(found)


MEASURE = """() => {
  const entries = [...performance.getEntriesByType('navigation'),
                   ...performance.getEntriesByType('resource')];
  return {
    elements: document.getElementsByTagName('*').length,
    urls: entries.map(e => e.name),
    bytes: entries.reduce((sum, e) => sum + e.encodedBodySize, 0),
  };
}"""


def weigh(browser, url: str) -> Weight:
    """Load ``url`` in a fresh context (an empty cache) at a phone's size and count."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    page = context.new_page()
    try:
        response = page.goto(url, wait_until="networkidle")
        html = response.text()
        found = page.evaluate(MEASURE)
    finally:
        context.close()
    urls = tuple(found["urls"])
    return Weight(url, found["elements"], len(urls), found["bytes"], blocking_scripts(html), urls)
