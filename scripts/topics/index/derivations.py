"""The variance of a weighted sum, the step every initialization rule starts from."""

import sympy as sp

from sitebuild.authoring import Assumption, Derivation, E, Model, Step, Var

model = Model()
w = model.random("w", indexed=True)
x = model.random("x", indexed=True)
i = sp.Symbol("i", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
# One representative of each family, for statements about "a weight" and "an input".
w1, x1 = w[1], x[1]

z = sp.Sum(w[i] * x[i], (i, 1, n))

variance_of_sum = Derivation(
    name="variance_of_sum",
    title="Var(z) for z = Σ wᵢxᵢ with independent, zero-mean weights and inputs",
    model=model,
    assumptions=[
        Assumption(
            "zero_mean",
            "zero-mean weights and inputs",
            {model.families["w"].mean: 0, model.families["x"].mean: 0},
        ),
    ],
    steps=[
        Step(
            Var(z),
            sp.Sum(Var(w[i] * x[i]), (i, 1, n)),
            "The n products are independent of each other, so their variances add.",
            for_each=(n, range(1, 7)),
        ),
        Step(
            sp.Sum(Var(w[i] * x[i]), (i, 1, n)),
            n * Var(w1 * x1),
            "The products are identically distributed, so the n terms are equal.",
            for_each=(n, range(1, 7)),
        ),
        Step(
            n * Var(w1 * x1),
            n * (E(w1) ** 2 * Var(x1) + E(x1) ** 2 * Var(w1) + Var(w1) * Var(x1)),
            "Variance of a product of two independent variables.",
        ),
        Step(
            n * (E(w1) ** 2 * Var(x1) + E(x1) ** 2 * Var(w1) + Var(w1) * Var(x1)),
            n * Var(w1) * Var(x1),
            "With zero means the first two terms vanish.",
            uses=("zero_mean",),
        ),
    ],
    conclusion=(
        "So the variance of a pre-activation is the fan-in times the weight variance times the "
        "input variance: keeping it equal to the input variance needs "
        "$n\\operatorname{Var}(w) = 1$."
    ),
)
