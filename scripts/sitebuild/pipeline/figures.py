"""Draw a topic's figures (:func:`sitebuild.authoring.figure`) to SVG, light and dark.

The output is the same bytes on every run: a figure seeds its own randomness, and here the SVG
hash salt is fixed and no date is written. The registry caches the SVGs per topic module.
"""

from __future__ import annotations

import io
import re

from sitebuild import BuildError

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
    "path.simplify": False,
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


def site_path(topic: str, name: str, theme: str) -> str:
    """Where a figure's variant is served: ``assets/figures/<topic>/<name>-<theme>.svg``."""
    return f"assets/figures/{topic}/{name}-{theme}.svg"


SVG_SIZE = re.compile(rb'<svg[^>]*?width="([0-9.]+)pt"[^>]*?height="([0-9.]+)pt"', re.S)


def svg_size(svg: bytes) -> tuple[int, int]:
    """The SVG's size in CSS pixels (matplotlib writes points; 1 pt = 4/3 px)."""
    found = SVG_SIZE.search(svg)
    if not found:
        raise BuildError("figure SVG has no width and height in points")
    return round(float(found[1]) * 4 / 3), round(float(found[2]) * 4 / 3)


def render(item, where: str) -> tuple[dict, dict[str, bytes]]:
    """Draw a Figure in every theme: ``({alt, caption, width, height}, {file name: SVG bytes})``,
    the files named ``<name>-<theme>.svg``."""
    import matplotlib  # imported here: a build whose figures are all cached never loads it

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    files, alt = {}, ""
    for theme in THEMES:
        try:
            with plt.rc_context(STYLES[theme]):
                figure, alt = item.draw()
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
        files[f"{item.name}-{theme}.svg"] = buffer.getvalue()
    width, height = svg_size(files[f"{item.name}-{THEMES[-1]}.svg"])
    meta = {"alt": alt.strip(), "caption": item.caption, "width": width, "height": height}
    return meta, files
