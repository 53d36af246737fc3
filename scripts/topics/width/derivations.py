"""Why a standard-parametrized network's best learning rate falls with width, and the abc
parametrizations of Yang and Hu (2021) written as per-layer rules."""

import sympy as sp

from sitebuild.authoring import Assumption, Derivation, Model, Step, Var, value
from sitebuild.authoring.printing import latex, written_product, written_sum

# --- one gradient step of the output layer -------------------------------------------------------

i = sp.Symbol("i", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
n0 = sp.Symbol("n_0", integer=True, positive=True)
W = sp.IndexedBase("W")
h = sp.IndexedBase("h")
g = sp.Symbol("g", real=True)  # ∂C/∂f
eta = sp.Symbol("\\eta", positive=True)
eta_out = sp.Symbol("\\eta_{\\text{out}}", positive=True)
mean_square = sp.Symbol("\\overline{h^{2}}", positive=True)
CHECKED_WIDTHS = range(1, 7)

before = sp.Sum(W[i] * h[i], (i, 1, n))
after = sp.Sum(written_product(written_sum(W[i], -written_product(eta_out, g, h[i])), h[i]),
               (i, 1, n))  # fmt: skip
move = written_product(-eta_out, g, sp.Sum(h[i] ** 2, (i, 1, n)))
move_in_mean_square = written_product(-eta_out, g, n, mean_square)


def same_for_widths(lhs, rhs) -> bool:
    """Both sides agree for n = 1 … 6, the mean square read as (1/n) Σ h_i²."""
    meaning = sp.Sum(h[i] ** 2, (i, 1, n)) / n
    for width in CHECKED_WIDTHS:
        left = lhs.xreplace({mean_square: meaning}).subs(n, width).doit()
        right = rhs.xreplace({mean_square: meaning}).subs(n, width).doit()
        if sp.simplify(left - right) != 0:
            return False
    return True


def with_rate(lhs: sp.Eq, rhs: sp.Eq) -> bool:
    """``Eq(η_out, rate) ⟹ Eq(Δf, …)``: the output's move at that rate."""
    return (
        lhs.lhs == eta_out
        and rhs.lhs == delta_f
        and sp.simplify(move_in_mean_square.subs(eta_out, lhs.rhs) - rhs.rhs) == 0
    )


delta_f = sp.Symbol("\\Delta f")

output_step = Derivation(
    name="output_step",
    title="One gradient step on the output layer",
    steps=[
        Step(
            written_sum(after, -before),
            move,
            "The output is $f = \\sum_{i=1}^{n} W_i h_i$, with $h$ the last hidden layer. With "
            "$g = \\partial C/\\partial f$, the gradient with respect to $W_i$ is $g h_i$, so a "
            "step at rate $\\eta_{\\text{out}}$ changes the output by the new $f$ minus the old:",
            check=same_for_widths,
        ),
        Step(
            move,
            move_in_mean_square,
            "with $\\overline{h^{2}} = \\frac1n \\sum_i h_i^2$, the mean square of the last "
            "hidden layer.",
            check=same_for_widths,
        ),
    ],
    conclusion=(
        "He's rule keeps $\\overline{h^{2}}$ the same at every width (the [He page](he.md)), and "
        "$g$ does not grow with $n$. So with one learning rate for every layer (standard "
        "parametrization, SP), {sp}: the same rate moves a wider network's output further, and a "
        "rate that is stable at one width overshoots at a wider one. To keep the move the same, "
        "the rate must fall like $1/n$. µP divides the output layer's rate by the width "
        "instead: {mup}, at every width. The other layers' steps move the output by terms of "
        "the same kind; µP gives each layer the rate that makes its term width-free too."
    ),
    formulas={
        "sp": Step(
            sp.Eq(eta_out, eta),
            sp.Eq(delta_f, written_product(-eta, g, n, mean_square)),
            "",
            implies=True,
            check=with_rate,
        ),
        "mup": Step(
            sp.Eq(eta_out, eta * n0 / n),
            sp.Eq(delta_f, written_product(-eta, g, n0, mean_square)),
            "",
            implies=True,
            check=with_rate,
        ),
    },
)

# --- abc parametrizations as per-layer rules -----------------------------------------------------

pa, pb, pc = sp.symbols("a b c", real=True)
model = Model()
w = model.random("w")
C = sp.Function("C")
u = sp.Symbol("u", real=True)
grad_W = sp.Symbol("\\frac{\\partial C}{\\partial W}")
grad_w = sp.Symbol("\\frac{\\partial C}{\\partial w}")
step_W = sp.Symbol("\\Delta W")
scaled_w = n ** (-pa) * w
DRAWN = Assumption(
    "drawn",
    "$w$ is drawn with variance $n^{-2b}$",
    {model.families["w"].variance: sp.Pow(n, written_product(-2, pb))},
)
CHAIN = Assumption(
    "chain", "the chain rule above", {grad_w: n ** (-pa) * grad_W}
)  # fmt: skip


def chain_rule(lhs, rhs) -> bool:
    """``∂C/∂w = n^{-a} ∂C/∂W`` for C a function of W = n^{-a} w: SymPy differentiates."""
    meaning = {
        grad_w: sp.diff(C(scaled_w), w),
        grad_W: sp.Subs(sp.Derivative(C(u), u), u, scaled_w),
    }
    return sp.simplify((lhs.xreplace(meaning) - rhs.xreplace(meaning)).doit()) == 0


def substituted(lhs, rhs, assume) -> bool:
    """The left side with the step's assumptions substituted simplifies to the right side."""
    return sp.simplify(assume(lhs) - rhs) == 0


# Exponents written out, so that the page prints n^{-2a}, not SymPy's n^{(-1) 2 a}.
variance_rule = written_product(sp.Pow(n, written_product(-2, pa)), Var(w))
initial_variance = sp.Pow(n, written_sum(written_product(-2, pa), written_product(-2, pb)))
rate_exponent = written_sum(written_product(-2, pa), -pc)
rate_rule = written_product(-eta, sp.Pow(n, rate_exponent), grad_W)
w_step = written_product(-eta, n ** (-pa), n ** (-pc), grad_w)

abc_rules = Derivation(
    name="abc_rules",
    title="From Yang and Hu's a, b, c to an initial variance and a learning rate",
    model=model,
    assumptions=[DRAWN, CHAIN],
    steps=[
        Step(
            Var(scaled_w),
            variance_rule,
            "A layer's weights are $W = n^{-a} w$: a multiplier $n^{-a}$ times the trained "
            "parameter $w$,",
        ),
        Step(
            variance_rule,
            initial_variance,
            "and $w$ starts with variance $n^{-2b}$.",
            uses=("drawn",),
        ),
        Step(
            grad_w,
            n ** (-pa) * grad_W,
            "The gradient with respect to $w$ passes through the multiplier,",
            check=chain_rule,
        ),
        Step(
            step_W,
            w_step,
            "and $w$ learns at rate $\\eta n^{-c}$, so $W$ moves by $n^{-a}$ times $w$'s step:",
            check=lambda lhs, rhs: (
                lhs == step_W and sp.simplify(rhs - (-eta * n ** (-pa - pc) * grad_w)) == 0
            ),
        ),
        Step(
            w_step,
            rate_rule,
            "a step at rate $\\eta\\, n^{-2a-c}$ on $W$ itself.",
            uses=("chain",),
            check=substituted,
        ),
    ],
    conclusion=(
        "So a layer with exponents $a, b, c$ is the same network, trained the same way, as a "
        "layer with no multiplier whose initial variance is the result of (2) and whose learning "
        "rate is the factor in (5). Different exponents can give the same network; that is why "
        "µP has several equivalent tables."
    ),
)

# The exponents of Yang and Hu (2021) for an MLP, per layer: µP, and SP with one learning rate.
# Input weights have a fixed fan-in (the input's dimension); the others have fan-in n.
HALF = sp.Rational(1, 2)
EXPONENTS = {
    "µP": {"input": (-HALF, HALF, 0), "hidden": (0, HALF, 0), "output": (HALF, HALF, 0)},
    "SP": {"input": (0, 0, 0), "hidden": (0, HALF, 0), "output": (0, HALF, 0)},
}


def per_layer(a_value, b_value, c_value) -> tuple[sp.Expr, sp.Expr]:
    """(initial variance, learning rate / η) of a layer with these exponents, from the
    derivation's last steps."""
    values = {pa: a_value, pb: b_value, pc: c_value}
    variance = abc_rules.steps[1].rhs.subs(values).doit()
    rate = abc_rules.steps[-1].rhs.subs(values).doit() / (-eta * grad_W)
    return sp.powsimp(sp.simplify(variance)), sp.powsimp(sp.simplify(rate))


@value()
def abc_table():
    """Per layer: the exponents and what they mean, for µP and SP (the page's table)."""
    rows = [
        "| layer | | $a$ | $b$ | $c$ | initial variance | learning rate |",
        "|---|---|---|---|---|---|---|",
    ]
    for layer in ("input", "hidden", "output"):
        for name, exponents in EXPONENTS.items():
            variance, rate = per_layer(*exponents[layer])
            cells = " | ".join(f"${latex(x)}$" for x in exponents[layer])
            if rate == 1:
                shown_rate = "\\eta"
            elif (1 / rate).is_polynomial(n):
                shown_rate = f"\\frac{{\\eta}}{{{latex(1 / rate)}}}"
            else:
                shown_rate = f"\\eta\\, {latex(rate)}"
            rows.append(f"| {layer} | {name} | {cells} | ${latex(variance)}$ | ${shown_rate}$ |")
    return "\n".join(rows)
