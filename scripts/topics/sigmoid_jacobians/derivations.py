"""Why sigmoid networks vanish: the sigmoid's slope is at most 1/4 (and only at 0), the gradient
through L layers is a product of Jacobians diag(σ'(z))W that carries a factor 4^(-L), and the
gradient's variance shrinks by E[σ'(z)²] per layer."""

from functools import cache

import sympy as sp

from sitebuild.authoring import Assumption, Derivation, E, Model, Step, Var
from sitebuild.authoring.checks import equal_after_doit, solves_for
from sitebuild.authoring.notation import (
    CHECKED_DEPTHS,
    Sigmoid,
    depth,
    layer,
    weight_variance,
    width,
    written_out,
)
from sitebuild.authoring.printing import checked_for, written_product, written_sum

z = sp.Symbol("z", real=True)
x = sp.Symbol("x", real=True)
sigma = Sigmoid  # the site's one σ, printed σ(z) and σ(z)^k as on every page


def _logistic(expr):
    """σ written out, derivatives carried out, ready to simplify."""
    return written_out(expr).doit()


def _same_function(lhs, rhs) -> bool:
    """Both sides are the same function of z once σ is the logistic function."""
    return sp.simplify((_logistic(lhs) - _logistic(rhs)).rewrite(sp.exp)) == 0


def _zero_of_second_derivative(lhs, rhs) -> bool:
    """The left side says σ''(z) = 0 (as a product of the same function) and the right side is
    its only solution."""
    second = sp.Derivative(sigma(z), (z, 2))
    return lhs.rhs == 0 and _same_function(lhs.lhs, second) and solves_for(z)(_logistic(lhs), rhs)


slope = sigma(z) * (1 - sigma(z))

sigmoid_slope = Derivation(
    name="sigmoid_slope",
    title="The sigmoid's slope is at most 1/4, reached only at 0",
    steps=[
        Step(
            sp.Derivative(sigma(z), z),
            written_product(sigma(z), 1 - sigma(z)),
            "Differentiate $\\sigma(z) = 1/(1 + e^{-z})$.",
            check=_same_function,
        ),
        Step(
            written_product(sigma(z), 1 - sigma(z)),
            written_sum(sp.Rational(1, 4), -(written_sum(sigma(z), -sp.Rational(1, 2)) ** 2)),
            "Complete the square.",
        ),
        Step(
            sp.Derivative(sigma(z), (z, 2)),
            written_product(sigma(z), 1 - sigma(z), 1 - 2 * sigma(z)),
            "Where is the slope largest? Differentiate again:",
            check=_same_function,
        ),
        Step(
            sp.Eq(written_product(sigma(z), 1 - sigma(z), 1 - 2 * sigma(z)), 0),
            sp.Eq(z, 0),
            "$\\sigma(z)$ and $1 - \\sigma(z)$ are never 0, so the second derivative vanishes "
            "only where $\\sigma(z) = 1/2$:",
            implies=True,
            check=_zero_of_second_derivative,
        ),
        Step(
            sp.Derivative(sigma(z), z).subs(z, 0),
            sp.Rational(1, 4),
            "The slope there:",
            check=lambda lhs, rhs: sp.simplify(_logistic(lhs) - rhs) == 0,
        ),
    ],
    conclusion=(
        "By (2) the slope is $1/4$ minus a square, so it is $1/4$ at most, and only where "
        "$\\sigma(z)$ is one half: at $z = 0$, the one stationary point (4). Written with the "
        "hyperbolic secant, {sech}: a quarter of a bump that is 1 at 0 and falls off "
        "exponentially. tanh is a sigmoid stretched and shifted, {stretch}, so {tanh}: the same "
        "bump, four times taller, peaking at 1."
    ),
    formulas={
        "sech": Step(
            written_product(sigma(z), 1 - sigma(z)),
            sp.sech(z / 2) ** 2 / 4,
            "",
            check=_same_function,
        ),
        "stretch": Step(sp.tanh(z), written_sum(2 * sigma(2 * z), -1), "", check=_same_function),
        "tanh": Step(
            sp.Derivative(sp.tanh(z), z),
            4 * (sigma(2 * z) * (1 - sigma(2 * z))),
            "",
            check=_same_function,
        ),
    },
)

# --- the Jacobian product ------------------------------------------------------------------------

