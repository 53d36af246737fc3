"""What the practical guide says about its runs, each sentence with its check."""

import numpy as np

from sitebuild.authoring import claim
from topics.practical_guide import experiment as ex

ATTRACTING = ("tanh", "sigmoid", "selu")
NEUTRAL = ("linear", "relu", "leaky_relu")
REPELLING = ("gelu", "silu")


@claim(
    "The fixed point attracts for tanh, sigmoid and SELU, is neutral for the homogeneous three, "
    "and repels for GELU and SiLU."
)
def slopes_sort_the_activations():
    slopes = {name: ex.map_slope(name) for name in ex.ACTIVATIONS}
    assert all(slopes[name] < 0.9 for name in ATTRACTING), slopes
    assert all(abs(slopes[name] - 1) < 1e-6 for name in NEUTRAL), slopes
    return all(slopes[name] > 1.1 for name in REPELLING)


RISE_GRID = np.geomspace(1e-3, 1e3, 61)


@claim(
    "Computed on a grid of variances from $10^{-3}$ to $10^3$, GELU's and SiLU's $F(q)/q$ rises "
    "at every step, from within 2% of $g^2/4$ to within 2% of $g^2/2$."
)
def gelu_silu_rise():
    for name in REPELLING:
        g = ex.gain(name)
        factors = np.array([ex.variance_map(name, q) / q for q in RISE_GRID])
        assert np.all(np.diff(factors) > 0), name
        assert abs(factors[0] / (g**2 / 4) - 1) < 0.02, (name, factors[0], g**2 / 4)
        assert abs(factors[-1] / (g**2 / 2) - 1) < 0.02, (name, factors[-1], g**2 / 2)
    return True


@claim(
    "tanh, sigmoid and SELU hold the variance between 0.6 and 1.6 at every layer, on every seed."
)
def attracting_hold():
    runs = ex.depth_runs()
    return all(0.6 < runs[name].min() and runs[name].max() < 1.6 for name in ATTRACTING)


@claim(
    "Linear, ReLU and leaky ReLU keep it only on average: each of them ends more than 20% away "
    "from 1 on some seed, though none leaves the range 0.1 to 10."
)
def neutral_wander():
    runs = ex.depth_runs()
    for name in NEUTRAL:
        assert np.max(np.abs(runs[name][:, -1] - 1)) > 0.2, name
        assert 0.1 < runs[name].min() and runs[name].max() < 10, name
    return True


@claim(
    "GELU and SiLU run away: on every seed the last layer's variance is more than twice the "
    "first's, and SiLU's more than a hundred times."
)
def repelling_run_away():
    runs = ex.depth_runs()
    assert all(row[-1] > 2 * row[0] for name in REPELLING for row in runs[name])
    return all(row[-1] > 100 * row[0] for row in runs["silu"])


def _per_layer_factor(rows: np.ndarray) -> np.ndarray:
    """The geometric-mean factor per layer from the first hidden layer to the last, per seed."""
    return (rows[:, -1] / rows[:, 0]) ** (1 / (rows.shape[1] - 1))


@claim(
    "From Keras's and Flax's defaults the second moment halves at every ReLU layer, as their "
    "variance $1/n$ predicts (within 10%, the geometric mean over the layers, on every seed)."
)
def keras_flax_halve():
    runs = ex.default_runs()
    factors = [_per_layer_factor(runs[name]) for name in ("Keras default", "Flax default")]
    return all(np.all(np.abs(f / 0.5 - 1) < 0.1) for f in factors)


FLOOR_FROM = 5  # the hidden layer from which PyTorch's default sits at the bias floor


@claim(
    "From PyTorch's default it falls about sixfold at the first layers, and from hidden layer "
    f"{FLOOR_FROM} on it stays within 25% of the floor the biases set."
)
def torch_falls_to_floor():
    rows = ex.default_runs()["PyTorch default"]
    first_drop = rows[:, 0] / rows[:, 1]
    assert np.all((first_drop > 4.5) & (first_drop < 8)), first_drop
    return bool(np.all(np.abs(rows[:, FLOOR_FROM - 1 :] / ex.bias_floor() - 1) < 0.25))


@claim("He's rule keeps it between 1 and 5 at every layer, on every seed.")
def he_keeps():
    rows = ex.default_runs()["He (kaiming_normal_)"]
    return bool(rows.min() > 1 and rows.max() < 5)


@claim(
    "From output bias 0 the first cost is more than four times the base rate on every seed; "
    "from the log prior it is within 3% of it."
)
def prior_starts_at_base_rate():
    runs = ex.imbalanced_training()
    base = ex.base_rate_loss()
    assert np.all(runs["output bias 0"][:, 0] > 4 * base), runs["output bias 0"][:, 0]
    return bool(np.all(np.abs(runs["output bias log prior"][:, 0] / base - 1) < 0.03))


@claim(
    "From bias 0 the first five steps and more go into coming down to the base rate (within 10% "
    "of it), on every seed."
)
def zero_bias_spends_steps():
    return all(
        ex.steps_to_base_rate(loss) > 5 for loss in ex.imbalanced_training()["output bias 0"]
    )


@claim(
    "After that both starts learn, and in this small network the runs from bias 0 even end "
    "lower, on every seed: the log prior saves the first steps, not the result."
)
def zero_bias_ends_lower():
    runs = ex.imbalanced_training()
    assert max(runs["output bias 0"][:, -1]) < min(runs["output bias log prior"][:, -1])
    return bool(max(runs["output bias log prior"][:, -1]) < 0.8 * ex.base_rate_loss())


@claim(
    "In a random LSTM cell the memory kept per step is within 2% of $\\sigma(b)$ for every bias "
    "and seed, a little below it."
)
def lstm_follows_sigma():
    for bias, rows in ex.lstm_memory().items():
        per_step = rows[:, -1] ** (1 / ex.LSTM_STEPS)
        target = ex.sigmoid(bias)
        assert np.all(per_step < target) and np.all(per_step > 0.98 * target), (bias, per_step)
    return True
