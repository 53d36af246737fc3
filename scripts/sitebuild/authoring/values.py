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


def value(fmt: str = "{}"):
    """Decorator: ``@value("{:.2f}")`` on a function of no arguments makes the Value named after
    the function; a page inserts it with ``{{ value <function name> }}``."""

    def wrap(function: Callable[[], object]) -> Value:
        return Value(function.__name__, function, fmt, (function.__doc__ or "").strip())

    return wrap
