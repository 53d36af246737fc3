"""The variance of a weighted sum, the step every initialization rule starts from."""

import sympy as sp

from sitebuild.authoring import Assumption, Derivation, E, Model, Step, Var
from sitebuild.authoring.checks import divides_through
from sitebuild.authoring.printing import written_product, written_sum

model = Model()
w = model.random("w", indexed=True)
x = model.random("x", indexed=True)
i = sp.Symbol("i", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
wi, xi = w[i], x[i]  # a weight and its input: every term is distributed like this one

z = sp.Sum(wi * xi, (i, 1, n))
ZERO_MEAN = Assumption(
    "zero_mean",
    "zero-mean weights and inputs",
    {model.families["w"].mean: 0, model.families["x"].mean: 0},
)
# n times the variance of one product, written term by term so that it can wrap on a phone.
n_products = written_sum(
    written_product(n, E(wi) ** 2, Var(xi)),
    written_product(n, E(xi) ** 2, Var(wi)),
    written_product(n, Var(wi), Var(xi)),
)

variance_of_sum = Derivation(
    name="variance_of_sum",
    title="Var(z) for z = Σ wᵢxᵢ with independent, zero-mean weights and inputs",
    model=model,
    assumptions=[ZERO_MEAN],
    steps=[
        Step(
            Var(z),
            sp.Sum(Var(wi * xi), (i, 1, n)),
            "The n products are independent of each other, so their variances add.",
            for_each=(n, range(1, 7)),
        ),
        Step(
            sp.Sum(Var(wi * xi), (i, 1, n)),
            n * Var(wi * xi),
            "The products are identically distributed, so the n terms are equal.",
            for_each=(n, range(1, 7)),
        ),
        Step(
            n * Var(wi * xi),
            n_products,
            "Variance of a product of two independent variables.",
        ),
        Step(
            n_products,
            n * Var(wi) * Var(xi),
            "With zero means the first two terms vanish.",
            uses=("zero_mean",),
        ),
    ],
    conclusion=(
        "So the variance of a pre-activation is the fan-in times the weight variance times the "
        "input variance; to keep it equal to the input variance, {rule}."
    ),
    formulas={
        "rule": Step(
            sp.Eq(n * Var(wi) * Var(xi), Var(xi)),
            sp.Eq(n * Var(wi), 1),
            "",
            implies=True,
            check=divides_through(Var(xi)),
        ),
    },
)
