"""The effects page: the data sets, the runs behind every claim, and the page's numbers."""

import copy
from types import SimpleNamespace

import numpy as np
import pytest

from harness import tables
from harness.numbers import number
from topics.effects import experiment as ex
from topics.effects import values as v


def test_data_sets_are_seeded_balanced_and_held_out_points_differ():
    for name in ex.DATASETS:
        X1, y1 = ex.dataset(name)
        X2, y2 = ex.dataset(name)
        assert (X1 == X2).all() and (y1 == y2).all()
        assert 0.4 < y1.mean() < 0.6 and np.abs(X1).max() < 2
        X_test, _ = ex.held_out(name)
        assert X_test.shape == X1.shape and not np.isin(X_test, X1).any()


def test_the_zero_start_is_run_once_and_shared_by_every_seed():
    runs = ex.runs(ex.DATASET, ex.ZERO)
    assert len(runs) == len(ex.SEEDS) and all(run is runs[0] for run in runs)
    assert len({id(run) for run in ex.runs(ex.DATASET, ex.HE_RELU)}) == len(ex.SEEDS)


def test_the_controlled_starts_change_one_thing_at_a_time():
    (xt, ht, xr, hr) = ex.CONTROLLED
    assert xt.init is xr.init and ht.init is hr.init and xt.init is not ht.init
    assert xt.activation == ht.activation == "tanh" and xr.activation == hr.activation == "relu"


def test_the_decision_maps_square_holds_every_point_and_is_the_grid():
    """The maps show every training and held-out point, and the grid the constant-prediction
    claim is checked on spans the same square."""
    for name in ex.DATASETS:
        for X, _ in (ex.dataset(name), ex.held_out(name)):
            assert np.abs(X).max() < ex.MAP_EXTENT, name
    xx, yy, points = ex.grid(5)
    assert xx.min() == yy.min() == -ex.MAP_EXTENT and xx.max() == yy.max() == ex.MAP_EXTENT
    axis = np.linspace(-ex.MAP_EXTENT, ex.MAP_EXTENT, 5)
    assert points.shape == (25, 2) and set(np.unique(points)) == set(axis)


def test_steps_to_a_level_is_the_first_recorded_step_below_it():
    recorded = SimpleNamespace(steps=np.array([0, 10, 20, 30, 35]),
                               loss=np.array([1.0, 0.5, 0.09, 0.2, 0.01]))  # fmt: skip
    assert ex.steps_to(recorded, 0.1) == 20
    recorded.loss = np.array([1.0, 0.5, 0.3, 0.2, 0.2])
    assert ex.steps_to(recorded, 0.1) == float("inf")
    recorded.loss = np.array([1.0, 0.1, 0.05, 0.2, 0.2])  # at the level is not below it
    assert ex.steps_to(recorded, 0.1) == 20


def test_the_too_small_and_too_large_starts_draw_centred_normals_of_their_std():
    for start, std in ((ex.SMALL, ex.SMALL_STD), (ex.LARGE, ex.LARGE_STD)):
        drawn = start.init((200, 300), np.random.default_rng(0))
        assert drawn.shape == (200, 300)
        assert abs(drawn.mean()) < 0.01 * std and drawn.std() == pytest.approx(std, rel=0.01)


def test_layer_statistics_are_the_activations_and_cross_entropy_gradients():
    """The last hidden layer's gradient, written out for the sigmoid output's cross-entropy:
    dC/da = ((σ(z_out) − y) / N) W_out."""
    X, y = ex.dataset()
    net = ex.run(ex.DATASET, ex.XAVIER_TANH, 0).initial
    activations, gradients = ex.layer_statistics(net, X, y)
    fwd = net.forward(X)
    assert len(activations) == len(gradients) == len(ex.WIDTHS) - 2
    np.testing.assert_array_equal(activations[0], fwd.a[1])
    p = 1 / (1 + np.exp(-fwd.z[-1]))
    expected = (p - y.reshape(p.shape)) / len(y) @ net.weights[-1]
    np.testing.assert_allclose(gradients[-1], expected, rtol=1e-10)


def test_circles_are_two_noisy_rings_all_the_way_round():
    """Radii 0.35 (label 1) and 0.85 (label 0), each spread by N(0, 0.07²), at uniform angles."""
    X, y = ex.circles(np.random.default_rng(0), 4000)
    radius = np.hypot(X[:, 0], X[:, 1])
    for label, centre in ((1.0, 0.35), (0.0, 0.85)):
        ring = radius[y == label]
        assert ring.mean() == pytest.approx(centre, abs=0.01)
        assert ring.std() == pytest.approx(0.07, rel=0.1)
    angle = np.mod(np.arctan2(X[:, 1], X[:, 0]), 2 * np.pi)
    counts, _ = np.histogram(angle, bins=8, range=(0, 2 * np.pi))
    assert counts.min() > 0.8 * len(X) / 8


