"""Render the figure scripts in scripts/figures/ to SVG, light and dark, through a cache.

A figure script ``scripts/figures/<name>.py`` defines ``figure()`` that returns
``(matplotlib.figure.Figure, alt_text)`` and may define ``CAPTION`` (Markdown). The output is the
same bytes on every run: the script seeds its own randomness, and here the SVG hash salt is fixed
and no date is written. A figure is rendered again only when the hash of its source, the project
code it imports, this module and the matplotlib version changes.
"""

from __future__ import annotations

import functools
import importlib
import io
import json
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from sitebuild import BuildError
from sitebuild.sources import SCRIPTS, digest, local_imports, write_if_changed

FIGURES = SCRIPTS / "figures"
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


@dataclass(frozen=True)
class RenderedFigure:
    name: str
    alt: str
    caption: str
    paths: dict  # theme -> Path of the SVG
    width: int = 0  # CSS pixels, from the SVG, so pages reserve the space before it loads
    height: int = 0


SVG_SIZE = re.compile(rb'<svg[^>]*?width="([0-9.]+)pt"[^>]*?height="([0-9.]+)pt"', re.S)


def svg_size(svg: bytes) -> tuple[int, int]:
    """The SVG's size in CSS pixels (matplotlib writes points; 1 pt = 4/3 px)."""
    found = SVG_SIZE.search(svg)
    if not found:
        raise BuildError("figure SVG has no width and height in points")
    return round(float(found[1]) * 4 / 3), round(float(found[2]) * 4 / 3)


def names() -> list[str]:
    return sorted(p.stem for p in FIGURES.glob("*.py") if not p.stem.startswith("_"))


def source_of(name: str) -> Path:
    path = FIGURES / f"{name}.py"
    if not path.is_file():
        known = ", ".join(names()) or "none"
        raise BuildError(f"unknown figure '{name}' (no {path}; known figures: {known})")
    return path


@functools.cache
def matplotlib_version() -> str:
    """Looked up once per process: each lookup scans the installed packages (7 ms, 15 figures).
    A new matplotlib needs a new process anyway, since the old one stays imported."""
    return version("matplotlib")


def cache_key(name: str) -> str:
    return digest(local_imports(source_of(name)) | {Path(__file__)}, matplotlib_version())


def render_svg(name: str, theme: str) -> tuple[bytes, str, str]:
    """Run the figure script under a theme's style; return (svg bytes, alt text, caption)."""
    import matplotlib  # imported here: a build whose figures are all cached never loads it

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    try:
        module = importlib.import_module(f"figures.{name}")
        module = importlib.reload(module)
        with plt.rc_context(STYLES[theme]):
            result = module.figure()
            figure, alt = result
            buffer = io.BytesIO()
            figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
        plt.close(figure)
    except BuildError:
        raise
    except Exception as error:
        raise BuildError(
            f"figure '{name}' ({source_of(name)}) failed: {type(error).__name__}: {error}"
        ) from error
    if not isinstance(alt, str) or not alt.strip():
        raise BuildError(f"figure '{name}' ({source_of(name)}) returned no alt text")
    return buffer.getvalue(), alt.strip(), getattr(module, "CAPTION", "").strip()


def build(name: str, out_dir: Path) -> RenderedFigure:
    """Render one figure into out_dir unless its cached copy is current."""
    key = cache_key(name)
    meta_path = out_dir / f"{name}.json"
    paths = {theme: out_dir / f"{name}-{theme}.svg" for theme in THEMES}
    if meta_path.exists() and all(p.exists() for p in paths.values()):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("key") == key:
            return RenderedFigure(
                name, meta["alt"], meta["caption"], paths, meta["width"], meta["height"]
            )
    alt = caption = ""
    for theme in THEMES:
        svg, alt, caption = render_svg(name, theme)
        write_if_changed(paths[theme], svg)
    width, height = svg_size(svg)
    meta = {"key": key, "alt": alt, "caption": caption, "width": width, "height": height}
    write_if_changed(meta_path, json.dumps(meta, indent=1, sort_keys=True).encode())
    return RenderedFigure(name, alt, caption, paths, width, height)


def build_all(out_dir: Path) -> dict[str, RenderedFigure]:
    return {name: build(name, out_dir) for name in names()}
