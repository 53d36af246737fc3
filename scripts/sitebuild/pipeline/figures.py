"""Draw a topic's figures (:func:`sitebuild.authoring.figure`) to SVG, light and dark.

The output is the same bytes on every run: a figure seeds its own randomness, and here the SVG
hash salt is fixed and no date is written. The registry caches the SVGs per topic module.
"""

from __future__ import annotations

import io
import re

from sitebuild import BuildError
from sitebuild.pipeline import rasters

THEMES = ("light", "dark")

_COMMON = {
    "svg.hashsalt": "initialization-derived-and-executed",
    "svg.fonttype": "path",
    "figure.dpi": 100,
    "savefig.transparent": True,
    "font.size": 11,
    "axes.grid": True,
    "grid.alpha": 0.35,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Drop the vertices of a line that move it less than 1/9 px (matplotlib's default): the
    # orthogonal page's 18 cost curves of 801 steps weighed 130 KB gzipped, 20 KB simplified,
    # with the same pixels to within 0.06 of 255 on average (deterministic, like the rest).
    "path.simplify": True,
}
STYLES = {
    "light": {
        **_COMMON,
        "text.color": "#1f2328",
        "axes.labelcolor": "#1f2328",
        "axes.edgecolor": "#57606a",
        "xtick.color": "#1f2328",
        "ytick.color": "#1f2328",
        "grid.color": "#8c959f",
        "legend.facecolor": "white",
        "legend.edgecolor": "#d0d7de",
    },
    "dark": {
        **_COMMON,
        "text.color": "#e6edf3",
        "axes.labelcolor": "#e6edf3",
        "axes.edgecolor": "#8b949e",
        "xtick.color": "#e6edf3",
        "ytick.color": "#e6edf3",
        "grid.color": "#6e7681",
        "legend.facecolor": "#1e2129",
        "legend.edgecolor": "#30363d",
    },
}


def site_path(topic: str, name: str, theme: str, variant: str = "wide") -> str:
    """Where a figure variant is served: ``assets/figures/<topic>/<name>[-narrow]-<theme>.svg``."""
    suffix = "-narrow" if variant == "narrow" else ""
    return f"assets/figures/{topic}/{name}{suffix}-{theme}.svg"


SVG_SIZE = re.compile(rb'<svg[^>]*?width="([0-9.]+)pt"[^>]*?height="([0-9.]+)pt"', re.S)


def svg_size(svg: bytes) -> tuple[int, int]:
    """The SVG's size in CSS pixels (matplotlib writes points; 1 pt = 4/3 px)."""
    found = SVG_SIZE.search(svg)
    if not found:
        raise BuildError("figure SVG has no width and height in points")
    return round(float(found[1]) * 4 / 3), round(float(found[2]) * 4 / 3)


def smallest_text(figure) -> float:
    """The smallest font size, in points, of any visible text in a matplotlib figure."""
    from matplotlib.text import Text

    sizes = [
        text.get_fontsize()
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    ]
    return float(min(sizes)) if sizes else 0.0


def _draw(item, theme: str, narrow: bool, where: str) -> tuple[bytes, str, float]:
    import matplotlib.pyplot as plt

    try:
        with plt.rc_context(STYLES[theme]):
            figure, alt = item.draw(narrow=True) if narrow else item.draw()
            smallest = smallest_text(figure)
            buffer = io.BytesIO()
            figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
        plt.close(figure)
    except BuildError:
        raise
    except Exception as error:
        raise BuildError(
            f"figure '{item.name}' ({where}) failed: {type(error).__name__}: {error}"
        ) from error
    if not isinstance(alt, str) or not alt.strip():
        raise BuildError(f"figure '{item.name}' ({where}) returned no alt text")
    return rasters.compact_rasters(buffer.getvalue()), alt.strip(), smallest


def render(item, where: str) -> tuple[dict, dict[str, bytes]]:
    """Draw a Figure in every theme, and in its narrow layout too if it has one:
    ``({alt, caption, variants}, {file name: SVG bytes})``, the files named
    ``<name>[-narrow]-<theme>.svg``; each variant records its size in CSS pixels and the
    smallest font size in it (points), so that a test can measure the text as shown."""
    import matplotlib  # imported here: a build whose figures are all cached never loads it

    matplotlib.use("Agg")
    files, variants, alt = {}, {}, ""
    for variant in ("wide", "narrow") if item.narrow else ("wide",):
        suffix = "-narrow" if variant == "narrow" else ""
        for theme in THEMES:
            svg, alt, smallest = _draw(item, theme, variant == "narrow", where)
            files[f"{item.name}{suffix}-{theme}.svg"] = svg
        width, height = svg_size(svg)
        variants[variant] = {"width": width, "height": height, "smallest_font": smallest}
    meta = {"alt": alt, "caption": item.caption, "variants": variants}
    return meta, files