def test_moons_are_two_noisy_half_circles():
    """Label 0 on the unit upper half circle, label 1 on the lower one centred at (1, 0.5), both
    shifted by (0.5, 0.25), shrunk by 1.2 and spread by N(0, 0.08²) per coordinate."""
    X, y = ex.moons(np.random.default_rng(0), 4000)
    P = X * 1.2 + [0.5, 0.25]  # the half circles again; the noise is now 1.2 × 0.08
    for label, centre, side in ((0.0, (0.0, 0.0), 1), (1.0, (1.0, 0.5), -1)):
        Q = side * (P[y == label] - centre)
        radius = np.hypot(Q[:, 0], Q[:, 1])
        assert radius.mean() == pytest.approx(1, abs=0.02)
        assert radius.std() == pytest.approx(1.2 * 0.08, rel=0.06)
        counts, _ = np.histogram(np.arctan2(Q[:, 1], Q[:, 0]), bins=4, range=(0, np.pi))
        assert counts.min() > 0.8 * len(Q) / 4, (label, counts)


def test_spirals_turn_once_and_a_half_from_a_quarter_of_the_radius():
    """Radius t/(3π), angle t (label 0) or t + π (label 1), t uniform on [3π/4, 3π], plus
    N(0, 0.03²) per coordinate: the angle follows the radius to within the noise."""
    X, y = ex.spirals(np.random.default_rng(0), 4000)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert radius.min() > 0.25 - 0.15 and radius.max() < 1 + 0.15
    assert radius.mean() == pytest.approx(0.625, abs=0.02)
    expected = 3 * np.pi * radius + np.pi * y
    off = np.angle(np.exp(1j * (np.arctan2(X[:, 1], X[:, 0]) - expected)))
    assert np.mean(np.abs(off) < 1) > 0.97


def test_blobs_are_two_normal_clouds_on_the_diagonal():
    X, y = ex.blobs(np.random.default_rng(0), 4000)
    for label, centre in ((1.0, 0.45), (0.0, -0.45)):
        cloud = X[y == label]
        np.testing.assert_allclose(cloud.mean(axis=0), [centre, centre], atol=0.03)
        np.testing.assert_allclose(cloud.std(axis=0), [0.3, 0.3], rtol=0.1)
        assert abs(np.corrcoef(cloud.T)[0, 1]) < 0.1  # each coordinate drawn on its own


def test_initial_statistics_are_the_first_seed_s_network_before_training():
    X, y = ex.dataset()
    for start in (ex.SMALL, ex.XAVIER_TANH):
        shown = ex.initial_statistics(start)
        drawn = ex.layer_statistics(ex.build(start, ex.SEEDS[0]), X, y)
        for got, expected in zip([*shown[0], *shown[1]], [*drawn[0], *drawn[1]], strict=True):
            np.testing.assert_array_equal(got, expected)


def test_small_signal_factor_is_the_product_of_sigma_root_fan_in():
    expected = ex.SMALL_STD * np.sqrt(2) * (ex.SMALL_STD * np.sqrt(16)) ** 2
    assert ex.small_signal_factor() == pytest.approx(expected, rel=1e-12)
    assert v.small_signal_factor.text() == "$2.3 \\times 10^{-8}$"


def test_the_measured_collapse_agrees_with_the_factor_within_half():
    activations, _ = ex.initial_statistics(ex.SMALL)
    measured = ex.rms(activations[-1]) / ex.rms(ex.dataset()[0])
    assert abs(np.log(measured / ex.small_signal_factor())) < np.log(1.5)


def test_base_rate_is_the_entropy_of_the_labels():
    _, y = ex.dataset()
    p = y.mean()
    assert ex.base_rate_loss() == pytest.approx(-(p * np.log(p) + (1 - p) * np.log(1 - p)))


def test_speed_table_lists_the_medians_of_the_controlled_runs():
    header, rows = tables.cells(v.speed_table.text())
    assert header == ["", "tanh", "ReLU"]
    cells = {row[0]: row[1:] for row in rows}
    xavier_tanh = np.median([ex.steps_to(r, 0.1) for r in ex.runs("spirals", ex.XAVIER_TANH)])
    assert float(cells["Xavier"][0]) == xavier_tanh
    he_relu = np.median([ex.steps_to(r, 0.1) for r in ex.runs("spirals", ex.HE_RELU)])
    assert float(cells["He"][1]) == he_relu


def test_results_table_is_the_trained_networks_cost_and_accuracies():
    """Each cell, recomputed from the trained networks: the median over the seeds of the cost of
    a forward pass over the training points, and of the share of training and of held-out points
    on the right side of 1/2 (not the recorded numbers the table reads)."""
    header, rows = tables.cells(v.results_table.text())
    assert header == ["start", *ex.DATASETS]
    for start, row in zip(ex.STARTS, rows, strict=True):
        name, *cells = row
        assert name == start.name
        for data, cell in zip(ex.DATASETS, cells, strict=True):
            (X, y), (X_test, y_test) = ex.dataset(data), ex.held_out(data)
            nets = [run.trained for run in ex.runs(data, start)]
            with np.errstate(over="ignore"):
                cost = np.median([net.loss(net.forward(X), y, "bce") for net in nets])
            right = [
                np.median([np.mean((net.predict(P).ravel() > 0.5) == (t > 0.5)) for net in nets])
                for P, t in ((X, y), (X_test, y_test))
            ]
            assert cell == f"{cost:.3f} / {right[0]:.0%} / {right[1]:.0%}", (start.name, data)


