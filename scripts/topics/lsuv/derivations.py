"""Why one rescaling is exact for a layer's pre-activations, and why no single gain suits SiLU."""

import sympy as sp

from sitebuild.authoring import Assumption, Derivation, E, Model, Step
from sitebuild.authoring.checks import solves_for
from sitebuild.authoring.moments import evaluate
from sitebuild.authoring.notation import (
    NamedFunction,
    NormalDensity,
    Relu,
    Sigmoid,
    Silu,
    written_out,
)
from sitebuild.authoring.printing import written_sum

c = sp.Symbol("c", positive=True)  # the factor LSUV multiplies a layer's weights by
z = sp.Symbol("z", real=True)
k = sp.Symbol("k", integer=True, positive=True)
m = sp.Symbol("m", integer=True, positive=True)  # values in the batch (batch size × units)
batch = sp.IndexedBase("z")
BATCH_SIZES = range(1, 7)


class BatchVariance(NamedFunction):
    """The variance over a batch of m values, (1/m) Σ (x_k − x̄)², of an expression in z: what
    LSUV measures. Printed with a hat; :func:`over_the_batch` writes it out."""

    tex = "\\widehat{\\operatorname{Var}}"

    def _eval_is_positive(self):
        return True  # a batch whose values are not all equal; LSUV divides by it


def over_the_batch(expr, size: int):
    """Every V̂(f(z)) written out for ``size`` values z_1 … z_size."""

    def sample_variance(argument):
        values = [argument.subs(z, batch[index]) for index in range(1, size + 1)]
        mean = sp.Add(*values) / size
        return sp.Add(*[(value - mean) ** 2 for value in values]) / size

    return expr.replace(BatchVariance, sample_variance)


def for_every_batch_size(lhs, rhs) -> bool:
    """Both sides agree once every V̂ is written out, for batches of 1 … 6 values."""
    return all(
        sp.expand(over_the_batch(lhs - rhs, size)) == 0 for size in BATCH_SIZES
    )  # fmt: skip


def relu_commutes(lhs, rhs) -> bool:
    """Both sides agree for every real z, for any positive c: checked for z positive, negative
    and 0, which covers the line."""
    p = sp.Symbol("p", positive=True)
    difference = (lhs - rhs).rewrite(sp.Piecewise)
    return all(sp.simplify(difference.subs(z, value)) == 0 for value in (p, -p, 0))


variance_z = BatchVariance(z)

rescaling = Derivation(
    name="rescaling",
    title="One division sets a layer's variance to 1",
    steps=[
        Step(
            BatchVariance(c * z),
            c**2 * variance_z,
            "Multiplying a layer's weights by $c$ multiplies its pre-activations $z = "
            "W^{[l]} a^{[l-1]}$ by $c$: its input $a^{[l-1]}$ comes from the layers before, "
            "which are already done. A variance over the batch is quadratic in the values and "
            "their mean is scaled too "
            f"(checked for batches of {BATCH_SIZES[0]} to {BATCH_SIZES[-1]} values).",
            check=for_every_batch_size,
        ),
        Step(
            sp.Eq(c**2 * variance_z, 1),
            sp.Eq(c, 1 / sp.sqrt(variance_z)),
            "Ask for a variance of 1 and solve for the positive factor:",
            implies=True,
            check=solves_for(c),
        ),
        Step(
            Relu(c * z),
            c * Relu(z),
            "Measured after a ReLU instead, the same holds: a positive factor passes through "
            "it. It does not pass through tanh or SiLU.",
            check=relu_commutes,
        ),
    ],
    conclusion=(
        "So LSUV's first division sets the variance of a layer's pre-activations on the batch "
        "to exactly 1, and the loop's next pass only confirms it; measured after a ReLU, the "
        "same. Measured after tanh or SiLU, a division changes the variance by a factor that "
        "depends on the scale, and the loop iterates."
    ),
)


# -- SiLU: less than half the second moment, and a share that depends on the scale -------------


def same_function(lhs, rhs) -> bool:
    """Both sides are the same function of z once σ and SiLU are written out."""
    return sp.simplify(written_out(lhs - rhs)) == 0


s = sp.Symbol("s", positive=True)
t = sp.Symbol("t", real=True)
density = NormalDensity(z, s)
SYMMETRIC = Assumption(
    "symmetric",
    "the pre-activation $z$ is normal with mean 0 and standard deviation $s$, as a sum of many "
    "independent terms nearly is (only its symmetry about 0 matters)",
    {E: sp.Lambda(t, sp.Integral(t * density, (z, -sp.oo, sp.oo)))},
)


def _even_part(integral: sp.Integral):
    """The integrand of ∫ f(z) p(z) dz over the line with p even, replaced by the even part of f:
    the integral is unchanged. None if it is not such an integral."""
    integrand = integral.function
    even = density.doit()
    if integral.limits != ((z, -sp.oo, sp.oo),) or sp.simplify(even.subs(z, -z) - even) != 0:
        return None
    f = sp.simplify(integrand / even)
    return written_out((f + f.subs(z, -z)) / 2)


