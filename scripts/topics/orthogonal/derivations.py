"""Orthogonal layers keep every singular value of a deep linear network's Jacobian at 1; Gaussian
layers keep the mean of the squared singular values and spread them; tanh layers with a gain
just above 1 settle where each layer is an isometry to first order."""

import sympy as sp

from sitebuild.authoring import Assumption, Derivation, E, Model, Step, approximately
from sitebuild.authoring.moments import evaluate
from sitebuild.authoring.notation import NamedFunction
from sitebuild.authoring.printing import checked_for, written_sum

theta, theta_1, theta_2 = sp.symbols("theta theta_1 theta_2", real=True)
n = sp.Symbol("n", integer=True, positive=True)  # the width
L = sp.Symbol("L", integer=True, positive=True)  # the depth


# -- Two dimensions: rotations ----------------------------------------------------------------


def rotation_matrix(angle) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix([[sp.cos(angle), -sp.sin(angle)], [sp.sin(angle), sp.cos(angle)]])


def rotation(angle) -> sp.MatrixSymbol:
    """R(θ) as the page writes it; :func:`same_matrix` gives it its matrix."""
    return sp.MatrixSymbol(f"R({sp.latex(angle)})", 2, 2)


ROTATIONS = {rotation(angle): rotation_matrix(angle)
             for angle in (theta, theta_1, theta_2, theta_1 + theta_2)}  # fmt: skip


def same_matrix(lhs, rhs) -> bool:
    """Both sides are the same 2 × 2 matrix, entry by entry, once every R(θ) is its matrix."""
    difference = (lhs - rhs).xreplace(ROTATIONS).doit()
    return all(sp.simplify(sp.expand_trig(entry)) == 0 for entry in sp.Matrix(difference))


rotations = Derivation(
    name="rotations",
    title="In two dimensions: rotations",
    steps=[
        Step(
            rotation(theta),
            rotation_matrix(theta),
            "The rotation of the plane by an angle $\\theta$.",
            check=same_matrix,
        ),
        Step(
            rotation(theta).T * rotation(theta),
            sp.Identity(2),
            "It is orthogonal: $\\cos^2\\theta + \\sin^2\\theta = 1$ on the diagonal of "
            "$R^T R$, and the off-diagonal terms cancel.",
            check=same_matrix,
        ),
        Step(
            rotation(theta_2) * rotation(theta_1),
            rotation(theta_1 + theta_2),
            "Two rotations in a row are one rotation, by the sum of the angles (the addition "
            "formulas of sine and cosine).",
            check=same_matrix,
        ),
    ],
    conclusion=(
        "So a product of rotations, however many, is a rotation: it turns the input and never "
        "stretches it. Every singular value of a rotation is 1."
    ),
)


# -- Any size, any depth: a product of orthogonal matrices -------------------------------------

CHECKED_DEPTHS = range(2, 9)  # the chain identities are checked for L = 2 … 8
Q_l = sp.MatrixSymbol("Q_{l}", n, n)  # layer l's weight matrix, any l


class LayerChain(sp.MatrixExpr):
    """Q_L ⋯ Q_1, the product of L layers (or, transposed, Q_1ᵀ ⋯ Q_Lᵀ): an n × n matrix
    expression that :func:`unrolled` turns into a product of that many matrices."""

    def __new__(cls, transposed: bool = False):
        return sp.Basic.__new__(cls, sp.Integer(int(transposed)))

    @property
    def transposed(self) -> bool:
        return bool(self.args[0])

    @property
    def shape(self):
        return (n, n)

    def _latex(self, printer, *args):
        return "Q_{1}^{T} \\cdots Q_{L}^{T}" if self.transposed else "Q_{L} \\cdots Q_{1}"


chain = LayerChain()  # J of a linear network of L layers
chain_transposes = LayerChain(transposed=True)


def layer_matrix(index: int) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(f"Q_{{{index}}}", n, n)


