"""Numbers on the residual page."""

import math

import numpy as np

from sitebuild.authoring import scientific, value
from topics.residual import experiment as ex


@value("{:d}")
def blocks():
    return ex.BLOCKS


@value("{:d}")
def stream_width():
    return ex.STREAM_WIDTH


@value("{:d}")
def stream_points():
    return ex.STREAM_POINTS


@value("{:d}")
def stream_networks():
    return len(ex.STREAM_SEEDS)


@value()
def plain_measured():
    """The unnormalized stream's variance after the last block (geometric mean)."""
    return scientific(ex.stream_variances(ex.PLAIN)[-1], 3)


@value()
def plain_predicted():
    return scientific(ex.PLAIN.predicted()[-1], 3)


@value()
def he_branch_predicted():
    """(1 + 2)^L: both branch layers with He's rule give v = 2."""
    return scientific(3.0**ex.BLOCKS, 3)


@value("{:.3g}")
def scaled_measured():
    return ex.stream_variances(ex.PLAIN_SCALED)[-1]


@value("{:.3g}")
def scaled_predicted():
    """(1 + 1/L)^L."""
    return ex.PLAIN_SCALED.predicted()[-1]


@value("{:.4g}")
def e():
    """The limit of (1 + 1/L)^L."""
    return math.e


@value("{:.3g}")
def layernorm_measured():
    return ex.stream_variances(ex.PRE_LN)[-1]


@value("{:.3g}")
def layernorm_predicted():
    return ex.PRE_LN.predicted()[-1]


@value("{:.3g}")
def layernorm_scaled_measured():
    return ex.stream_variances(ex.PRE_LN_SCALED)[-1]


@value("{:.3g}")
def layernorm_scaled_predicted():
    return ex.PRE_LN_SCALED.predicted()[-1]


@value("{:d}")
def depth():
    return ex.DEPTH


@value("{:d}")
def width():
    return ex.WIDTH


@value("{:d}")
def points():
    return ex.POINTS


@value("{:d}")
def steps():
    return ex.STEPS


@value("{:g}")
def learning_rate():
    return ex.LEARNING_RATE


@value("{:d}")
def seeds():
    return len(ex.SEEDS)


@value()
def scales():
    return ", ".join(f"{scale:g}×" for scale in ex.SCALES)


@value("{:d}")
def sweep_runs():
    """Runs per normalization: one per scale and seed."""
    return len(ex.SCALES) * len(ex.SEEDS)


@value("{:.3f}")
def base_rate_loss():
    return ex.base_rate_loss()


@value("{:.3f}")
def batchnorm_worst():
    """The highest final cost over every BatchNorm run."""
    return float(np.max(ex.final_costs("BatchNorm")))


@value("{:.3f}")
def none_at_he_worst():
    """The highest final cost without normalization from He's scale (1×)."""
    return float(np.max(ex.final_costs("none")[:, ex.SCALES.index(1.0)]))


def _growth(scale):
    sweep = ex.sweep("BatchNorm")
    column = ex.SCALES.index(scale)
    return sweep.weight_norm_after[:, column] / sweep.weight_norm_before[:, column]


@value("{:.0%}")
def small_growth():
    """How much longer BatchNorm's second-layer weights end, from 0.1× (the smallest seed)."""
    return float(np.min(_growth(0.1)) - 1)


@value()
def large_growth():
    """How much longer they end from 10× (the largest seed), as a percentage."""
    return f"{100 * float(np.max(_growth(10.0)) - 1):.1g}%"


@value("{:.3f}")
def layernorm_spread():
    """The largest spread over the examples of LayerNorm's last hidden layer, from 0.1×."""
    return float(np.max(ex.sweep("LayerNorm").spread[:, ex.SCALES.index(0.1)]))


@value("{:.2f}")
def batchnorm_spread():
    """The smallest spread of BatchNorm's last hidden layer, from 0.1×."""
    return float(np.min(ex.sweep("BatchNorm").spread[:, ex.SCALES.index(0.1)]))
