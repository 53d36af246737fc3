"""Expand the markers a page uses to embed generated content.

    {{ derivation variance_of_sum }}   a checked derivation, step by step
    {{ figure tanh }}                  a generated figure (light and dark SVG, alt text, caption)
    {{ value growth_1_5 }}             a computed number or table
    {{ claim zero_start_stalls }}      a sentence about an experiment, checked on its data
    {{ exercise he_conv_std }}         an exercise with its worked (and computed) answer
    {{ cite glorot2010 }}              "Glorot and Bengio (2010)", linked to the references page

A name is looked up in the page's own topic (``docs/he.md``: ``scripts/topics/he/``); another
topic's item is named with its topic, ``{{ value exploding_vanishing.growth_1_5 }}``.

Markers in what a marker generates are expanded too (a derivation's conclusion may cite a paper).
Markers inside fenced code blocks are left alone, so a page can show the syntax. An unknown kind
or name stops the build, naming the page, the line and the marker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from sitebuild import BuildError

MARKER = re.compile(r"\{\{\s*(?P<kind>[a-z_]+)\s+(?P<name>[A-Za-z0-9_.-]+)\s*\}\}")
FENCE = re.compile(r"^\s*(```|~~~)")
MAX_DEPTH = 3


def expand(
    markdown: str, where: str, handlers: Mapping[str, Callable[[str], str]], depth: int = 0
) -> str:
    """Replace every marker outside code fences with what its kind's handler returns, and the
    markers in that in turn."""
    out = []
    fence = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1) == fence:
                fence = None
            out.append(line)
            continue
        if opened:
            fence = opened.group(1)
            out.append(line)
            continue

        def replace(match: re.Match, number=number) -> str:
            kind, name = match["kind"], match["name"]
            if kind not in handlers:
                known = ", ".join(sorted(handlers))
                raise BuildError(
                    f"{where}:{number}: unknown marker kind '{kind}' in {match[0]} (known: {known})"
                )
            inside = f"{where}:{number}: {match[0]}"
            try:
                generated = handlers[kind](name)
            except BuildError as error:
                raise BuildError(f"{inside}: {error}") from None
            if depth >= MAX_DEPTH and MARKER.search(generated):
                raise BuildError(f"{inside}: markers nested deeper than {MAX_DEPTH}")
            # What an item generates (a derivation's conclusion, an exercise's answer) may cite
            # or quote a value in turn.
            return expand(generated, inside, handlers, depth + 1)

        out.append(MARKER.sub(replace, line))
    return "\n".join(out)