def unrolled(expr, depth: int):
    """What a displayed chain means for a concrete depth: the product of that many layers."""
    meaning = {
        chain: sp.MatMul(*[layer_matrix(k) for k in range(depth, 0, -1)]),
        chain_transposes: sp.MatMul(*[layer_matrix(k).T for k in range(1, depth + 1)]),
    }
    return expr.xreplace(meaning).doit()


def same_product_at_every_depth(lhs, rhs) -> bool:
    """Both sides are the same product of layer matrices for L = 2 … 8."""
    return all(unrolled(lhs, depth) == unrolled(rhs, depth) for depth in CHECKED_DEPTHS)


def _factors(product):
    coefficient, matrices = sp.MatMul(product).doit().as_coeff_matrices()
    return coefficient, list(matrices)


def middle_pairs_cancel(lhs, rhs, assume) -> bool:
    """Unroll the left side for L = 2 … 8 and remove the middle pair Q_kᵀ Q_k as long as the
    assumption, stated for a generic layer l, turns Q_lᵀ Q_l into I; what is left must be the
    right side."""
    cancels = assume(sp.MatMul(Q_l.T, Q_l)) == sp.Identity(n)
    for depth in CHECKED_DEPTHS:
        layers = {layer_matrix(k) for k in range(1, depth + 1)}
        coefficient, matrices = _factors(unrolled(lhs, depth))
        while cancels and len(matrices) >= 2:
            middle = len(matrices) // 2
            first, second = matrices[middle - 1], matrices[middle]
            if not (isinstance(first, sp.Transpose) and first.arg == second in layers):
                break
            del matrices[middle - 1 : middle + 1]
        left = coefficient * (sp.MatMul(*matrices).doit() if matrices else sp.Identity(n))
        if left != unrolled(rhs, depth):
            return False
    return True


def cayley(skew: sp.Matrix) -> sp.Matrix:
    """(I − S)(I + S)⁻¹ for a skew-symmetric S: an orthogonal matrix with rational entries."""
    identity = sp.eye(skew.rows)
    return (identity - skew) * (identity + skew).inv()


def rational_orthogonal(size: int, seed: int) -> sp.Matrix:
    """An exactly orthogonal size × size matrix: the Cayley transform of a skew-symmetric matrix
    with small integer entries (a fixed pattern, different for every seed)."""
    entries = {}
    for i in range(size):
        for j in range(i + 1, size):
            entries[(i, j)] = (3 * i + 5 * j + 7 * seed) % 5 - 2
    skew = sp.Matrix(
        size, size, lambda i, j: entries.get((i, j), 0) - entries.get((j, i), 0)
    )  # fmt: skip
    return cayley(skew)


class SingularValue(NamedFunction):
    """σᵢ(M), any singular value of M; the check gives it every value in turn."""

    tex = "\\sigma_i"


EXACT_SIZES, EXACT_DEPTHS = range(2, 6), range(2, 5)


def every_singular_value(lhs, rhs) -> bool:
    """For exact orthogonal matrices of sizes 2 … 5, products of 2 … 4 of them: every singular
    value (the square root of an eigenvalue of JᵀJ), put for σᵢ(J) on the left, gives the
    right side."""
    for size in EXACT_SIZES:
        for depth in EXACT_DEPTHS:
            J = sp.eye(size)
            for layer in range(depth):
                J = rational_orthogonal(size, layer + 10 * size) * J
            for eigenvalue in (J.T * J).eigenvals():
                value = sp.sqrt(eigenvalue)
                shown = lhs.replace(SingularValue, lambda _, value=value: value)
                if sp.simplify(shown - rhs) != 0:
                    return False
    return True


ORTHOGONAL = Assumption(
    "orthogonal",
    "every layer's weight matrix is orthogonal",
    {sp.MatMul(Q_l.T, Q_l): sp.Identity(n)},
)

