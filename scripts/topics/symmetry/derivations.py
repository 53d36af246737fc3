"""Why constant initialization cannot break the symmetry between hidden units.

A network with inputs x₁, x₂, two hidden units h_j = g(z_j), z_j = w_{j1}x₁ + w_{j2}x₂, and an
output ŷ = v₁h₁ + v₂h₂ fed to a cost C = L(ŷ). g and L are arbitrary differentiable functions:
nothing below depends on which activation or which loss.
"""

import sympy as sp

from sitebuild.authoring import Derivation, Step

x1, x2, alpha, eta = sp.symbols("x_1 x_2 alpha eta", real=True)
w11, w12, w21, w22, v1, v2 = sp.symbols("w_{11} w_{12} w_{21} w_{22} v_1 v_2", real=True)
z1_s, z2_s, yhat_s = sp.symbols("z_1 z_2 \\hat{y}", real=True)
g, L = sp.Function("g"), sp.Function("L")
g_prime, L_prime = sp.Function("g'"), sp.Function("L'")


def partial(weight: sp.Symbol) -> sp.Symbol:
    """∂C/∂weight, for display: the checks compute the derivative of the real cost."""
    return sp.Symbol(f"\\frac{{\\partial C}}{{\\partial {sp.latex(weight)}}}")


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


def gradient_is(weight):
    """Check that ∂C/∂weight, computed by SymPy, equals the displayed right-hand side."""

    def check(lhs, rhs):
        computed = with_primes(sp.diff(cost, weight))
        return sp.simplify(computed - rhs.subs(DEFINITIONS)) == 0

    return check


def at(point: dict):
    """A check: both sides agree once the weights take the values in ``point``."""

    def check(lhs, rhs):
        left = lhs.subs(DEFINITIONS).subs(point)
        right = rhs.subs(DEFINITIONS).subs(point)
        return sp.simplify(left - right) == 0

    return check


grad_11 = L_prime(yhat_s) * v1 * g_prime(z1_s) * x1
grad_21 = L_prime(yhat_s) * v2 * g_prime(z2_s) * x1

constant_symmetry = Derivation(
    name="constant_symmetry",
    title="Two hidden units that start equal get equal gradients, so they stay equal",
    steps=[
        Step(
            partial(w11),
            grad_11,
            "Chain rule through $C = L(\\hat y)$, $\\hat y = v_1 g(z_1) + v_2 g(z_2)$, "
            "$z_1 = w_{11}x_1 + w_{12}x_2$.",
            check=gradient_is(w11),
        ),
        Step(
            grad_11,
            grad_21,
            "With every weight equal to $\\alpha$: $v_1 = v_2$ and "
            "$z_1 = z_2 = \\alpha(x_1 + x_2)$, so each factor is the same for both units.",
            check=at(CONSTANT),
        ),
        Step(
            grad_21,
            partial(w21),
            "The chain rule again, for the second unit's weight.",
            check=lambda lhs, rhs: gradient_is(w21)(rhs, lhs),
        ),
    ],
    conclusion=(
        "The same holds for $w_{12}$ and $w_{22}$ (replace $x_1$ by $x_2$) and for $v_1$ and "
        "$v_2$. A gradient step subtracts equal amounts from equal weights, so after the step the "
        "two units are still equal, and by induction after every step: they compute the same "
        "function forever, and the layer is as expressive as a single unit."
    ),
)

with sp.evaluate(False):
    step_difference = (w11 - eta * partial(w11)) - (w21 - eta * partial(w21))

symmetric_update = Derivation(
    name="symmetric_update",
    title="The update preserves the equality",
    steps=[
        Step(
            step_difference,
            sp.Integer(0),
            "Gradient descent with learning rate $\\eta$, evaluated where all weights are "
            "$\\alpha$: the weights are equal and so are their gradients (above).",
            check=lambda lhs, rhs: (
                sp.simplify(
                    (
                        (w11 - eta * with_primes(sp.diff(cost, w11)))
                        - (w21 - eta * with_primes(sp.diff(cost, w21)))
                    ).subs(CONSTANT)
                )
                == rhs
            ),
        ),
    ],
)

output_gradient = partial(v1)
zero_start = Derivation(
    name="zero_start",
    title="Starting from zero: which gradients vanish",
    steps=[
        Step(
            partial(w11),
            sp.Integer(0),
            "$\\partial C/\\partial w_{11} = L'(\\hat y)\\, v_1\\, g'(z_1)\\, x_1$ and $v_1 = 0$.",
            check=lambda lhs, rhs: (
                sp.simplify(with_primes(sp.diff(cost, w11)).subs({w: 0 for w in CONSTANT}) - rhs)
                == 0
            ),
        ),
        Step(
            output_gradient,
            L_prime(0) * g(0),
            "$\\partial C/\\partial v_1 = L'(\\hat y)\\, g(z_1)$ with $z_1 = 0$ and $\\hat y = 0$.",
            check=lambda lhs, rhs: (
                sp.simplify(with_primes(sp.diff(cost, v1)).subs({w: 0 for w in CONSTANT}) - rhs)
                == 0
            ),
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
        f"z_1 = {sp.latex(z1)}",
        f"z_2 = {sp.latex(z2)}",
        f"\\hat y = {sp.latex(yhat.subs({z1: z1_s, z2: z2_s}))}",
        f"C = {sp.latex(L(yhat_s))}",
    ]
    return "\\begin{aligned}" + " \\\\ ".join(f"&{part}" for part in parts) + "\\end{aligned}"
