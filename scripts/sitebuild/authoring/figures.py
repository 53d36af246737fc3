"""Figures a page embeds, drawn by the build (see :mod:`sitebuild.pipeline.figures`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """``draw()`` returns ``(matplotlib.figure.Figure, alt text)``; ``caption`` is Markdown."""

    name: str
    draw: Callable[..., tuple]
    caption: str = ""
    narrow: bool = False  # draw(narrow=True) gives a layout for a phone's width

    @property
    def qualified_name(self) -> str:
        """``effects.decision_boundaries``: its topic (the module defining it), its name."""
        parts = self.draw.__module__.split(".")
        topic = parts[1] if len(parts) > 2 and parts[0] == "topics" else parts[0]
        return f"{topic}.{self.name}"

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        """In a notebook, the figure itself: drawn as a PNG, with its alt text as its text. The
        output's metadata names the figure, so the notebook's page on the site shows the site's
        figure (light and dark, with its caption) in its place."""
        import base64
        import io

        drawn, alt = self.draw()
        image = io.BytesIO()
        drawn.savefig(image, format="png", dpi=100, bbox_inches="tight")
        data = {"image/png": base64.b64encode(image.getvalue()).decode(), "text/plain": alt}
        return data, {"initsite": {"figure": self.qualified_name}}


def figure(caption: str = "", narrow: bool = False):
    """Decorator: ``@figure(caption="...")`` on a function of no arguments that returns a
    ``matplotlib.figure.Figure`` and its alt text makes the Figure named after the function; a
    page embeds it with ``{{ figure <function name> }}``.

    Seed every random draw, and draw with the default colour cycle (``"C0"``, ...): the build
    renders a light and a dark variant with the theme's text colours. Draw at most 7 inches
    wide with no text below 9 points (a page shows a figure about 690 px wide). A figure of
    several panels says ``narrow=True`` and takes ``narrow`` as an argument: with it, it draws
    a layout about 4 inches wide (panels stacked), which a phone shows instead.
    """

    def wrap(function: Callable[..., tuple]) -> Figure:
        return Figure(function.__name__, function, caption.strip(), narrow)

    return wrap
