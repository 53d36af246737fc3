"""Named numbers (and small computed tables) that pages insert instead of typing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sitebuild import BuildError


@dataclass(frozen=True)
class Value:
    """``compute()`` returns a number, formatted by ``fmt``, or a string inserted as it is."""

    name: str
    compute: Callable[[], object]
    fmt: str = "{}"
    description: str = ""

    def text(self) -> str:
        try:
            result = self.compute()
        except Exception as error:
            raise BuildError(
                f"value '{self.name}': computing it failed: {type(error).__name__}: {error}"
            ) from error
        if isinstance(result, str):
            return result
        try:
            return self.fmt.format(result)
        except (ValueError, TypeError) as error:
            raise BuildError(
                f"value '{self.name}': format {self.fmt!r} does not fit {result!r}: {error}"
            ) from error


def power_of_ten(x: float, digits: int = 2) -> str:
    """``x`` as LaTeX ``m \\times 10^{e}``, ``m`` to ``digits`` significant digits: 3.5e-06 is
    ``3.5 \\times 10^{-6}``. The mantissa is rounded before the exponent is chosen, so 9.99e-4
    is ``1 \\times 10^{-3}``, never ``10 \\times 10^{-4}``."""
    if digits < 1:
        raise ValueError(f"power_of_ten needs at least one significant digit, got {digits}")
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{float(mantissa):.{digits}g} \\times 10^{{{int(exponent)}}}"


def scientific(x: float, digits: int = 2) -> str:
    """:func:`power_of_ten` as inline math for prose and tables: ``$3.5 \\times 10^{-6}$``."""
    return f"${power_of_ten(x, digits)}$"


def plain_or_scientific(x: float, digits: int = 2) -> str:
    """``x`` to ``digits`` significant digits, plain from a thousandth on (0.621), and as
    :func:`scientific` below it ($5.4 \\times 10^{-12}$): a table's small and tiny numbers."""
    return f"{x:.{digits}g}" if x >= 1e-3 else scientific(x)


def value(fmt: str = "{}"):
    """Decorator: ``@value("{:.2f}")`` on a function of no arguments makes the Value named after
    the function; a page inserts it with ``{{ value <function name> }}``."""

    def wrap(function: Callable[[], object]) -> Value:
        return Value(function.__name__, function, fmt, (function.__doc__ or "").strip())

    return wrap
