"""The exploding-and-vanishing page's numeric claims."""

import dataclasses

import numpy as np
import pytest

from sitebuild import BuildError
from sitebuild.authoring.derivation import verify
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


def changed(derivation, number, **sides):
    steps = list(derivation.steps)
    steps[number - 1] = dataclasses.replace(steps[number - 1], **sides)
    return dataclasses.replace(derivation, steps=steps)


WRONG = {
    "product: W x on the left": changed(d.deep_linear_product, 1, lhs=d.W_out * d.x),
    "product: one power short": changed(
        d.deep_linear_product, 2, rhs=d.k ** (d.L - 2) * d.W_out * d.x
    ),
    "gradient: k times too large": changed(
        d.deep_linear_gradient, 1, rhs=d.k * d.deep_linear_gradient.steps[0].rhs
    ),
    "recursion: q(l-1) on the left": changed(d.random_layer_norm, 2, lhs=d.q(d.layer - 1)),
    "recursion: c^(l+1)": changed(d.random_layer_norm, 2, rhs=d.c ** (d.layer + 1) * d.norm_x),
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_changed_display_is_rejected(name):
    with pytest.raises(BuildError):
        verify(WRONG[name])


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


def test_finite_part_stops_at_the_overflow_threshold():
    costs = np.array([1.0, ex.OVERFLOW / 2, ex.OVERFLOW, np.inf, np.nan])
    assert ex.finite_part(costs).tolist() == [True, True, False, False, False]


def test_the_relu_prediction_averages_over_the_positive_units():
    """½(log(c/n) + E[log χ²_K]) with K ~ Binomial(n, ½): checked against sampling K and χ²_K."""
    rng = np.random.default_rng(0)
    n, c = 20, 2.0
    k = rng.binomial(n, 0.5, size=400_000)
    k = k[k > 0]
    sampled = 0.5 * np.mean(np.log(c / n * rng.chisquare(k)))
    assert ex.predicted_slope(c, n, "relu") == pytest.approx(sampled, abs=0.003)
    assert ex.predicted_slope(c, n) == pytest.approx(
        0.5 * np.mean(np.log(c / n * rng.chisquare(n, size=400_000))), abs=0.003
    )
