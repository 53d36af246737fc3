"""The practical guide's derivations: the gain that keeps unit variance, the variance map of a
positively homogeneous activation, GELU's and SiLU's second moments by quadrature, SELU's
constants, and the three biases (PyTorch's default, the output's log prior, the forget gate's)."""

from functools import cache

import mpmath
import sympy as sp

from sitebuild.authoring import Assumption, Derivation, E, Model, Step, Var, approximately
from sitebuild.authoring.checks import equal_after_doit, solves_for
from sitebuild.authoring.notation import NamedFunction, Sigmoid, Silu, written_out
from sitebuild.authoring.printing import checked_for, latex, written_product, written_sum
from topics.practical_guide import experiment as ex

u = sp.Symbol("u", real=True)  # a unit normal: z = √q u
q = sp.Symbol("q", positive=True)  # the previous layer's pre-activation variance
g = sp.Symbol("g", positive=True)  # the gain: Var(W) = g²/n
phi = sp.Function("varphi")  # the activation, φ


class UnitDensity(NamedFunction):
    """The unit normal density, printed p(u) (the assumption that uses it defines it);
    ``doit()`` gives the expression the checks integrate."""

    tex = "p"

    def doit(self, **hints):
        (value,) = self.args
        return sp.exp(-(value**2) / 2) / sp.sqrt(2 * sp.pi)


density = UnitDensity(u)

# --- the gain that keeps unit variance ---------------------------------------------------------

forward = Model()
W = forward.random("W^{[l]}", indexed=True)
a = forward.random("a^{[l-1]}", indexed=True)
i, j = sp.symbols("i j", integer=True, positive=True)
n = sp.Symbol("n^{[l-1]}", integer=True, positive=True)

ZERO_MEAN_WEIGHTS = Assumption(
    "zero_mean_weights", "zero-mean weights", {forward.families["W^{[l]}"].mean: 0}
)
GAIN_RULE = Assumption(
    "gain_rule",
    "weights of variance $g^2/n^{[l-1]}$, and $a^{[l-1]} = \\varphi(z^{[l-1]})$ with "
    "$z^{[l-1]} = \\sqrt{q}\\,u$ normal of variance $q$",
    {Var(W[i, j]): g**2 / n, E(a[j] ** 2): E(phi(sp.sqrt(q) * u) ** 2)},
)

next_variance = written_product(g**2, E(phi(sp.sqrt(q) * u) ** 2))


def _gain_for_moment(lhs, rhs) -> bool:
    """``Eq(E[φ(u)²], m) ⟹ Eq(g, shown)``: the gain that solves the criterion g² m = 1."""
    return lhs.lhs == E(phi(u) ** 2) and solves_for(g)(sp.Eq(g**2 * lhs.rhs, 1), rhs)


def _solves_for_gain(lhs, rhs) -> bool:
    """solves_for(g), with the second moment a positive number (it is, for any φ not 0)."""
    moment = sp.Symbol("m", positive=True)
    known = {E(phi(u) ** 2): moment}
    return solves_for(g)(lhs.xreplace(known), rhs.xreplace(known))


stable_gain = Derivation(
    name="stable_gain",
    title="The gain that maps unit variance to unit variance",
    model=forward,
    assumptions=[ZERO_MEAN_WEIGHTS, GAIN_RULE],
    steps=[
        Step(
            Var(sp.Sum(W[i, j] * a[j], (j, 1, n))),
            written_product(n, Var(W[i, j]), E(a[j] ** 2)),
            "$z_i^{[l]} = \\sum_j W_{ij}^{[l]} a_j^{[l-1]}$: independent terms, each of variance "
            "$\\operatorname{Var}(W_{ij})\\,\\mathbb E[(a_j)^2]$ when the weights have mean 0 "
            "(as on the [He page](he.md)).",
            uses=("zero_mean_weights",),
            for_each=(n, range(1, 7)),
        ),
        Step(
            written_product(n, Var(W[i, j]), E(a[j] ** 2)),
            next_variance,
            "Write the weight variance with a gain, and the input as the activation of a normal "
            "pre-activation $\\sqrt{q}\\,u$, $u \\sim \\mathcal N(0, 1)$: this is the **variance "
            "map** $F(q)$, the next layer's variance as a function of this one's.",
            uses=("gain_rule",),
            check=lambda lhs, rhs, assume: sp.simplify(assume(lhs) - rhs) == 0,
        ),
        Step(
            sp.Eq(next_variance.subs(q, 1), 1),
            sp.Eq(g, 1 / sp.sqrt(E(phi(u) ** 2))),
            "The criterion used on this page: unit variance in, unit variance out, "
            "$F(1) = 1$ ($q = 1$ is a fixed point of the map). Solve for the gain:",
            implies=True,
            check=lambda lhs, rhs: _solves_for_gain(lhs, rhs),
        ),
    ],
    conclusion=(
        "So the gain is one over the root of the activation's second moment under a unit "
        "normal. ReLU keeps half of it (the [He page](he.md) derives it), so {relu}; a linear "
        "layer keeps all of it, {linear}."
    ),
    formulas={
        "relu": Step(
            sp.Eq(E(phi(u) ** 2), sp.Rational(1, 2)),
            sp.Eq(g, sp.sqrt(2)),
            "",
            implies=True,
            check=_gain_for_moment,
        ),
        "linear": Step(
            sp.Eq(E(phi(u) ** 2), 1),
            sp.Eq(g, 1),
            "",
            implies=True,
            check=_gain_for_moment,
        ),
    },
)