orthogonal_product = Derivation(
    name="orthogonal_product",
    title="A product of orthogonal matrices is orthogonal",
    assumptions=[ORTHOGONAL],
    steps=[
        Step(
            sp.Transpose(chain) * chain,
            chain_transposes * chain,
            "The transpose of a product is the product of the transposes in reverse order "
            f"(checked for {checked_for('L', CHECKED_DEPTHS)} layers).",
            check=same_product_at_every_depth,
        ),
        Step(
            chain_transposes * chain,
            sp.Identity(n),
            "The middle pair $Q_L^T Q_L$ is $I$; then $Q_{L-1}^T Q_{L-1}$ meets in the middle, "
            f"and so on down to $Q_1^T Q_1$ (checked for {checked_for('L', CHECKED_DEPTHS)}).",
            uses=("orthogonal",),
            check=middle_pairs_cancel,
        ),
        Step(
            SingularValue(chain),
            sp.Integer(1),
            "The singular values of $J$ are the square roots of the eigenvalues of $J^T J = I$. "
            f"Checked exactly on products of {EXACT_DEPTHS[0]} to {EXACT_DEPTHS[-1]} rational "
            "orthogonal matrices (Cayley transforms of integer skew-symmetric matrices) of sizes "
            f"{EXACT_SIZES[0]} to {EXACT_SIZES[-1]}.",
            check=every_singular_value,
        ),
    ],
    conclusion=(
        "For a linear network with orthogonal layers the Jacobian $Q_L \\cdots Q_1$ has every "
        "singular value exactly 1, at every depth and for every width: dynamical isometry, "
        "exactly."
    ),
)


# -- Gaussian layers: the first two moments of the squared singular values ---------------------

gaussian = Model()
W_entry = gaussian.random("W", mean=0, variance=1 / n, indexed=True)
W = sp.MatrixSymbol("W", n, n)
A = sp.MatrixSymbol("A", n, n)  # JJᵀ of the layers below: symmetric, not random here
J = sp.MatrixSymbol("J", n, n)  # the product of L Gaussian layers
FOURTH = sp.Symbol("m_{4}(W)")  # the model's name for E[W⁴]
GAUSSIAN = Assumption(
    "gaussian",
    "Gaussian weights: the fourth moment is three times the squared variance",
    {FOURTH: 3 / n**2},
)
MOMENT_SIZES = range(1, 4)  # the trace identities are checked for n = 1, 2, 3


def _explicit(expr, size: int):
    """A displayed trace expression for a concrete width: W's entries are the model's random
    variables, A is a generic symmetric matrix."""
    entries = sp.Matrix(size, size, lambda i, j: W_entry[i + 1, j + 1])
    symmetric = sp.Matrix(
        size, size, lambda i, j: sp.Symbol(f"a_{{{min(i, j) + 1}{max(i, j) + 1}}}")
    )  # fmt: skip
    concrete = expr.subs(n, size).xreplace(
        {sp.MatrixSymbol("W", size, size): sp.ImmutableMatrix(entries),
         sp.MatrixSymbol("A", size, size): sp.ImmutableMatrix(symmetric)}
    )  # fmt: skip
    return concrete.doit()


def expectation_for_each_width(lhs, rhs, assume=lambda expr: expr) -> bool:
    """Both sides agree for n = 1, 2, 3 once every E is evaluated in the model."""
    for size in MOMENT_SIZES:
        difference = evaluate(_explicit(lhs, size), gaussian) - _explicit(rhs, size)
        if sp.expand(assume(difference).subs(n, size)) != 0:
            return False
    return True


second_moment = (1 + 1 / n) * sp.Trace(A**2) + sp.Trace(A) ** 2 / n
trace_square = sp.Trace(A) ** 2 + 2 * sp.Trace(A**2) / n
next_second_moment = Step(
    E(sp.Trace((W.T * W * A) ** 2)),
    second_moment,
    "The mean of $\\sigma_i^4$ of the next layer's product: the same calculation with fourth "
    "moments, which the Gaussian assumption fixes.",
    uses=("gaussian",),
    check=expectation_for_each_width,
)
next_trace_square = Step(
    E(sp.Trace(W.T * W * A) ** 2),
    trace_square,
    "And the square of the trace, which the line above needs at the next layer.",
    uses=("gaussian",),
    check=expectation_for_each_width,
)

