"""The exploding-and-vanishing page's numeric claims."""

import numpy as np
import pytest

from sitebuild import BuildError
from topics.exploding_vanishing import derivations as d
from topics.exploding_vanishing import experiment as ex
from topics.exploding_vanishing import values as v


@pytest.mark.parametrize("k", ex.SCALES)
def test_output_is_k_to_the_hidden_layers(k):
    # x = (1, 1), W^[L] = (1, 1): ŷ = k^(L-1) (1 + 1)
    assert ex.layer_norms(k)[-1] == pytest.approx(2 * k ** (ex.LAYERS - 1), rel=1e-12)


def test_first_layer_gradient_scales_with_k_to_the_L_minus_2_times_the_error():
    for k in ex.SCALES:
        yhat = 2 * k ** (ex.LAYERS - 1)
        expected = (
            abs(yhat - ex.TARGET)
            * k ** (ex.LAYERS - 2)
            * np.linalg.norm(ex.OUTPUT_WEIGHTS.T @ ex.X)
        )
        assert ex.gradient_norms(k)[0] == pytest.approx(expected, rel=1e-12)


def test_training_stalls_small_diverges_large_converges_right():
    curves = ex.training_curves()
    small, right, large = curves[0.5], curves[1.0], curves[1.5]
    assert small[-1] > 0.98 * small[0]  # barely moves
    assert right[-1] < 1e-2 * right[0]
    assert not ex.finite_part(large).all()
    assert ex.finite_part(np.array([1.0, ex.OVERFLOW / 2, ex.OVERFLOW, np.inf])).tolist() == [
        True,
        True,
        False,
        False,
    ]


def test_random_layers_follow_the_predicted_slope_and_spread_grows():
    logs = ex.random_log_norms("identity")
    for c, values in logs.items():
        mean = values.mean(axis=0)[-1]
        standard_error = values.std(axis=0)[-1] / np.sqrt(ex.DRAWS)
        predicted = ex.predicted_slope(c) * ex.DEPTH
        assert abs(mean - predicted) < 4 * standard_error, c
        spread = values.std(axis=0)
        assert spread[-1] > 4 * spread[1]


def test_relu_halves_and_doubling_the_variance_compensates():
    relu = ex.random_log_norms("relu")
    per_layer_c1 = relu[1.0].mean(axis=0)[-1] / ex.DEPTH
    per_layer_c2 = relu[2.0].mean(axis=0)[-1] / ex.DEPTH
    assert per_layer_c1 == pytest.approx(0.5 * np.log(0.5), abs=0.03)
    assert abs(per_layer_c2) < 0.03


def test_matrix_checks_look_at_the_displayed_expression():
    product = d.deep_linear_product.steps[-1]
    assert d.matches_forward(product.lhs, product.rhs)
    assert not d.matches_forward(product.lhs, d.k ** (d.L - 2) * d.W_out * d.x)
    gradient = d.deep_linear_gradient.steps[0]
    assert d.matches_first_layer_gradient(gradient.lhs, gradient.rhs)
    assert not d.matches_first_layer_gradient(gradient.lhs, d.k * gradient.rhs)


def test_page_has_its_derivations_figures_and_values(built_site):
    html = (built_site.site / "exploding-vanishing" / "index.html").read_text(encoding="utf-8")
    for name in ("deep_linear_product", "deep_linear_gradient", "random_layer_norm"):
        assert f'id="derivation-{name}"' in html
    for figure in ("deep_linear_activations", "deep_linear_gradients", "deep_linear_training",
                   "random_depth_norms", "random_depth_activations"):  # fmt: skip
        assert f"{figure}-light.svg" in html
    assert "38.44" in html and "0.00195" in html
    # the divergence threshold is the experiment's constant, typeset: 10^{12}
    assert "$10^{12}$" not in html and "10^{12}" in html


def test_overflow_threshold_is_shown_from_the_experiments_constant(monkeypatch):
    assert v.overflow_threshold.text() == "$10^{12}$"
    monkeypatch.setattr(ex, "OVERFLOW", 5e11)
    with pytest.raises(BuildError, match="not a power of ten"):
        v.overflow_threshold.text()
