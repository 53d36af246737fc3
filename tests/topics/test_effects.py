"""The effects page's claims, from the same runs the figures and numbers use."""

import numpy as np
import pytest

from topics.effects import experiment as ex


@pytest.mark.parametrize("data", list(ex.DATASETS))
def test_zero_and_too_small_starts_learn_nothing(data):
    runs = ex.runs(data)
    X, y = ex.dataset(data)
    base_rate = max(y.mean(), 1 - y.mean())
    for name in ("zero", "too small (σ = 0.001)"):
        assert runs[name].accuracy == pytest.approx(base_rate)
        assert runs[name].loss[-1] > 0.95 * runs[name].loss[0]


@pytest.mark.parametrize("data", list(ex.DATASETS))
def test_xavier_and_he_fit_every_data_set(data):
    runs = ex.runs(data)
    for name in ("Xavier, tanh", "He, ReLU"):
        assert runs[name].accuracy >= 0.97
        assert runs[name].loss[-1] < 0.1


def test_too_large_starts_saturated_and_falls_short_on_the_spirals():
    run = ex.runs("spirals")["too large (σ = 10)"]
    X, y = ex.dataset("spirals")
    activations, _ = ex.layer_statistics(run.initial, X, y)
    assert np.mean(np.abs(activations[1]) > 0.99) > 0.8  # deeper units are saturated
    assert run.loss[0] > 5 * np.log(2)
    assert run.accuracy < ex.runs("spirals")["Xavier, tanh"].accuracy - 0.1


def test_data_sets_are_seeded_and_balanced():
    for name in ex.DATASETS:
        X1, y1 = ex.dataset(name)
        X2, y2 = ex.dataset(name)
        assert (X1 == X2).all() and (y1 == y2).all()
        assert 0.4 < y1.mean() < 0.6 and np.abs(X1).max() < 2


def test_page_shows_figures_and_computed_table(built_site):
    html = (built_site.site / "effects" / "index.html").read_text(encoding="utf-8")
    for figure in ("effects_loss_curves", "effects_decision_boundaries", "effects_histograms"):
        assert f"{figure}-dark.svg" in html
    accuracy = f"{ex.runs('spirals')['He, ReLU'].accuracy:.0%}"
    assert accuracy in html
