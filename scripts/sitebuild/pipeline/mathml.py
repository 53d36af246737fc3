"""Server-side math: every formula on every page becomes MathML at build time (Temml).

Chromium, Firefox and Safari lay MathML out natively, so a page carries one element per symbol
and no script: KaTeX's HTML output took about ten elements per symbol (the Xavier page had 7,900
elements, 4,600 of them KaTeX's boxes), and laying them out was most of a phone's work on a math
page. Formulas come from ``pymdownx.arithmatex`` (generic mode), on every page: notebook pages are
Markdown too (see notebook_page.py). A formula Temml rejects stops the build, naming the page and
the formula. Formulas are cached by content hash, keyed on Temml's version.

Line breaks: a browser does not break a line inside a ``<math>`` element (Chromium and Safari
never, Firefox rarely), so an inline formula is split into one ``<math>`` per piece that ends
after a top-level relation or binary operator, where TeX would break it (TeXbook p. 173); a long
step of a derivation wraps on a phone instead of overflowing.

The font: Noto Sans Math (an OpenType MATH table, so brackets stretch and sums grow in display
style the same in every browser), subset at build time to the characters the site's formulas
use, italic forms included (about 15 KB), served from the site and preloaded by the pages that
show math (loading.py). A formula with a character the font lacks stops the build.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from sitebuild import ROOT, BuildError
from sitebuild.pipeline.cache import Cache, write_if_changed
from sitebuild.pipeline.sources import digest

RENDERER = Path(__file__).with_name("mathml_render.cjs")
TEMML = ROOT / "node_modules" / "temml"
FONT_SOURCE = (
    ROOT / "node_modules" / "@fontsource" / "noto-sans-math" / "files"
    / "noto-sans-math-latin-400-normal.woff2"
)  # fmt: skip
STYLESHEET = "assets/math/math.css"  # site paths
FONT = "assets/math/noto-sans-math.woff2"
FAMILY = "Noto Sans Math (site)"

# What pymdownx.arithmatex (generic: true) writes for inline and display math, and the
# punctuation that follows it.
ARITHMATEX = re.compile(
    r'(?P<before>[(\[]*)<(?P<tag>span|div) class="arithmatex">'
    r"(?P<open>\\\(|\\\[)(?P<tex>.*?)(?:\\\)|\\\])</(?P=tag)>(?P<after>[.,;:!?)]*)",
    re.DOTALL,
)

# After these operators, at the top level of an inline formula, a line may break (TeX's rule:
# after a relation or a binary operation, never after a unary minus or at the very end).
BREAK_AFTER = frozenset("=<>≈≠≤≥≡∼≃≅∝∈∉⊂⊆→←↔⇒⇐⇔⟶⟵⟹⟸⟺↦+−±∓×⋅·∗∘")
# Characters that print nothing: no glyph is needed for them.
INVISIBLE = frozenset("\u2061\u2062\u2063\u2064 \u00a0\u2009\u200a\u205f")
_WRAPPERS = ("mrow", "mstyle")


def temml_version() -> str:
    package = TEMML / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.is_file() else ""


def _italic(char: str) -> str | None:
    """The Mathematical Italic character a browser shows for a one-letter ``<mi>`` (MathML Core's
    italic mapping), or None for a character it leaves as it is."""
    code = ord(char)
    if char == "h":
        return "\u210e"
    if 0x41 <= code <= 0x5A:
        return chr(0x1D434 + code - 0x41)
    if 0x61 <= code <= 0x7A:
        return chr(0x1D44E + code - 0x61)
    if 0x391 <= code <= 0x3A9 and code != 0x3A2:
        return chr(0x1D6E2 + code - 0x391)
    if 0x3B1 <= code <= 0x3C9:
        return chr(0x1D6FC + code - 0x3B1)
    return None


def characters(mathml: str) -> set[str]:
    """Every character the browser needs a glyph for to show ``mathml``."""
    root = ElementTree.fromstring(mathml)
    found = set()
    for element in root.iter():
        text = element.text or ""
        found.update(text)
        if element.tag == "mi" and len(text) == 1 and element.get("mathvariant") is None:
            italic = _italic(text)
            if italic:
                found.add(italic)
        if element.tag in ("msqrt", "mroot"):
            found.add("√")
    return found - INVISIBLE


# Content tall enough for a bracket around it to grow: anything else keeps its brackets at the
# text size. SymPy writes every bracket as \left( ... \right); KaTeX drew text-size brackets
# around flat content, and so does this, where Chromium would draw a stretchy bracket around flat
# content with a gap on either side ("Var ( X )"). Scripts and fractions make content tall.
_TALL = frozenset({"mfrac", "munderover", "munder", "mover", "msqrt", "mroot", "mtable",
                   "msup", "msub", "msubsup"})  # fmt: skip


def _settle_brackets(root: ElementTree.Element) -> None:
    for row in root.iter("mrow"):
        first, last = (row[0], row[-1]) if len(row) > 1 else (None, None)
        if first is None or not all(
            edge.tag == "mo" and edge.get("fence") == "true" and edge.get("stretchy") == "true"
            for edge in (first, last)
        ):
            continue
        if not any(element.tag in _TALL for element in row.iter()):
            first.set("stretchy", "false")
            last.set("stretchy", "false")


def _text(element: ElementTree.Element) -> str:
    return ElementTree.tostring(element, encoding="unicode", short_empty_elements=False)


def _pieces(root: ElementTree.Element) -> list[str]:
    """An inline formula as one or more ``<math>`` elements, split after each top-level relation
    or binary operator; each piece keeps the formula's style (``\\displaystyle``)."""
    wrappers, node = [], root
    while len(node) == 1 and node[0].tag in _WRAPPERS:
        node = node[0]
        wrappers.append(node)
    children = list(node)
    groups, current = [], []
    for position, child in enumerate(children):
        current.append(child)
        breaks = (
            child.tag == "mo"
            and (child.text or "") in BREAK_AFTER
            and child.get("form") != "prefix"
            and position < len(children) - 1
            and len(current) > 1  # a leading operator is unary: keep it with what follows
        )
        if breaks:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    if len(groups) == 1:
        return [_text(root)]
    pieces = []
    for group in groups:
        inner = "".join(_text(child) for child in group)
        for wrapper in reversed(wrappers):
            attributes = "".join(f' {k}="{html.escape(v)}"' for k, v in wrapper.attrib.items())
            inner = f"<{wrapper.tag}{attributes}>{inner}</{wrapper.tag}>"
        attributes = "".join(f' {k}="{html.escape(v)}"' for k, v in root.attrib.items())
        pieces.append(f"<math{attributes}>{inner}</math>")
    return pieces


