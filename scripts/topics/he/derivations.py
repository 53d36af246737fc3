"""He initialization: ReLU halves the second moment, so the weights need twice the variance."""

import sympy as sp

from sitebuild.authoring import Assumption, Derivation, E, Model, Step, Var
from sitebuild.authoring.checks import equal_after_doit, solves_for
from sitebuild.authoring.notation import (
    CHECKED_DEPTHS,
    LeakyRelu,
    NormalDensity,
    Relu,
    depth,
    layer,
    weight_variance,
    width,
)
from sitebuild.authoring.printing import written_product

z = sp.Symbol("z", real=True)
u = sp.Symbol("u", real=True)
s = sp.Symbol("s", positive=True)  # standard deviation of the pre-activation
slope = sp.Symbol("a", nonnegative=True)  # leaky ReLU's negative slope
normal_density = NormalDensity(z, s)

NORMAL = Assumption(
    "normal",
    "the pre-activation $z$ is normal with mean 0 and standard deviation $s$, as a sum of many "
    "independent terms nearly is (only its symmetry about 0 matters)",
    {E: sp.Lambda(u, sp.Integral(u * normal_density, (z, -sp.oo, sp.oo)))},
)


def expectations(expr, assume):
    """Expectations of functions of z as integrals against its density (the ``normal``
    assumption), a variance written out as E[z²] − E[z]² first."""
    expr = expr.replace(Var, lambda arg: E(arg**2) - E(arg) ** 2)
    return assume(expr).rewrite(sp.Piecewise)


def integrates_to(lhs, rhs, assume=lambda expr: expr) -> bool:
    """A check: both sides are equal once expectations are integrals and integrals are done."""
    return equal_after_doit(expectations(lhs, assume), expectations(rhs, assume))


relu_second_moment = Derivation(
    name="relu_second_moment",
    title="ReLU keeps half of the second moment",
    assumptions=[NORMAL],
    steps=[
        Step(
            E(Relu(z) ** 2),
            sp.Integral(Relu(z) ** 2 * normal_density, (z, -sp.oo, sp.oo)),
            "The expectation against the density of $z$.",
            uses=("normal",),
            check=integrates_to,
        ),
        Step(
            sp.Integral(Relu(z) ** 2 * normal_density, (z, -sp.oo, sp.oo)),
            sp.Integral(z**2 * normal_density, (z, 0, sp.oo)),
            "$\\operatorname{relu}(z) = 0$ for $z < 0$ and $z$ for $z > 0$.",
            check=integrates_to,
        ),
        Step(
            sp.Integral(z**2 * normal_density, (z, 0, sp.oo)),
            s**2 / 2,
            "The normal density is symmetric: half of $\\mathbb E[z^2] = s^2$ lies above 0.",
            check=integrates_to,
        ),
    ],
    conclusion=(
        "So {half}. Unlike tanh, ReLU is not the identity near 0, and its outputs are not "
        "centred: the next layer's variance is driven by this second moment, not by a variance."
    ),
    formulas={
        "half": Step(E(Relu(z) ** 2), Var(z) / 2, "", uses=("normal",), check=integrates_to),
    },
)

# The forward step through a ReLU layer, unit i of layer l, in the page's layer notation.
forward = Model()
W = forward.random("W^{[l]}", indexed=True)
a = forward.random("a^{[l-1]}", indexed=True)  # ReLU outputs: not centred
i, j = sp.symbols("i j", integer=True, positive=True)
n_prev = sp.Symbol("n^{[l-1]}", integer=True, positive=True)
n_next = sp.Symbol("n^{[l]}", integer=True, positive=True)
var_z = sp.Symbol("\\operatorname{Var}(z^{[l-1]})", positive=True)
ZERO_MEAN_WEIGHTS = Assumption(
    "zero_mean_weights", "zero-mean weights", {forward.families["W^{[l]}"].mean: 0}
)
RELU_HALF = Assumption(
    "relu_half",
    "the previous layer's ReLU keeps half of its pre-activations' second moment (above)",
    {E(a[j] ** 2): var_z / 2},
)

