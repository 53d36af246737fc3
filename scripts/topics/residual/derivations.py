"""The residual stream's variance, its remedies, and what normalization does to a layer's scale.

The site's moments calculus (:mod:`sitebuild.authoring.moments`) treats distinct random variables
as independent. A residual branch is not independent of the stream it reads, so the first
derivations here use a weaker algebra (:func:`moments`): expectation is linear, Var and Cov are
written out through it, and nothing else is assumed; every independence a step needs is an
assumption it names.
"""

import sympy as sp
from sympy.core.function import AppliedUndef

from sitebuild.authoring import Assumption, Cov, Derivation, E, Step, Var
from sitebuild.authoring.checks import equal_after_doit
from sitebuild.authoring.notation import layer, layer_quantity
from sitebuild.authoring.printing import checked_for, written_product, written_sum

# --- an expectation algebra without independence ------------------------------------------------

x_l = sp.Symbol("x_l", real=True)  # one unit of the stream after block l
F = sp.Function("F")
branch = F(x_l)  # the same unit of the branch's output
W = sp.IndexedBase("W")  # the branch's last layer
h = sp.IndexedBase("h")  # the branch's hidden layer, a function of x_l
i, j = sp.symbols("i j", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
RANDOM = {"x_l", "F", "W", "h"}
CHECKED_WIDTHS = range(1, 5)


def _random(factor) -> bool:
    if isinstance(factor, sp.Indexed):
        return str(factor.base) in RANDOM
    if isinstance(factor, sp.Symbol):
        return factor.name in RANDOM
    return isinstance(factor, AppliedUndef) and factor.func.__name__ in RANDOM


def _linear(argument):
    """E of a polynomial in the random variables: a sum of constants times E of monomials (each
    kept as an unknown: no independence, no distribution)."""
    terms = _terms(argument)
    return sum((c * (E(m) if m != 1 else 1) for c, m in terms), sp.Integer(0))


def _terms(expr):
    """``expr`` as (constant, random monomial) pairs."""
    pairs = []
    for term in sp.Add.make_args(sp.expand(expr)):
        constant, monomial = sp.Integer(1), sp.Integer(1)
        for factor in sp.Mul.make_args(term):
            if _random(factor.as_base_exp()[0]):
                monomial *= factor
            else:
                constant *= factor
        pairs.append((constant, monomial))
    return pairs


def _covariance(a, b):
    """Cov of two sums, expanded by bilinearity into covariances of monomials (in a fixed order,
    Var for a monomial with itself)."""
    total = sp.Integer(0)
    for ca, ma in _terms(a):
        for cb, mb in _terms(b):
            if ma == 1 or mb == 1:
                continue  # a constant has no covariance with anything
            first, second = sorted((ma, mb), key=sp.default_sort_key)
            total += ca * cb * (Var(first) if first == second else Cov(first, second))
    return total


def bilinear(expr):
    """``expr`` with every Var and Cov of a sum expanded into those of its terms."""
    expr = sp.sympify(expr).doit()
    return expr.replace(Var, lambda a: _covariance(a, a)).replace(Cov, _covariance)


def moments(expr):
    """``expr`` with every Var and Cov written through E, and every E expanded by linearity."""
    expr = sp.sympify(expr).doit()
    expr = expr.replace(Var, lambda a: E(a**2) - E(a) ** 2)
    expr = expr.replace(Cov, lambda a, b: E(a * b) - E(a) * E(b))
    return sp.expand(expr.xreplace({e: _linear(e.args[0]) for e in expr.atoms(E)}))


def _prepared(expr, assume):
    """Covariances of sums expanded, then moments; the named assumptions applied at each stage
    (to what is shown, to covariances of single terms, and to expectations)."""
    return assume(moments(assume(bilinear(assume(expr)))))


def equal_moments(lhs, rhs, assume=lambda expr: expr) -> bool:
    """Both sides agree once written through E with no independence assumed, except what the
    named assumptions substitute."""
    return sp.simplify(_prepared(lhs, assume) - _prepared(rhs, assume)) == 0


def equal_moments_for_widths(lhs, rhs, assume=lambda expr: expr) -> bool:
    """:func:`equal_moments` with the sums' length ``n`` set to each of CHECKED_WIDTHS."""
    return all(
        equal_moments(lhs.subs(n, width), rhs.subs(n, width), assume) for width in CHECKED_WIDTHS
    )


# --- one block -----------------------------------------------------------------------------------

UNCORRELATED = Assumption(
    "uncorrelated", "the branch's output is uncorrelated with its input", {Cov(x_l, branch): 0}
)

residual_block = Derivation(
    name="residual_block",
    title="One block adds its branch's variance",
    assumptions=[UNCORRELATED],
    steps=[
        Step(
            Var(x_l + branch),
            written_sum(Var(x_l), 2 * Cov(x_l, branch), Var(branch)),
            "$x_{l+1} = x_l + F(x_l)$, unit by unit. The variance of a sum, for any two random "
            "variables (expand both through $\\mathbb E$).",
            check=equal_moments,
        ),
        Step(
            written_sum(Var(x_l), 2 * Cov(x_l, branch), Var(branch)),
            Var(x_l) + Var(branch),
            "The branch is uncorrelated with its input (next derivation).",
            uses=("uncorrelated",),
            check=equal_moments,
        ),
    ],
    conclusion=(
        "The skip connection passes the stream on whole, so the branch can only add to its "
        "variance: a block never shrinks it, whatever the branch does."
    ),
)

w_ij, h_j = W[i, j], h[j]
INDEPENDENT_LAST_LAYER = Assumption(
    "independent_last_layer",
    "the branch's last layer is drawn independently of everything before it",
    {E(x_l * w_ij * h_j): E(w_ij) * E(x_l * h_j), E(w_ij * h_j): E(w_ij) * E(h_j)},
)
ZERO_MEAN_LAST_LAYER = Assumption("zero_mean_last_layer", "zero-mean weights", {E(w_ij): 0})

branch_uncorrelated = Derivation(
    name="branch_uncorrelated",
    title="Why the branch is uncorrelated with the stream at initialization",
    assumptions=[INDEPENDENT_LAST_LAYER, ZERO_MEAN_LAST_LAYER],
    steps=[
        Step(
            Cov(x_l, sp.Sum(w_ij * h_j, (j, 1, n))),
            sp.Sum(Cov(x_l, w_ij * h_j), (j, 1, n)),
            "Unit $i$ of the branch's output is $\\sum_j W_{ij} h_j$, with $h$ the branch's "
            "hidden layer, a function of $x_l$; covariance is linear in each argument "
            f"(checked for {checked_for('n', CHECKED_WIDTHS)}).",
            check=equal_moments_for_widths,
        ),
        Step(
            Cov(x_l, w_ij * h_j),
            written_sum(E(x_l * w_ij * h_j), -E(x_l) * E(w_ij * h_j)),
            "One term, written through $\\mathbb E$.",
            check=equal_moments,
        ),
        Step(
            written_sum(E(x_l * w_ij * h_j), -E(x_l) * E(w_ij * h_j)),
            written_product(E(w_ij), written_sum(E(x_l * h_j), -E(x_l) * E(h_j))),
            "$W_{ij}$ is independent of $x_l$ and $h_j$ together (they may depend on each other "
            "in any way).",
            uses=("independent_last_layer",),
            check=equal_moments,
        ),
        Step(
            written_product(E(w_ij), written_sum(E(x_l * h_j), -E(x_l) * E(h_j))),
            sp.Integer(0),
            "Its weights have mean 0.",
            uses=("zero_mean_last_layer",),
            check=equal_moments,
        ),
    ],
    conclusion=(
        "Only the last layer's independence and zero mean are needed: the branch may transform "
        "the stream in any way before it. After training starts, the weights depend on the data "
        "and this no longer holds."
    ),
)

# --- L blocks ------------------------------------------------------------------------------------

stream_variance = layer_quantity("stream_variance", "\\operatorname{{Var}}(x_{{{l}}})")
branch_variance = layer_quantity("branch_variance", "\\operatorname{{Var}}(F(x_{{{l}}}))")
v = sp.Symbol("v", nonnegative=True)
L = sp.Symbol("L", integer=True, positive=True)
q = sp.Function("q")
var0 = sp.Symbol("\\operatorname{Var}(x_0)", positive=True)


def _as_block(expr):
    """The layer notation of one block, l → l + 1, as the random variables of residual_block."""
    return expr.xreplace(
        {
            stream_variance(layer + 1): Var(x_l + branch),
            stream_variance(layer): Var(x_l),
            branch_variance(layer): Var(branch),
        }
    )


def adds_the_branch(lhs, rhs, assume) -> bool:
    """A step of the recursion, checked as one block of residual_block."""
    return equal_moments(_as_block(lhs), _as_block(rhs), assume)


def solves_recursion(lhs: sp.Eq, rhs: sp.Eq) -> bool:
    """``lhs`` is a recursion for Var(x_{l+1}) in Var(x_l); SymPy's rsolve solves it from
    Var(x_0), and the solution at l = L is the equation ``rhs``."""
    plain = {stream_variance(layer + 1): q(layer + 1), stream_variance(layer): q(layer)}
    recursion = lhs.lhs.xreplace(plain) - lhs.rhs.xreplace(plain)
    if recursion.has(stream_variance):
        return False
    solution = sp.rsolve(recursion, q(layer), {q(0): var0})
    if solution is None:
        return False
    at = {stream_variance(L): solution.subs(layer, L), stream_variance(0): var0}
    return sp.simplify(rhs.lhs.xreplace(at) - rhs.rhs.xreplace(at)) == 0


def at_value(solution: sp.Eq):
    """A check for ``Eq(symbol, value) ⟹ Eq(Var(x_L), …)``: ``solution`` at that value."""

    def check(lhs: sp.Eq, rhs: sp.Eq) -> bool:
        return (
            rhs.lhs == solution.lhs
            and sp.simplify(solution.rhs.subs(lhs.lhs, lhs.rhs) - rhs.rhs) == 0
        )

    return check


after_one_block = written_sum(stream_variance(layer), branch_variance(layer))
compound_step = written_product(1 + v, stream_variance(layer))
add_step = written_sum(stream_variance(layer), v)

ONE_BLOCK = Step(
    stream_variance(layer + 1),
    after_one_block,
    "$x_{l+1} = x_l + F(x_l)$ with the branch uncorrelated with its input (above).",
    uses=("uncorrelated",),
    check=adds_the_branch,
)
PROPORTIONAL = Assumption(
    "proportional",
    "without normalization, the branch's output variance is a fixed multiple $v$ of its input's",
    {branch_variance(layer): v * stream_variance(layer)},
)
NORMALIZED = Assumption(
    "normalized",
    "the branch reads a normalized input, $\\operatorname{LN}(x_l)$, so its output variance "
    "$v$ does not depend on the stream's",
    {branch_variance(layer): v},
)
compounding = sp.Eq(stream_variance(L), written_product((1 + v) ** L, stream_variance(0)))
adding = sp.Eq(stream_variance(L), written_sum(stream_variance(0), L * v))


def substituted(lhs, rhs, assume) -> bool:
    return sp.simplify(assume(lhs) - rhs) == 0


stream_growth = Derivation(
    name="stream_growth",
    title="Without normalization: the variance compounds",
    assumptions=[UNCORRELATED, PROPORTIONAL],
    steps=[
        ONE_BLOCK,
        Step(
            after_one_block,
            compound_step,
            "The branch scales with what it reads.",
            uses=("proportional",),
            check=substituted,
        ),
        Step(
            sp.Eq(stream_variance(layer + 1), compound_step),
            compounding,
            "Solve the recursion from $x_0$ (SymPy's `rsolve`):",
            implies=True,
            check=solves_recursion,
        ),
    ],
    conclusion=(
        "Exponential in the number of blocks, like a plain network whose layers each multiply "
        "the variance by $1 + v$. A branch whose last layer follows LeCun's rule, after a He "
        "layer and a ReLU, has $v = 1$: {doubling}."
    ),
    formulas={
        "doubling": Step(
            sp.Eq(v, 1),
            sp.Eq(stream_variance(L), written_product(2**L, stream_variance(0))),
            "",
            implies=True,
            check=at_value(compounding),
        ),
    },
)

normalized_growth = Derivation(
    name="normalized_growth",
    title="With a normalized branch input: the variance adds",
    assumptions=[UNCORRELATED, NORMALIZED],
    steps=[
        ONE_BLOCK,
        Step(
            after_one_block,
            add_step,
            "The branch's output no longer depends on the stream's size.",
            uses=("normalized",),
            check=substituted,
        ),
        Step(
            sp.Eq(stream_variance(layer + 1), add_step),
            adding,
            "Solve the recursion:",
            implies=True,
            check=solves_recursion,
        ),
    ],
    conclusion=(
        "Linear in the number of blocks. Block $l$'s branch is then one part in about $l$ of "
        "the stream it adds to, so the deep blocks change the stream less and less."
    ),
)

# --- remedies ------------------------------------------------------------------------------------

c = sp.Symbol("c", positive=True)
N = sp.Symbol("N", integer=True, positive=True)

scaled_branches = Derivation(
    name="scaled_branches",
    title="Scaling each branch's last layer by 1/√N",
    steps=[
        Step(
            Var(branch / sp.sqrt(N)),
            Var(branch) / N,
            "Multiplying the last layer's weights by $1/\\sqrt N$ multiplies the branch's "
            "output by $1/\\sqrt N$, so $v$ becomes $v/N$.",
            check=equal_moments,
        ),
        Step(
            sp.Limit((1 + v / L) ** L, L, sp.oo),
            sp.exp(v),
            "Without normalization, with $N = L$ blocks: the growth factor $(1 + v/L)^L$ of the "
            "first derivation tends to $e^v$ as the network deepens.",
            check=equal_after_doit,
        ),
        Step(
            written_sum(var0, written_product(N, v / N)),
            var0 + v,
            "With normalized branch inputs: $N$ branches each add $v/N$. GPT-2 has two branches "
            "per block (attention and MLP), so $N = 2L$ and each is scaled by $1/\\sqrt{2L}$.",
        ),
    ],
    conclusion=(
        "Either way the stream's variance at initialization stops depending on the depth: at "
        "most $e^v$ times the input's without normalization, the input's plus $v$ with it."
    ),
)

alpha = sp.Symbol("\\alpha", real=True)
theta = sp.Symbol("w", real=True)  # any weight inside the branch
G = sp.Function("F")(x_l, theta)
gated = written_sum(x_l, written_product(alpha, G))

zero_branch = Derivation(
    name="zero_branch",
    title="A branch that starts at zero still learns",
    steps=[
        Step(
            sp.Derivative(gated, alpha),
            G,
            "ReZero's block is $y = x_l + \\alpha F(x_l; w)$ with $\\alpha = 0$ at the start. The "
            "cost reaches $\\alpha$ through this derivative, which is the branch's output: not "
            "zero.",
            check=equal_after_doit,
        ),
        Step(
            sp.Derivative(gated, theta),
            alpha * sp.Derivative(G, theta),
            "Any weight $w$ inside the branch is reached through $\\alpha$, which is 0.",
            check=equal_after_doit,
        ),
    ],
    conclusion=(
        "At $\\alpha = 0$ every block is the identity and the stream keeps the input's "
        "variance exactly; the first step moves only the gates $\\alpha$, and from then on the "
        "branches' weights get gradients too. A zero last layer (Fixup) or a zero gain in the "
        "branch's last BatchNorm (Goyal et al.) works the same way: the last layer's weights "
        "get the gradient, the ones before it wait."
    ),
)

# --- normalization -------------------------------------------------------------------------------

a = sp.Symbol("a", positive=True)  # the scale of a layer's weights
zk, zm = sp.Symbol("z_k", real=True), sp.IndexedBase("z")
mu = sp.Symbol("\\mu", real=True)
sigma = sp.Symbol("\\sigma", positive=True)
m = sp.Symbol("m", integer=True, positive=True)


def batch_mean(values, index):
    return sp.Sum(values, (index, 1, m)) / m


mean_of_scaled = batch_mean(a * zm[i], i)
variance_of_scaled = batch_mean(written_sum(a * zm[i], -batch_mean(a * zm[j], j)) ** 2, i)
variance_unscaled = batch_mean(written_sum(zm[i], -batch_mean(zm[j], j)) ** 2, i)

normalization_scale = Derivation(
    name="normalization_scale",
    title="Normalization forgets the scale of the weights before it",
    steps=[
        Step(
            mean_of_scaled,
            a * batch_mean(zm[i], i),
            "A layer whose weights are multiplied by $a > 0$ multiplies each of its "
            "pre-activations $z_1, \\dots, z_m$ by $a$ (BatchNorm: one unit over the $m$ "
            "examples of the batch; LayerNorm: one example over the $m$ units). Their mean "
            "scales with them,",
            for_each=(m, range(1, 7)),
        ),
        Step(
            variance_of_scaled,
            a**2 * variance_unscaled,
            "and their variance with $a^2$,",
            for_each=(m, range(1, 6)),
        ),
        Step(
            (a * zk - a * mu) / sp.sqrt(a**2 * sigma**2),
            (zk - mu) / sigma,
            "so the normalized value, with $\\mu$ and $\\sigma^2$ the mean and variance of the "
            "unscaled $z$, does not depend on $a$.",
        ),
    ],
    conclusion=(
        "Whatever the initial scale of a layer that a normalization follows, the forward pass "
        "is the same (up to the $\\epsilon$ added to $\\sigma^2$, which matters only when "
        "$\\sigma^2$ is that small)."
    ),
)

# Any function of a weight vector that a normalization follows depends on its direction only:
# f(w) = φ(w/|w|). Checked in three dimensions with φ unknown.
w1, w2, w3 = sp.symbols("w_1 w_2 w_3", real=True)
eta = sp.Symbol("\\eta", positive=True)
phi = sp.Function("\\varphi")
weights = sp.Matrix([w1, w2, w3])
radius = sp.sqrt(w1**2 + w2**2 + w3**2)
invariant = phi(w1 / radius, w2 / radius, w3 / radius)
gradient = sp.Matrix([sp.diff(invariant, w) for w in (w1, w2, w3)])

grad_at_aw = sp.Symbol("\\nabla f(a w)")
grad_at_w = sp.Symbol("\\nabla f(w)")
w_dot_grad = sp.Symbol("w \\cdot \\nabla f(w)")


def _scaled(expr):
    """``expr`` at the weights a·w (|a·w| is left as SymPy writes it: the checks cancel it)."""
    return expr.xreplace({w1: a * w1, w2: a * w2, w3: a * w3})


def _explicit(expr):
    """What a displayed side means for f(w) = φ(w/|w|): a column (a gradient) or a 1×1 matrix;
    None for a side that is not one of the symbols below times a power of a."""
    meaning = {
        grad_at_aw: gradient.applyfunc(_scaled),
        grad_at_w: gradient,
        w_dot_grad: sp.Matrix([(weights.T * gradient)[0, 0]]),
    }
    expr = sp.sympify(expr)
    found = expr.free_symbols & set(meaning)
    if not found:
        return sp.Matrix([expr])
    if len(found) > 1:
        return None
    symbol = found.pop()
    factor = sp.simplify(expr / symbol)
    return meaning[symbol] * factor if factor.free_symbols <= {a} else None


def same_for_any_direction_function(lhs, rhs) -> bool:
    """Both sides mean the same thing for f(w) = φ(w/|w|), φ unknown (three dimensions)."""
    left, right = _explicit(lhs), _explicit(rhs)
    if left is None or right is None or left.shape != right.shape:
        return False
    return all(sp.cancel(sp.together(entry)) == 0 for entry in left - right)


# The length of a gradient step, for a generic weight vector and gradient (three dimensions).
g1, g2, g3 = sp.symbols("g_1 g_2 g_3", real=True)
grad_vector = sp.Matrix([g1, g2, g3])
step_norm = sp.Symbol("\\lVert w - \\eta \\nabla f(w) \\rVert^{2}")
w_norm = sp.Symbol("\\lVert w \\rVert^{2}")
grad_norm = sp.Symbol("\\lVert \\nabla f(w) \\rVert^{2}")
LENGTHS = {
    step_norm: sum((weights - eta * grad_vector).applyfunc(lambda e: e**2)),
    w_norm: sum(weights.applyfunc(lambda e: e**2)),
    grad_norm: sum(grad_vector.applyfunc(lambda e: e**2)),
    w_dot_grad: (weights.T * grad_vector)[0, 0],
}


# "η w·∇f(w)" as one symbol, so that the page prints its factors in this order.
eta_w_dot_grad = sp.Symbol("\\eta\\, w \\cdot \\nabla f(w)")


def same_lengths(lhs, rhs, assume=lambda expr: expr) -> bool:
    """Both sides agree for any vectors w and ∇f(w) in three dimensions, after the named
    assumptions."""

    def meaning(expr):
        return assume(expr.xreplace({eta_w_dot_grad: eta * w_dot_grad})).xreplace(LENGTHS)

    return sp.expand(meaning(lhs) - meaning(rhs)) == 0


step_expanded = written_sum(w_norm, -2 * eta_w_dot_grad, eta**2 * grad_norm)
length_aw = sp.Symbol("\\lVert \\nabla f(a w) \\rVert")
length_w = sp.Symbol("\\lVert \\nabla f(w) \\rVert")
weights_length = sp.Symbol("\\lVert w \\rVert", positive=True)
SHRINKS = Assumption(
    "shrinks", "the gradient at $a w$ is $1/a$ times the one at $w$ (step 1)",
    {length_aw: length_w / a},
)  # fmt: skip
PERPENDICULAR = Assumption(
    "perpendicular", "the gradient is perpendicular to $w$ (step 3)", {w_dot_grad: 0}
)

effective_rate = Derivation(
    name="effective_rate",
    title="What the scale still decides: the step size",
    assumptions=[SHRINKS, PERPENDICULAR],
    steps=[
        Step(
            grad_at_aw,
            grad_at_w / a,
            "The cost, as a function $f$ of the weights $w$ of a layer that a normalization "
            "follows, depends on their direction only, $f(w) = \\varphi(w / \\lVert w "
            "\\rVert)$: its gradient shrinks as the weights grow.",
            check=same_for_any_direction_function,
        ),
        Step(
            eta * length_aw / (a * weights_length),
            eta * length_w / (a**2 * weights_length),
            "So a gradient step, relative to the length $\\lVert a w \\rVert = a \\lVert w "
            "\\rVert$ of the weights, shrinks with the square of their scale.",
            uses=("shrinks",),
            check=substituted,
        ),
        Step(
            w_dot_grad,
            sp.Integer(0),
            "Moving $w$ along itself changes nothing, so the gradient is perpendicular to it,",
            check=same_for_any_direction_function,
        ),
        Step(
            step_norm,
            step_expanded,
            "and the length of a step's result",
            check=same_lengths,
        ),
        Step(
            step_expanded,
            written_sum(w_norm, eta**2 * grad_norm),
            "is always more than the length before: every step makes the weights longer.",
            uses=("perpendicular",),
            check=same_lengths,
        ),
    ],
    conclusion=(
        "Normalization takes the initial scale out of the forward pass but not out of training: "
        "started $a$ times larger, such a layer learns as if its learning rate were divided by "
        "$a^2$. Started small, its first steps are large and lengthen the weights until the "
        "steps shrink; started large, it learns slowly. The output layer, which no "
        "normalization follows, keeps its scale in the forward pass too."
    ),
)