def _pull_constants(expr):
    """E(c·X) → c·E(X) for every factor c free of u: the linearity of the expectation."""

    def linear(arg):
        constant, random = sp.S.One, sp.S.One
        for factor in sp.Mul.make_args(arg):
            if factor.has(u):
                random *= factor
            else:
                constant *= factor
        return constant * E(random)

    return expr.replace(E, linear)


HOMOGENEOUS = Assumption(
    "homogeneous",
    "$\\varphi$ positively homogeneous: linear, ReLU or leaky ReLU",
    {phi(sp.sqrt(q) * u): sp.sqrt(q) * phi(u)},
)
CRITERION = Assumption(
    "criterion", "the gain of the criterion above", {g: 1 / sp.sqrt(E(phi(u) ** 2))}
)

homogeneous_map = Derivation(
    name="homogeneous_map",
    title="For ReLU-like activations every variance is a fixed point",
    assumptions=[HOMOGENEOUS, CRITERION],
    steps=[
        Step(
            next_variance,
            written_product(g**2, q, E(phi(u) ** 2)),
            "A positive factor passes through $\\varphi$, and out of the expectation.",
            uses=("homogeneous",),
            check=lambda lhs, rhs, assume: sp.simplify(_pull_constants(assume(lhs)) - rhs) == 0,
        ),
        Step(
            written_product(g**2, q, E(phi(u) ** 2)),
            q,
            "With the criterion's gain:",
            uses=("criterion",),
            check=lambda lhs, rhs, assume: sp.simplify(assume(lhs) - rhs) == 0,
        ),
    ],
    conclusion=(
        "The map is the identity: whatever variance comes in goes out. Nothing pulls a "
        "variance that drifted back to 1, and nothing pushes it further away: the fixed point is "
        "neutral. For an activation that is not homogeneous, $F$ bends, and its slope at 1 "
        "decides: below 1 a deviation shrinks layer after layer (the fixed point attracts), "
        "above 1 it grows (it repels)."
    ),
)

# --- GELU and SiLU: the second moment by quadrature -------------------------------------------


class Gelu(NamedFunction):
    """GELU(z) = z Φ(z), printed by name; ``rewrite(sp.erf)`` gives what the checks integrate."""

    tex = "\\operatorname{GELU}"

    def _eval_rewrite_as_erf(self, z, **kwargs):
        return z * (1 + sp.erf(z / sp.sqrt(2))) / 2


NORMAL = Assumption(
    "normal",
    "$u \\sim \\mathcal N(0, 1)$, of density $p(u) = e^{-u^2/2}/\\sqrt{2\\pi}$",
    {E: sp.Lambda(sp.Symbol("x"), sp.Integral(sp.Symbol("x") * density, (u, -sp.oo, sp.oo)))},
)
DIGITS = 6  # shown; the checks hold the quadrature to half a unit in the last digit shown


def _quad(integral: sp.Integral) -> sp.Float:
    """An integral over one variable, by mpmath's adaptive quadrature, the activations in it
    written out first. (Splitting the whole line at 0 changed no digit, not even for |u|.)"""
    ((variable, low, high),) = integral.limits
    integrand = integral.function.rewrite(sp.erf)
    integrand = integrand.replace(UnitDensity, lambda value: UnitDensity(value).doit())
    function = sp.lambdify(variable, integrand, "mpmath")
    with mpmath.workdps(30):
        bounds = [
            mpmath.inf if p == sp.oo else -mpmath.inf if p == -sp.oo else mpmath.mpf(sp.N(p, 30))
            for p in (low, high)
        ]
        value = mpmath.quad(function, bounds)
    return sp.Float(value, 30)


