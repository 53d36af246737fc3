"""He initialization: ReLU halves the second moment, so the weights need twice the variance."""

import sympy as sp

from sitebuild.checks import equal_after_doit, solves_for
from sitebuild.derivation import Derivation, Step

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
