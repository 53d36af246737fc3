"""The He page: the ReLU derivations hold and break when they should; a 30-layer ReLU network
keeps its second moment under He and halves it per layer under Xavier, and trains only from He."""

import numpy as np
import pytest
import sympy as sp

from harness.derivation_tests import derivation_tests, derivations_of
from harness.numbers import number
from initlab.network import MLP
from sitebuild.authoring.proof import with_changed_step as changed
from topics.he import derivations as d
from topics.he import experiment as ex
from topics.he import values as v

DERIVATIONS = derivations_of(d)


WIJ, l_ = d.W[d.i, d.j], d.layer
WRONG = {
    "all of the second moment": changed(d.relu_second_moment, 3, rhs=d.s**2),
    "relu dropped from the integral": changed(
        d.relu_second_moment, 2, lhs=sp.Integral(d.z**2 * d.normal_density, (d.z, -sp.oo, sp.oo))
    ),
    "LeCun's rule for ReLU": changed(d.he_condition, 2, rhs=sp.Eq(d.Var(WIJ), 1 / d.n_prev)),
    "forward with a variance of a": changed(
        d.he_condition, 1, rhs=d.n_prev * d.Var(WIJ) * d.Var(d.a[d.j])
    ),
    "leaky with the slope not squared": changed(d.leaky_relu, 1, rhs=(1 + d.slope) * d.s**2 / 2),
    "leaky rule without the slope": changed(d.leaky_relu, 2, rhs=sp.Eq(d.Var(WIJ), 2 / d.n_prev)),
    "backward forgets relu' halving": changed(
        d.he_fan_modes, 2, rhs=sp.Eq(d.Var(d.Wb[d.i, d.j]), 1 / d.n_next)
    ),
    "fan_out's rule where fan_in's belongs": changed(
        d.he_fan_modes, 3, rhs=sp.Product(1, (l_, 1, d.depth))
    ),
    "telescoped one layer too far": changed(d.he_fan_modes, 4, rhs=d.width(d.depth) / d.width(1)),
    "LeCun's backward factors halved": changed(d.lecun_fan_modes, 1, lhs=d.backward_factors),
}


test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)


def test_the_leaky_conclusion_names_he_and_lecun_from_the_rule():
    for name, slope, variance in (("he", 0, 2 / d.n_prev), ("lecun", 1, 1 / d.n_prev)):
        formula = d.leaky_relu.formulas[name]
        assert d.leaky_rule_at(formula.lhs, formula.rhs)
        assert formula.lhs.rhs == slope and formula.rhs.rhs == variance


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
    for value in (v.xavier_last_moment, v.xavier_predicted_last_moment):  # math, as MathML
        mantissa = value.text().strip("$").split(" ")[0]
        assert f"<mn>{mantissa}</mn>" in html
    assert "{{" not in html


# Every value against something computed another way.


def test_constant_values_are_the_experiments_constants_and_the_page_uses_them():
    from sitebuild import ROOT

    page = (ROOT / "docs" / "he.md").read_text(encoding="utf-8")
    for value, constant in (
        (v.layers, ex.LAYERS), (v.width, ex.WIDTH), (v.moment_width, ex.MOMENT_WIDTH),
        (v.moment_networks, len(ex.SEEDS)), (v.steps, ex.STEPS),
        (v.train_seeds, len(ex.TRAIN_SEEDS)), (v.halvings, ex.LAYERS - 2),
    ):  # fmt: skip
        assert int(value.text()) == constant, value.name
        assert f"value {value.name}" in page, value.name


def test_last_moments_against_the_derivation():
    assert float(v.he_last_moment.text()) == pytest.approx(1.0, abs=0.5)  # He keeps it
    measured = number(v.xavier_last_moment.text())
    predicted = 0.5 ** (ex.LAYERS - 2)  # Xavier halves it at each of LAYERS - 2 layers
    assert number(v.xavier_predicted_last_moment.text()) == pytest.approx(predicted, rel=0.005)
    assert abs(np.log(measured / predicted)) < np.log(2)  # within a factor 2 after 28 halvings
    # the values are the last hidden layer's (layer LAYERS - 1), not another near it
    moments = ex.second_moments()
    assert all(len(m) == ex.LAYERS - 1 for m in moments.values())
    assert float(v.he_last_moment.text()) == pytest.approx(moments["He"][-1], abs=5e-4)
    last_xavier = moments["Xavier (Glorot)"][-1]
    assert measured == pytest.approx(last_xavier, rel=0.01)
    assert number(v.xavier_predicted_last_moment.text()) == pytest.approx(
        ex.predicted_moments("Xavier (Glorot)")[ex.LAYERS - 2], rel=0.01
    )


def test_final_costs_are_those_of_the_trained_networks():
    """Each network trained again, its cost computed by a forward pass after the last step: the
    page's worst He cost and best Xavier cost, to the digits shown. The network trained is the
    one the page describes: its number of weight layers and width, two inputs, one output."""
    X, y = ex.data()
    assert ex.WIDTHS == [X.shape[1]] + [int(v.width.text())] * (int(v.layers.text()) - 1) + [1]
    final = {}
    for name, init in ex.INITS.items():
        final[name] = []
        for seed in ex.TRAIN_SEEDS:
            net = MLP(ex.WIDTHS, "relu", "sigmoid", init, np.random.default_rng(seed))
            curve = net.train(X, y, "bce", ex.LEARNING_RATE, ex.STEPS).loss
            assert len(curve) == ex.STEPS + 1  # the cost before each step and after the last
            final[name].append(net.loss(net.forward(X), y, "bce"))
    assert v.he_final_loss.text() == f"{max(final['He']):.4f}"
    assert v.xavier_final_loss.text() == f"{min(final['Xavier (Glorot)']):.4f}"


def test_final_losses_he_learns_xavier_stalls_at_the_base_rate():
    he, xavier = float(v.he_final_loss.text()), float(v.xavier_final_loss.text())
    base = float(v.base_rate_loss.text())
    _, y = ex.data()
    p = y.mean()
    assert base == pytest.approx(-(p * np.log(p) + (1 - p) * np.log(1 - p)), abs=1e-4)
    assert he < 0.5 * base and xavier == pytest.approx(base, abs=0.02)


def test_assumptions_lists_every_assumption_a_step_uses_once():
    listed = v.assumptions.text().splitlines()
    assert len(listed) == len(set(listed)) > 0
    shown = (d.relu_second_moment, d.he_condition, d.leaky_relu, d.he_fan_modes)
    used = {
        derivation.assumption(name).statement
        for derivation in shown
        for step in derivation.steps
        for name in step.uses
    }
    assert used and all(f"- {statement}" in listed for statement in used)


def test_a_variance_is_written_out_as_its_second_moment_less_its_squared_mean():
    """The page's z has mean 0, so its steps cannot tell E[z²] − E[z]² from E[z²] + E[z]² or
    E[z²] − 2E[z]: at a mean m ≠ 0 only the first gives the variance s²."""
    m = sp.Symbol("m", real=True)
    moments = {d.E(d.z**2): d.s**2 + m**2, d.E(d.z): m}
    written = d.expectations(d.Var(d.z), lambda expr: expr.subs(moments))
    assert sp.expand(written) == d.s**2
