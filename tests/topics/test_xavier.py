"""The Xavier page: every derivation holds and breaks when it should; the simulated network
agrees with the derivation's forward step; the page shows what was computed."""

import dataclasses

import numpy as np
import pytest
import sympy as sp

from sitebuild.authoring.derivation import step_holds, verify
from topics.xavier import derivations as d
from topics.xavier import experiment as ex
from topics.xavier import values as v

DERIVATIONS = (
    d.variance_of_product,
    d.xavier_mean,
    d.xavier_forward,
    d.xavier_condition,
    d.xavier_depth,
    d.xavier_backward,
    d.glorot_compromise,
    d.sigmoid_mean,
)


@pytest.mark.parametrize("derivation", DERIVATIONS, ids=lambda x: x.name)
def test_every_step_holds(derivation):
    verify(derivation)  # raises on the first step SymPy cannot prove


def broken(derivation, number, rhs):
    """The derivation with step `number` (1-based) claiming `rhs` instead."""
    step = derivation.steps[number - 1]
    return derivation, dataclasses.replace(step, rhs=rhs)


@pytest.mark.parametrize(
    "derivation, step",
    [
        # Var(XY) without the centring assumption keeps the mean terms.
        (d.variance_of_product, dataclasses.replace(d.variance_of_product.steps[3], uses=())),
        broken(d.variance_of_product, 3, d.Var(d.X) * d.Var(d.Y)),
        # Without zero-mean weights the pre-activation mean is not 0.
        (d.xavier_mean, dataclasses.replace(d.xavier_mean.steps[1], uses=("zero_bias",))),
        broken(d.xavier_forward, 3, d.n_prev * d.Var(d.W1) * d.E(d.a1**2) + 1),
        broken(d.xavier_condition, 1, sp.Eq(d.var_w, 2 / d.n_prev)),
        # One layer short, and the constant-factor power off by one.
        broken(
            d.xavier_depth,
            1,
            sp.Product(d.forward_factor(d.layer), (d.layer, 1, d.depth - 1)) * d.var_x,
        ),
        broken(d.xavier_depth, 2, d.c ** (d.depth - 1) * d.var_x),
        broken(d.xavier_backward, 2, sp.Eq(d.var_w, 1 / d.n_prev)),
        broken(d.glorot_compromise, 1, 1 / (d.n_in + d.n_out)),
        broken(d.glorot_compromise, 2, d.bound**2 / 2),
        broken(d.glorot_compromise, 3, sp.Eq(d.bound, sp.sqrt(3 / (d.n_in + d.n_out)))),
        broken(d.sigmoid_mean, 1, sp.Rational(1, 2)),
    ],
)
def test_a_wrong_step_is_rejected(derivation, step):
    assert not step_holds(derivation, step)


def test_variance_of_product_needs_centred_variables_for_the_short_form():
    general = d.variance_of_product.steps[2]
    assert step_holds(d.variance_of_product, general)  # holds for any means, no assumption used
    assert general.uses == ()


def test_uniform_bound_gives_the_glorot_variance_numerically():
    rng = np.random.default_rng(0)
    n_in, n_out = 300, 100
    r = np.sqrt(6 / (n_in + n_out))
    samples = rng.uniform(-r, r, size=200_000)
    assert samples.var() == pytest.approx(2 / (n_in + n_out), rel=0.01)


def test_standard_init_has_a_third_of_the_weight_variance_normalized_has_glorots():
    standard = ex.snapshots()["standard U(±1/√n)"]
    normalized = ex.snapshots()["normalized (Glorot)"]
    for layer, n_out in enumerate(ex.WIDTHS[1:]):
        n_in = ex.WIDTHS[layer]
        assert standard.weight_variance[layer] == pytest.approx(1 / (3 * n_in), rel=0.05)
        assert normalized.weight_variance[layer] == pytest.approx(2 / (n_in + n_out), rel=0.05)


def test_sigmoid_activations_have_mean_one_half():
    snap = ex.snapshots("sigmoid")["normalized (Glorot)"]
    for a in snap.a[1:-1]:
        assert float(a.mean()) == pytest.approx(0.5, abs=0.02)


def test_page_has_its_derivations_figures_and_computed_values(built_site):
    html = (built_site.site / "xavier" / "index.html").read_text(encoding="utf-8")
    for derivation in DERIVATIONS:
        assert f'id="derivation-{derivation.name}"' in html
    for figure in ("xavier/layer_histograms", "xavier/layer_variance"):
        assert f"{figure}-light.svg" in html and f"{figure}-dark.svg" in html
    for value in (v.gradient_ratio_standard, v.gradient_ratio_normalized,
                  v.sigmoid_mean_activation):  # fmt: skip
        assert value.text() in html
    assert "<table>" in html and "xavier_normal_" in html and "GlorotNormal" in html
    assert "{{" not in html