he_condition = Derivation(
    name="he_condition",
    title="Equal variance through ReLU layers",
    model=forward,
    assumptions=[ZERO_MEAN_WEIGHTS, RELU_HALF],
    steps=[
        Step(
            Var(sp.Sum(W[i, j] * a[j], (j, 1, n_prev))),
            written_product(n_prev, Var(W[i, j]), E(a[j] ** 2)),
            "$z_i^{[l]} = \\sum_j W_{ij}^{[l]} a_j^{[l-1]}$ (no bias): independent terms, and "
            "with zero-mean weights each term's variance is $\\operatorname{Var}(W_{ij}) "
            "\\mathbb E[(a_j)^2]$, the second moment of $a$, not its variance.",
            uses=("zero_mean_weights",),
            for_each=(n_prev, range(1, 7)),
        ),
        Step(
            sp.Eq(written_product(n_prev, Var(W[i, j]), E(a[j] ** 2)), var_z),
            sp.Eq(Var(W[i, j]), 2 / n_prev),
            "Ask for the same variance as the layer before, $\\operatorname{Var}(z_i^{[l]}) = "
            "\\operatorname{Var}(z^{[l-1]})$, and solve:",
            implies=True,
            uses=("relu_half",),
            check=lambda lhs, rhs, assume: solves_for(rhs.lhs)(assume(lhs), rhs),
        ),
    ],
    conclusion="{{ cite he2015 }}: {rule}, twice LeCun's variance.",
    formulas={
        "rule": Step(
            weight_variance(layer),
            2 / width(layer - 1),
            "",
            check=lambda lhs, rhs: (
                sp.Eq(lhs, rhs).xreplace(
                    {weight_variance(layer): Var(W[i, j]), width(layer - 1): n_prev}
                )
                == sp.Eq(Var(W[i, j]), 2 / n_prev)
            ),
        ),
    },
)

leaky_rule = sp.Eq(Var(W[i, j]), 2 / ((1 + slope**2) * n_prev))


def leaky_rule_at(lhs, rhs) -> bool:
    """``Eq(a, value) ⟹ Eq(Var(W), rule)``: the leaky rule at that slope is the rule shown."""
    return (
        rhs.lhs == leaky_rule.lhs
        and sp.simplify(leaky_rule.rhs.subs(lhs.lhs, lhs.rhs) - rhs.rhs) == 0
    )


leaky_relu = Derivation(
    name="leaky_relu",
    title="Leaky ReLU with negative slope a",
    model=forward,
    assumptions=[
        NORMAL,
        Assumption(
            "leaky_half",
            "the previous layer's leaky ReLU keeps $(1+a^2)/2$ of its pre-activations' second "
            "moment (the line above)",
            {E(a[j] ** 2): (1 + slope**2) * var_z / 2},
        ),
    ],
    steps=[
        Step(
            E(LeakyRelu(z, slope) ** 2),
            (1 + slope**2) * s**2 / 2,
            "Half the mass is multiplied by $a^2$, half is kept.",
            uses=("normal",),
            check=integrates_to,
        ),
        Step(
            sp.Eq(written_product(n_prev, Var(W[i, j]), E(a[j] ** 2)), var_z),
            leaky_rule,
            "Equal variances again.",
            implies=True,
            uses=("leaky_half",),
            check=lambda lhs, rhs, assume: solves_for(rhs.lhs)(assume(lhs), rhs),
        ),
    ],
    conclusion=(
        "With no slope it is He's rule, {he}; with slope 1, no nonlinearity at all, it is "
        "LeCun's, {lecun}. PyTorch's `kaiming_normal_(w, a=a, nonlinearity='leaky_relu')` uses "
        "it, as the gain {gain}."
    ),
    formulas={
        "he": Step(
            sp.Eq(slope, 0), sp.Eq(Var(W[i, j]), 2 / n_prev), "", implies=True, check=leaky_rule_at
        ),
        "lecun": Step(
            sp.Eq(slope, 1), sp.Eq(Var(W[i, j]), 1 / n_prev), "", implies=True, check=leaky_rule_at
        ),
        "gain": Step(
            sp.Symbol("\\text{gain}"),
            sp.sqrt(2 / (1 + slope**2)),
            "",  # std = gain / √n_in: the gain squared over n_in is the rule's variance
            check=lambda lhs, rhs: (
                lhs == sp.Symbol("\\text{gain}")
                and sp.simplify(rhs**2 / n_prev - leaky_rule.rhs) == 0
            ),
        ),
    },
)

