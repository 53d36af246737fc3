"""What the sigmoid page says about its runs, each sentence with its check."""

import numpy as np

from sitebuild.authoring import claim
from topics.sigmoid_jacobians import experiment as ex


@claim(
    "In the sigmoid network the first layer's gradient is less than $10^{-9}$ of the last "
    "hidden layer's on every seed; in the tanh and ReLU networks the two are within a factor "
    "of 10 of each other."
)
def sigmoid_gradients_vanish():
    runs = ex.gradient_norms()
    sigmoid = runs["sigmoid, Xavier"]
    assert np.all(sigmoid[:, 0] / sigmoid[:, -1] < 1e-9), sigmoid[:, 0] / sigmoid[:, -1]
    for name in ("tanh, Xavier", "ReLU, He"):
        ratios = runs[name][:, 0] / runs[name][:, -1]
        assert np.all((ratios > 0.1) & (ratios < 10)), (name, ratios)
    return True


@claim(
    f"From hidden layer {ex.FIT_FROM} up, the sigmoid network's gradient shrinks per layer by the "
    "factor the variance recursion predicts (a least-squares fit of its logarithm), within 10% "
    "on every seed."
)
def sigmoid_factor_predicted():
    predicted = np.sqrt(ex.sigmoid_backward_factor())
    factors = [ex.per_layer_factor(row) for row in ex.gradient_norms()["sigmoid, Xavier"]]
    return bool(np.all(np.abs(np.array(factors) / predicted - 1) < 0.1))


def _all(activation: str):
    return [jac for (name, _depth, _seed), jac in ex.jacobians().items() if name == activation]


@claim(
    "At every depth and on every seed, each network's largest singular value is below its bound."
)
def jacobians_below_bound():
    return all(jac.singular_values[0] < jac.bound(name) for name in ex.ACTIVATIONS
               for jac in _all(name))  # fmt: skip


@claim(
    "The sigmoid network's whole spectrum sinks with depth: at depth 32 even its largest "
    "singular value is below $10^{-15}$, on every seed."
)
def sigmoid_spectrum_sinks():
    deepest = max(ex.JAC_DEPTHS)
    return all(
        ex.jacobians()[("sigmoid", deepest, seed)].singular_values[0] < 1e-15
        for seed in ex.JAC_SEEDS
    )


@claim(
    "The tanh network's largest singular value stays between 0.4 and 2.5 at every depth, while "
    "its median falls below $10^{-5}$ by depth 32, on every seed."
)
def tanh_spectrum_spreads():
    jacs = _all("tanh")
    assert all(0.4 < jac.singular_values[0] < 2.5 for jac in jacs)
    deepest = max(ex.JAC_DEPTHS)
    return all(
        np.median(ex.jacobians()[("tanh", deepest, seed)].singular_values) < 1e-5
        for seed in ex.JAC_SEEDS
    )


@claim(
    "The mean squared singular value follows the product of the per-layer factors within a "
    "factor of 3, at every depth, on every seed, for both networks."
)
def mean_square_predicted():
    for (name, depth, seed), jac in ex.jacobians().items():
        ratio = jac.mean_square / ex.predicted_mean_square(name, depth)
        assert 1 / 3 < ratio < 3, (name, depth, seed, ratio)
    return True