def _numeric(expr, assume=lambda e: e) -> mpmath.mpf:
    """The number an expression of expectations and integrals means: expectations become
    integrals against the normal density (the ``normal`` assumption), computed by mpmath."""
    expr = sp.sympify(assume(expr))
    expr = expr.replace(lambda e: isinstance(e, sp.Integral), _quad)
    return mpmath.mpf(sp.N(expr, 30))


def _same_number(lhs, rhs, assume=lambda e: e) -> bool:
    return abs(_numeric(lhs, assume) - _numeric(rhs, assume)) < 1e-20


@approximately
def _rounds_to(lhs, rhs, assume=lambda e: e) -> bool:
    """The shown number is the computed one, rounded to DIGITS significant digits."""
    value = _numeric(lhs, assume)
    return bool(sp.Float(rhs).is_Float) and abs(value - mpmath.mpf(float(rhs))) <= (
        0.5 * 10 ** (mpmath.floor(mpmath.log10(abs(value))) - DIGITS + 1)
    )


def shown(value: float) -> sp.Float:
    """A number as the page shows it: DIGITS significant digits."""
    return sp.Float(f"{value:.{DIGITS}g}", DIGITS)


def _criterion_gain(moment):
    """The gain that keeps unit variance, g² E[φ(u)²] = 1, for a second moment given as a number."""
    return 1 / sp.sqrt(moment)


@approximately
def _gain_rounds_to(lhs, rhs) -> bool:
    """``Eq(g² m, 1) ⟹ Eq(g, shown)``: the gain 1/√m, rounded as shown."""
    if rhs.lhs != g or lhs.rhs != 1:
        return False
    moment = lhs.lhs / g**2
    return _rounds_to(_criterion_gain(moment), rhs.rhs) and moment.is_Float


def _numeric_steps(function, name: str, method: str) -> list[Step]:
    moment = shown(ex.second_moment(name))
    integral = sp.Integral(function(u) ** 2 * density, (u, -sp.oo, sp.oo))
    return [
        Step(
            E(function(u) ** 2),
            integral,
            "The expectation against the unit normal density.",
            uses=("normal",),
            check=_same_number,
        ),
        Step(
            integral,
            moment,
            method,
            approximate=True,
            check=_rounds_to,
        ),
        Step(
            sp.Eq(g**2 * moment, 1),
            sp.Eq(g, shown(ex.gain(name))),
            "The criterion, $g^2\\,\\mathbb E[\\varphi(u)^2] = 1$, solved:",
            implies=True,
            check=_gain_rounds_to,
        ),
    ]


QUADRATURE = (
    "No closed form is needed: the integral is computed numerically, by the experiment's "
    f"{ex.QUADRATURE_POINTS}-point Gauss–Legendre rule on each half line (to "
    f"$|u| = {ex.QUADRATURE_END:g}$, beyond which the density is below $10^{{-31}}$); the build "
    "checks the digits shown against mpmath's adaptive quadrature."
)

numeric_moments = Derivation(
    name="numeric_moments",
    title="GELU and SiLU: the second moment by numerical integration",
    assumptions=[NORMAL],
    steps=[
        *_numeric_steps(Gelu, "gelu", QUADRATURE),
        *_numeric_steps(Silu, "silu", "The same for SiLU, $u\\,\\sigma(u)$."),
    ],
    conclusion=(
        "Both are smaller than ReLU's $1/2$: their negative parts are small and their positive "
        "parts fall short of $u$ near 0, so both gains exceed $\\sqrt 2$."
    ),
)

# --- SELU: the constants are the fixed point ---------------------------------------------------

alpha, lam = sp.symbols("alpha lambda", positive=True)


class Selu(NamedFunction):
    """SELU with symbolic α and λ: λu for u > 0, λα(eᵘ − 1) below."""

    tex = "\\operatorname{selu}"


# E[selu(u)] split at 0, as written: λ (∫₀^∞ u φ + α ∫_{-∞}^0 (eᵘ − 1) φ).
half_lines = written_product(
    lam,
    written_sum(
        sp.Integral(u * density, (u, 0, sp.oo)),
        written_product(alpha, sp.Integral(written_sum(sp.exp(u), -1) * density, (u, -sp.oo, 0))),
    ),
)


