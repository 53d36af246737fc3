"""He initialization: ReLU halves the second moment, so the weights need twice the variance."""

import sympy as sp

from sitebuild.authoring import Derivation, Step
from sitebuild.authoring.checks import equal_after_doit, solves_for
from sitebuild.authoring.notation import CHECKED_DEPTHS, depth, layer, weight_variance, width

z = sp.Symbol("z", real=True)
s = sp.Symbol("s", positive=True)  # standard deviation of the pre-activation
slope = sp.Symbol("a", positive=True)  # leaky ReLU's negative slope
n_in = sp.Symbol("n_{in}", positive=True)
var_w = sp.Symbol("\\operatorname{Var}(W)", positive=True)
var_z = sp.Symbol("\\operatorname{Var}(z)", positive=True)
normal_density = sp.exp(-(z**2) / (2 * s**2)) / (s * sp.sqrt(2 * sp.pi))


relu_second_moment = Derivation(
    name="relu_second_moment",
    title="ReLU keeps half of the second moment",
    steps=[
        Step(
            sp.Integral(sp.Max(z, 0) ** 2 * normal_density, (z, -sp.oo, sp.oo)),
            sp.Integral(z**2 * normal_density, (z, 0, sp.oo)),
            "$\\operatorname{relu}(z) = 0$ for $z < 0$ and $z$ for $z > 0$, with "
            "$z \\sim \\mathcal N(0, s^2)$.",
            check=lambda lhs, rhs: equal_after_doit(lhs.rewrite(sp.Piecewise), rhs),
        ),
        Step(
            sp.Integral(z**2 * normal_density, (z, 0, sp.oo)),
            s**2 / 2,
            "The normal density is symmetric: half of $\\mathbb E[z^2] = s^2$ lies above 0.",
            check=equal_after_doit,
        ),
    ],
    conclusion=(
        "So $\\mathbb E[\\operatorname{relu}(z)^2] = \\operatorname{Var}(z)/2$. Unlike tanh, ReLU "
        "is not the identity near 0, and its outputs are not centred: the next layer's variance "
        "is driven by this second moment, not by a variance."
    ),
)

he_condition = Derivation(
    name="he_condition",
    title="Equal variance through ReLU layers",
    steps=[
        Step(
            sp.Eq(n_in * var_w * var_z / 2, var_z),
            sp.Eq(var_w, 2 / n_in),
            "The forward step gives $\\operatorname{Var}(z^{[l]}) = n_{in} \\operatorname{Var}(W)"
            "\\, \\mathbb E[(a^{[l-1]})^2]$ (zero-mean weights make the mean of $a$ drop out), "
            "and $\\mathbb E[a^2] = \\operatorname{Var}(z^{[l-1]})/2$. Ask for equal variances:",
            implies=True,
            check=solves_for(var_w),
        ),
    ],
    conclusion="He et al. (2015): $W \\sim \\mathcal N(0, 2/n_{in})$, twice LeCun's variance.",
)

leaky_density = sp.Piecewise((slope**2 * z**2, z < 0), (z**2, True)) * normal_density

leaky_relu = Derivation(
    name="leaky_relu",
    title="Leaky ReLU with negative slope a",
    steps=[
        Step(
            sp.Integral(leaky_density, (z, -sp.oo, sp.oo)),
            (1 + slope**2) * s**2 / 2,
            "Half the mass is multiplied by $a^2$, half is kept.",
            check=equal_after_doit,
        ),
        Step(
            sp.Eq(n_in * var_w * (1 + slope**2) * var_z / 2, var_z),
            sp.Eq(var_w, 2 / ((1 + slope**2) * n_in)),
            "Equal variances again.",
            implies=True,
            check=solves_for(var_w),
        ),
    ],
    conclusion=(
        "With $a = 0$ this is He's $2/n_{in}$; with $a = 1$ (no nonlinearity) it is LeCun's "
        "$1/n_{in}$. PyTorch's `kaiming_normal_(w, a=a, nonlinearity='leaky_relu')` uses it, "
        "as the gain $\\sqrt{2/(1+a^2)}$."
    ),
)

n_out = sp.Symbol("n_{out}", positive=True)
var_g = sp.Symbol("\\operatorname{Var}(\\partial C/\\partial a)", positive=True)
backward_factors = sp.Product(width(layer) * weight_variance(layer) / 2, (layer, 1, depth))
width_ratios = sp.Product(width(layer) / width(layer - 1), (layer, 1, depth))
FAN_IN_RULE = {weight_variance(layer): 2 / width(layer - 1)}
LECUN_RULE = {weight_variance(layer): 1 / width(layer - 1)}
tanh_backward_factors = sp.Product(width(layer) * weight_variance(layer), (layer, 1, depth))


def telescopes(lhs, rhs) -> bool:
    return all(
        sp.simplify(lhs.subs(depth, L).doit() - rhs.subs(depth, L)) == 0 for L in CHECKED_DEPTHS
    )


he_fan_modes = Derivation(
    name="he_fan_modes",
    title="fan_in or fan_out",
    steps=[
        Step(
            sp.Eq(n_out * var_w * var_g / 2, var_g),
            sp.Eq(var_w, 2 / n_out),
            "Backward, $\\partial C/\\partial a_j^{[l-1]} = \\sum_i W_{ij}\\, "
            "\\operatorname{relu}'(z_i)\\, \\partial C/\\partial a_i^{[l]}$ sums over the "
            "$n_{out}$ units that input feeds, and $\\operatorname{relu}'$ is 1 for half of them "
            "and 0 for the rest. Ask for equal gradient variances:",
            implies=True,
            check=solves_for(var_w),
        ),
        Step(
            backward_factors,
            width_ratios,
            "So, through $L$ layers, the gradients' variance is multiplied by these factors. "
            "With the forward rule instead, $\\operatorname{Var}(W^{[l]}) = 2/n^{[l-1]}$ "
            "(fan_in), each is a ratio of widths.",
            check=lambda lhs, rhs: equal_after_doit(lhs.xreplace(FAN_IN_RULE), rhs),
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

lecun_fan_modes = Derivation(
    name="lecun_fan_modes",
    title="The same holds for tanh and LeCun's rule",
    steps=[
        Step(
            tanh_backward_factors,
            width_ratios,
            "For tanh near 0 the backward factor of a layer is $n^{[l]}\\operatorname{Var}"
            "(W^{[l]})$ (no halving); with LeCun's forward rule, "
            "$\\operatorname{Var}(W^{[l]}) = 1/n^{[l-1]}$, it is the same ratio of widths.",
            check=lambda lhs, rhs: equal_after_doit(lhs.xreplace(LECUN_RULE), rhs),
        ),
    ],
    conclusion=(
        "So nothing here is special to ReLU. With either activation, one fan mode keeps both "
        "passes within a fixed ratio of widths of each other; Glorot and Bengio's compromise "
        "between $1/n_{in}$ and $1/n_{out}$ is a choice for layers of unequal widths, not a "
        "necessity, and He et al. (2015) chose one mode instead."
    ),
)
