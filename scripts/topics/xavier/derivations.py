"""The Xavier (Glorot) derivation, forward and backward, every step checked."""

import sympy as sp

from sitebuild.authoring import Assumption, Derivation, E, Model, Step, Var
from sitebuild.authoring.checks import equal_after_doit, solves_for
from sitebuild.authoring.notation import (
    CHECKED_DEPTHS,
    Sigmoid,
    activation_variance,
    depth,
    forward_factor,
    gradient_variance,
    layer,
    preactivation_variance,
    weight_variance,
    width,
    written_out,
)
from sitebuild.authoring.printing import written_product, written_root, written_sum

model = Model()
W = model.random("W^{[l]}", indexed=True)  # W_ij^[l]: independent, identically distributed
a = model.random("a^{[l-1]}", indexed=True)  # a_j^[l-1]: the previous layer's activations
two = Model()  # for the variance of a product: two independent variables, any distribution
X, Y = two.random("X"), two.random("Y")
b = sp.Symbol("b_i", real=True)
i, j = sp.symbols("i j", integer=True, positive=True)
t = sp.Symbol("t", real=True)
n_prev = sp.Symbol("n^{[l-1]}", integer=True, positive=True)
n_next = sp.Symbol("n^{[l]}", integer=True, positive=True)
n_in, n_out = sp.symbols("n_{in} n_{out}", positive=True)
bound = sp.Symbol("r", positive=True)  # half-width of the uniform distribution
z = sp.Symbol("z", real=True)
Wij, aj = W[i, j], a[j]

ZERO_MEAN = Assumption(
    "zero_mean",
    "zero-mean weights and activations",
    {model.families["W^{[l]}"].mean: 0, model.families["a^{[l-1]}"].mean: 0},
)
ZERO_BIAS = Assumption("zero_bias", "zero biases", {b: 0})
CENTRED = Assumption(
    "centred", "centred $X$ and $Y$", {two.families["X"].mean: 0, two.families["Y"].mean: 0}
)
TANH_LINEAR = Assumption(
    "tanh_linear",
    "tanh is close to the identity near 0",
    {sp.tanh: sp.Lambda(t, t)},
    approximate=True,
)

variance_of_product = Derivation(
    name="variance_of_product",
    title="Variance of a product of independent variables",
    model=two,
    assumptions=[CENTRED],
    steps=[
        Step(
            Var(X * Y),
            written_sum(E(X**2 * Y**2), -(E(X * Y) ** 2)),
            "Definition of the variance.",
        ),
        Step(
            written_sum(E(X**2 * Y**2), -(E(X * Y) ** 2)),
            written_sum(E(X**2) * E(Y**2), -(E(X) ** 2) * E(Y) ** 2),
            "Independence: the expectation of a product is the product of expectations.",
        ),
        Step(
            written_sum(E(X**2) * E(Y**2), -(E(X) ** 2) * E(Y) ** 2),
            written_sum(E(X) ** 2 * Var(Y), E(Y) ** 2 * Var(X), Var(X) * Var(Y)),
            "Write $\\mathbb E[X^2] = \\operatorname{Var}(X) + \\mathbb E[X]^2$ (and the same for "
            "$Y$) and expand.",
        ),
        Step(
            written_sum(E(X) ** 2 * Var(Y), E(Y) ** 2 * Var(X), Var(X) * Var(Y)),
            Var(X) * Var(Y),
            "For centred variables only the last term is left.",
            uses=("centred",),
        ),
    ],
)

z_sum = written_sum(sp.Sum(written_product(Wij, aj), (j, 1, n_prev)), b)

xavier_mean = Derivation(
    name="xavier_mean",
    title="The pre-activations have zero mean",
    model=model,
    assumptions=[ZERO_MEAN, ZERO_BIAS],
    steps=[
        Step(
            E(z_sum),
            written_sum(written_product(n_prev, E(Wij), E(aj)), b),
            "Linearity of expectation, and independence of each weight from its input.",
            for_each=(n_prev, range(1, 7)),
        ),
        Step(
            written_sum(written_product(n_prev, E(Wij), E(aj)), b),
            sp.Integer(0),
            "Zero-mean weights and zero biases.",
            uses=("zero_mean", "zero_bias"),
        ),
    ],
)

