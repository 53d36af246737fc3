"""The symmetry page's claims: derivations hold and break when they should; the numbers."""

import pytest
import sympy as sp

from harness.derivation_tests import derivation_tests
from sitebuild.authoring.proof import with_changed_step as changed
from topics.symmetry import derivations as d
from topics.symmetry import experiment as ex


@pytest.mark.parametrize("loss", ["bce", "mse"])  # "L any loss", as the derivation says
def test_zero_start_only_the_output_bias_gets_a_gradient(loss):
    for activation in ("relu", "tanh"):
        counts = ex.zero_init_gradients(activation, loss)
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


test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)


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

from harness import tables  # noqa: E402
from sitebuild import ROOT  # noqa: E402
from topics.symmetry import values as v  # noqa: E402


def test_constant_values_are_the_experiments_constants_and_the_page_uses_them():
    page = (ROOT / "docs" / "symmetry.md").read_text(encoding="utf-8")
    assert float(v.alpha.text()) == ex.ALPHA and float(v.bias_std.text()) == ex.BIAS_STD
    assert int(v.steps.text()) == ex.STEPS
    assert [int(w) for w in v.widths.text().split("-")] == ex.WIDTHS
    assert int(v.hidden_units.text()) == ex.runs()["constant"].hidden_weights.shape[1] == 4
    for value in (v.alpha, v.bias_std, v.steps, v.widths, v.hidden_units):
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
        assert loss.compute() == pytest.approx(cost, rel=1e-9)  # the cost after the last step
        if acc is not None:
            correct = sum(int((pi > 0.5) == (yi > 0.5)) for pi, yi in zip(p, y, strict=True))
            assert acc.text() == f"{correct / len(y):.0%}"
    assert float(v.random_loss.text()) < float(v.constant_loss.text())
    outside = sum(int(np.hypot(*point) > ex.RADIUS) for point in X) / len(X)
    assert v.outside_fraction.text() == f"{outside:.0%}"


def test_zero_start_gradients_table_recounted():
    rows = tables.body(v.zero_start_gradients.text())
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


def test_model_is_the_network_the_derivations_check_and_initlab_computes():
    """The displayed equations, as a reader would type them, and the same expressions evaluated
    at random weights with g = tanh: initlab's forward pass of a 2-2-1 network."""
    import numpy as np

    from initlab.network import MLP
    from topics.symmetry import values as v

    shown = " ".join(v.model.text().split())
    for line in ("z_1 = w_{11} x_{1} + w_{12} x_{2}", "z_2 = w_{21} x_{1} + w_{22} x_{2}",
                 "\\hat y = v_{1} g{\\left(z_{1} \\right)} + v_{2} g{\\left(z_{2} \\right)}",
                 "C = L{\\left(\\hat{y} \\right)}"):  # fmt: skip
        assert line in shown, line
    rng = np.random.default_rng(3)
    W, out, x = rng.normal(size=(2, 2)), rng.normal(size=(1, 2)), rng.normal(size=2)
    net = MLP([2, 2, 1], "tanh", "identity", "zeros", rng)
    net.weights = [W, out]
    numbers = {d.w11: W[0, 0], d.w12: W[0, 1], d.w21: W[1, 0], d.w22: W[1, 1],
               d.v1: out[0, 0], d.v2: out[0, 1], d.x1: x[0], d.x2: x[1]}  # fmt: skip
    yhat = d.yhat.replace(d.g, sp.tanh).subs(numbers)
    assert float(yhat) == pytest.approx(float(net.predict(x[None])[0, 0]), rel=1e-12)


def test_the_data_are_uniform_in_the_square_and_labelled_by_the_circle():
    X, y = ex.circle_data()
    assert X.shape == (200, 2) and y.dtype == float
    assert -1 <= X.min() < -0.95 and 0.95 < X.max() <= 1  # both edges of [-1, 1]² reached
    inside = [1.0 if (a * a + b * b) ** 0.5 < ex.RADIUS else 0.0 for a, b in X]
    assert y.tolist() == inside


