"""The product of layers: a deep linear network, and random Gaussian layers."""

import sympy as sp

from sitebuild.authoring import Derivation, E, Model, Step

k, y = sp.symbols("k y", real=True)
L = sp.Symbol("L", integer=True, positive=True)
I2 = sp.Identity(2)
W_out = sp.MatrixSymbol("W^{[L]}", 1, 2)
x = sp.MatrixSymbol("x", 2, 1)
LAYER_COUNTS = range(2, 13)  # the matrix identities are checked for L = 2 … 12


P, Q, X1, X2 = sp.symbols("p q x_1 x_2", real=True)
ROW, COLUMN = sp.Matrix([[P, Q]]), sp.Matrix([X1, X2])  # a generic W^[L] and x


def _explicit(expr, L_value: int) -> sp.Matrix:
    """What a displayed matrix expression means for a concrete L, with generic explicit W^[L]
    and x: ŷ is the network's output, ∂C/∂W^[1] the gradient SymPy computes."""
    meaning = {W_out: ROW, x: COLUMN, yhat_symbol: _forward(L_value)[0, 0],
               grad_symbol: _first_layer_gradient(L_value)}  # fmt: skip
    concrete = expr.subs(L, L_value).xreplace(meaning)
    if hasattr(concrete, "as_explicit"):
        concrete = concrete.as_explicit()
    return sp.Matrix([[concrete]]) if not isinstance(concrete, sp.MatrixBase) else concrete


def _forward(L_value: int) -> sp.Matrix:
    """The network's forward pass, one 2×2 layer at a time."""
    a = COLUMN
    for _ in range(L_value - 1):
        a = (k * sp.eye(2)) * a
    return ROW * a


def _first_layer_gradient(L_value: int) -> sp.Matrix:
    """∂C/∂W^[1] for C = ½(ŷ − y)²: SymPy's derivative with respect to each entry of a generic
    first layer, evaluated where every layer is kI."""
    first = sp.Matrix(2, 2, sp.symbols("u_11 u_12 u_21 u_22"))
    at_identity = {first[r, c]: k * int(r == c) for r in range(2) for c in range(2)}
    above = ROW
    for _ in range(L_value - 2):
        above = above * (k * sp.eye(2))
    cost = ((above * first * COLUMN)[0, 0] - y) ** 2 / 2
    gradient = sp.Matrix(2, 2, lambda r, c: sp.diff(cost, first[r, c]))
    return gradient.subs(at_identity)


def same_for_every_depth(lhs, rhs) -> bool:
    """Both displayed sides mean the same matrix for L = 2 … 12."""
    return all(
        sp.simplify(_explicit(lhs, L_value) - _explicit(rhs, L_value)).is_zero_matrix
        for L_value in LAYER_COUNTS
    )


yhat_symbol = sp.Symbol("\\hat{y}")
grad_symbol = sp.Symbol("\\frac{\\partial C}{\\partial W^{[1]}}")

deep_linear_product = Derivation(
    name="deep_linear_product",
    title="A deep linear network with every hidden layer equal to k·I",
    steps=[
        Step(
            yhat_symbol,
            W_out * sp.MatPow(k * I2, L - 1) * x,
            "The L − 1 hidden layers are all $W = kI$ (2×2), so the forward pass multiplies "
            "the input by the same matrix L − 1 times.",
            check=same_for_every_depth,
        ),
        Step(
            W_out * sp.MatPow(k * I2, L - 1) * x,
            k ** (L - 1) * W_out * x,
            "$kI$ commutes with everything and $(kI)^{L-1} = k^{L-1} I$.",
            check=same_for_every_depth,
        ),
    ],
    conclusion=(
        "With $L = 10$, the output is $k^{9}$ times what the output layer alone would give: "
        "the nine hidden layers act as one scalar."
    ),
)

deep_linear_gradient = Derivation(
    name="deep_linear_gradient",
    title="The first layer's gradient carries the same product",
    steps=[
        Step(
            grad_symbol,
            (yhat_symbol - y) * k ** (L - 2) * W_out.T * x.T,
            "For $C = \\tfrac12(\\hat y - y)^2$, back-propagation multiplies the error by every "
            "layer above the first: the output row and $L - 2$ copies of $kI$.",
            check=same_for_every_depth,
        ),
    ],
    conclusion=(
        "So the gradient is scaled by $k^{L-2}$ on top of the error, which itself carries "
        "$k^{L-1}$: with $k > 1$ both explode, with $k < 1$ both vanish."
    ),
)

# Random layers: E‖W a‖² for W with independent zero-mean entries of variance c/n.
model = Model()
c = sp.Symbol("c", positive=True)
n = sp.Symbol("n", integer=True, positive=True)
i, j = sp.symbols("i j", integer=True, positive=True)
W = model.random("W", mean=0, variance=c / n, indexed=True)
a = sp.IndexedBase("a")  # a fixed (non-random) input vector
layer = sp.Symbol("l", integer=True, nonnegative=True)
q = sp.Function("q")  # q(l) = E‖a^[l]‖² for linear layers
norm_x = sp.Symbol("\\lVert x \\rVert^{2}", positive=True)

squared_norm = sp.Sum(sp.Sum(W[i, j] * a[j], (j, 1, n)) ** 2, (i, 1, n))


def recursion_solution(lhs, rhs) -> bool:
    """q(l+1) = c·q(l), q(0) = ‖x‖², solved by SymPy; the displayed q(…) evaluated with it."""
    solved = sp.rsolve(q(layer + 1) - c * q(layer), q(layer), {q(0): norm_x})
    return sp.simplify(lhs.replace(q, sp.Lambda(layer, solved)) - rhs) == 0


random_layer_norm = Derivation(
    name="random_layer_norm",
    title="How a random linear layer scales the squared norm",
    model=model,
    steps=[
        Step(
            E(squared_norm),
            c * sp.Sum(a[j] ** 2, (j, 1, n)),
            "Each of the $n$ outputs is $\\sum_j W_{ij} a_j$ with independent zero-mean weights "
            "of variance $c/n$: its expected square is $(c/n) \\sum_j a_j^2$, and there are $n$ "
            "of them.",
            for_each=(n, range(1, 5)),
        ),
        Step(
            q(layer),
            c**layer * norm_x,
            "Apply it layer after layer: $q(l+1) = c\\,q(l)$ with $q(0) = \\lVert x \\rVert^2$, "
            "solved by SymPy's `rsolve`.",
            check=recursion_solution,
        ),
    ],
    conclusion=(
        "In expectation the squared norm is multiplied by $c$ per layer: $c = 1$ preserves it, "
        "$c < 1$ shrinks it and $c > 1$ grows it geometrically. On a log scale that is a straight "
        "line with slope $\\tfrac12 \\log c$ per layer for the norm itself (plus a small, "
        "computable correction, because the mean of a log is not the log of a mean)."
    ),
)
