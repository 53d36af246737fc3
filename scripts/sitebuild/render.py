"""Turn checked derivations into the Markdown a page shows (math rendered later by KaTeX)."""

from __future__ import annotations

import html

import sympy as sp

from sitebuild.derivation import Derivation


def latex(expr) -> str:
    return sp.latex(expr, mul_symbol=None)


def _step_note(derivation: Derivation, step) -> str:
    notes = []
    if step.uses:
        used = ", ".join(derivation.assumption(name).statement for name in step.uses)
        notes.append(f"uses {used}")
    if step.for_each is not None:
        symbol, values = step.for_each
        values = list(values)
        notes.append(f"checked for ${latex(symbol)} = {values[0]}, \\dots, {values[-1]}$")
    return f" <span class='derivation-uses'>({'; '.join(notes)})</span>" if notes else ""


def derivation_markdown(derivation: Derivation) -> str:
    """A derivation as a numbered list of display equations, each with its reason."""
    lines = [
        f'<div class="derivation" id="derivation-{derivation.name}" markdown="1">',
        "",
        f'<p class="derivation-title">{html.escape(derivation.title)}</p>',
        "",
    ]
    previous_rhs = None
    for number, step in enumerate(derivation.steps, start=1):
        relation = r"\approx" if step.approximate else "="
        if step.implies:
            relation = r"\quad\Longrightarrow\quad"
        lhs = "" if previous_rhs is not None and step.lhs == previous_rhs else latex(step.lhs)
        lines += [
            f'<div class="derivation-step" id="derivation-{derivation.name}-{number}" '
            'markdown="1">',
            "",
            "$$",
            f"{lhs} {relation} {latex(step.rhs)}",
            "$$",
            "",
            f'<span class="derivation-number">({number})</span> {step.reason}'
            f"{_step_note(derivation, step)}",
            "",
            "</div>",
            "",
        ]
        previous_rhs = step.rhs
    if derivation.conclusion:
        lines += [f'<p class="derivation-conclusion" markdown="1">{derivation.conclusion}</p>', ""]
    lines += ["</div>", ""]
    return "\n".join(lines)
