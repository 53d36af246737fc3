"""The He page: the ReLU derivations hold and break when they should; a 30-layer ReLU network
keeps its second moment under He and halves it per layer under Xavier, and trains only from He."""

import dataclasses

import numpy as np
import pytest
import sympy as sp

from sitebuild.authoring.derivation import step_holds, verify
from topics.he import derivations as d
from topics.he import experiment as ex
from topics.he import values as v

DERIVATIONS = (d.relu_second_moment, d.he_condition, d.leaky_relu, d.he_fan_modes)


@pytest.mark.parametrize("derivation", DERIVATIONS, ids=lambda x: x.name)
def test_every_step_holds(derivation):
    verify(derivation)


@pytest.mark.parametrize(
    "derivation, number, rhs",
    [
        (d.relu_second_moment, 2, d.s**2),  # the whole second moment: wrong, half is cut off
        (d.he_condition, 1, sp.Eq(d.var_w, 1 / d.n_in)),  # LeCun's rule is not the answer
        (d.leaky_relu, 1, (1 + d.slope) * d.s**2 / 2),
        (d.leaky_relu, 2, sp.Eq(d.var_w, 2 / d.n_in)),
        (d.he_fan_modes, 1, sp.Eq(d.var_w, 1 / d.n_out)),  # forgets relu' halving the terms
        # fan_out's rule put where fan_in's belongs: the ratios would all be 1
        (d.he_fan_modes, 2, sp.Product(1, (d.layer, 1, d.depth))),
        (d.he_fan_modes, 3, d.width(d.depth) / d.width(1)),  # telescoped one layer too far
    ],
)
def test_a_wrong_step_is_rejected(derivation, number, rhs):
    step = dataclasses.replace(derivation.steps[number - 1], rhs=rhs)
    assert not step_holds(derivation, step)


def test_leaky_relu_reduces_to_he_and_to_lecun():
    rule = d.leaky_relu.steps[-1].rhs.rhs
    assert sp.simplify(rule.subs(d.slope, 0) - 2 / d.n_in) == 0
    assert sp.simplify(rule.subs(d.slope, 1) - 1 / d.n_in) == 0


def test_scientific_notation_for_the_page():
    assert v.scientific(3.7304e-9) == "$3.73 \\times 10^{-9}$"
    assert v.scientific(0.5) == "$5 \\times 10^{-1}$"


def test_relu_second_moment_by_sampling():
    rng = np.random.default_rng(0)
    z = rng.normal(0, 1.7, size=400_000)
    assert np.mean(np.maximum(z, 0) ** 2) == pytest.approx(1.7**2 / 2, rel=0.01)


def test_base_rate_loss_is_the_entropy_of_the_labels():
    _, y = ex.data()
    p = y.mean()
    assert 0.1 < p < 0.9
    assert ex.base_rate_loss() == pytest.approx(-(p * np.log(p) + (1 - p) * np.log(1 - p)))


def test_page_has_its_derivations_figures_and_computed_values(built_site):
    html = (built_site.site / "he" / "index.html").read_text(encoding="utf-8")
    for derivation in DERIVATIONS:
        assert f'id="derivation-{derivation.name}"' in html
    for figure in ("he/layer_moments", "he/training"):
        assert f"{figure}-light.svg" in html and f"{figure}-dark.svg" in html
    for value in (v.he_final_loss, v.xavier_final_loss, v.base_rate_loss, v.he_last_moment):
        assert value.text() in html
    for value in (v.xavier_last_moment, v.xavier_predicted_last_moment):  # math, set by KaTeX
        mantissa = value.text().strip("$").split(" ")[0]
        assert f'<span class="mord">{mantissa}</span>' in html
    assert "{{" not in html
