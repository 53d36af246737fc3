"""Derivations as an author writes them: every one on the site has a unique name and renders each
step as display math with its reason; an assumption shows exactly the substitutions it applies."""

import re

import pytest
import sympy as sp

from sitebuild.authoring.derivation import Assumption, assumption_list
from sitebuild.authoring.moments import Model, Var
from sitebuild.pipeline.markup import derivation_markdown
from sitebuild.pipeline.registry import defined
from topics.index.derivations import n, variance_of_sum, wi, xi

ALL = [derivation for _module, derivation in defined("derivation")]
x = sp.Symbol("x")


def test_the_site_has_derivations_with_unique_names():
    names = [d.name for d in ALL]
    assert "variance_of_sum" in names and len(names) > 20
    assert len(names) == len(set(names))


@pytest.mark.parametrize("derivation", ALL, ids=lambda d: d.name)
def test_every_step_renders_as_display_math_with_its_reason(derivation):
    markdown = derivation_markdown(derivation)
    maths = re.findall(
        r'<p class="derivation-math" markdown="1">\$\\displaystyle (.*?)\$</p>', markdown
    )
    assert len(maths) == len(derivation.steps) and all(m.strip() for m in maths)
    for step in derivation.steps:
        assert step.reason.split("$")[0].strip()[:20] in markdown


def test_variance_of_sum_ends_at_n_var_w_var_x():
    assert variance_of_sum.steps[-1].rhs == n * Var(wi) * Var(xi)


def test_an_assumption_shows_exactly_the_substitutions_it_applies():
    model = Model()
    w = model.random("w")
    tricky = Assumption("zero_mean", "zero-mean weights", {model.families["w"].mean: 0, x: 2})
    assert tricky.statement == "zero-mean weights ($\\mathbb{E}[w] = 0$, $x = 2$)"
    assert tricky.apply(x + model.families["w"].mean) == 2
    assert w is not None


@pytest.mark.parametrize("derivation", ALL, ids=lambda d: d.name)
def test_every_assumption_shows_every_substitution(derivation):
    for assumption in derivation.assumptions:
        shown = assumption.statement
        assert len(assumption.formulas()) == len(set(map(str, assumption.substitutions.values())))
        for formula in assumption.formulas():
            assert formula in shown


def test_the_assumption_list_starts_with_the_models_independence():
    listed = assumption_list(variance_of_sum)
    assert listed.splitlines()[0].startswith("- $w_{i}$ and $x_{i}$ are independent")
    assert "zero-mean weights and inputs ($\\mathbb{E}[w] = \\mathbb{E}[x] = 0$)" in listed
