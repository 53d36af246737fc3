"""Derivations: named, ordered lists of steps, each a SymPy relation that SymPy proves.

A :class:`Step` states ``lhs = rhs`` (or ``lhs ≈ rhs``, or ``lhs ⟹ rhs``) with a one-line reason.
The page shows exactly the objects that are checked (see :mod:`~sitebuild.authoring.printing`).
A step holds when:

* (the default) ``lhs - rhs`` simplifies to zero once the random-variable operators E, Var and Cov
  are evaluated in the derivation's :class:`~sitebuild.authoring.moments.Model`, after the
  substitutions of the assumptions the step names in ``uses``; a sum whose length is a symbol is
  checked for each length in ``for_each``, and the page says so;
* or its own ``check(lhs, rhs)`` returns True; a check that relies on assumptions takes a third
  argument, ``assume``, which applies the substitutions of the assumptions the step names.

Three guards keep a check honest, so that changing anything displayed fails the build:

* a step with its own check must fail when either side is changed (its check reads both sides);
* a step that names an assumption must fail without it (what it names, it uses);
* an assumption is shown as its words followed by its substitutions, printed from the same
  mapping the checks apply (what is shown is what is assumed).

A conclusion's formulas are steps too (``formulas``), checked like the others and put into the
conclusion's text at their ``{name}``: a conclusion has no formula of its own.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import sympy as sp

from sitebuild import BuildError
from sitebuild.authoring.moments import Model, evaluate
from sitebuild.authoring.printing import latex

Check = Callable[..., bool]
# What makes a typed formula a statement to check: a relation between two sides.
RELATION = re.compile(r"=|<|>|\\approx|\\sim|\\le|\\ge|\\ne|\\propto|\\to")
# ... unless it only names a case: a symbol and a number (``L = 10``, ``k > 1``).
SETTING = re.compile(r"^\s*\\?[A-Za-z]+(_\{?\w+\}?)?\s*(=|<|>)\s*-?[\d.]+\s*$")


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


def _assume(derivation: Derivation, names: Iterable[str]):
    assumptions = [derivation.assumption(name) for name in names]

    def assume(expr):
        for assumption in assumptions:
            expr = assumption.apply(expr)
        return expr

    return assume


def _difference_vanishes(lhs, rhs, model: Model, assume) -> bool:
    difference = assume(evaluate(lhs, model) - evaluate(rhs, model))
    return sp.simplify(difference) == 0


def _takes_assumptions(check: Check) -> bool:
    return len(inspect.signature(check).parameters) >= 3


def _holds(derivation: Derivation, step: Step, uses: Iterable[str]) -> bool:
    assume = _assume(derivation, uses)
    if step.check is not None:
        if _takes_assumptions(step.check):
            return bool(step.check(step.lhs, step.rhs, assume))
        return bool(step.check(step.lhs, step.rhs))
    if step.approximate:
        raise BuildError(
            f"derivation '{derivation.name}': an approximate step needs its own check "
            f"('{step.reason}')"
        )
    if step.for_each is not None:
        symbol, values = step.for_each

        def at(value):  # the symbol is substituted in the moments too (a variance c/n, say)
            return lambda expr: assume(expr).subs(symbol, value)

        return all(
            _difference_vanishes(
                step.lhs.subs(symbol, value), step.rhs.subs(symbol, value), derivation.model,
                at(value),
            )
            for value in values
        )  # fmt: skip
    return _difference_vanishes(step.lhs, step.rhs, derivation.model, assume)


def step_holds(derivation: Derivation, step: Step) -> bool:
    """True when SymPy proves the step under the assumptions it names."""
    return _holds(derivation, step, step.uses)


def _changed(side):
    """The same side, made false: one added to it (twice it, for a matrix or an equation's side)."""
    if isinstance(side, sp.Eq):
        return sp.Eq(_changed(side.lhs), side.rhs, evaluate=False)
    if getattr(side, "is_Matrix", False) or isinstance(side, sp.MatrixExpr):
        return 2 * side
    return side + 1


def _holds_quietly(derivation: Derivation, step: Step, uses: Iterable[str]) -> bool:
    """Like _holds, for a step made false on purpose: an error counts as not holding."""
    try:
        return _holds(derivation, step, uses)
    except Exception:
        return False


def problems(derivation: Derivation, number: int, step: Step) -> list[str]:
    """What is wrong with a step that holds: a side its check does not read, an assumption it
    names but does not use, an assumption-taking check it cannot have."""
    found = []
    if step.check is not None and step.uses and not _takes_assumptions(step.check):
        found.append(f"names assumptions {step.uses} but its check takes no `assume` argument")
    if step.check is not None:
        for side in ("lhs", "rhs"):
            changed = dataclasses.replace(step, **{side: _changed(getattr(step, side))})
            if _holds_quietly(derivation, changed, step.uses):
                found.append(f"still holds with its {side} changed: its check does not read it")
    for name in step.uses:
        if derivation.assumption(name).substitutions:
            others = [other for other in step.uses if other != name]
            if _holds_quietly(derivation, step, others):
                found.append(f"holds without assumption '{name}', which it names")
    return [f"derivation '{derivation.name}', step {number}: {problem}" for problem in found]


def verify(derivation: Derivation) -> None:
    """Raise BuildError naming the derivation and the first step (1-based) that does not hold,
    or whose check does not read what it shows."""
    if not derivation.steps:
        raise BuildError(f"derivation '{derivation.name}' has no steps")
    for typed in re.findall(r"\$([^$]*)\$", derivation.conclusion):
        if RELATION.search(typed) and not SETTING.match(typed):
            raise BuildError(
                f"derivation '{derivation.name}': its conclusion types the formula ${typed}$; "
                "put it in `formulas` as a checked step and write {name} in the text"
            )
    steps = list(enumerate(derivation.steps, start=1))
    steps += [(f"formula '{name}'", step) for name, step in derivation.formulas.items()]
    for number, step in steps:
        try:
            holds = step_holds(derivation, step)
            found = problems(derivation, number, step) if holds else []
        except BuildError:
            raise
        except Exception as error:  # a SymPy failure is a failed proof, not a crash
            raise BuildError(
                f"derivation '{derivation.name}', step {number} ({step.reason}): "
                f"SymPy could not check it: {type(error).__name__}: {error}"
            ) from error
        if not holds:
            raise BuildError(
                f"derivation '{derivation.name}', step {number} does not hold: "
                f"{step.lhs} {'≈' if step.approximate else '='} {step.rhs} ({step.reason})"
            )
        if found:
            raise BuildError("; ".join(found))


def with_changed_step(derivation: Derivation, number: int, **changes) -> Derivation:
    """The derivation with step ``number`` (1-based) changed (another side, other assumptions):
    what a test hands to :func:`verify` to see that a changed display is rejected."""
    steps = list(derivation.steps)
    steps[number - 1] = dataclasses.replace(steps[number - 1], **changes)
    return dataclasses.replace(derivation, steps=steps)


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
