"""Server-side math: every formula on every page is rendered to HTML by KaTeX at build time.

The browser then needs KaTeX's CSS and fonts only (served from the site), no script, and shows
no layout shift. Formulas come from ``pymdownx.arithmatex`` (generic mode), on every page: notebook
pages are Markdown too (see notebook_page.py). A formula KaTeX rejects stops
the build, naming the page and the formula. Rendered formulas are cached by content hash.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from sitebuild import ROOT, BuildError
from sitebuild.pipeline.cache import Cache, katex_version
from sitebuild.pipeline.sources import digest

RENDERER = Path(__file__).with_name("katex_render.cjs")
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"

# What pymdownx.arithmatex (generic: true) writes for inline and display math, and the
# punctuation that follows it.
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"(?P<open>\\\(|\\\[)(?P<tex>.*?)(?:\\\)|\\\])</(?P=tag)>(?P<after>[.,;:!?)]*)",
    re.DOTALL,
)


class Renderer:
    """Render formulas in batches through one node process, with a persistent cache."""

    ENTRY = "math"

    def __init__(self, cache: Cache, log=None):
        """Formulas typeset earlier, kept only if KaTeX and this renderer are the same: a new
        KaTeX version would otherwise serve its old HTML beside its new stylesheet."""
        self.store = cache
        self.log = log
        self.key_of_entry = digest([RENDERER], f"katex={katex_version()}")
        entry = cache.lookup(self.ENTRY, self.key_of_entry)
        self.cache: dict[str, str] = dict(entry.data) if entry else {}

    @staticmethod
    def key(tex: str, display: bool) -> str:
        return hashlib.sha256(f"{int(display)}\0{tex}".encode()).hexdigest()

    def render_many(self, formulas: list[tuple[str, bool]], where: str) -> list[str]:
        missing = sorted({(t, d) for t, d in formulas if self.key(t, d) not in self.cache})
        if missing:
            if self.log:
                self.log.info(f"math: typesetting {len(missing)} new formulas of {where}")
            node = shutil.which("node")
            if node is None:
                raise BuildError("math: `node` is not on PATH; the README's set-up installs it")
            if not KATEX_DIST.is_dir():
                raise BuildError(f"math: {KATEX_DIST} is missing: run `npm ci` first")
            payload = json.dumps([{"tex": t, "display": d} for t, d in missing])
            done = subprocess.run(
                [node, str(RENDERER)], input=payload, capture_output=True, text=True, cwd=ROOT
            )
            if done.returncode != 0:
                raise BuildError(f"math: the KaTeX renderer failed: {done.stderr.strip()}")
            results = json.loads(done.stdout)["results"]
            for (tex, display), result in zip(missing, results, strict=True):
                if "error" in result:
                    raise BuildError(f"{where}: KaTeX cannot render ${tex}$: {result['error']}")
                self.cache[self.key(tex, display)] = result["html"]
        return [self.cache[self.key(t, d)] for t, d in formulas]

    def save(self) -> None:
        self.store.store(self.ENTRY, self.key_of_entry, self.cache)

    def render_page(self, content: str, where: str) -> str:
        """Replace every formula in a page's HTML by KaTeX's HTML."""
        matches = list(ARITHMATEX.finditer(content))
        if not matches:
            return content
        formulas = [(html.unescape(m["tex"]).strip(), m["open"] == r"\[") for m in matches]
        rendered = iter(self.render_many(formulas, where))

        def replace(m: re.Match) -> str:
            math = f'<{m["tag"]} class="arithmatex">{next(rendered)}</{m["tag"]}>'
            if m["tag"] == "span" and m["after"]:
                # KaTeX's boxes are inline-blocks, after which a browser may break a line: keep
                # the full stop (comma, bracket) with its formula instead of alone on a new line.
                return f'<span class="math-nowrap">{math}{m["after"]}</span>'
            return math + m["after"]

        return ARITHMATEX.sub(replace, content)


FALLBACK_FONTS = re.compile(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)')


def assets() -> dict[str, bytes]:
    """Site path -> bytes for KaTeX's stylesheet and its woff2 fonts.

    The stylesheet is trimmed to name only the woff2 files (every browser that runs the site reads
    them; the woff and ttf fallbacks would be dead weight) and uses ``font-display: swap``.
    """
    if not KATEX_DIST.is_dir():
        raise BuildError(f"math: {KATEX_DIST} is missing: run `npm ci` first")
    css = (KATEX_DIST / "katex.min.css").read_text(encoding="utf-8")
    css = FALLBACK_FONTS.sub("", css).replace("font-display:block", "font-display:swap")
    files = {"assets/katex/katex.min.css": css.encode()}
    for font in sorted((KATEX_DIST / "fonts").glob("*.woff2")):
        files[f"assets/katex/fonts/{font.name}"] = font.read_bytes()
    return files
