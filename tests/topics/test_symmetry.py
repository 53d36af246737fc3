"""The symmetry page's claims: derivations hold and break when they should; the numbers."""

import dataclasses

import pytest
import sympy as sp

from sitebuild import BuildError
from sitebuild.authoring.derivation import verify
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


def changed(derivation, number, **sides):
    steps = list(derivation.steps)
    steps[number - 1] = dataclasses.replace(steps[number - 1], **sides)
    return dataclasses.replace(derivation, steps=steps)


P = d.partial
WRONG = {
    "dC/dw12 for dC/dw11": changed(d.constant_symmetry, 1, lhs=P(d.w12)),
    "dC/dv1 for dC/dw11": changed(d.constant_symmetry, 1, lhs=P(d.v1)),
    "a doubled gradient": changed(d.constant_symmetry, 1, rhs=2 * d.grad_11),
    "equal without the constant start": changed(d.constant_symmetry, 2, uses=()),
    "the update with w12 and dC/dw22": changed(
        d.symmetric_update,
        1,
        lhs=(d.w12 - d.eta * P(d.w22)) - (d.w21 - d.eta * P(d.w21)),
    ),
    "zero start: dC/dv1 for dC/dw11": changed(d.zero_start, 1, lhs=P(d.v1)),
    "zero start: g(0) kept": changed(d.zero_start, 3, rhs=d.L_prime(0) * d.g(0)),
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_changed_display_is_rejected(name):
    with pytest.raises(BuildError):
        verify(WRONG[name])


def test_every_symmetry_derivation_verifies():
    for derivation in (d.constant_symmetry, d.symmetric_update, d.zero_start):
        verify(derivation)


def test_zero_start_gradients_vanish_only_where_g_is_zero_at_zero():
    last = d.zero_start.steps[-1]
    sigmoid_at_zero = 1 / (1 + sp.exp(0))  # 1/2: the output weights would get a gradient
    assert sp.simplify(last.lhs.subs(d.g(0), sigmoid_at_zero)) != 0


def test_page_shows_derivations_and_computed_numbers(built_site):
    html = (built_site.site / "symmetry" / "index.html").read_text(encoding="utf-8")
    for name in ("constant_symmetry", "symmetric_update", "zero_start"):
        assert f'id="derivation-{name}"' in html
    assert "symmetry/hidden_weights-light.svg" in html and "symmetry/unit_maps-dark.svg" in html
    assert "<strong>0</strong>" in html  # the computed largest difference
