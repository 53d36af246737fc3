"""Derivations: named, ordered lists of steps, each a SymPy relation that SymPy proves
(:mod:`~sitebuild.authoring.proof` proves them).

A :class:`Step` states ``lhs = rhs`` (or ``lhs ≈ rhs``, or ``lhs ⟹ rhs``) with a one-line reason.
The page shows exactly the objects that are checked (see :mod:`~sitebuild.authoring.printing`).
A step holds when:

* (the default) ``lhs - rhs`` simplifies to zero once the random-variable operators E, Var and Cov
  are evaluated in the derivation's :class:`~sitebuild.authoring.moments.Model`, after the
  substitutions of the assumptions the step names in ``uses``; a sum whose length is a symbol is
  checked for each length in ``for_each``, and the page says so;
* or its own ``check(lhs, rhs)`` returns True; a check that relies on assumptions takes a third
  argument, ``assume``, which applies the substitutions of the assumptions the step names.

Five guards keep a check honest, so that changing anything displayed fails the build:

* a step with its own check must fail when either side is changed (its check reads both sides);
* a step that names an assumption must fail without it (what it names, it uses);
* a step is shown with ≈ exactly when what proves it approximates: a check marked with
  :func:`approximately`, or an assumption with ``approximate=True`` that it uses;
* a step that does not start from the previous step's result must not look as if it did: it
  may not print the same, nor differ from it in a number only;
* an assumption is shown as its words followed by its substitutions, printed from the same
  mapping the checks apply (what is shown is what is assumed).

A conclusion's formulas are steps too (``formulas``), checked like the others and put into the
conclusion's text at their ``{name}``: a conclusion has no formula of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import sympy as sp

from sitebuild import BuildError
from sitebuild.authoring.moments import Model
from sitebuild.authoring.printing import latex

Check = Callable[..., bool]


def approximately(check: Check) -> Check:
    """Marks a check that holds only approximately (a truncated series, a limit, a rounded
    number). A step is shown with ≈ exactly when its check is so marked or it uses an approximate
    assumption: :func:`~sitebuild.authoring.proof.problems` rejects a step whose sign says
    otherwise, so the sign shown is the one the check earns."""
    check.approximately = True
    return check


def approximates(check: Check | None) -> bool:
    return getattr(check, "approximately", False)


@dataclass(frozen=True)
class Assumption:
    """An assumption: its words, and exactly what it licenses a check to substitute.

    ``substitutions`` maps an expression to what it may be replaced by: ``{mu_W: 0}``, or a
    function to a ``Lambda`` (``{sp.tanh: Lambda(t, t)}`` for "tanh is the identity near 0",
    with ``approximate=True``). The page shows the words followed by these substitutions.
    """

    name: str
    words: str
    substitutions: Mapping = field(default_factory=dict)
    approximate: bool = False

    def apply(self, expr):
        for old, new in self.substitutions.items():
            if isinstance(new, sp.Lambda):
                expr = expr.replace(old, new)
            else:  # structurally first: inside a product or sum over a bound index too
                expr = expr.xreplace({old: sp.sympify(new)}).subs(old, new)
        return expr

    def formulas(self) -> list[str]:
        """Each substitution as a relation; keys with one value share it: ``a = b = 0``."""
        relation = r"\approx" if self.approximate else "="
        grouped: dict = {}
        for old, new in self.substitutions.items():
            if isinstance(new, sp.Lambda):
                old, new = old(*new.variables), new.expr
            grouped.setdefault(new, []).append(old)
        return [
            f" {relation} ".join(latex(side) for side in [*olds, new])
            for new, olds in grouped.items()
        ]

    @property
    def statement(self) -> str:
        """The words, then the substitutions in math: ``zero-mean weights ($\\mu_W = 0$)``."""
        formulas = ", ".join(f"${formula}$" for formula in self.formulas())
        return f"{self.words} ({formulas})" if formulas else self.words


@dataclass(frozen=True)
class Step:
    lhs: sp.Basic
    rhs: sp.Basic
    reason: str
    uses: tuple[str, ...] = ()
    approximate: bool = False
    for_each: tuple[sp.Symbol, Iterable[int]] | None = None
    check: Check | None = None
    implies: bool = False  # lhs and rhs are equations: "lhs ⟹ rhs" (solving, say)

    @property
    def relation(self) -> str:
        if self.implies:
            return r"\quad\Longrightarrow\quad"
        return r"\approx" if self.approximate else "="

    @property
    def sign(self) -> str:
        """The relation as plain text, for messages: ⟹, ≈ or =."""
        if self.implies:
            return "⟹"
        return "≈" if self.approximate else "="


@dataclass
class Derivation:
    name: str
    title: str
    steps: list[Step]
    model: Model = field(default_factory=Model)
    assumptions: list[Assumption] = field(default_factory=list)
    conclusion: str = ""
    formulas: dict[str, Step] = field(default_factory=dict)  # the conclusion's {name}s

    def assumption(self, name: str) -> Assumption:
        for assumption in self.assumptions:
            if assumption.name == name:
                return assumption
        known = ", ".join(a.name for a in self.assumptions) or "none"
        raise BuildError(
            f"derivation '{self.name}': a step uses unknown assumption '{name}' (known: {known})"
        )

    def conclusion_text(self) -> str:
        """The conclusion with each ``{name}`` replaced by its checked formula."""
        shown = {
            name: f"${latex(step.lhs)} {step.relation} {latex(step.rhs)}$"
            for name, step in self.formulas.items()
        }
        missing = set(self.formulas) - set(re.findall(r"\{(\w+)\}", self.conclusion))
        if missing:
            raise BuildError(f"derivation '{self.name}': formulas {sorted(missing)} are unused")
        return re.sub(r"\{(\w+)\}", lambda m: shown.get(m[1], m[0]), self.conclusion)


def assumption_list(*derivations: Derivation) -> str:
    """A Markdown list of every assumption the derivations make, each once, in order: the
    independence their models declare, then the named assumptions' statements."""
    lines: list[str] = []
    for derivation in derivations:
        statements = [derivation.model.statement()] if derivation.model.families else []
        statements += [assumption.statement for assumption in derivation.assumptions]
        for statement in statements:
            if f"- {statement}" not in lines:
                lines.append(f"- {statement}")
    return "\n".join(lines)
