"""Claims: the sentences a page says about an experiment, each with the check that makes it true.

"The cost stalls", "the units stay identical", "He trains on every seed": a sentence like that
is a claim about data, and it is only as good as the data says. A :class:`Claim` keeps the
sentence (Markdown, as the page shows it) next to a function that checks it on the experiment's
data. The page inserts the sentence with ``{{ claim name }}`` (a figure caption may too); the
build checks every claim and stops, naming it, when one does not hold; the tests check them all
again (tests/topics/test_claims.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sitebuild import BuildError


@dataclass(frozen=True)
class Claim:
    """``check()`` returns True when ``text`` is true of the data (or raises AssertionError with
    the numbers that make it false)."""

    name: str
    text: str
    check: Callable[[], bool]

    def holds(self) -> bool:
        return _true(self.check())

    def verified_text(self) -> str:
        """The sentence, after checking it: a claim that does not hold stops the build."""
        try:
            result = self.check()
        except AssertionError as error:
            raise BuildError(f"claim '{self.name}' does not hold: {self.text!r}: {error}") from None
        except Exception as error:
            raise BuildError(
                f"claim '{self.name}': checking it failed: {type(error).__name__}: {error}"
            ) from error
        if not _true(result):
            raise BuildError(
                f"claim '{self.name}' does not hold: {self.text!r} (its check returned {result!r})"
            )
        return self.text


def _true(result) -> bool:
    """True for True (Python's or NumPy's); a check that returns None forgot its answer."""
    return type(result).__name__ in ("bool", "bool_") and bool(result)


def claim(text: str):
    """Decorator: ``@claim("From the zero start the cost never moves.")`` on a function of no
    arguments that returns True when the sentence is true of the data. The page inserts the
    sentence with ``{{ claim <function name> }}``."""

    def wrap(check: Callable[[], bool]) -> Claim:
        return Claim(check.__name__, " ".join(text.split()), check)

    return wrap