jacobian_symbol = sp.Symbol("\\frac{\\partial a^{[L]}}{\\partial a^{[0]}}")
layer_jacobian_symbol = sp.Symbol("\\frac{\\partial a^{[l]}}{\\partial a^{[l-1]}}")
D_l = sp.MatrixSymbol("D^{[l]}", 3, 3)
W_l = sp.MatrixSymbol("W^{[l]}", 3, 3)
chain = sp.Symbol("D^{[L]} W^{[L]} \\cdots D^{[1]} W^{[1]}")
scaled_chain = sp.Symbol("S^{[L]} W^{[L]} \\cdots S^{[1]} W^{[1]}")
WIDTH = 2  # the checks multiply out explicit 2 × 2 layers
CHAIN_DEPTHS = range(1, 5)


def _slope_of(value):
    """σ'(value), as SymPy's chain rule writes it."""
    return sp.diff(sigma(x), x).subs(x, value)


def _weights(number: int) -> sp.Matrix:
    return sp.Matrix(WIDTH, WIDTH, sp.symbols(f"w{number}_0:{WIDTH * WIDTH}"))


def _network(layers: int) -> tuple[sp.Matrix, sp.Matrix, sp.Matrix]:
    """(inputs, output, product) of ``layers`` sigmoid layers of width 2 with generic weights:
    the product D^[L] W^[L] ⋯ D^[1] W^[1], D^[l] = diag(σ'(z^[l])), built layer by layer."""
    inputs = sp.Matrix(sp.symbols(f"a0:{WIDTH}"))
    a, product = inputs, sp.eye(WIDTH)
    for number in range(1, layers + 1):
        W = _weights(number)
        pre = W * a
        D = sp.diag(*[_slope_of(entry) for entry in pre])
        product = D * W * product
        a = pre.applyfunc(sigma)
    return inputs, a, product


@cache
def _chain_holds(layers: int) -> bool:
    """For that network, SymPy's Jacobian of the output with respect to the input is the
    product."""
    inputs, output, product = _network(layers)
    difference = output.jacobian(inputs) - product
    return difference.applyfunc(lambda entry: sp.expand(entry.doit())).is_zero_matrix


def _layer_jacobian(lhs, rhs) -> bool:
    return lhs == layer_jacobian_symbol and rhs == D_l * W_l and _chain_holds(1)


def _chain_rule(lhs, rhs) -> bool:
    return lhs == jacobian_symbol and rhs == chain and all(map(_chain_holds, CHAIN_DEPTHS))


@cache
def _quarter_out(layers: int) -> bool:
    """With D^[l] = S^[l]/4 (S diagonal), the product of L layers is 4^(-L) times the product
    with S in place of D."""
    with_d, with_s = sp.eye(WIDTH), sp.eye(WIDTH)
    for number in range(1, layers + 1):
        S = sp.diag(*sp.symbols(f"s{number}_0:{WIDTH}"))
        W = _weights(number)
        with_d = (S / 4) * W * with_d
        with_s = S * W * with_s
    return (with_d - sp.Rational(1, 4**layers) * with_s).applyfunc(sp.expand).is_zero_matrix


def _quarters(lhs, rhs) -> bool:
    return (
        lhs == chain
        and sp.simplify(rhs / scaled_chain - sp.Rational(1, 4) ** depth) == 0
        and all(map(_quarter_out, CHECKED_DEPTHS))
    )


jacobian_product = Derivation(
    name="jacobian_product",
    title="The gradient through L layers is a product of Jacobians",
    steps=[
        Step(
            layer_jacobian_symbol,
            D_l * W_l,
            "Layer $l$ computes $a^{[l]} = \\sigma(W^{[l]} a^{[l-1]})$. Its Jacobian is the "
            "weight matrix with each row $i$ scaled by the slope at that unit, "
            "$D^{[l]} = \\operatorname{diag}(\\sigma'(z^{[l]}))$ (checked by SymPy's `jacobian` "
            f"on a generic layer of width {WIDTH}).",
            check=_layer_jacobian,
        ),
        Step(
            jacobian_symbol,
            chain,
            "The chain rule multiplies them, last layer first (checked for "
            f"{checked_for('L', CHAIN_DEPTHS)} layers of width {WIDTH}). Back-propagation "
            "multiplies a gradient by the transpose of this product.",
            check=_chain_rule,
        ),
        Step(
            chain,
            sp.Rational(1, 4) ** depth * scaled_chain,
            "By the slope derivation, $\\sigma'(z) = \\tfrac14 \\operatorname{sech}^2(z/2)$, so "
            "$D^{[l]} = \\tfrac14 S^{[l]}$ with $S^{[l]} = \\operatorname{diag}(\\operatorname"
            "{sech}^2(z^{[l]}/2))$: every layer contributes a quarter "
            f"(checked for {checked_for('L', CHECKED_DEPTHS)}).",
            check=_quarters,
        ),
    ],
    conclusion=(
        "The entries of each $S^{[l]}$ lie in $(0, 1]$, so its largest singular value is at "
        "most 1, and the largest singular value of a product is at most the product of the "
        "factors' largest singular values. The Jacobian's largest singular value, the most a "
        "gradient can be stretched on its way through, is therefore at most $4^{-L}$ times the "
        "product of the weights' largest singular values; for tanh the same argument gives the "
        "product of the weights' alone."
    ),
)

