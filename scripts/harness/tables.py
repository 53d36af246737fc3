"""The cells of a Markdown table a value writes, read the way the page's Markdown reads them.

Python-Markdown renders a table whatever its separator row says, so a table whose separator has
too few cells, or a row with a cell too many, shows as a broken table with every test of its
numbers passing. :func:`cells` reads a table only after checking its shape.
"""

from __future__ import annotations

import re

SEPARATOR = re.compile(r"^:?-{3,}:?$")


def _split(row: str) -> list[str]:
    if not (row.startswith("|") and row.endswith("|")):
        raise ValueError(f"a table row starts and ends with '|': {row!r}")
    return [cell.strip() for cell in row[1:-1].split("|")]


def cells(text: str) -> tuple[list[str], list[list[str]]]:
    """The header and the body rows' cells of the Markdown table ``text``, after checking that it
    is one: a header, a separator of ``---`` cells, and rows, all with the same number of cells."""
    header, separator, *body = (_split(row) for row in text.splitlines())
    width = len(header)
    if len(separator) != width or not all(SEPARATOR.match(cell) for cell in separator):
        raise ValueError(f"the separator row does not match a header of {width} cells: {text!r}")
    for row in body:
        if len(row) != width:
            raise ValueError(f"a row has {len(row)} cells under a header of {width}: {row}")
    return header, body


def body(text: str) -> list[list[str]]:
    """The body rows' cells of the Markdown table ``text`` (its shape checked by :func:`cells`)."""
    return cells(text)[1]
