"""The symmetry page's claims: derivations hold and break when they should; the numbers."""

import sympy as sp

from sitebuild.authoring.derivation import step_holds
from topics.symmetry import derivations as d
from topics.symmetry import experiment as ex


def test_zero_start_only_the_output_bias_gets_a_gradient():
    for activation in ("relu", "tanh"):
        counts = ex.zero_init_gradients(activation)
        assert counts == {
            "hidden weights": 0,
            "hidden biases": 0,
            "output weights": 0,
            "output bias": 1,
        }


def test_gradient_step_matches_sympy_differentiation():
    step = d.constant_symmetry.steps[0]
    assert step_holds(d.constant_symmetry, step)
    wrong = step.__class__(step.lhs, step.rhs * 2, step.reason, check=step.check)
    assert not step_holds(d.constant_symmetry, wrong)


def test_equality_needs_the_constant_start():
    """The equal-gradient step fails when the two output weights differ."""
    uneven = {**d.CONSTANT, d.v2: 2 * d.alpha}
    assert not d.at(uneven)(d.grad_11, d.grad_21)
    assert d.at(d.CONSTANT)(d.grad_11, d.grad_21)


def test_zero_start_gradients_vanish_only_where_g_is_zero_at_zero():
    last = d.zero_start.steps[-1]
    assert step_holds(d.zero_start, last)
    sigmoid_at_zero = 1 / (1 + sp.exp(0))  # 1/2: the output weights would get a gradient
    assert sp.simplify(last.lhs.subs(d.g(0), sigmoid_at_zero)) != 0


def test_page_shows_derivations_and_computed_numbers(built_site):
    html = (built_site.site / "symmetry" / "index.html").read_text(encoding="utf-8")
    for name in ("constant_symmetry", "symmetric_update", "zero_start"):
        assert f'id="derivation-{name}"' in html
    assert "symmetry/hidden_weights-light.svg" in html and "symmetry/unit_maps-dark.svg" in html
    assert "<strong>0</strong>" in html  # the computed largest difference
