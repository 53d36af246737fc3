"""Exercises at the end of a page, with a worked answer the reader opens when ready.

An :class:`Exercise` has a question and a worked answer (Markdown). A numeric one also has
``compute``, which the build runs to get the answer (so the number shown is computed, never
typed), and ``verify``, which gets the same number another way (a closed form, a simulation, the
library): the tests hold the two to each other. On the page the reader can type a number and is
told whether it is right, within ``tolerance`` (relative).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass

from sitebuild import BuildError

KINDS = ("compute", "derive", "predict", "playground")


@dataclass(frozen=True)
class Exercise:
    name: str
    kind: str  # one of KINDS: what the reader does
    question: str  # Markdown
    answer: str  # Markdown; "{answer}" is replaced by the computed number
    compute: Callable[[], float] | None = None
    verify: Callable[[], float] | None = None
    fmt: str = "{:.4g}"
    tolerance: float = 0.01

    def value(self) -> float | None:
        if self.compute is None:
            return None
        try:
            result = float(self.compute())
        except Exception as error:
            raise BuildError(
                f"exercise '{self.name}': computing its answer failed: "
                f"{type(error).__name__}: {error}"
            ) from error
        if not math.isfinite(result):
            raise BuildError(f"exercise '{self.name}': its answer is {result}")
        return result

    def markdown(self) -> str:
        """The exercise as the page shows it: question, a box to type a number into (numeric
        exercises; the site's script shows it), and the worked answer behind a summary."""
        if self.kind not in KINDS:
            raise BuildError(f"exercise '{self.name}': unknown kind '{self.kind}' (use {KINDS})")
        if (self.compute is None) != (self.verify is None):
            raise BuildError(f"exercise '{self.name}': give both compute and verify, or neither")
        number = self.value()
        shown = self.fmt.format(number) if number is not None else ""
        if number is None and "{answer}" in self.answer:
            raise BuildError(f"exercise '{self.name}': its answer names {{answer}} but it has none")
        answer = self.answer.replace("{answer}", shown)
        data = (
            f' data-answer="{number!r}" data-tolerance="{self.tolerance!r}"'
            if number is not None
            else ""
        )
        lines = [
            f'<div class="exercise" id="exercise-{self.name}"{data} markdown="1">',
            "",
            f'<p class="exercise-kind">{html.escape(self.kind)}</p>',
            "",
            self.question,
            "",
        ]
        if number is not None:
            lines += [
                '<form class="exercise-check" hidden>'
                f'<label for="answer-{self.name}">Your answer</label> '
                f'<input id="answer-{self.name}" type="text" inputmode="decimal" '
                'autocomplete="off"> <button type="submit" class="md-button">Check</button> '
                '<output role="status" aria-live="polite"></output></form>',
                "",
            ]
        lines += [
            '<details class="exercise-answer" markdown="1">',
            "<summary>Answer</summary>",
            "",
            answer,
            "",
            "</details>",
            "",
            "</div>",
            "",
        ]
        return "\n".join(lines)


def exercise(kind: str, question: str, answer: str, **options):
    """Decorator for a numeric exercise: ``@exercise("compute", question, answer, verify=...)`` on
    the function that computes the answer. An exercise without a number is an
    :class:`Exercise` made directly."""

    def wrap(compute: Callable[[], float]) -> Exercise:
        return Exercise(compute.__name__, kind, question, answer, compute, **options)

    return wrap
