"""The exploding-and-vanishing page's numeric claims."""

import numpy as np
import pytest
import sympy as sp

from harness import tables
from harness.derivation_tests import derivation_tests
from sitebuild import ROOT, BuildError
from sitebuild.authoring.proof import with_changed_step as changed
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


test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)


def test_the_random_layer_starts_from_weights_of_variance_c_over_n():
    first = d.random_layer_norm.steps[0]  # E‖W a‖² = c ‖a‖², with weights of variance c/n
    assert d.model.families["W"].variance == d.c / d.n and d.model.families["W"].mean == 0
    assert first.rhs == d.c * sp.Sum(d.a[d.j] ** 2, (d.j, 1, d.n))


def test_page_has_its_derivations_figures_and_values(built_site):
    html = (built_site.site / "exploding-vanishing" / "index.html").read_text(encoding="utf-8")
    for name in ("deep_linear_product", "deep_linear_gradient", "random_layer_norm"):
        assert f'id="derivation-{name}"' in html
    for figure in ("deep_linear_activations", "deep_linear_gradients", "deep_linear_training",
                   "random_depth_norms", "random_depth_activations"):  # fmt: skip
        assert f"{figure}-light.svg" in html
    assert "38.44" in html and "0.00195" in html
    # the divergence threshold is the experiment's constant, typeset (MathML): 10^{12}
    assert "$10^{12}$" not in html and "<msup><mn>10</mn><mn>12</mn></msup>" in html


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


# Every value against something computed another way.


def number(text: str) -> float:
    return float(text.replace(",", "").strip("$"))


def test_constant_values_are_the_experiments_constants_and_the_page_uses_them():
    page = (ROOT / "docs" / "exploding-vanishing.md").read_text(encoding="utf-8")
    for value, constant in (
        (v.layers, ex.LAYERS), (v.hidden_layers, ex.LAYERS - 1), (v.train_steps, ex.TRAIN_STEPS),
        (v.train_lr, ex.TRAIN_LR), (v.random_width, ex.WIDTH), (v.random_depth, ex.DEPTH),
        (v.random_draws, ex.DRAWS),
    ):  # fmt: skip
        assert number(value.text()) == constant, value.name
        assert f"value {value.name}" in page, value.name
    assert ex.random_log_norms()[1.0].shape == (ex.DRAWS, ex.DEPTH + 1)


def test_growth_and_shrink_are_the_powers_and_the_outputs_norm():
    assert v.growth_1_5.text() == f"{1.5**9:.2f}" == "38.44"
    assert v.shrink_0_5.text() == f"{0.5**9:.5f}" == "0.00195"
    assert number(v.growth_1_5.text()) == pytest.approx(ex.layer_norms(1.5)[-1] / 2, abs=0.005)


def test_grad_ratio_is_the_closed_form_ratio():
    def closed_form(k):
        return abs(2 * k ** (ex.LAYERS - 1) - ex.TARGET) * k ** (ex.LAYERS - 2)

    expected = closed_form(1.5) / closed_form(0.5)
    assert number(v.grad_ratio.text()) == pytest.approx(expected, abs=0.5)


def test_training_values_decrease_from_the_start_and_the_right_scale_wins():
    values = (v.train_loss_small_start, v.train_loss_small, v.train_loss_right)
    start, small, right = (number(x.text()) for x in values)
    # at k = 0.5 the output is 2·0.5⁹·x-ish: the start cost is the cost of predicting 0
    rng = np.random.default_rng(ex.TRAIN_SEED)
    inputs = rng.normal(size=(ex.TRAIN_POINTS, 2))
    zero_cost = float(np.mean((inputs @ ex.TRUE_WEIGHTS) ** 2))
    assert start == pytest.approx(zero_cost, rel=0.05) or start == pytest.approx(
        zero_cost / 2, rel=0.05
    )
    assert right < small < start
    # The start is the cost ½·mean((ŷ − y)²) of the untrained network, recomputed here; the
    # values after training are each run's last and lowest cost.
    net = ex.identity_net(0.5, ex.TRAIN_NOISE)
    prediction = net.predict(inputs).ravel()
    start_cost = float(np.mean((prediction - inputs @ ex.TRUE_WEIGHTS) ** 2) / 2)
    assert v.train_loss_small_start.compute() == pytest.approx(start_cost, rel=1e-9)
    for value, k in ((v.train_loss_small, 0.5), (v.train_loss_right, 1.0)):
        curve = ex.training_curves()[k]
        assert value.compute() == curve.min() < curve[-2], k


def test_train_steps_large_is_the_first_diverged_step():
    loss = ex.training_curves()[1.5]
    bad = [i for i, x in enumerate(loss) if not np.isfinite(x) or x >= ex.OVERFLOW]
    assert bad and int(v.train_steps_large.text()) == bad[0] < ex.TRAIN_STEPS


def test_random_slope_table_against_the_digamma_prediction_and_the_runs():
    rows = tables.body(v.random_slope_table.text())
    assert [float(r[0]) for r in rows] == list(ex.VARIANCE_SCALES)
    for c, slope, at_depth, measured, spread_1, spread_depth in (map(float, r) for r in rows):
        # second computation: E[log χ²_n] ≈ log n − 1/n for the identity slope
        approx = 0.5 * (np.log(c) - 1 / ex.WIDTH)
        assert slope == pytest.approx(approx, abs=2e-4)
        assert at_depth == pytest.approx(slope * ex.DEPTH, abs=0.01)
        assert measured == pytest.approx(at_depth, abs=0.1)  # the mean of DRAWS runs
        assert spread_1 < spread_depth  # the spread grows with depth
        # the spread of a sum of DEPTH independent ½ log χ²_n/n terms: √(DEPTH/(2n))
        assert spread_depth == pytest.approx(np.sqrt(ex.DEPTH / (2 * ex.WIDTH)), rel=0.2)
        # one layer: the spread of one ½ log χ²_n/n term, √(1/(2n)), measured over the draws
        assert spread_1 == pytest.approx(np.sqrt(1 / (2 * ex.WIDTH)), rel=0.2)


def test_relu_table_naive_column_is_the_closed_form_and_the_prediction_is_measured():
    rows = [list(map(float, r)) for r in tables.body(v.relu_table.text())]
    assert [r[0] for r in rows] == [1.0, 2.0]
    for c, measured, predicted, naive in rows:
        assert naive == pytest.approx(0.5 * np.log(c / 2) * ex.DEPTH, abs=0.005)
        assert measured == pytest.approx(predicted, abs=0.15)
        assert predicted < naive  # the mean of a logarithm is below the log of the mean
