"""The numbers a page's values print, read back: ``0.621``, ``2,000``, ``$1.2 \\times 10^{-6}$``
(or without its dollars, inside a formula), and ranges ``low to high`` of them.

Strict on purpose: text in any other shape (an exponent as ``1e-06``, a mantissa of ``10``, a
stray unit) is a ``ValueError``, so a test reading a value also holds the way it is printed.
"""

from __future__ import annotations

import re

PLAIN = re.compile(r"-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
# A mantissa of one nonzero digit before the point: what sitebuild's power_of_ten writes.
POWER_OF_TEN = re.compile(r"(\$?)(-?[1-9](\.\d+)?) \\times 10\^\{(-?\d+)\}\1")


def number(text: str) -> float:
    """The number ``text`` shows: plain, with thousands separators, or m × 10^e."""
    text = text.strip()
    if PLAIN.fullmatch(text):
        return float(text.replace(",", ""))
    if match := POWER_OF_TEN.fullmatch(text):
        return float(match[2]) * 10 ** int(match[4])
    raise ValueError(f"not a number as the pages print one: {text!r}")


def number_range(text: str) -> tuple[float, float]:
    """``"0.19 to 2.1"``, ``"$1.2 \\times 10^{-6}$ to 0.5"`` as two numbers."""
    low, high = text.split(" to ")
    return number(low), number(high)
