"""What the exploding-and-vanishing page says about its experiments, each with its check."""

import numpy as np

from sitebuild.authoring import claim
from topics.exploding_vanishing import experiment as ex

STANDARD_ERRORS = 4  # "agrees with the prediction": within this many standard errors of the mean


def _end(activation: str, c: float) -> tuple[float, float]:
    """Mean log-norm ratio at full depth and its standard error over the random networks."""
    logs = ex.random_log_norms(activation)[c]
    return float(logs[:, -1].mean()), float(logs[:, -1].std() / np.sqrt(ex.DRAWS))


def _agrees(activation: str, c: float) -> bool:
    mean, error = _end(activation, c)
    return (
        abs(mean - ex.predicted_slope(c, activation=activation) * ex.DEPTH)
        < STANDARD_ERRORS * error
    )


@claim(
    "Each hidden layer multiplies the norm by exactly $k$; the output layer adds its own factor."
)
def each_layer_multiplies_by_k():
    for k in ex.SCALES:
        norms = ex.layer_norms(k)
        assert np.allclose(norms[1 : ex.LAYERS] / norms[: ex.LAYERS - 1], k, rtol=1e-12), k
    return True


@claim(
    "Every layer's gradient carries the product of the other layers, so the whole network "
    "explodes or vanishes together: with $k = 1.5$ every layer's gradient is over a hundred "
    "times the $k = 1$ network's, with $k = 0.5$ under a hundredth of it."
)
def gradients_scale_together():
    small, right, large = (ex.gradient_norms(k) for k in ex.SCALES)
    return bool(np.all(large > 100 * right) and np.all(small < right / 100))


@claim("From $k = 0.5$ the gradients are so small that the cost barely moves.")
def small_barely_moves():
    loss = ex.training_curves()[0.5]
    return loss[-1] > 0.98 * loss[0]


@claim(
    "From $k = 1.5$ they are so large that the first step overshoots: the cost grows, and "
    "within a few steps it passes the overflow threshold (the curve stops there)."
)
def large_blows_up():
    loss = ex.training_curves()[1.5]
    finite = ex.finite_part(loss)
    return loss[1] > loss[0] and not finite[5]


@claim("From $k = 1$ the cost falls at every step.")
def right_falls_steadily():
    loss = ex.training_curves()[1.0]
    return bool(np.all(np.diff(loss) < 0)) and loss[-1] < 1e-2 * loss[0]


@claim(
    "No single learning rate suits both: at half this rate the $k = 1.5$ network stays finite "
    "but $k = 0.5$ still barely moves; at 50 times it, $k = 0.5$ learns and $k = 1.5$ overflows "
    "at the first step."
)
def no_rate_suits_both():
    smaller, larger = (ex.TRAIN_LR * factor for factor in ex.RATE_FACTORS)
    assert ex.RATE_FACTORS == (0.5, 50.0)  # the numbers the sentence names
    tamed, stuck = ex.training_curve(1.5, smaller), ex.training_curve(0.5, smaller)
    assert ex.finite_part(tamed).all() and stuck[-1] > 0.98 * stuck[0]
    learns, overflows = ex.training_curve(0.5, larger), ex.training_curve(1.5, larger)
    return learns[-1] < 1e-3 * learns[0] and not ex.finite_part(overflows)[1]


@claim(
    "The mean follows the predicted straight line for every $c$, within "
    f"{STANDARD_ERRORS} standard errors at the last layer."
)
def random_mean_follows_prediction():
    return all(_agrees("identity", c) for c in ex.VARIANCE_SCALES)


@claim(
    "The spread grows like $\\sqrt{l}$ for every $c$, even $c = 1$, where the mean stays put: "
    "any one deep network drifts away from the average one like a random walk."
)
def spread_grows_like_root_depth():
    layers = np.arange(1, ex.DEPTH + 1)
    for c, logs in ex.random_log_norms("identity").items():
        spread = logs.std(axis=0)[1:]
        exponent = np.polyfit(np.log(layers), np.log(spread), 1)[0]
        assert 0.35 < exponent < 0.65, (c, exponent)
    return True


@claim(
    "With $c = 1$, ReLU layers lose about half of the squared norm at every layer, as predicted, "
    "because ReLU zeroes half of its inputs."
)
def relu_halves():
    return _agrees("relu", 1.0)


@claim(
    "Doubling the variance ($c = 2$) makes ReLU layers hold the norm, up to the small drift "
    "the same calculation predicts: that is He initialization."
)
def relu_doubled_holds():
    mean, _ = _end("relu", 2.0)
    return _agrees("relu", 2.0) and abs(mean) < 0.1 * abs(_end("relu", 1.0)[0])


@claim(
    "tanh, nearly linear near 0 and squashing beyond, loses a little at every layer: more "
    "than a linear layer, far less than ReLU."
)
def tanh_loses_a_little():
    tanh = ex.random_log_norms("tanh")[1.0].mean(axis=0)
    linear, relu = _end("identity", 1.0)[0], _end("relu", 1.0)[0]
    return bool(np.all(np.diff(tanh) < 0)) and relu / 4 < tanh[-1] < linear