def _settled(mathml: str) -> ElementTree.Element:
    root = ElementTree.fromstring(mathml)
    _settle_brackets(root)
    return root


def page_pieces(mathml: str) -> list[str]:
    """An inline formula as the page shows it: brackets settled, in pieces."""
    return _pieces(_settled(mathml))


def page_display(mathml: str) -> str:
    """A displayed formula as the page shows it: brackets settled, whole (it scrolls if wide)."""
    return _text(_settled(mathml))


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
        self.glyphs = FontGlyphs()
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
        """Write the font subset for every character the pages of this build need (after the
        last page: the set is known only then), through the cache."""
        from importlib.metadata import version

        chars = "".join(sorted(set().union(*self.used.values())))
        key = digest([FONT_SOURCE], f"chars={chars}", f"fonttools={version('fonttools')}")
        entry = self.store.lookup("math-font", key)
        if entry is None:
            name = FONT.rsplit("/", 1)[-1]
            entry = self.store.store("math-font", key, {}, {name: font_subset(set(chars))})
        write_if_changed(site_dir / FONT, entry.path(FONT.rsplit("/", 1)[-1]).read_bytes())

    def render_page(self, content: str, where: str) -> str:
        """Replace every formula in a page's HTML by MathML."""
        matches = list(ARITHMATEX.finditer(content))
        if not matches:
            return content
        formulas = [(html.unescape(m["tex"]).strip(), m["open"] == r"\[") for m in matches]
        rendered = self.render_many(formulas, where)
        used = set()
        for (tex, _), mathml in zip(formulas, rendered, strict=True):
            needed = characters(mathml)
            self.glyphs.check(needed, f"{where}: ${tex}$")
            used |= needed
        self.used[where] = frozenset(used)
        rendered = iter(rendered)

        def replace(m: re.Match) -> str:
            if m["tag"] == "div":
                math = page_display(next(rendered))
                return f'{m["before"]}<div class="arithmatex">{math}</div>{m["after"]}'
            pieces = page_pieces(next(rendered))
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


class FontGlyphs:
    """The characters of Noto Sans Math, to check that the font can show every formula."""

    def __init__(self):
        self._cmap: frozenset[int] | None = None

    def check(self, needed: set[str], what: str) -> None:
        if self._cmap is None:
            self._cmap = frozenset(_font().getBestCmap())
        lacking = sorted(c for c in needed if ord(c) not in self._cmap)
        if lacking:
            names = ", ".join(f"U+{ord(c):04X} {c}" for c in lacking)
            raise BuildError(f"{what}: the math font has no glyph for {names}")


def _font():
    from fontTools.ttLib import TTFont

    if not FONT_SOURCE.is_file():
        raise BuildError(f"math: {FONT_SOURCE} is missing: run `npm ci` first")
    return TTFont(FONT_SOURCE)


def font_subset(chars: set[str]) -> bytes:
    """Noto Sans Math reduced to ``chars`` (with their size variants and the parts that build
    a stretched bracket, from the MATH table), as WOFF2; the same bytes for the same set."""
    from fontTools import subset

    font = _font()
    options = subset.Options()
    options.layout_features = ["*"]  # script-size forms (ssty), flattened accents, ...
    options.flavor = "woff2"
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    font.recalcTimestamp = False  # the same bytes on every build
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def stylesheet(font_url: str = "noto-sans-math.woff2") -> bytes:
    """Temml's stylesheet for Noto Sans Math, pointed at the site's subset of the font, which
    it shows only if the font is ready by first paint (``optional``: no layout shift; pages
    preload it); otherwise the reader's own math font shows."""
    if not TEMML.is_dir():
        raise BuildError(f"math: {TEMML} is missing: run `npm ci` first")
    css = (TEMML / "dist" / "Temml-NotoSans.css").read_text(encoding="utf-8")
    face = re.compile(r"@font-face\s*\{[^}]*NotoSansMath-Regular\.ttf[^}]*\}", re.S)
    family = 'font-family: "NotoSans Math", math;'
    if not face.search(css) or family not in css:
        raise BuildError("math: Temml-NotoSans.css changed; update sitebuild/pipeline/mathml.py")
    own = (
        f'@font-face {{\n  font-family: "{FAMILY}";\n  src: url("{font_url}") format("woff2");\n'
        "  font-display: optional;\n}"
    )
    css = face.sub(own, css).replace(family, f'font-family: "{FAMILY}", math;')
    return css.encode()