def equal_by_symmetry(lhs, rhs, assume) -> bool:
    """Each side, its expectations made integrals against the even density, has integrands whose
    even parts agree pointwise: the integrals agree without being computed."""
    sides = []
    for side in (lhs, rhs):
        side = assume(side.doit() if isinstance(side, sp.Integral) else side)
        integrals = side.atoms(sp.Integral)
        if len(integrals) != 1:
            return False
        (integral,) = integrals
        part = _even_part(integral)
        if part is None:
            return False
        sides.append(side.xreplace({integral: part}))
    return sp.simplify(sides[0] - sides[1]) == 0


q = sp.Symbol("q", positive=True)
u_model = Model()
u = u_model.random("u", mean=0, variance=1)
scaled = sp.sqrt(q) * u
share = E(Silu(scaled) ** 2) / q  # the share of the variance q that SiLU keeps


def small_scale_limit(lhs, rhs) -> bool:
    """lim q→0 of E[f(√q u)]/q: Taylor-expand f in u to second order, average over u in the
    model, divide by q and let q → 0."""
    if not isinstance(lhs, sp.Limit):
        return False
    expression, _, point = lhs.args[:3]
    if point != 0:
        return False

    def taylor(argument):
        return E(sp.series(written_out(argument), u, 0, 3).removeO())

    averaged = evaluate(expression.replace(E, taylor), u_model)
    return sp.simplify(sp.limit(averaged, q, 0) - rhs) == 0


def large_scale_limit(lhs, rhs) -> bool:
    """lim q→∞ of E[SiLU(√q u)²]/q = E[u² σ(√q u)²]: the integrand tends to u² above 0 and to 0
    below; integrate that limit against the standard normal density (dominated by u²)."""
    if not isinstance(lhs, sp.Limit) or lhs.args[2] != sp.oo:
        return False
    expression = lhs.args[0]
    integrand = sp.simplify(written_out(expression.replace(E, lambda x: x)) * 1)
    above, below = sp.Symbol("v", positive=True), sp.Symbol("v", negative=True)
    limit_above = sp.limit(integrand.subs(u, above), q, sp.oo).subs(above, u)
    limit_below = sp.limit(integrand.subs(u, below), q, sp.oo).subs(below, u)
    standard = NormalDensity(u, 1).doit()
    value = sp.integrate(limit_above * standard, (u, 0, sp.oo)) + sp.integrate(
        limit_below * standard, (u, -sp.oo, 0)
    )  # fmt: skip
    return sp.simplify(value - rhs) == 0


silu_second_moment = Derivation(
    name="silu_second_moment",
    title="SiLU keeps less than half, and how much depends on the scale",
    assumptions=[SYMMETRIC],
    steps=[
        Step(
            written_sum(Sigmoid(z), Sigmoid(-z)),
            sp.Integer(1),
            "The logistic function is symmetric about its midpoint.",
            check=same_function,
        ),
        Step(
            E(Silu(z) ** 2),
            E(z**2 * written_sum(Sigmoid(z) ** 2, Sigmoid(-z) ** 2)) / 2,
            "Since $z$ and $-z$ are equally likely, $\\mathbb E[z^2\\sigma(z)^2] = \\mathbb "
            "E[z^2\\sigma(-z)^2]$: average the two (checked by comparing the even parts of the "
            "integrands).",
            uses=("symmetric",),
            check=equal_by_symmetry,
        ),
        Step(
            written_sum(Sigmoid(z) ** 2, Sigmoid(-z) ** 2),
            written_sum(1, -2 * Sigmoid(z) * Sigmoid(-z)),
            "Square the first line.",
            check=same_function,
        ),
        Step(
            sp.Limit(share, q, 0),
            sp.Rational(1, 4),
            "Write $z = \\sqrt q\\, u$ with $u$ standard normal. Near 0, "
            "$\\operatorname{SiLU}(z) \\approx z/2$: a small signal keeps a quarter of its "
            "variance.",
            check=small_scale_limit,
        ),
        Step(
            sp.Limit(share, q, sp.oo),
            sp.Rational(1, 2),
            "Far from 0, SiLU is ReLU: a large signal keeps half, as through ReLU.",
            check=large_scale_limit,
        ),
    ],
    conclusion=(
        "By the second and third lines, $\\mathbb E[\\operatorname{SiLU}(z)^2]$ is half of "
        "$\\mathbb E[z^2]$ minus the positive $\\mathbb E[z^2\\sigma(z)\\sigma(-z)]$: less than "
        "ReLU keeps, so He's gain $\\sqrt 2$ lets the signal fade through SiLU layers. And the "
        "share kept runs from a quarter to a half as the scale grows, so the gain² that keeps "
        "a variance runs from 4 down to 2: unlike ReLU's, it depends on the scale, and no "
        "single number serves every network."
    ),
)