a_depth = sp.Symbol("a_L")


def recursion_limit(depth: int) -> sp.Expr:
    """Iterate the two displayed steps from J = I (a = b = 1), as a = (1/n) tr(A²),
    b = tr(A)²/n², and let n → ∞."""
    t2, t1 = sp.symbols("t_2 t_1")  # tr(A²) and tr(A)
    a, b = sp.Integer(1), sp.Integer(1)
    step_a = next_second_moment.rhs.xreplace({sp.Trace(A**2): t2, sp.Trace(A): t1})
    step_b = next_trace_square.rhs.xreplace({sp.Trace(A**2): t2, sp.Trace(A): t1})
    for _ in range(depth):
        values = {t2: n * a, t1**2: n**2 * b}
        a, b = (
            sp.expand(step_a.xreplace(values) / n),
            sp.expand(step_b.xreplace(values) / n**2),
        )
    return sp.limit(a, n, sp.oo)


RECURSION_DEPTHS = range(1, 7)  # the recursion's limit is checked for L = 1 … 6


@approximately
def grows_by_one_per_layer(lhs, rhs) -> bool:
    """The left side, (1/n) E[tr((JᵀJ)²)] read as a_L, is the recursion's limit for every L of
    RECURSION_DEPTHS."""
    mapped = lhs.xreplace({E(sp.Trace((J.T * J) ** 2)): n * a_depth})
    return all(
        sp.simplify(mapped.subs(a_depth, recursion_limit(depth)) - rhs.subs(L, depth)) == 0
        for depth in RECURSION_DEPTHS
    )


gaussian_moments = Derivation(
    name="gaussian_moments",
    title="Gaussian layers keep the mean of σ² and spread it",
    model=gaussian,
    assumptions=[GAUSSIAN],
    steps=[
        Step(
            E(sp.Trace(W.T * W * A)),
            sp.Trace(A),
            "A new layer $W$ on top of $J$: $\\operatorname{tr}((WJ)^T WJ) = "
            "\\operatorname{tr}(W^T W A)$ with $A = JJ^T$. With independent zero-mean entries "
            "of variance $1/n$, $\\mathbb E[W^T W] = I$ "
            f"(checked for {checked_for('n', MOMENT_SIZES)}).",
            check=expectation_for_each_width,
        ),
        next_second_moment,
        next_trace_square,
        Step(
            E(sp.Trace((J.T * J) ** 2)) / n,
            L + 1,
            "Divided by $n$ and $n^2$, the two lines are a recursion from $J = I$. For a width "
            "much larger than the depth its $1/n$ terms drop out and the mean of $\\sigma^4$ "
            "grows by 1 per layer (the recursion's limit $n \\to \\infty$, checked for "
            f"{checked_for('L', RECURSION_DEPTHS)}).",
            approximate=True,
            check=grows_by_one_per_layer,
        ),
    ],
    conclusion=(
        "The first line says that the mean of the squared singular values, "
        "$\\tfrac1n \\operatorname{tr}(J^T J)$, is kept at 1 in expectation by every Gaussian "
        "layer, as by every orthogonal one. The last says that their spread is not: the "
        "variance of $\\sigma_i^2$ over the spectrum, the mean of $\\sigma^4$ minus 1, grows "
        "like the depth $L$ (faster once $L$ approaches $n$). For orthogonal layers it stays 0."
    ),
)


# -- tanh: the fixed point and the slope there ---------------------------------------------------

q = sp.Symbol("q", positive=True)  # a layer's pre-activation variance
g = sp.Symbol("g", positive=True)  # the gain
unit = Model()
u = unit.random("u", mean=0, variance=1)
NORMAL = Assumption(
    "normal", "$u$ is standard normal: its fourth moment is 3", {sp.Symbol("m_{4}(u)"): 3}
)


