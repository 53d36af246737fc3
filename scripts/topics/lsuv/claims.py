"""What the LSUV page says about its experiments, each with its check."""

import numpy as np

import initlab
from sitebuild.authoring import claim
from topics.lsuv import experiment as ex


def _deviation(activation: str) -> float:
    """The largest |Var − 1| of LSUV's networks on the held-out inputs, over networks and layers."""
    return float(np.max(np.abs(ex.variances(activation, "LSUV") - 1)))


@claim(
    "On the batch it was fitted to, every layer ends within the tolerance of 1, for all three "
    "activations, after at most one rescaling."
)
def fitted_in_one_step():
    for activation in ex.ACTIVATIONS:
        for run in ex.lsuv_runs(activation):
            assert max(run.iterations) <= 1, (activation, run.iterations)
            assert max(abs(v - 1) for v in run.variances) < ex.TOLERANCE, (activation, run)
    return True


@claim(
    "LeCun's rule (Xavier's, here) lets the variance fade with every activation: below 0.05 at "
    "the last layer with tanh, below $10^{-3}$ with ReLU and SiLU (geometric means over the "
    "networks)."
)
def lecun_fades():
    last = {a: ex.geometric_mean(ex.variances(a, "LeCun = Xavier"))[-1] for a in ex.ACTIVATIONS}
    assert last["tanh"] < 0.05 and last["ReLU"] < 1e-3 and last["SiLU"] < 1e-3, last
    return True


@claim(
    "He's rule holds the ReLU network's variance only on average: at the last layer the "
    "networks range over more than a factor of 5."
)
def he_holds_only_on_average():
    last = ex.variances("ReLU", "He")[:, -1]
    assert last.max() > 5 * last.min(), last
    return True


@claim("Through SiLU layers He's rule lets the variance fall at every layer.")
def he_fades_through_silu():
    mean = ex.geometric_mean(ex.variances("SiLU", "He"))
    assert np.all(np.diff(mean) < 0), mean
    return True


@claim(
    "On new inputs LSUV's tanh layers stay within 3% of 1 and its ReLU layers within 10%, in "
    "every network and at every layer."
)
def lsuv_holds_on_new_inputs():
    tanh, relu = _deviation("tanh"), _deviation("ReLU")
    assert tanh < 0.03 and relu < 0.1, (tanh, relu)
    return True


@claim(
    "Its SiLU layers drift furthest, the drift growing with depth, yet at the last layer every "
    "network is within a factor of 2.5 of 1, where He's and LeCun's have lost more than 99% of "
    "the variance."
)
def silu_drifts_but_holds():
    lsuv = ex.variances("SiLU", "LSUV")
    drift = np.max(np.abs(np.log(lsuv)), axis=0)
    assert _deviation("SiLU") > max(_deviation("tanh"), _deviation("ReLU")), _deviation("SiLU")
    assert drift[-1] > drift[: ex.LAYERS // 2].max() and drift[-1] < np.log(2.5), drift
    for rule in ("He", "LeCun = Xavier"):
        assert ex.geometric_mean(ex.variances("SiLU", rule))[-1] < 0.01, rule
    return True


@claim(
    "At the second layer, whose inputs come from exactly normal pre-activations, the squared "
    "scale LSUV finds is within 1% of the quadrature value in every network, for all three "
    "activations: for ReLU it is He's 2."
)
def scale_matches_quadrature():
    for activation in ex.ACTIVATIONS:
        second = ex.squared_scales(activation)[:, 1]
        target = ex.keeping_gain_squared(activation)
        assert np.max(np.abs(second / target - 1)) < 0.01, (activation, second, target)
    return True


@claim(
    "Deeper, where the pre-activations are no longer exactly normal and the inputs of the batch "
    "have grown alike, tanh's scale stays within 2% of it and the ReLU and SiLU scales wander: "
    "LSUV corrects the drift of this particular network, layer by layer."
)
def scales_wander_deeper():
    tanh = ex.squared_scales("tanh")[:, 2:] / ex.keeping_gain_squared("tanh")
    assert np.max(np.abs(tanh - 1)) < 0.02, tanh
    for activation in ("ReLU", "SiLU"):
        deeper = ex.squared_scales(activation)[:, 2:] / ex.keeping_gain_squared(activation)
        assert deeper.max() > 1.2 and deeper.min() < 0.8, (activation, deeper)
    return True


@claim(
    f"Measured after tanh, the loop never reaches the tolerance: every layer of every network "
    f"uses all {ex.MAX_ITERATIONS} rescalings and ends with a variance below "
    f"{1 - ex.TOLERANCE:g}."
)
def after_tanh_never_converges():
    for run in ex.lsuv_runs("tanh", after=True):
        assert set(run.iterations) == {ex.MAX_ITERATIONS}, run.iterations
        assert max(run.variances) < 1 - ex.TOLERANCE, run.variances
    return True


@claim("Measured after SiLU, every layer needs two rescalings; after ReLU, one.")
def after_silu_iterates():
    silu = {k for run in ex.lsuv_runs("SiLU", after=True) for k in run.iterations}
    relu = {k for run in ex.lsuv_runs("ReLU", after=True) for k in run.iterations}
    assert silu == {2} and relu == {1}, (silu, relu)
    return True


@claim(
    "initlab's `calculate_gain`, like PyTorch's that it mirrors, has no entry for SiLU: asked "
    "for one, it raises an error."
)
def no_gain_for_silu():
    try:
        initlab.calculate_gain("silu")
    except ValueError:
        return True
    raise AssertionError("calculate_gain('silu') returned a gain")
