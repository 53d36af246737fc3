"""The symmetry page's claims: derivations hold and break when they should; the numbers."""

import pytest
import sympy as sp

from sitebuild import BuildError
from sitebuild.authoring.derivation import verify
from sitebuild.authoring.derivation import with_changed_step as changed
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


# Every value against something computed another way.

import numpy as np  # noqa: E402

from sitebuild import ROOT  # noqa: E402
from topics.symmetry import values as v  # noqa: E402


def test_constant_values_are_the_experiments_constants_and_the_page_uses_them():
    page = (ROOT / "docs" / "symmetry.md").read_text(encoding="utf-8")
    assert float(v.alpha.text()) == ex.ALPHA and float(v.bias_std.text()) == ex.BIAS_STD
    assert int(v.steps.text()) == ex.STEPS
    assert [int(w) for w in v.widths.text().split("-")] == ex.WIDTHS
    for value in (v.alpha, v.bias_std, v.steps, v.widths):
        assert f"value {value.name}" in page, value.name


def test_unit_differences_recomputed_from_the_recorded_weights():
    runs = ex.runs()
    for value, name in ((v.constant_unit_difference, "constant"),
                        (v.random_unit_difference, "random"),
                        (v.bias_unit_difference, "random biases")):  # fmt: skip
        w = runs[name].hidden_weights
        largest = max(
            abs(w[t, j, k] - w[t, 0, k])
            for t in range(w.shape[0]) for j in range(w.shape[1]) for k in range(w.shape[2])
        )  # fmt: skip
        assert float(value.text()) == pytest.approx(largest, abs=0.005)
    assert float(v.constant_unit_difference.text()) == 0  # the symmetry is never broken
    assert float(v.random_unit_difference.text()) > 0.1
    assert float(v.bias_unit_difference.text()) > 0.1


def test_losses_and_accuracies_recomputed_from_the_trained_networks():
    X, y = ex.circle_data()
    for name, loss, acc in (("constant", v.constant_loss, v.constant_accuracy),
                            ("random", v.random_loss, v.random_accuracy),
                            ("random biases", v.bias_loss, None)):  # fmt: skip
        net = ex.runs()[name].net
        p = net.predict(X).ravel()
        cost = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        assert float(loss.text()) == pytest.approx(cost, abs=0.01)
        if acc is not None:
            correct = sum(int((pi > 0.5) == (yi > 0.5)) for pi, yi in zip(p, y, strict=True))
            assert acc.text() == f"{correct / len(y):.0%}"
    assert float(v.random_loss.text()) < float(v.constant_loss.text())
    outside = sum(int(np.hypot(*point) > ex.RADIUS) for point in X) / len(X)
    assert v.outside_fraction.text() == f"{outside:.0%}"


def test_zero_start_gradients_table_recounted():
    rows = [[c.strip() for c in r.strip("|").split("|")] for r in
            v.zero_start_gradients.text().splitlines()[2:]]  # fmt: skip
    n0, n1, n2 = ex.WIDTHS
    expected = {"hidden weights": n0 * n1, "hidden biases": n1,
                "output weights": n1 * n2, "output bias": n2}  # fmt: skip
    # at zero, g(0) = 0 for ReLU and tanh: only the output bias, dC/db = mean(σ(0) − y), moves
    _, y = ex.circle_data()
    assert abs(0.5 - y.mean()) > 0
    for name, entries, relu, tanh in rows:
        assert int(entries) == expected[name]
        want = 1 if name == "output bias" else 0
        assert int(relu) == int(tanh) == want, name
