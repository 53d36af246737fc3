"""Whether a derivation holds: each step proved by SymPy, and held to what it displays.

A step holds when (see :class:`~sitebuild.authoring.derivation.Step`) its two sides' difference
simplifies to zero once E, Var and Cov are evaluated in the derivation's model, under the
assumptions it names, or when its own ``check`` says so. :func:`verify` also refuses a step that
holds for the wrong reason: a check that does not read a side, an assumption named but not used, a
conclusion that types a formula instead of naming a checked one. The build runs :func:`verify` on
every derivation (``pipeline/registry.py``); tests hand it a changed derivation
(:func:`with_changed_step`) to see the change rejected.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Iterable

import sympy as sp

from sitebuild import BuildError
from sitebuild.authoring.derivation import Check, Derivation, Step, approximates
from sitebuild.authoring.moments import Model, evaluate
from sitebuild.authoring.printing import latex

# What makes a typed formula a statement to check: a relation between two sides.
RELATION = re.compile(r"=|<|>|\\approx|\\sim|\\le|\\ge|\\ne|\\propto|\\to")
# ... unless it only names a case: a symbol and a number (``L = 10``, ``k > 1``).
SETTING = re.compile(r"^\s*\\?[A-Za-z]+(_\{?\w+\}?)?\s*(=|<|>)\s*-?[\d.]+\s*$")


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


def _sign_problems(derivation: Derivation, step: Step) -> list[str]:
    """≈ shown exactly where the proof approximates (see :func:`derivation.approximately`)."""
    if step.implies:  # shown as ⟹, whatever proves it
        return (
            ["says approximate=True, but a ⟹ step shows no ≈: drop it"] if step.approximate else []
        )
    why = [f"assumption '{name}'" for name in step.uses if derivation.assumption(name).approximate]
    if approximates(step.check):
        why.append(f"its check {getattr(step.check, '__qualname__', step.check)!r}")
    if step.approximate and not why:
        return [
            "is shown with ≈ but nothing that proves it approximates: mark its check with "
            "approximately(), or show '='"
        ]
    if why and not step.approximate:
        return [
            f"is shown with '=' but {' and '.join(why)} only approximates: write approximate=True"
        ]
    return []


def problems(derivation: Derivation, number: int, step: Step) -> list[str]:
    """What is wrong with a step that holds: a relation shown that is not the one it has (two
    equations joined by '=', '⟹' between expressions, '=' for an approximation or '≈' for an
    exact step), a side its check does not read, an assumption it names but does not use, an
    assumption-taking check it cannot have."""
    found = []
    equations = [isinstance(side, sp.core.relational.Relational) for side in (step.lhs, step.rhs)]
    if all(equations) and not step.implies:
        found.append("joins two equations with '=': write implies=True, shown as ⟹")
    if step.implies and not all(equations):
        found.append("says ⟹ (implies=True) but a side is not an equation")
    if step.check is not None and step.uses and not _takes_assumptions(step.check):
        found.append(f"names assumptions {step.uses} but its check takes no `assume` argument")
    if step.check is not None:
        for side in ("lhs", "rhs"):
            changed = dataclasses.replace(step, **{side: _changed(getattr(step, side))})
            if _holds_quietly(derivation, changed, step.uses):
                found.append(f"still holds with its {side} changed: its check does not read it")
    found += _sign_problems(derivation, step)
    for name in step.uses:
        if derivation.assumption(name).substitutions:
            others = [other for other in step.uses if other != name]
            if _holds_quietly(derivation, step, others):
                found.append(f"holds without assumption '{name}', which it names")
    return [f"derivation '{derivation.name}', step {number}: {problem}" for problem in found]


_NUMBER = re.compile(r"\b(?:Integer|Rational|Float)\([^()]*\)")


def _shape_of(side) -> str:
    """A side written out (``srepr``) with every number replaced by one mark: two sides of the
    same shape that are not equal differ in a number only."""
    return _NUMBER.sub("#", sp.srepr(side))


def broken_chain(derivation: Derivation) -> str | None:
    """A step that starts from the previous step's result with a number changed, or from an
    expression that prints the same but is not it. The page joins a step to the one before when
    its left side is that step's right side; otherwise it shows the left side on a new line. One
    that differs in a number only looks continued but is not (residual's coefficient 2 → 3 on a
    covariance the next assumption sets to 0 held, and showed a jump no step makes); one that
    prints the same is shown twice."""
    for number in range(2, len(derivation.steps) + 1):
        before, step = derivation.steps[number - 2], derivation.steps[number - 1]
        if step.lhs == before.rhs:
            continue
        where = f"derivation '{derivation.name}', step {number} starts from {step.lhs}"
        if latex(step.lhs) == latex(before.rhs):
            return (
                f"{where}, which prints as step {number - 1}'s result but is another expression "
                "(evaluated, say, where the other is written): the page shows it twice; start "
                "from that result"
            )
        if _shape_of(step.lhs) == _shape_of(before.rhs):
            return (
                f"{where}, step {number - 1}'s result {before.rhs} with a number changed: start "
                "from that result"
            )
    return None


def verify(derivation: Derivation) -> None:
    """Raise BuildError naming the derivation and the first step (1-based) that does not hold,
    or whose check does not read what it shows."""
    if not derivation.steps:
        raise BuildError(f"derivation '{derivation.name}' has no steps")
    if broken := broken_chain(derivation):
        raise BuildError(broken)
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
                f"{step.lhs} {step.sign} {step.rhs} ({step.reason})"
            )
        if found:
            raise BuildError("; ".join(found))


def with_changed_step(derivation: Derivation, number: int, **changes) -> Derivation:
    """The derivation with step ``number`` (1-based) changed (another side, other assumptions):
    what a test hands to :func:`verify` to see that a changed display is rejected."""
    steps = list(derivation.steps)
    steps[number - 1] = dataclasses.replace(steps[number - 1], **changes)
    return dataclasses.replace(derivation, steps=steps)
