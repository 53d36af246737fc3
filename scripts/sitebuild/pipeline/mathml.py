"""Server-side math: every formula on every page becomes MathML at build time (Temml).

Chromium, Firefox and Safari lay MathML out natively, so a page carries one element per symbol
and no script: KaTeX's HTML output took about ten elements per symbol (the Xavier page had 7,900
elements, 4,600 of them KaTeX's boxes), and laying them out was most of a phone's work on a math
page. Formulas come from ``pymdownx.arithmatex`` (generic mode), on every page: notebook pages are
Markdown too (see notebook_page.py). A formula Temml rejects stops the build, naming the page and
the formula. Formulas are cached by content hash, keyed on Temml's version and the renderer.

Temml's MathML is repaired and split for line breaks by mathml_layout.py; the font that shows it
is a subset made by mathml_font.py, which every formula's characters must be in.
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
from sitebuild.pipeline import mathml_font
from sitebuild.pipeline.cache import Cache
from sitebuild.pipeline.mathml_layout import page_display, page_pieces
from sitebuild.pipeline.sources import digest

RENDERER = Path(__file__).with_name("mathml_render.cjs")
TEMML = mathml_font.TEMML

# What pymdownx.arithmatex (generic: true) writes for inline and display math, and the
# punctuation that follows it.
ARITHMATEX = re.compile(
    r'(?P<before>[(\[]*)<(?P<tag>span|div) class="arithmatex">'
    r"(?P<open>\\\(|\\\[)(?P<tex>.*?)(?:\\\)|\\\])</(?P=tag)>(?P<after>[.,;:!?)]*)",
    re.DOTALL,
)


def temml_version() -> str:
    package = TEMML / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.is_file() else ""


class Renderer:
    """Typeset formulas in batches through one node process, with a persistent cache."""

    ENTRY = "math"

    def __init__(self, cache: Cache, log=None):
        """Formulas typeset earlier, kept only if Temml and this renderer are the same."""
        self.store = cache
        self.log = log
        self.key_of_entry = digest([RENDERER], f"temml={temml_version()}")
        entry = cache.lookup(self.ENTRY, self.key_of_entry)
        self.cache: dict[str, str] = dict(entry.data) if entry else {}
        self.glyphs = mathml_font.FontGlyphs()
        self.used: dict[str, frozenset[str]] = {}  # page -> the characters its formulas need

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
            if not TEMML.is_dir():
                raise BuildError(f"math: {TEMML} is missing: run `npm ci` first")
            payload = json.dumps([{"tex": t, "display": d} for t, d in missing])
            done = subprocess.run(
                [node, str(RENDERER)], input=payload, capture_output=True, text=True, cwd=ROOT
            )
            if done.returncode != 0:
                raise BuildError(f"math: the Temml renderer failed: {done.stderr.strip()}")
            results = json.loads(done.stdout)["results"]
            for (tex, display), result in zip(missing, results, strict=True):
                if "error" in result:
                    raise BuildError(f"{where}: Temml cannot typeset ${tex}$: {result['error']}")
                self.cache[self.key(tex, display)] = result["mathml"]
        return [self.cache[self.key(t, d)] for t, d in formulas]

    def save(self) -> None:
        self.store.store(self.ENTRY, self.key_of_entry, self.cache)

    def write_font(self, site_dir: Path) -> None:
        """Write the font subset for every character this build's pages need (after the last
        page: the set is known only then)."""
        mathml_font.write(self.store, set().union(*self.used.values()), site_dir)

    def render_page(self, content: str, where: str) -> str:
        """Replace every formula in a page's HTML by MathML."""
        matches = list(ARITHMATEX.finditer(content))
        if not matches:
            return content
        formulas = [(html.unescape(m["tex"]).strip(), m["open"] == r"\[") for m in matches]
        rendered = self.render_many(formulas, where)
        used = set()
        for (tex, _), mathml in zip(formulas, rendered, strict=True):
            needed = mathml_font.characters(mathml)
            self.glyphs.check(needed, f"{where}: ${tex}$")
            used |= needed
        self.used[where] = frozenset(used)
        rendered = iter(rendered)

        def replace(m: re.Match) -> str:
            if m["tag"] == "div":
                math = page_display(next(rendered))
                return f'{m["before"]}<div class="arithmatex">{math}</div>{m["after"]}'
            pieces = list(page_pieces(next(rendered)))
            # A browser may break a line before or after a formula: keep an opening bracket
            # with its first piece and the full stop (comma, bracket) with its last, and break
            # the formula itself only between its pieces.
            first, last = 0, len(pieces) - 1
            if m["before"]:
                pieces[first] = f"{m['before']}{pieces[first]}"
            if m["after"]:
                pieces[last] = f"{pieces[last]}{m['after']}"
            kept = ({first} if m["before"] else set()) | ({last} if m["after"] else set())
            for index in kept:
                pieces[index] = f'<span class="math-nowrap">{pieces[index]}</span>'
            return f'<span class="arithmatex">{"".join(pieces)}</span>'

        return ARITHMATEX.sub(replace, content)
