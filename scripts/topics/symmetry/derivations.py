"""Why constant initialization cannot break the symmetry between hidden units.

A network with inputs x₁, x₂, two hidden units h_j = g(z_j), z_j = w_{j1}x₁ + w_{j2}x₂, and an
output ŷ = v₁h₁ + v₂h₂ fed to a cost C = L(ŷ). g and L are arbitrary differentiable functions:
nothing below depends on which activation or which loss.
"""

import sympy as sp

from sitebuild.authoring import Assumption, Derivation, Step
from sitebuild.authoring.printing import latex, written_product, written_sum

x1, x2, alpha, eta = sp.symbols("x_1 x_2 alpha eta", real=True)
w11, w12, w21, w22, v1, v2 = sp.symbols("w_{11} w_{12} w_{21} w_{22} v_1 v_2", real=True)
z1_s, z2_s, yhat_s = sp.symbols("z_1 z_2 \\hat{y}", real=True)
g, L = sp.Function("g"), sp.Function("L")
g_prime, L_prime = sp.Function("g'"), sp.Function("L'")


C = sp.Symbol("C")


class Partial(sp.Function):
    """∂C/∂w, kept as it is for the page; :func:`gradient` evaluates it for the checks."""

    nargs = 2

    def _latex(self, printer, exp=None):
        of, by = (printer._print(arg) for arg in self.args)
        tex = "\\frac{\\partial %s}{\\partial %s}" % (of, by)
        return tex if exp is None else "\\left(%s\\right)^{%s}" % (tex, exp)


def partial(weight: sp.Symbol) -> Partial:
    return Partial(C, weight)


z1 = w11 * x1 + w12 * x2
z2 = w21 * x1 + w22 * x2
yhat = v1 * g(z1) + v2 * g(z2)
cost = L(yhat)
DEFINITIONS = {z1_s: z1, z2_s: z2, yhat_s: yhat}
CONSTANT = {w: alpha for w in (w11, w12, w21, w22, v1, v2)}
PRIMES = {g: g_prime, L: L_prime}


def with_primes(expr: sp.Expr) -> sp.Expr:
    """Write SymPy's derivatives of g and L as g'(·) and L'(·)."""

    def is_derivative(e):
        return isinstance(e, sp.Subs) and isinstance(e.expr, sp.Derivative)

    def replace(e):
        return PRIMES[e.expr.expr.func](e.point[0])

    expr = expr.replace(is_derivative, replace)
    return expr.replace(
        lambda e: isinstance(e, sp.Derivative) and e.expr.func in PRIMES,
        lambda e: PRIMES[e.expr.func](e.expr.args[0]) * sp.diff(e.expr.args[0], e.variables[0]),
    )


def meaning(expr: sp.Expr) -> sp.Expr:
    """What a displayed expression stands for: every ∂C/∂w the derivative of the cost (in g' and
    L' notation), z_1, z_2 and ŷ their definitions."""
    expr = expr.replace(Partial, lambda of, by: with_primes(sp.diff(cost, by)))
    return expr.subs(DEFINITIONS)


def equal_meanings(lhs, rhs, assume=lambda expr: expr) -> bool:
    """A check: both sides mean the same, under the assumptions the step names."""
    return sp.simplify(assume(meaning(lhs)) - assume(meaning(rhs))) == 0


CONSTANT_START = Assumption("constant", "every weight starts at the same value", CONSTANT)
ZERO_START = Assumption("zero", "every weight starts at zero", {w: 0 for w in CONSTANT})


grad_11 = L_prime(yhat_s) * v1 * g_prime(z1_s) * x1
grad_21 = L_prime(yhat_s) * v2 * g_prime(z2_s) * x1

constant_symmetry = Derivation(
    name="constant_symmetry",
    title="Two hidden units that start equal get equal gradients, so they stay equal",
    assumptions=[CONSTANT_START],
    steps=[
        Step(
            partial(w11),
            grad_11,
            "Chain rule through $C = L(\\hat y)$, $\\hat y = v_1 g(z_1) + v_2 g(z_2)$, "
            "$z_1 = w_{11}x_1 + w_{12}x_2$.",
            check=equal_meanings,
        ),
        Step(
            grad_11,
            grad_21,
            "With every weight equal to $\\alpha$: $v_1 = v_2$ and "
            "$z_1 = z_2 = \\alpha(x_1 + x_2)$, so each factor is the same for both units.",
            uses=("constant",),
            check=equal_meanings,
        ),
        Step(
            grad_21,
            partial(w21),
            "The chain rule again, for the second unit's weight.",
            check=equal_meanings,
        ),
    ],
    conclusion=(
        "The same holds for the other input's weights, {second_input}, and for the output "
        "weights, {output}. A gradient step subtracts equal amounts from equal weights, so "
        "after the step the two units are still equal, and by induction after every step: they "
        "compute the same function forever, and the layer is as expressive as a single unit."
    ),
    formulas={
        "second_input": Step(
            partial(w12), partial(w22), "", uses=("constant",), check=equal_meanings
        ),
        "output": Step(partial(v1), partial(v2), "", uses=("constant",), check=equal_meanings),
    },
)

step_difference = written_sum(  # (w11 - η ∂C/∂w11) - (w21 - η ∂C/∂w21), in this order
    written_sum(w11, -eta * partial(w11)),
    written_product(-1, written_sum(w21, -eta * partial(w21))),
)

symmetric_update = Derivation(
    name="symmetric_update",
    title="The update preserves the equality",
    assumptions=[CONSTANT_START],
    steps=[
        Step(
            step_difference,
            sp.Integer(0),
            "Gradient descent with learning rate $\\eta$, evaluated where all weights are "
            "$\\alpha$: the weights are equal and so are their gradients (above).",
            uses=("constant",),
            check=equal_meanings,
        ),
    ],
)


output_gradient = partial(v1)
zero_start = Derivation(
    name="zero_start",
    title="Starting from zero: which gradients vanish",
    assumptions=[ZERO_START],
    steps=[
        Step(
            partial(w11),
            sp.Integer(0),
            "$\\partial C/\\partial w_{11} = L'(\\hat y)\\, v_1\\, g'(z_1)\\, x_1$ and $v_1 = 0$.",
            uses=("zero",),
            check=equal_meanings,
        ),
        Step(
            output_gradient,
            L_prime(0) * g(0),
            "$\\partial C/\\partial v_1 = L'(\\hat y)\\, g(z_1)$ with $z_1 = 0$ and $\\hat y = 0$.",
            uses=("zero",),
            check=equal_meanings,
        ),
        Step(
            L_prime(0) * g(0),
            sp.Integer(0),
            "For tanh and ReLU, $g(0) = 0$.",
            check=lambda lhs, rhs: all(
                lhs.subs(g(0), f(0)) == rhs for f in (sp.tanh, lambda t: sp.Max(t, 0))
            ),
        ),
    ],
    conclusion=(
        "So from all-zero weights with tanh or ReLU, every weight's gradient is zero: only the "
        "output bias moves, and the hidden layer never starts learning."
    ),
)


def model_latex() -> str:
    """The network's definition, as the page displays it (from the expressions used above)."""
    parts = [
        f"z_1 = {latex(z1)}",
        f"z_2 = {latex(z2)}",
        f"\\hat y = {latex(yhat.subs({z1: z1_s, z2: z2_s}))}",
        f"C = {latex(L(yhat_s))}",
    ]
    return "\\begin{aligned}" + " \\\\ ".join(f"&{part}" for part in parts) + "\\end{aligned}"
