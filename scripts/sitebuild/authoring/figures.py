"""Figures a page embeds, drawn by the build (see :mod:`sitebuild.pipeline.figures`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """``draw()`` returns ``(matplotlib.figure.Figure, alt text)``; ``caption`` is Markdown."""

    name: str
    draw: Callable[[], tuple]
    caption: str = ""


def figure(caption: str = ""):
    """Decorator: ``@figure(caption="...")`` on a function of no arguments that returns a
    ``matplotlib.figure.Figure`` and its alt text makes the Figure named after the function; a
    page embeds it with ``{{ figure <function name> }}``.

    Seed every random draw, and draw with the default colour cycle (``"C0"``, ...): the build
    renders a light and a dark variant with the theme's text colours.
    """

    def wrap(function: Callable[[], tuple]) -> Figure:
        return Figure(function.__name__, function, caption.strip())

    return wrap