# Backward through ReLU layers: r_i = relu'(z_i) is 1 or 0, each with probability ½.
backward = Model()
Wb = backward.random("W^{[l]}", indexed=True)
r = backward.random("r", mean=sp.Rational(1, 2), variance=sp.Rational(1, 4), indexed=True)
g = backward.random("g", indexed=True)  # ∂C/∂a_i^{[l]}
var_g = sp.Symbol("\\operatorname{Var}(g)", positive=True)
backward_factors = sp.Product(width(layer) * weight_variance(layer) / 2, (layer, 1, depth))
width_ratios = sp.Product(width(layer) / width(layer - 1), (layer, 1, depth))
FAN_IN = Assumption(
    "fan_in", "He's forward rule (fan_in)", {weight_variance(layer): 2 / width(layer - 1)}
)
ZERO_MEAN_BACKWARD = Assumption(
    "zero_mean_gradients",
    "zero-mean weights and gradients",
    {backward.families["W^{[l]}"].mean: 0, backward.families["g"].mean: 0},
)


def telescopes(lhs, rhs) -> bool:
    return all(
        sp.simplify(lhs.subs(depth, L).doit() - rhs.subs(depth, L)) == 0 for L in CHECKED_DEPTHS
    )


he_fan_modes = Derivation(
    name="he_fan_modes",
    title="fan_in or fan_out",
    model=backward,
    assumptions=[ZERO_MEAN_BACKWARD, FAN_IN],
    steps=[
        Step(
            Var(sp.Sum(Wb[i, j] * r[i] * g[i], (i, 1, n_next))),
            written_product(sp.Rational(1, 2), n_next, Var(Wb[i, j]), Var(g[i])),
            "Backward, $\\partial C/\\partial a_j^{[l-1]} = \\sum_i W_{ij}^{[l]} r_i g_i$ with "
            "$g_i = \\partial C/\\partial a_i^{[l]}$ and $r_i = \\operatorname{relu}'(z_i)$, 1 "
            "or 0 with probability ½ each, independent of the rest: the sum runs over the "
            "$n^{[l]}$ units the input feeds, and only half of them pass their gradient on.",
            uses=("zero_mean_gradients",),
            for_each=(n_next, range(1, 7)),
        ),
        Step(
            sp.Eq(written_product(sp.Rational(1, 2), n_next, Var(Wb[i, j]), var_g), var_g),
            sp.Eq(Var(Wb[i, j]), 2 / n_next),
            "Ask for equal gradient variances in every layer, and solve:",
            implies=True,
            check=solves_for(Var(Wb[i, j])),
        ),
        Step(
            backward_factors,
            width_ratios,
            "So, through $L$ layers, the gradients' variance is multiplied by these factors. "
            "With the forward rule instead, each is a ratio of widths.",
            uses=("fan_in",),
            check=lambda lhs, rhs, assume: equal_after_doit(assume(lhs), rhs),
        ),
        Step(
            width_ratios,
            width(depth) / width(0),
            "The product telescopes: every width but the first and the last appears once above "
            "and once below the line.",
            check=telescopes,
        ),
    ],
    conclusion=(
        "Initialized for the forward pass, $L$ layers change the gradients' variance by the "
        "ratio of the last width to the first, a fixed number rather than one that compounds "
        "with depth; the same holds the other way round for fan_out."
    ),
)

LECUN = Assumption("lecun", "LeCun's forward rule", {weight_variance(layer): 1 / width(layer - 1)})
tanh_backward_factors = sp.Product(width(layer) * weight_variance(layer), (layer, 1, depth))

lecun_fan_modes = Derivation(
    name="lecun_fan_modes",
    title="The same holds for tanh and LeCun's rule",
    assumptions=[LECUN],
    steps=[
        Step(
            tanh_backward_factors,
            width_ratios,
            "For tanh near 0 the backward factor of a layer is $n^{[l]}\\operatorname{Var}"
            "(W^{[l]})$ (no halving); with LeCun's forward rule it is the same ratio of widths.",
            uses=("lecun",),
            check=lambda lhs, rhs, assume: equal_after_doit(assume(lhs), rhs),
        ),
    ],
    conclusion=(
        "So nothing here is special to ReLU. With either activation, one fan mode keeps both "
        "passes within a fixed ratio of widths of each other; Glorot and Bengio's compromise "
        "between the two fans is a choice for layers of unequal widths, not a necessity, and "
        "{{ cite he2015 }} chose one mode instead."
    ),
)
