"""Shared browser plumbing for tests: serve a built site on 127.0.0.1 and drive Debian's chromium.

No browser is downloaded: playwright drives /usr/bin/chromium (installed by .ci/run).
"""

from __future__ import annotations

import functools
import gzip
import io
import os
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# CI sets REQUIRE_BROWSER=1: there a missing browser is a failure, not a skip.
REQUIRED = os.environ.get("REQUIRE_BROWSER") == "1"


def skip_unless_browser():
    """A pytest mark for browser tests: skip without Chromium, unless CI requires it."""
    import pytest

    if REQUIRED and not Path(CHROMIUM).exists():
        raise RuntimeError(f"REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}")
    return pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (set CHROMIUM=path)"
    )


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


# What a static host (GitHub Pages, Netlify, a CDN) compresses: text, not images or fonts.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
GZIP_LEVEL = 6  # the level nginx and most hosts use


@functools.lru_cache(maxsize=512)
def gzipped(path: str, mtime_ns: int) -> bytes:
    """A file's bytes gzipped as a host would send them (no name, no time: the same bytes for
    the same file)."""
    return gzip.compress(Path(path).read_bytes(), GZIP_LEVEL, mtime=0)


class GzipHandler(QuietHandler):
    """Serves text gzipped when the browser accepts it, as a static host does, so that what a
    page costs over the network is what a reader pays."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and os.path.isfile(path) and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzipped(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path, compress: bool = False):
    """Serve ``site`` on an ephemeral port of 127.0.0.1; yields the base URL. ``compress``: text
    is sent gzipped, as GitHub Pages sends it."""
    handler = functools.partial(GzipHandler if compress else QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class PageWatch:
    """Records console errors, page errors and every request that leaves 127.0.0.1."""

    def __init__(self, page, base_url: str):
        self.console_errors: list[str] = []
        self.external_requests: list[str] = []
        self.failed_requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed_requests.append(r.url))

        def route(route):
            url = route.request.url
            if url.startswith(base_url) or url.startswith(("data:", "blob:", "about:")):
                route.continue_()
            else:
                self.external_requests.append(url)
                route.abort()

        page.route("**/*", route)


def page_urls(site: Path) -> list[str]:
    """Every page of a built site (not the 404 page), as a path relative to the site root."""
    return sorted(
        "" if p.parent == site else f"{p.parent.relative_to(site).as_posix()}/"
        for p in site.rglob("index.html")
    )
