"""The Xavier (Glorot) derivation, forward and backward, every step checked."""

import sympy as sp

from sitebuild.authoring import Assumption, Derivation, E, Model, Step, Var
from sitebuild.authoring.checks import equal_after_doit, solves_for
from sitebuild.authoring.notation import (
    CHECKED_DEPTHS,
    activation_variance,
    depth,
    forward_factor,
    layer,
)

model = Model()
W = model.random("W", indexed=True)  # W^{[l]}_{ij}: independent, identically distributed
a = model.random("a", indexed=True)  # a^{[l-1]}_j: the previous layer's activations
X, Y = model.random("X"), model.random("Y")  # two independent variables, any distribution
b = sp.Symbol("b_i", real=True)
j = sp.Symbol("j", integer=True, positive=True)
n_prev = sp.Symbol("n^{[l-1]}", integer=True, positive=True)
n_next = sp.Symbol("n^{[l]}", integer=True, positive=True)
n_in, n_out = sp.symbols("n_{in} n_{out}", positive=True)
var_w = sp.Symbol("\\operatorname{Var}(W)", positive=True)
var_a = sp.Symbol("\\operatorname{Var}(a)", positive=True)
bound = sp.Symbol("r", positive=True)  # half-width of the uniform distribution
t = sp.Symbol("t", real=True)
z = sp.Symbol("z", real=True)
W1, a1 = W[1], a[1]

ZERO_MEAN = Assumption(
    "zero_mean",
    "zero-mean weights and activations",
    {model.families["W"].mean: 0, model.families["a"].mean: 0},
)
ZERO_BIAS = Assumption("zero_bias", "zero biases", {b: 0})
CENTRED = Assumption(
    "centred", "centred $X$ and $Y$", {model.families["X"].mean: 0, model.families["Y"].mean: 0}
)

variance_of_product = Derivation(
    name="variance_of_product",
    title="Variance of a product of independent variables",
    model=model,
    assumptions=[CENTRED],
    steps=[
        Step(
            Var(X * Y),
            E(X**2 * Y**2) - E(X * Y) ** 2,
            "Definition of the variance.",
        ),
        Step(
            E(X**2 * Y**2) - E(X * Y) ** 2,
            E(X**2) * E(Y**2) - E(X) ** 2 * E(Y) ** 2,
            "Independence: the expectation of a product is the product of expectations.",
        ),
        Step(
            E(X**2) * E(Y**2) - E(X) ** 2 * E(Y) ** 2,
            E(X) ** 2 * Var(Y) + E(Y) ** 2 * Var(X) + Var(X) * Var(Y),
            "Write $\\mathbb E[X^2] = \\operatorname{Var}(X) + \\mathbb E[X]^2$ (and the same for "
            "$Y$) and expand.",
        ),
        Step(
            E(X) ** 2 * Var(Y) + E(Y) ** 2 * Var(X) + Var(X) * Var(Y),
            Var(X) * Var(Y),
            "For centred variables only the last term is left.",
            uses=("centred",),
        ),
    ],
)

z_sum = sp.Sum(W[j] * a[j], (j, 1, n_prev)) + b

xavier_mean = Derivation(
    name="xavier_mean",
    title="The pre-activations have zero mean",
    model=model,
    assumptions=[ZERO_MEAN, ZERO_BIAS],
    steps=[
        Step(
            E(z_sum),
            n_prev * E(W1) * E(a1) + b,
            "Linearity of expectation, and independence of each weight from its input.",
            for_each=(n_prev, range(1, 7)),
        ),
        Step(
            n_prev * E(W1) * E(a1) + b,
            sp.Integer(0),
            "Zero-mean weights and zero biases.",
            uses=("zero_mean", "zero_bias"),
        ),
    ],
)


def series_is_identity(lhs, rhs) -> bool:
    """tanh(t) = t + O(t³): the linear term is the identity and there is no quadratic term."""
    return sp.series(sp.tanh(t), t, 0, 3).removeO() == t