@pytest.mark.parametrize("name", ["constant", "random"])
def test_unit_maps_cuts_and_directions_follow_from_the_weights(name):
    """A unit's map is tanh of its pre-activation over the square's grid; it cuts the square
    when its pre-activation changes sign between corners (it is linear); its direction is the
    angle of a vector along its line (orthogonal to its weights)."""
    net = ex.runs()[name].net
    maps = ex.unit_maps(net)
    assert maps.shape == (4, 60, 60)
    grid = np.linspace(-1, 1, 60)
    for unit in range(4):
        (w1, w2), b = net.weights[0][unit], net.biases[0][unit]
        for row, col in ((0, 0), (0, 59), (59, 0), (17, 42)):  # row: y, col: x
            expected = np.tanh(w1 * grid[col] + w2 * grid[row] + b)
            assert maps[unit, row, col] == pytest.approx(expected)
    corners = [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    cutting = []
    for unit in range(4):
        (w1, w2), b = net.weights[0][unit], net.biases[0][unit]
        signs = {np.sign(w1 * cx + w2 * cy + b) for cx, cy in corners}
        if signs >= {-1.0, 1.0}:
            cutting.append(unit)
            angle = ex.direction(net, unit)
            along = (np.cos(np.radians(angle)), np.sin(np.radians(angle)))
            assert 0 <= angle < 180 and abs(w1 * along[0] + w2 * along[1]) < 1e-9
    assert ex.cutting_units(net) == cutting


def test_the_displayed_network_and_gradients_are_written_as_a_reader_would():
    from sitebuild.authoring.printing import latex

    assert d.model_latex() == (
        r"\begin{aligned}&z_1 = w_{11} x_{1} + w_{12} x_{2} \\ &z_2 = w_{21} x_{1} + w_{22} x_{2}"
        r" \\ &\hat y = v_{1} g{\left(z_{1} \right)} + v_{2} g{\left(z_{2} \right)}"
        r" \\ &C = L{\left(\hat{y} \right)}\end{aligned}"
    )
    assert latex(d.partial(d.w11)) == r"\frac{\partial C}{\partial w_{11}}"
    assert d.partial(d.w21).args == (d.C, d.w21)
    assert latex(d.partial(d.w11) ** 2) == r"\left(\frac{\partial C}{\partial w_{11}}\right)^{2}"
    assert latex(d.step_difference) == (
        r"\left(w_{11} - \eta \frac{\partial C}{\partial w_{11}}\right) - "
        r"\left(w_{21} - \eta \frac{\partial C}{\partial w_{21}}\right)"
    )
    steps = d.zero_start.steps  # L'(0) g(0): the last step starts where the one before ends
    assert steps[2].lhs == steps[1].rhs == d.L_prime(0) * d.g(0)


def test_derivatives_of_g_and_l_are_written_with_primes_by_the_chain_rule():
    x = d.x1
    assert d.with_primes(sp.diff(d.g(x), x)) == d.g_prime(x)  # a bare argument
    assert d.with_primes(sp.diff(d.g(2 * x), x)) == 2 * d.g_prime(2 * x)  # an inner function
    assert d.with_primes(sp.diff(d.L(d.g(x)), x)) == d.L_prime(d.g(x)) * d.g_prime(x)


def test_every_run_trains_for_the_steps_the_page_states():
    for run in ex.runs().values():  # recorded every 5 steps, from the start to the last step
        assert list(run.steps) == list(range(0, ex.STEPS + 1, 5)), run.name
        assert len(run.hidden_weights) == len(run.steps)


def test_each_run_starts_from_the_biases_the_page_states():
    """Zero hidden biases, but for the run the page says draws them from N(0, BIAS_STD²) (drawn
    again here from the run's bias seed, SEED + 1)."""
    runs = ex.runs()
    drawn = np.random.default_rng(ex.SEED + 1).normal(0.0, ex.BIAS_STD, ex.WIDTHS[1])
    np.testing.assert_array_equal(runs["random biases"].start_biases, drawn)
    for name in ("constant", "random"):
        np.testing.assert_array_equal(runs[name].start_biases, np.zeros(ex.WIDTHS[1]))