def _series_in_u(expr, order: int):
    """expr with every E[f(√q u)] replaced by E of f's Taylor polynomial in u up to ``order``."""

    def polynomial(argument):
        return E(sp.series(argument, u, 0, order + 1).removeO())

    return expr.replace(E, polynomial)


def small_q(order: int):
    """A check for "≈" to first (order 2) or second (order 4) order in q: the left side's Taylor
    polynomial in u, averaged over u, is the right side. A term u^k comes with q^(k/2), so the
    polynomial of degree ``order`` in u is one of degree order/2 in q: the expansion to that
    order in q, compared whole."""

    def check(lhs, rhs, assume=lambda expr: expr) -> bool:
        left = assume(evaluate(_series_in_u(lhs, order), unit))
        return sp.expand(left - rhs) == 0

    return approximately(check)


def nonzero_solution(lhs: sp.Eq, rhs: sp.Eq) -> bool:
    """``Eq(q, f(q)) ⟹ Eq(q, value)``: the equation's one solution other than q = 0 is the
    value shown. Solved for any number, not for the page's positive q: for that SymPy returns
    the positive roots only, so neither 0 nor another root of another sign would be seen."""
    anything = sp.Symbol("q_any")
    solutions = [s for s in sp.solve(lhs.xreplace({q: anything}), anything) if s != 0]
    return rhs.lhs == q and len(solutions) == 1 and sp.simplify(solutions[0] - rhs.rhs) == 0


def at_the_fixed_point(lhs: sp.Eq, rhs: sp.Eq) -> bool:
    """``Eq(q, q*) ⟹ Eq(χ(q), value)``: substituting q* into the left of the second gives its
    right."""
    return sp.simplify(rhs.lhs.subs(lhs.lhs, lhs.rhs) - rhs.rhs) == 0


tanh_second_moment = E(sp.tanh(sp.sqrt(q) * u) ** 2)
fixed_point = sp.Eq(q, (1 - 1 / g**2) / 2)
chi = g**2 * (1 - 2 * q)

tanh_fixed_point = Derivation(
    name="tanh_fixed_point",
    title="tanh layers: where the variance settles, and the slope there",
    model=unit,
    assumptions=[NORMAL],
    steps=[
        Step(
            tanh_second_moment,
            written_sum(q, -2 * q**2),
            "A pre-activation of variance $q$ is $\\sqrt q\\, u$. Near 0, $\\tanh^2 x = x^2 - "
            "\\tfrac23 x^4 + \\dots$, so to second order in $q$:",
            uses=("normal",),
            approximate=True,
            check=small_q(4),
        ),
        Step(
            sp.Eq(q, g**2 * (q - 2 * q**2)),
            fixed_point,
            "A layer of gain $g$ (orthogonal, $g\\,Q$, or Gaussian of variance $g^2/n$) maps "
            "$q$ to $g^2\\,\\mathbb E[\\tanh^2(\\sqrt q\\, u)]$. Ask for a variance that "
            "stays, other than 0, and solve:",
            implies=True,
            check=nonzero_solution,
        ),
        Step(
            g**2 * E((1 - sp.tanh(sp.sqrt(q) * u) ** 2) ** 2),
            chi,
            "The Jacobian of a layer is $D\\,gQ$ with $D$ the diagonal of $\\tanh'(z) = 1 - "
            "\\tanh^2 z$: the mean of its squared singular values is $g^2\\,\\mathbb "
            "E[\\tanh'(\\sqrt q\\, u)^2]$, to first order in $q$:",
            approximate=True,
            check=small_q(2),
        ),
    ],
    conclusion=(
        "At the fixed point, {isometry}: for any gain a little above 1 each layer keeps the "
        "mean of the squared singular values at 1, to first order in $q^*$. What remains is the "
        "spread: $D$ is not $I$ but varies from unit to unit and from layer to layer by an "
        "amount that grows with $q^*$. A gain just above 1 keeps $q^*$ small, where tanh is "
        "nearly linear."
    ),
    formulas={
        "isometry": Step(fixed_point, sp.Eq(chi, 1), "", implies=True, check=at_the_fixed_point),
    },
)