xavier_forward = Derivation(
    name="xavier_forward",
    title="Forward: the variance of a layer's pre-activations",
    model=model,
    assumptions=[ZERO_MEAN, ZERO_BIAS],
    steps=[
        Step(
            Var(z_sum),
            sp.Sum(Var(written_product(Wij, aj)), (j, 1, n_prev)),
            "$z_i^{[l]} = \\sum_j W_{ij}^{[l]} a_j^{[l-1]} + b_i$: the terms are independent, so "
            "their variances add; the constant $b_i$ adds none.",
            for_each=(n_prev, range(1, 7)),
        ),
        Step(
            sp.Sum(Var(written_product(Wij, aj)), (j, 1, n_prev)),
            n_prev * Var(Wij * aj),
            "The terms are identically distributed.",
            for_each=(n_prev, range(1, 7)),
        ),
        Step(
            n_prev * Var(Wij * aj),
            written_product(n_prev, Var(Wij), Var(aj)),
            "Variance of a product of independent, centred variables (derived above).",
            uses=("zero_mean",),
        ),
    ],
)

# The forward step's result in per-layer notation, and what Var(a^[l]) means: Var(tanh z^[l]).
AS_LAYERS = {
    Var(z_sum): preactivation_variance(layer),
    n_prev: width(layer - 1),
    Var(Wij): weight_variance(layer),
    Var(aj): activation_variance(layer - 1),
}
z_layer = sp.Function("z")


def forward_result(lhs, rhs) -> bool:
    """The two sides are the first and last expressions of the forward derivation, in layer
    notation."""
    first, last = xavier_forward.steps[0].lhs, xavier_forward.steps[-1].rhs
    return lhs == first.xreplace(AS_LAYERS) and sp.simplify(rhs - last.xreplace(AS_LAYERS)) == 0


def linear_regime(lhs, rhs, assume) -> bool:
    """``Var(a^[l])`` means ``Var(tanh z^[l])``; with tanh taken as the identity it is
    ``Var(z^[l])``."""
    meaning = {activation_variance(layer): Var(sp.tanh(z_layer(layer))),
               preactivation_variance(layer): Var(z_layer(layer))}  # fmt: skip
    return assume(lhs.xreplace(meaning)) == rhs.xreplace(meaning)


xavier_condition = Derivation(
    name="xavier_condition",
    title="Equal variance in every layer",
    assumptions=[TANH_LINEAR],
    steps=[
        Step(
            activation_variance(layer),
            preactivation_variance(layer),
            "$a^{[l]} = \\tanh(z^{[l]})$, and tanh is nearly the identity near 0 "
            "($\\tanh t = t + O(t^3)$).",
            approximate=True,
            uses=("tanh_linear",),
            check=linear_regime,
        ),
        Step(
            preactivation_variance(layer),
            written_product(
                width(layer - 1), weight_variance(layer), activation_variance(layer - 1)
            ),
            "The forward step, derived above.",
            check=forward_result,
        ),
        Step(
            sp.Eq(
                written_product(
                    width(layer - 1), weight_variance(layer), activation_variance(layer - 1)
                ),
                activation_variance(layer - 1),
            ),
            sp.Eq(weight_variance(layer), 1 / width(layer - 1)),
            "Ask for the same variance as the layer before, and solve:",
            implies=True,
            check=solves_for(weight_variance(layer)),
        ),
    ],
    conclusion=(
        "This is LeCun's rule, {rule}, the one the source article calls Xavier initialization."
    ),
    formulas={
        "rule": Step(
            sp.Symbol("\\operatorname{Var}(W)"),
            1 / n_in,
            "",  # the fan-in n_in is the previous layer's width
            check=lambda lhs, rhs: (
                sp.Eq(
                    lhs.xreplace({sp.Symbol("\\operatorname{Var}(W)"): weight_variance(layer)}),
                    rhs.xreplace({n_in: width(layer - 1)}),
                )
                == sp.Eq(weight_variance(layer), 1 / width(layer - 1))
            ),
        ),
    },
)

var_x = sp.Symbol("\\operatorname{Var}(x)", positive=True)
c = sp.Symbol("c", positive=True)
over_layers = written_product(sp.Product(forward_factor(layer), (layer, 1, depth)), var_x)