@cache
def _selu_moment(power: int):
    """E[selu(u)^power] for u ~ N(0, 1), integrated by SymPy on each half line."""
    positive = sp.integrate(u**power * density.doit(), (u, 0, sp.oo))
    negative = sp.integrate((sp.exp(u) - 1) ** power * density.doit(), (u, -sp.oo, 0))
    return lam**power * (positive + alpha**power * negative)


def _expect_selu(expr):
    """E[selu(u)^p] → its integral on the two half lines, then both done by SymPy."""

    def expectation(arg):
        base, power = arg.as_base_exp()
        if not (isinstance(base, Selu) and base.args[0] == u):
            raise ValueError(f"no expectation for {arg}")
        return _selu_moment(int(power))

    return expr.replace(E, expectation)


@cache
def _selu_difference_vanishes(lhs, rhs) -> bool:
    difference = (_expect_selu(lhs).doit() - _expect_selu(rhs).doit()).rewrite(sp.erf)
    return sp.simplify(difference) == 0


def _selu_equal(lhs, rhs) -> bool:
    return _selu_difference_vanishes(lhs, rhs)


sqrt_e = sp.exp(sp.Rational(1, 2))
selu_mean = written_product(
    lam,
    written_sum(
        1 / sp.sqrt(2 * sp.pi),
        written_product(
            alpha, written_sum(sqrt_e * sp.erfc(1 / sp.sqrt(2)) / 2, -sp.Rational(1, 2))
        ),
    ),
)
# λ² distributed over the sum, so the display can break after its "+" on a phone.
selu_square = written_sum(
    lam**2 / 2,
    written_product(
        lam**2,
        alpha**2,
        written_sum(
            sp.exp(2) * sp.erfc(sp.sqrt(2)) / 2,
            -sqrt_e * sp.erfc(1 / sp.sqrt(2)),
            sp.Rational(1, 2),
        ),
    ),
)
SELU_DIGITS = 10
published = sp.Matrix(
    [sp.Float(f"{ex.SELU_ALPHA:.{SELU_DIGITS}f}"), sp.Float(f"{ex.SELU_SCALE:.{SELU_DIGITS}f}")]
)


@approximately
def _solves_numerically(lhs, rhs) -> bool:
    """``Eq((E[selu], E[selu²]), targets) ⟹ Eq((α, λ), shown)``: the expectations in closed form
    (SymPy, on each half line), then mpmath's root of the equations from a start 10% off is the
    pair shown, to the digits shown."""
    if list(rhs.lhs) != [alpha, lam]:
        return False
    moments = [_expect_selu(entry).doit() for entry in lhs.lhs]
    equations = [m - t for m, t in zip(moments, lhs.rhs, strict=True)]
    root = sp.nsolve(equations, [alpha, lam], [1.5, 0.95], prec=30)
    return all(abs(root[k] - rhs.rhs[k]) < 10**-SELU_DIGITS for k in range(2))


selu_constants = Derivation(
    name="selu_constants",
    title="SELU's two constants make unit variance a fixed point at gain 1",
    steps=[
        Step(
            E(Selu(u)),
            half_lines,
            "$\\operatorname{selu}(u) = \\lambda u$ for $u > 0$ and $\\lambda\\alpha(e^u - 1)$ "
            "below; split the expectation at 0.",
            check=_selu_equal,
        ),
        Step(half_lines, selu_mean, "Both integrals in closed form.", check=_selu_equal),
        Step(
            E(Selu(u) ** 2),
            selu_square,
            "The same for the square (SymPy integrates each half).",
            check=_selu_equal,
        ),
        Step(
            sp.Eq(sp.Matrix([E(Selu(u)), E(Selu(u) ** 2)]), sp.Matrix([0, 1])),
            sp.Eq(sp.Matrix([alpha, lam]), published),
            "Ask for mean 0 and second moment 1, and solve numerically (mpmath, from a start 10% "
            "away). The solution is PyTorch's constants, to the ten decimals shown:",
            implies=True,
            check=_solves_numerically,
        ),
    ],
    conclusion=(
        "At these constants the criterion's gain is {gain}: SELU is built to keep unit "
        "variance with LeCun's rule, and the mean at 0 as well; {{ cite klambauer2017 }} chose "
        "the constants for exactly that."
    ),
    formulas={
        "gain": Step(
            g,
            sp.Integer(1),
            "",
            approximate=True,
            check=approximately(
                lambda lhs, rhs: (
                    lhs == g
                    and abs(
                        _criterion_gain(selu_square.subs({alpha: published[0], lam: published[1]}))
                        - rhs
                    )
                    < 10**-SELU_DIGITS
                ),
            ),
        ),
    },
)

