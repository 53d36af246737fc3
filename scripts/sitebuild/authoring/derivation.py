"""Derivations: named, ordered lists of steps, each a SymPy relation that SymPy proves.

A :class:`Step` states ``lhs = rhs`` (or ``lhs ≈ rhs``) with a one-line reason. Its check is chosen
by what the step is:

* an exact identity (the default): ``lhs - rhs`` simplifies to zero once the random-variable
  operators E, Var and Cov are evaluated in the derivation's :class:`~sitebuild.moments.Model`,
  after the substitutions of the assumptions the step names in ``uses``;
* an identity that involves a sum whose length is a symbol (``n``): checked exactly for each
  length in ``for_each`` (the reason then says "for every n" only if the step is linear in the
  terms, which is the author's claim and is shown on the page as "checked for n = 1…6");
* anything else: a ``check`` callable that returns True when the step holds (for example a limit
  or a Taylor expansion behind an "≈", or ``implies=True`` for an equation solved into another).

The page shows ``sympy.latex`` of exactly the expressions that were checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import sympy as sp

from sitebuild import BuildError
from sitebuild.authoring.moments import Model, evaluate

Check = Callable[[sp.Expr, sp.Expr], bool]


@dataclass(frozen=True)
class Assumption:
    """A named assumption: its statement for the page and the substitutions it licenses."""

    name: str
    statement: str
    substitutions: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    lhs: sp.Expr
    rhs: sp.Expr
    reason: str
    uses: tuple[str, ...] = ()
    approximate: bool = False
    for_each: tuple[sp.Symbol, Iterable[int]] | None = None
    check: Check | None = None
    implies: bool = False  # lhs and rhs are equations: "lhs ⟹ rhs" (solving, say)


@dataclass
class Derivation:
    name: str
    title: str
    steps: list[Step]
    model: Model = field(default_factory=Model)
    assumptions: list[Assumption] = field(default_factory=list)
    conclusion: str = ""

    def assumption(self, name: str) -> Assumption:
        for assumption in self.assumptions:
            if assumption.name == name:
                return assumption
        known = ", ".join(a.name for a in self.assumptions) or "none"
        raise BuildError(
            f"derivation '{self.name}': a step uses unknown assumption '{name}' (known: {known})"
        )


def _difference_vanishes(lhs, rhs, model: Model, substitutions: Mapping) -> bool:
    difference = evaluate(lhs, model) - evaluate(rhs, model)
    difference = difference.subs(substitutions)
    return sp.simplify(difference) == 0


def step_holds(derivation: Derivation, step: Step) -> bool:
    """True when SymPy proves the step under the assumptions it names."""
    substitutions: dict = {}
    for name in step.uses:
        substitutions.update(derivation.assumption(name).substitutions)
    if step.check is not None:
        return bool(step.check(step.lhs, step.rhs))
    if step.approximate:
        raise BuildError(
            f"derivation '{derivation.name}': an approximate step needs its own check "
            f"('{step.reason}')"
        )
    if step.for_each is not None:
        symbol, values = step.for_each
        # The symbol is substituted in the moments too (a weight variance of c/n, say).
        return all(
            _difference_vanishes(
                step.lhs.subs(symbol, value),
                step.rhs.subs(symbol, value),
                derivation.model,
                {**substitutions, symbol: value},
            )
            for value in values
        )
    return _difference_vanishes(step.lhs, step.rhs, derivation.model, substitutions)


def verify(derivation: Derivation) -> None:
    """Raise BuildError naming the derivation and the first step (1-based) that does not hold."""
    if not derivation.steps:
        raise BuildError(f"derivation '{derivation.name}' has no steps")
    for number, step in enumerate(derivation.steps, start=1):
        try:
            holds = step_holds(derivation, step)
        except BuildError:
            raise
        except Exception as error:  # a SymPy failure is a failed proof, not a crash
            raise BuildError(
                f"derivation '{derivation.name}', step {number} ({step.reason}): "
                f"SymPy could not check it: {type(error).__name__}: {error}"
            ) from error
        if not holds:
            relation = "≈" if step.approximate else "="
            raise BuildError(
                f"derivation '{derivation.name}', step {number} does not hold: "
                f"{step.lhs} {relation} {step.rhs} ({step.reason})"
            )
