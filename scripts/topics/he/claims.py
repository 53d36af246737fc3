"""What the He page says about its experiments, each with its check."""

import numpy as np

from sitebuild.authoring import claim
from topics.he import experiment as ex


@claim(
    "From Xavier the signal reaching the last layers is too faint for the output to depend on "
    "the input: on every seed the cost falls within a hundred steps to the base rate (dotted), "
    "what knowing only how common each class is gives, and stays there. It stalls."
)
def xavier_stalls():
    base = ex.base_rate_loss()
    curves = ex.training()["Xavier (Glorot)"]
    return all(np.max(np.abs(loss[100:] - base)) < 0.01 for loss in curves)


@claim("From He it trains, on every seed, to a small fraction of the base rate.")
def he_trains():
    return all(loss[-1] < 0.1 * ex.base_rate_loss() for loss in ex.training()["He"])


@claim(
    "The measured second moments follow the prediction at every layer, within 15% (the "
    "geometric mean over the networks)."
)
def moments_follow_prediction():
    moments = ex.second_moments()
    return all(
        np.max(np.abs(np.log(moments[name] / ex.predicted_moments(name)))) < np.log(1.15)
        for name in ex.INITS
    )