def unrolls(lhs, rhs, assume) -> bool:
    """For each depth L: Var(a^[L]) means Var(tanh z^[L]); with tanh the identity that is
    Var(z^[L]) = n^[L-1] Var(W^[L]) Var(a^[L-1]), and so on down to Var(a^[0]) = Var(x). The
    result is compared with the displayed product."""
    for value in CHECKED_DEPTHS:
        expr = lhs.subs(depth, value)
        for _ in range(value + 1):
            expr = expr.replace(
                activation_variance,
                lambda l: var_x if l == 0 else Var(sp.tanh(z_layer(l))),  # noqa: E741
            )
            expr = assume(expr).replace(
                lambda e: isinstance(e, Var) and e.args[0].func == z_layer,
                lambda e: (
                    forward_factor(e.args[0].args[0]) * activation_variance(e.args[0].args[0] - 1)
                ),
            )
        if sp.simplify(expr - rhs.subs(depth, value).doit()) != 0:
            return False
    return True


xavier_depth = Derivation(
    name="xavier_depth",
    title="Layer after layer",
    assumptions=[
        TANH_LINEAR,
        Assumption("same_factor", "the same factor $c$ in every layer", {forward_factor(layer): c}),
    ],
    steps=[
        Step(
            activation_variance(depth),
            over_layers,
            "Apply the two steps above to each layer in turn, starting from the input, "
            "$a^{[0]} = x$.",
            approximate=True,
            uses=("tanh_linear",),
            check=unrolls,
        ),
        Step(
            over_layers,
            written_product(c**depth, var_x),
            "When every layer has the same factor.",
            uses=("same_factor",),
            check=lambda lhs, rhs, assume: equal_after_doit(assume(lhs), rhs),
        ),
    ],
    conclusion=(
        "Each factor above 1 makes the signal explode, each below 1 makes it vanish; the rule "
        "above makes every factor 1."
    ),
)

# Backward: g_j^[l-1] = Σ_i W_ij t_i g_i, with t_i = tanh'(z_i) and g_i = ∂C/∂a_i^[l].
backward = Model()
Wb = backward.random("W^{[l]}", indexed=True)
slope = backward.random("t", indexed=True)  # tanh'(z_i)
g = backward.random("g", indexed=True)  # ∂C/∂a_i^{[l]}, independent of the weights
ZERO_MEAN_GRADIENTS = Assumption(
    "zero_mean_gradients",
    "zero-mean weights and gradients",
    {backward.families["W^{[l]}"].mean: 0, backward.families["g"].mean: 0},
)
SLOPE_ONE = Assumption(
    "slope_one",
    "tanh's slope is 1 near 0, so $t_i$ is 1 with no spread",
    {backward.families["t"].mean: 1, backward.families["t"].variance: 0},
    approximate=True,
)

xavier_backward = Derivation(
    name="xavier_backward",
    title="Backward: the variance of the back-propagated gradient",
    model=backward,
    assumptions=[ZERO_MEAN_GRADIENTS, SLOPE_ONE],
    steps=[
        Step(
            Var(sp.Sum(written_product(Wb[i, j], slope[i], g[i]), (i, 1, n_next))),
            written_product(n_next, Var(Wb[i, j]), Var(g[i])),
            "$\\partial C/\\partial a_j^{[l-1]} = \\sum_i W_{ij}^{[l]} t_i g_i$ with "
            "$t_i = \\tanh'(z_i^{[l]})$ and $g_i = \\partial C/\\partial a_i^{[l]}$ sums over "
            "the $n^{[l]}$ units the input feeds; the same argument as forward.",
            approximate=True,
            uses=("zero_mean_gradients", "slope_one"),
            check=lambda lhs, rhs, assume: all(
                sp.simplify(
                    assume(evaluate_in(backward, lhs.subs(n_next, k)))
                    - assume(evaluate_in(backward, rhs.subs(n_next, k)))
                )
                == 0
                for k in range(1, 7)
            ),
        ),
        Step(
            sp.Eq(
                written_product(width(layer), weight_variance(layer), gradient_variance(layer)),
                gradient_variance(layer),
            ),
            sp.Eq(weight_variance(layer), 1 / width(layer)),
            "Ask for equal gradient variance in every layer, and solve:",
            implies=True,
            check=solves_for(weight_variance(layer)),
        ),
    ],
    conclusion=(
        "Forward wants one over the fan-in, backward one over the fan-out: both can hold only "
        "when a layer has as many inputs as outputs."
    ),
)


