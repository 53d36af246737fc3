"""The math font: Noto Sans Math, subset at build time to the characters the site's formulas use.

Noto Sans Math has an OpenType MATH table, so brackets stretch and sums grow in display style the
same in every browser. The subset holds the characters of every page's formulas, italic forms
included (about 15 KB), is served from the site and preloaded by the pages that show math
(loading.py). A formula with a character the font lacks stops the build: a reader would otherwise
see that character in whatever font their system falls back to.
"""

from __future__ import annotations

import functools
import io
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from sitebuild import ROOT, BuildError
from sitebuild.pipeline.cache import Cache, write_if_changed
from sitebuild.pipeline.sources import digest

TEMML = ROOT / "node_modules" / "temml"
FONT_SOURCE = (
    ROOT / "node_modules" / "@fontsource" / "noto-sans-math" / "files"
    / "noto-sans-math-latin-400-normal.woff2"
)  # fmt: skip
STYLESHEET = "assets/math/math.css"  # site paths
FONT = "assets/math/noto-sans-math.woff2"
FAMILY = "Noto Sans Math (site)"

# Characters that print nothing: no glyph is needed for them.
INVISIBLE = frozenset("\u2061\u2062\u2063\u2064 \u00a0\u2009\u200a\u205f")


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


@functools.lru_cache(maxsize=8192)
def characters(mathml: str) -> frozenset[str]:
    """Every character the browser needs a glyph for to show ``mathml`` (cached per formula, as
    its layout is)."""
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
    return frozenset(found - INVISIBLE)


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


def write(store: Cache, chars: set[str], site_dir: Path) -> None:
    """Write the subset for ``chars`` (every page's: known only after the last page) into the
    site, through the cache."""
    from importlib.metadata import version

    text = "".join(sorted(chars))
    key = digest([FONT_SOURCE], f"chars={text}", f"fonttools={version('fonttools')}")
    name = FONT.rsplit("/", 1)[-1]
    entry = store.lookup("math-font", key)
    if entry is None:
        entry = store.store("math-font", key, {}, {name: font_subset(set(text))})
    write_if_changed(site_dir / FONT, entry.path(name).read_bytes())


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
        raise BuildError("math: Temml-NotoSans.css changed; update pipeline/mathml_font.py")
    own = (
        f'@font-face {{\n  font-family: "{FAMILY}";\n  src: url("{font_url}") format("woff2");\n'
        "  font-display: optional;\n}"
    )
    css = face.sub(own, css).replace(family, f'font-family: "{FAMILY}", math;')
    return css.encode()