def test_setup_values_are_what_the_runs_used():
    run = ex.run(ex.DATASET, ex.XAVIER_TANH, 0)
    shapes = [w.shape for w in run.initial.weights]
    assert v.widths.compute() == "-".join(map(str, [shapes[0][1], *(s[0] for s in shapes)]))
    # the cost is recorded before step 0, then every RECORD_EVERY steps to the last: the cost
    # curves' horizontal axis
    assert list(run.steps) == list(range(0, v.steps.compute() + 1, ex.RECORD_EVERY))
    assert len(run.steps) == len(run.loss) and run.steps[-1] == v.steps.compute()
    X, _ = ex.dataset()
    assert len(X) == len(ex.held_out()[0]) == v.points.compute()
    firsts = {ex.run(ex.DATASET, ex.HE_RELU, seed).initial.weights[0].tobytes()
              for seed in ex.SEEDS}  # fmt: skip
    assert len(firsts) == v.seeds.compute() == len(ex.runs(ex.DATASET, ex.HE_RELU))


def test_learning_rate_reproduces_the_recorded_cost_by_hand_written_descent():
    """Ten steps of W ← W − η·∂C/∂W from the recorded start, with the page's η, give the cost
    the run recorded after ten steps."""
    run = ex.run(ex.DATASET, ex.XAVIER_TANH, 0)
    net, (X, y) = copy.deepcopy(run.initial), ex.dataset()
    eta = v.learning_rate.compute()
    for _ in range(ex.RECORD_EVERY):
        grads = net.backward(net.forward(X), y, "bce")
        for layer in range(net.depth):
            net.weights[layer] -= eta * grads.weights[layer]
            net.biases[layer] -= eta * grads.biases[layer]
    assert net.loss(net.forward(X), y, "bce") == pytest.approx(run.loss[1], rel=1e-9)
    assert net.loss(net.forward(X), y, "bce") < run.loss[0]


def test_small_and_large_std_are_the_spread_of_the_drawn_weights():
    for value, start in ((v.small_std, ex.SMALL), (v.large_std, ex.LARGE)):
        weights = np.concatenate([w.ravel() for w in ex.run(ex.DATASET, start, 0).initial.weights])
        assert weights.std() == pytest.approx(value.compute(), rel=0.1)  # 560 draws


def test_level_is_the_cost_the_speed_tables_steps_first_go_below():
    level = v.level.compute()
    cells = {row[0]: row[1:] for row in tables.body(v.speed_table.text())}
    for rule, starts in (("Xavier", (ex.XAVIER_TANH, ex.XAVIER_RELU)),
                         ("He", (ex.HE_TANH, ex.HE_RELU))):  # fmt: skip
        for cell, start in zip(cells[rule], starts, strict=True):
            crossings = []
            for run in ex.runs(ex.DATASET, start):
                index = int(np.argmax(run.loss < level))
                assert run.loss[index] < level and (run.loss[:index] >= level).all()
                crossings.append(index * ex.RECORD_EVERY)
            assert float(cell) == np.median(crossings)


def test_base_rate_loss_is_the_cost_of_predicting_the_positive_fraction_everywhere():
    _, y = ex.dataset()
    p = np.full_like(y, y.mean())
    per_point = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert v.base_rate_loss.compute() == pytest.approx(per_point.mean(), rel=1e-12)
    assert v.base_rate_loss.compute() == pytest.approx(np.log(2), abs=0.01)  # balanced labels


def test_large_initial_cost_recomputed_from_the_initial_networks():
    X, y = ex.dataset()
    costs = [run.initial.loss(run.initial.forward(X), y, "bce")
             for run in ex.runs(ex.DATASET, ex.LARGE)]  # fmt: skip
    assert v.large_initial_cost.compute() == pytest.approx(np.median(costs), rel=1e-9)
    assert v.large_initial_cost.compute() > 3 * v.base_rate_loss.compute()  # saturated and wrong


def test_small_signal_measured_is_the_factor_within_half():
    measured, factor = number(v.small_signal_measured.text()), ex.small_signal_factor()
    assert abs(np.log(measured / factor)) < np.log(1.5)
    assert number(v.small_signal_factor.text()) == pytest.approx(factor, rel=0.05)


def test_page_shows_figures_and_computed_table(built_site):
    html = (built_site.site / "effects" / "index.html").read_text(encoding="utf-8")
    for figure in ("cost_curves", "decision_boundaries", "layer_histograms"):
        assert f"effects/{figure}-dark.svg" in html
    accuracy = f"{ex.run('spirals', ex.HE_RELU, 0).test_accuracy:.0%}"
    assert accuracy in html
