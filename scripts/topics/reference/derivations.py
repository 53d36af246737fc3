"""Two facts the reference page relies on: PyTorch's nn.Linear default, and Keras's truncated
normal correction."""

import sympy as sp

from sitebuild.authoring import Derivation, Step
from sitebuild.authoring.checks import equal_after_doit

n = sp.Symbol("n_{in}", positive=True)
a = sp.Symbol("a", positive=True)
beta = sp.Symbol("beta", positive=True)
z = sp.Symbol("z", real=True)


with sp.evaluate(False):
    bound_general = sp.sqrt(3) * sp.sqrt(2 / (1 + a**2)) / sp.sqrt(n)
    bound_at_root5 = sp.sqrt(3) * sp.sqrt(2 / (1 + sp.sqrt(5) ** 2)) / sp.sqrt(n)

linear_default = Derivation(
    name="linear_default",
    title="nn.Linear's kaiming_uniform(a = √5) is U(±1/√n_in)",
    steps=[
        Step(
            bound_general,
            sp.sqrt(6 / ((1 + a**2) * n)),
            "kaiming_uniform's bound is $\\sqrt{3}$ times its standard deviation "
            "gain$/\\sqrt{n_{in}}$, with leaky ReLU's gain $\\sqrt{2/(1+a^2)}$.",
        ),
        Step(
            bound_at_root5,
            1 / sp.sqrt(n),
            "PyTorch passes $a = \\sqrt{5}$: not a leaky ReLU's slope, but the value that makes "
            "$1 + a^2 = 6$ cancel the 6.",
            check=equal_after_doit,
        ),
    ],
    conclusion=(
        "So the default weight of `nn.Linear(n_in, n_out)` is uniform on "
        "$[-1/\\sqrt{n_{in}}, 1/\\sqrt{n_{in}}]$, of variance {variance}: a third of LeCun's "
        "$1/n_{in}$. It reproduces the default of the original Lua Torch, which drew from "
        "$U(\\pm 1/\\sqrt{n_{in}})$ directly: a convention kept for compatibility, not a rule "
        "derived like LeCun's, Glorot's or He's."
    ),
    formulas={
        "variance": Step(
            sp.Symbol("\\operatorname{Var}(W)"),
            1 / (3 * n),
            "",  # the variance of U(-r, r) is r²/3, here with the bound just derived
            check=lambda lhs, rhs: (
                lhs == sp.Symbol("\\operatorname{Var}(W)")
                and sp.simplify(linear_default.steps[-1].rhs ** 2 / 3 - rhs) == 0
            ),
        ),
    },
)

phi = sp.exp(-(z**2) / 2) / sp.sqrt(2 * sp.pi)
Phi = (1 + sp.erf(beta / sp.sqrt(2))) / 2
kept_mass = 2 * Phi - 1

truncated_variance = Derivation(
    name="truncated_variance",
    title="Variance of a unit normal cut at ±β",
    steps=[
        Step(
            sp.Integral(z**2 * phi, (z, -beta, beta)) / sp.Integral(phi, (z, -beta, beta)),
            1 - 2 * beta * phi.subs(z, beta) / kept_mass,
            "Integrate $z^2$ against the normal density on $[-\\beta, \\beta]$ and divide by the "
            "mass kept; the mean stays 0 by symmetry.",
            check=equal_after_doit,
        ),
    ],
    conclusion=(
        "At $\\beta = 2$ the standard deviation is the square root of this, which Keras divides "
        "by so that the truncated draws have the variance asked for."
    ),
)