xavier_forward = Derivation(
    name="xavier_forward",
    title="Forward: the variance of a layer's pre-activations",
    model=model,
    assumptions=[ZERO_MEAN, ZERO_BIAS],
    steps=[
        Step(
            Var(z_sum),
            sp.Sum(Var(W[j] * a[j]), (j, 1, n_prev)),
            "$z_i^{[l]} = \\sum_j W_{ij}^{[l]} a_j^{[l-1]} + b_i$: the terms are independent, so "
            "their variances add; the constant $b_i$ adds none.",
            for_each=(n_prev, range(1, 7)),
        ),
        Step(
            sp.Sum(Var(W[j] * a[j]), (j, 1, n_prev)),
            n_prev * Var(W1 * a1),
            "The terms are identically distributed.",
            for_each=(n_prev, range(1, 7)),
        ),
        Step(
            n_prev * Var(W1 * a1),
            n_prev * Var(W1) * Var(a1),
            "Variance of a product of independent, centred variables (derived above).",
            uses=("zero_mean",),
        ),
    ],
)

xavier_condition = Derivation(
    name="xavier_condition",
    title="Equal variance in every layer",
    steps=[
        Step(
            sp.Eq(n_prev * var_w * var_a, var_a),
            sp.Eq(var_w, 1 / n_prev),
            "With tanh nearly the identity near 0 ($\\tanh t = t + O(t^3)$), "
            "$\\operatorname{Var}(a^{[l]}) \\approx \\operatorname{Var}(z^{[l]})$. Asking it to "
            "equal $\\operatorname{Var}(a^{[l-1]})$ and solving for $\\operatorname{Var}(W)$:",
            approximate=True,
            implies=True,
            check=lambda lhs, rhs: series_is_identity(lhs, rhs) and solves_for(var_w)(lhs, rhs),
        ),
    ],
    conclusion=(
        "This is LeCun's rule, $\\operatorname{Var}(W) = 1/n_{in}$, the one the source article "
        "calls Xavier initialization."
    ),
)

var_x = sp.Symbol("\\operatorname{Var}(x)", positive=True)
c = sp.Symbol("c", positive=True)
over_layers = sp.Product(forward_factor(layer), (layer, 1, depth)) * var_x


def unrolls_the_forward_step(lhs, rhs) -> bool:
    """For each depth, apply Var(a^[l]) = n^[l-1] Var(W^[l]) Var(a^[l-1]) layer by layer from
    Var(a^[0]) = Var(x), and compare with the displayed product."""
    for value in CHECKED_DEPTHS:
        variance = var_x
        for one_layer in range(1, value + 1):
            variance = forward_factor(one_layer) * variance
        if sp.simplify(rhs.subs(depth, value).doit() - variance) != 0:
            return False
    return True


xavier_depth = Derivation(
    name="xavier_depth",
    title="Layer after layer",
    steps=[
        Step(
            activation_variance(depth),
            over_layers,
            "Apply the forward step (tanh taken as the identity) to each layer in turn, starting "
            "from the input, $a^{[0]} = x$.",
            approximate=True,
            check=unrolls_the_forward_step,
        ),
        Step(
            over_layers,
            c**depth * var_x,
            "When every layer has the same factor $c = n^{[l-1]} \\operatorname{Var}(W^{[l]})$.",
            check=lambda lhs, rhs: equal_after_doit(lhs.xreplace({forward_factor(layer): c}), rhs),
        ),
    ],
    conclusion=(
        "Each factor above 1 makes the signal explode, each below 1 makes it vanish; the rule "
        "above makes every factor 1."
    ),
)

delta = model.random("delta", indexed=True)  # ∂C/∂z_i^{[l]}, independent of the weights
i = sp.Symbol("i", integer=True, positive=True)
var_delta = sp.Symbol("\\operatorname{Var}(\\delta)", positive=True)