# --- biases ------------------------------------------------------------------------------------

biased = Model()
Wb = biased.random("W^{[l]}", indexed=True)
ab = biased.random("a^{[l-1]}", indexed=True)
bias = biased.random("b", indexed=True)
beta = sp.Symbol("\\beta", real=True)  # a bias value, for the uniform's integral
n_in = sp.Symbol("n_{in}", positive=True)
q_next = sp.Symbol("q", positive=True)

bias_variance = Derivation(
    name="bias_variance",
    title="What a random bias adds",
    model=biased,
    assumptions=[
        Assumption("zero_mean_weights", "zero-mean weights", {biased.families["W^{[l]}"].mean: 0})
    ],
    steps=[
        Step(
            Var(sp.Sum(Wb[i, j] * ab[j], (j, 1, n)) + bias[i]),
            written_sum(written_product(n, Var(Wb[i, j]), E(ab[j] ** 2)), Var(bias[i])),
            "The bias is drawn independently of the weights and inputs, so its variance adds.",
            uses=("zero_mean_weights",),
            for_each=(n, range(1, 7)),
        ),
        Step(
            sp.Integral(beta**2 * sp.sqrt(n_in) / 2, (beta, -1 / sp.sqrt(n_in), 1 / sp.sqrt(n_in))),
            1 / (3 * n_in),
            "PyTorch's default bias is uniform on $\\pm 1/\\sqrt{n_{in}}$ (density "
            "$\\sqrt{n_{in}}/2$ there): its variance.",
            check=equal_after_doit,
        ),
        Step(
            written_sum(written_product(n_in, 1 / (3 * n_in), q_next / 2), 1 / (3 * n_in)),
            q_next / 6 + 1 / (3 * n_in),
            "In a ReLU network with PyTorch's defaults, weights of variance $1/(3n_{in})$ (the "
            "[reference page](reference.md#derivation-linear_default) derives it) and ReLU "
            "keeping half of the previous variance $q$:",
        ),
        Step(
            sp.Eq(q_next, q_next / 6 + 1 / (3 * n_in)),
            sp.Eq(q_next, 2 / (5 * n_in)),
            "Where that settles:",
            implies=True,
            check=solves_for(q_next),
        ),
    ],
    conclusion=(
        "A bias adds the same number to a unit for every input, so a random bias adds variance "
        "that carries nothing about the input. With PyTorch's defaults the input's part shrinks "
        "sixfold per ReLU layer, and what is left after a few layers is the biases' floor."
    ),
)

b = sp.Symbol("b", real=True)
p = sp.Symbol("p", positive=True)  # the fraction of positives


def cost_at(bias):
    """The mean cross-entropy of predicting σ(bias) everywhere, written as the page shows it."""
    return -written_sum(
        written_product(p, sp.log(Sigmoid(bias))), written_product(1 - p, sp.log(1 - Sigmoid(bias)))
    )


constant_cost = cost_at(b)
log_odds = sp.log(p / (1 - p))
b_star = sp.Symbol("b^*", real=True)
entropy = -p * sp.log(p) - (1 - p) * sp.log(1 - p)


output_bias = Derivation(
    name="output_bias",
    title="The output bias that starts at the base rate",
    steps=[
        Step(
            sp.Derivative(constant_cost, b),
            written_sum(Sigmoid(b), -p),
            "A network whose output weights are still small predicts about $\\sigma(b)$ for "
            "every input, $b$ the output bias. Its mean cross-entropy over a data set with a "
            "fraction $p$ of positives, differentiated:",
            check=lambda lhs, rhs: sp.simplify(written_out(lhs).doit() - written_out(rhs)) == 0,
        ),
        Step(
            sp.Eq(written_sum(Sigmoid(b), -p), 0),
            sp.Eq(b_star, log_odds),
            "The cost is least where the predicted probability is the fraction of positives, at "
            "the log odds $b^*$:",
            implies=True,
            check=lambda lhs, rhs: (
                rhs.lhs == b_star and solves_for(b)(written_out(lhs), sp.Eq(b, rhs.rhs))
            ),
        ),
        Step(
            cost_at(b_star),
            entropy,
            "And the least cost is the entropy of the labels: the base rate, the cost of knowing "
            "only how common each class is.",
            check=lambda lhs, rhs: sp.simplify(written_out(lhs.subs(b_star, log_odds)) - rhs) == 0,
        ),
    ],
    conclusion=(
        "Started at $b = 0$, the network predicts ½ for everything and pays $\\log 2$ per "
        "example; its first steps go into learning the class frequency, which the log odds "
        "would have given it for free."
    ),
)

