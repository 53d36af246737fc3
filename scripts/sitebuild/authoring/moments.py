"""Expectation and variance of polynomials in independent random variables, exactly.

A derivation about variances needs operators that SymPy can *evaluate*, not only print. Here a
random variable is a SymPy symbol (or an indexed symbol ``w[i]``) declared in a :class:`Model`
together with its mean and variance. Distinct variables (and distinct indices of one family) are
independent; the members of one family are identically distributed. Under those assumptions the
expectation of any polynomial is a polynomial in the moments, which is what :func:`evaluate`
computes. Higher moments than the second are kept as opaque symbols, so nothing about the shape of
the distribution is assumed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp


def _power(tex: str, exp) -> str:
    return tex if exp is None else r"{%s}^{%s}" % (tex, exp)


class E(sp.Function):
    """Expectation, printed as E[X]; evaluated by :func:`evaluate`."""

    nargs = 1

    def _latex(self, printer, exp=None):
        return _power(r"\mathbb{E}\left[%s\right]" % printer._print(self.args[0]), exp)


class Var(sp.Function):
    """Variance, printed as Var(X); evaluated by :func:`evaluate`."""

    nargs = 1

    def _latex(self, printer, exp=None):
        return _power(r"\operatorname{Var}\left(%s\right)" % printer._print(self.args[0]), exp)


class Cov(sp.Function):
    """Covariance, printed as Cov(X, Y); evaluated by :func:`evaluate`."""

    nargs = 2

    def _latex(self, printer, exp=None):
        a, b = (printer._print(arg) for arg in self.args)
        return _power(r"\operatorname{Cov}\left(%s, %s\right)" % (a, b), exp)


@dataclass(frozen=True)
class Family:
    """Identically distributed random variables that share a name (``w`` or ``w[i]``)."""

    name: str
    mean: sp.Expr
    variance: sp.Expr

    def moment(self, k: int) -> sp.Expr:
        if k == 0:
            return sp.Integer(1)
        if k == 1:
            return self.mean
        if k == 2:
            return self.variance + self.mean**2
        return sp.Symbol(f"m_{{{k}}}({self.name})")


@dataclass
class Model:
    """Which symbols are random, and their first two moments."""

    families: dict[str, Family] = field(default_factory=dict)
    indexed: dict[str, bool] = field(default_factory=dict)

    def random(self, name: str, mean=None, variance=None, indexed: bool = False):
        """Declare a family; returns a Symbol, or an IndexedBase when ``indexed``."""
        # Named as the page writes them, so that an assumption about a moment reads as usual.
        mean = sp.Symbol(rf"\mathbb{{E}}[{name}]") if mean is None else sp.sympify(mean)
        variance = (
            sp.Symbol(rf"\operatorname{{Var}}({name})", positive=True)
            if variance is None
            else sp.sympify(variance)
        )
        self.families[name] = Family(name, mean, variance)
        self.indexed[name] = indexed
        return sp.IndexedBase(name) if indexed else sp.Symbol(name)

    def statement(self) -> str:
        """What the model assumes, in words and symbols: its random variables are independent,
        and identically distributed within a family."""
        from sitebuild.authoring.printing import latex

        index = sp.Symbol("i")
        members = [
            f"${latex(sp.IndexedBase(name)[index])}$" if self.indexed.get(name) else f"${name}$"
            for name in self.families
        ]
        listed = ", ".join(members[:-1]) + " and " + members[-1] if len(members) > 1 else members[0]
        return (
            f"{listed} are independent random variables, identically distributed within each family"
        )

    def family_of(self, factor) -> tuple[Family, object] | None:
        """The family of a random factor and its index (None for a plain symbol)."""
        if isinstance(factor, sp.Indexed):
            family = self.families.get(str(factor.base))
            return (family, factor.indices) if family else None
        if isinstance(factor, sp.Symbol) and factor.name in self.families:
            return self.families[factor.name], None
        return None


def _expect_polynomial(expr: sp.Expr, model: Model) -> sp.Expr:
    expr = sp.expand(expr)
    total = sp.Integer(0)
    for term in sp.Add.make_args(expr):
        coefficient = sp.Integer(1)
        powers: dict[tuple[str, object], int] = {}
        for factor in sp.Mul.make_args(term):
            base, exponent = factor.as_base_exp()
            owner = model.family_of(base)
            if owner is None:
                if any(model.family_of(s) for s in base.atoms(sp.Symbol, sp.Indexed)):
                    raise ValueError(f"cannot take the expectation of non-polynomial {factor}")
                coefficient *= factor
                continue
            if not (exponent.is_Integer and exponent > 0):
                raise ValueError(f"cannot take the expectation of {factor}")
            family, index = owner
            key = (family.name, index)
            powers[key] = powers.get(key, 0) + int(exponent)
        for (name, _index), k in powers.items():
            coefficient *= model.families[name].moment(k)
        total += coefficient
    return total


def evaluate(expr: sp.Expr, model: Model) -> sp.Expr:
    """Replace every E, Var and Cov in ``expr`` by its value in the moments of ``model``."""
    expr = sp.sympify(expr).doit(deep=True) if expr.has(sp.Sum) else sp.sympify(expr)

    def expectation(x):
        return _expect_polynomial(evaluate(x, model), model)

    def variance(x):
        return expectation(x**2) - expectation(x) ** 2

    def covariance(x, y):
        return expectation(x * y) - expectation(x) * expectation(y)

    return expr.replace(E, expectation).replace(Var, variance).replace(Cov, covariance)