xavier_backward = Derivation(
    name="xavier_backward",
    title="Backward: the variance of the back-propagated gradient",
    model=model,
    assumptions=[
        Assumption(
            "zero_mean_gradients",
            "zero-mean weights and gradients",
            {model.families["W"].mean: 0, model.families["delta"].mean: 0},
        )
    ],
    steps=[
        Step(
            Var(sp.Sum(W[i] * delta[i], (i, 1, n_next))),
            n_next * Var(W1) * Var(delta[1]),
            "$\\partial C/\\partial a_j^{[l-1]} = \\sum_i W_{ij}^{[l]}\\, \\partial C/\\partial "
            "z_i^{[l]}$ sums over the $n^{[l]}$ units the input feeds; the same argument as "
            "forward, with $\\tanh'(0) = 1$ so that $\\partial C/\\partial z \\approx \\partial "
            "C/\\partial a$.",
            uses=("zero_mean_gradients",),
            for_each=(n_next, range(1, 7)),
        ),
        Step(
            sp.Eq(n_next * var_w * var_delta, var_delta),
            sp.Eq(var_w, 1 / n_next),
            "Equal gradient variance in every layer, solved for $\\operatorname{Var}(W)$.",
            implies=True,
            check=solves_for(var_w),
        ),
    ],
    conclusion=(
        "Forward wants $1/n_{in}$, backward wants $1/n_{out}$: both can hold only when a layer "
        "has as many inputs as outputs."
    ),
)

glorot_compromise = Derivation(
    name="glorot_compromise",
    title="Glorot and Bengio's compromise, and its uniform version",
    steps=[
        Step(
            1 / ((n_in + n_out) / 2),
            2 / (n_in + n_out),
            "Use the average of the two fans: the reciprocal of the mean of $n_{in}$ and "
            "$n_{out}$, between the two requirements, and equal to both when "
            "$n_{in} = n_{out}$.",
            check=lambda lhs, rhs: (
                sp.simplify(lhs - rhs) == 0 and sp.simplify(rhs.subs(n_out, n_in) - 1 / n_in) == 0
            ),
        ),
        Step(
            sp.Integral(t**2 / (2 * bound), (t, -bound, bound)),
            bound**2 / 3,
            "The variance of $U(-r, r)$: its density is $1/(2r)$ and its mean is 0.",
            check=equal_after_doit,
        ),
        Step(
            sp.Eq(bound**2 / 3, 2 / (n_in + n_out)),
            sp.Eq(bound, sp.sqrt(6 / (n_in + n_out))),
            "Match the uniform distribution's variance to the compromise and solve for $r > 0$.",
            implies=True,
            check=solves_for(bound),
        ),
    ],
    conclusion=(
        "So Glorot's normal rule is $\\mathcal N(0, 2/(n_{in}+n_{out}))$ and the uniform one is "
        "$U(\\pm\\sqrt{6/(n_{in}+n_{out})})$, PyTorch's `xavier_normal_` and `xavier_uniform_`."
    ),
)

sigmoid_mean = Derivation(
    name="sigmoid_mean",
    title="Why sigmoid breaks the zero-mean rule",
    steps=[
        Step(
            1 / (1 + sp.exp(-z)) + 1 / (1 + sp.exp(z)),
            sp.Integer(1),
            "$\\sigma(z) + \\sigma(-z) = 1$: the sigmoid is symmetric about the point $(0, 1/2)$.",
            check=lambda lhs, rhs: sp.simplify(lhs - rhs) == 0,
        ),
    ],
    conclusion=(
        "So for any $z$ symmetric about 0, $\\mathbb E[\\sigma(z)] = 1/2$: sigmoid activations "
        "are never centred, and the term $\\mathbb E[a]^2 \\operatorname{Var}(W)$ that the "
        "derivation dropped is back."
    ),
)