def evaluate_in(model_, expr):
    from sitebuild.authoring.moments import evaluate

    return evaluate(expr, model_)


uniform = sp.Integral(t**2 / (2 * bound), (t, -bound, bound))

glorot_compromise = Derivation(
    name="glorot_compromise",
    title="Glorot and Bengio's compromise, and its uniform version",
    steps=[
        Step(
            sp.Pow(
                written_product(written_sum(n_in, n_out), sp.Rational(1, 2)), -1, evaluate=False
            ),
            2 / (n_in + n_out),
            "Use the average of the two fans: the reciprocal of the mean of $n_{in}$ and "
            "$n_{out}$, between the two requirements, and equal to both when "
            "$n_{in} = n_{out}$.",
            check=lambda lhs, rhs: (
                sp.simplify(lhs - rhs) == 0 and sp.simplify(rhs.subs(n_out, n_in) - 1 / n_in) == 0
            ),
        ),
        Step(
            uniform,
            bound**2 / 3,
            "The variance of $U(-r, r)$: its density is $1/(2r)$ and its mean is 0.",
            check=equal_after_doit,
        ),
        Step(
            sp.Eq(bound**2 / 3, 2 / (n_in + n_out)),
            sp.Eq(bound, written_root(6 / (n_in + n_out))),
            "Match the uniform distribution's variance to the compromise and solve for $r > 0$.",
            implies=True,
            check=solves_for(bound),
        ),
    ],
    conclusion=(
        "So Glorot's normal rule has {normal} and the uniform one draws from $U(-r, r)$ with "
        "{uniform}: PyTorch's `xavier_normal_` and `xavier_uniform_`."
    ),
    formulas={
        "normal": Step(
            sp.Symbol("\\operatorname{Var}(W)"),
            2 / (n_in + n_out),
            "",
            check=lambda lhs, rhs: (
                lhs == sp.Symbol("\\operatorname{Var}(W)")
                and sp.simplify(rhs - glorot_compromise.steps[0].rhs) == 0
            ),
        ),
        "uniform": Step(
            bound,
            written_root(6 / (n_in + n_out)),
            "",
            check=lambda lhs, rhs: sp.Eq(lhs, rhs) == glorot_compromise.steps[-1].rhs,
        ),
    },
)

sigma = Sigmoid  # the logistic sigmoid, the site's one σ; notation.written_out writes it out

sigmoid_mean = Derivation(
    name="sigmoid_mean",
    title="Why sigmoid breaks the zero-mean rule",
    assumptions=[Assumption("symmetric", "$z$ symmetric about 0", {E(sigma(-z)): E(sigma(z))})],
    steps=[
        Step(
            written_sum(sigma(z), sigma(-z)),
            sp.Integer(1),
            "$\\sigma(z) + \\sigma(-z) = 1$: the sigmoid is symmetric about the point $(0, 1/2)$.",
            check=lambda lhs, rhs: sp.simplify(written_out(lhs) - rhs) == 0,
        ),
        Step(
            E(sigma(z)),
            written_product(sp.Rational(1, 2), E(written_sum(sigma(z), sigma(-z)))),
            "$z$ and $-z$ have the same distribution, so $\\mathbb E[\\sigma(-z)] = "
            "\\mathbb E[\\sigma(z)]$.",
            uses=("symmetric",),
            check=lambda lhs, rhs, assume: (
                sp.simplify(
                    lhs - assume(rhs.replace(E, lambda arg: sum(map(E, sp.Add.make_args(arg)))))
                )
                == 0
            ),
        ),
        Step(
            written_product(sp.Rational(1, 2), E(written_sum(sigma(z), sigma(-z)))),
            sp.Rational(1, 2),
            "The line before last: the sum inside is 1.",
            check=lambda lhs, rhs: (
                sp.simplify(written_out(lhs).replace(E, lambda arg: sp.simplify(arg)) - rhs) == 0
            ),
        ),
    ],
    conclusion=(
        "So sigmoid activations are never centred, and the term the derivation dropped, the "
        "squared mean of the activations times the weight variance, is back."
    ),
)