# --- the gradient's variance ------------------------------------------------------------------

backward = Model()
W = backward.random("W^{[l]}", indexed=True)
r = backward.random("r", indexed=True)  # r_i = σ'(z_i), independent of W and g (mean field)
g = backward.random("g", indexed=True)  # ∂C/∂a_i^[l]
i, j = sp.symbols("i j", integer=True, positive=True)
n = sp.Symbol("n^{[l]}", integer=True, positive=True)
ZERO_MEAN = Assumption(
    "zero_mean",
    "zero-mean weights and gradients",
    {backward.families["W^{[l]}"].mean: 0, backward.families["g"].mean: 0},
)


class SlopeSquared(sp.Function):
    """E[σ'(z^[l])²] of layer l: the sigmoid's mean squared slope at that layer."""

    nargs = 1

    def _latex(self, printer, exp=None):
        tex = "\\mathbb{E}\\left[\\sigma'(z^{[%s]})^{2}\\right]" % printer._print(self.args[0])
        return tex if exp is None else "\\left(%s\\right)^{%s}" % (tex, exp)


backward_factors = sp.Product(width(layer) * weight_variance(layer) * SlopeSquared(layer),
                              (layer, 1, depth))  # fmt: skip
XAVIER = Assumption(
    "xavier",
    "Xavier's weights between layers of equal width",
    {weight_variance(layer): 1 / width(layer)},
)
slope_symbol = sp.Symbol("\\sigma'(z)")

gradient_variance = Derivation(
    name="gradient_variance",
    title="Each sigmoid layer multiplies the gradient's variance by E[σ'(z)²]",
    model=backward,
    assumptions=[ZERO_MEAN, XAVIER],
    steps=[
        Step(
            Var(sp.Sum(W[i, j] * r[i] * g[i], (i, 1, n))),
            written_product(n, Var(W[i, j]), E(r[i] ** 2), Var(g[i])),
            "Going back, $\\partial C/\\partial a_j^{[l-1]} = \\sum_i W_{ij}^{[l]} r_i g_i$ with "
            "$r_i = \\sigma'(z_i^{[l]})$ and $g_i = \\partial C/\\partial a_i^{[l]}$, the slope "
            "taken independent of the rest (as for wide layers): independent terms, and the "
            "slope enters through its mean square.",
            uses=("zero_mean",),
            for_each=(n, range(1, 7)),
        ),
        Step(
            backward_factors,
            sp.Product(SlopeSquared(layer), (layer, 1, depth)),
            "So through $L$ layers the gradient's variance is multiplied by the product of these "
            "factors, and with Xavier's weights only the slopes are left:",
            uses=("xavier",),
            check=lambda lhs, rhs, assume: equal_after_doit(assume(lhs), rhs),
        ),
        Step(
            E(slope_symbol**2),
            E(sp.sech(z / 2) ** 4) / 16,
            "Each factor is at most $1/16$: the square of the slope's bound.",
            check=lambda lhs, rhs: _same_expectation(lhs, rhs),
        ),
    ],
    conclusion=(
        "With Xavier's weights $L$ sigmoid layers shrink the gradient's variance by $16^L$ at "
        "the very least, and more the further the pre-activations stray from 0. tanh's factor "
        "is $\\mathbb E[\\operatorname{sech}^4 z]$, up to 1: with small pre-activations it "
        "hardly shrinks at all."
    ),
)


def _same_expectation(lhs, rhs) -> bool:
    """E[σ'(z)²] = E[sech⁴(z/2)]/16 because the two functions of z are equal: compare the
    arguments, the constant taken out of the one expectation (E[a]·E[b] is not E[ab])."""
    if lhs != E(slope_symbol**2):
        return False
    expectations = [factor for factor in sp.Mul.make_args(rhs) if isinstance(factor, E)]
    if len(expectations) != 1:
        return False
    rest = expectations[0].args[0]
    constant = sp.simplify(rhs / expectations[0])
    if constant.has(E) or constant.has(z):
        return False
    meaning = _logistic(slope**2)
    return sp.simplify((meaning - constant * rest).rewrite(sp.exp)) == 0