k = sp.Symbol("k", integer=True, positive=True)
t = sp.Symbol("t", integer=True, positive=True)
f = sp.IndexedBase("f")
memory_symbol = sp.Symbol("\\frac{\\partial c_k}{\\partial c_0}")
MEMORY_STEPS = range(1, 9)


cell, gate_in, candidate = sp.IndexedBase("c"), sp.IndexedBase("i"), sp.IndexedBase("g")


def cell_update(step, previous):
    """c_t = f_t c_(t-1) + i_t g_t: the LSTM's cell update, as the first step's reason shows it
    and its check differentiates (tests hold it to the experiment's cell). ``previous`` is the
    index before ``step``: ``step - 1`` for a number, ``t - 1`` written out for the page."""
    return written_sum(
        written_product(f[step], cell[previous]), written_product(gate_in[step], candidate[step])
    )


SHOWN_UPDATE = sp.Eq(cell[t], cell_update(t, written_sum(t, -1)))


def _cell_path(steps: int):
    """∂c_k/∂c_0 along the cell path, the gates held fixed."""
    c = cell[0]
    for step in range(1, steps + 1):
        c = cell_update(step, step - 1).xreplace({cell[step - 1]: c})
    return sp.diff(c, cell[0])


def _memory_product(lhs, rhs) -> bool:
    return lhs == memory_symbol and all(
        sp.simplify(_cell_path(steps) - rhs.subs(k, steps).doit()) == 0 for steps in MEMORY_STEPS
    )


half_life_k = sp.Symbol("k_{1/2}", positive=True)


def _half_life(lhs, rhs) -> bool:
    """``Eq(σ(b)^k, 1/2) ⟹ Eq(k_½, value)``: solving for k (with σ(b) a number in (0, 1)) gives
    the value shown, once σ is the logistic function."""
    kept = sp.Symbol("s", positive=True)
    real_k = sp.Symbol("k", positive=True)
    equation = lhs.subs(Sigmoid(b), kept).subs(k, real_k)
    solutions = sp.solve(equation, real_k)
    if rhs.lhs != half_life_k or len(solutions) != 1:
        return False
    solved = written_out(solutions[0].subs(kept, Sigmoid(b)))
    return sp.simplify(sp.expand_log(solved - rhs.rhs, force=True)) == 0


forget_gate = Derivation(
    name="forget_gate",
    title="How much of the cell state survives k steps",
    assumptions=[
        Assumption(
            "constant_gate",
            "at initialization, with small weights, the forget gate sits near the sigmoid of "
            "its bias",
            {f[t]: Sigmoid(b)},
            approximate=True,
        )
    ],
    steps=[
        Step(
            memory_symbol,
            sp.Product(f[t], (t, 1, k)),
            f"An LSTM's cell state is updated as ${latex(SHOWN_UPDATE)}$, forget gate $f_t$ "
            "times the old state plus the gated input. Along this path (not the one through "
            "the hidden state) each step multiplies by its forget gate (differentiated for "
            f"{checked_for('k', MEMORY_STEPS)} steps).",
            check=_memory_product,
        ),
        Step(
            sp.Product(f[t], (t, 1, k)),
            Sigmoid(b) ** k,
            "With every gate near $\\sigma(b)$:",
            uses=("constant_gate",),
            approximate=True,
            check=lambda lhs, rhs, assume: sp.simplify((assume(lhs) - rhs).doit()) == 0,
        ),
        Step(
            sp.Eq(Sigmoid(b) ** k, sp.Rational(1, 2)),
            sp.Eq(half_life_k, sp.log(2) / sp.log(1 + sp.exp(-b))),
            "After how many steps half is left (the half-life):",
            implies=True,
            check=_half_life,
        ),
    ],
    conclusion=(
        "The memory decays geometrically, at a rate the bias sets. A bias of 0 halves the cell "
        "state at every step; a bias of 1 keeps 73% per step."
    ),
)
