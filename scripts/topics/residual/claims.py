"""What the residual page and its captions say about the runs, each sentence with its check."""

import numpy as np

from sitebuild.authoring import claim
from topics.residual import experiment as ex

TRAINED = 0.1  # a run "trains" when its final cost is below this (the base rate is about 0.56)
STALLED = 0.15  # a run "does not learn" when its final cost stays above this


def _scales(*chosen):
    return [ex.SCALES.index(scale) for scale in chosen]


@claim(
    "Every variant follows its prediction at every block: within 5%, except the stream without "
    "normalization, which after its doublings is within 30% (single networks scatter around it "
    "by up to a factor of 3: each block's factor is random, and they multiply)."
)
def stream_follows_prediction():
    for variant in ex.VARIANTS:
        measured, predicted = ex.stream_variances(variant), variant.predicted()
        worst = np.max(np.abs(np.log(measured / predicted)))
        bound = np.log(1.3) if variant is ex.PLAIN else np.log(1.05)
        assert worst < bound, (variant.name, worst)
    finals = ex.stream_runs()[ex.PLAIN][:, -1] / ex.PLAIN.predicted()[-1]
    assert np.all(np.abs(np.log(finals)) < np.log(3)), finals
    return True


@claim("With the last layer at zero, the stream is exactly the input at every block.")
def zero_branch_is_exact():
    return bool(np.all(ex.stream_runs()[ex.ZERO] == 1.0))


@claim(
    "Without normalization only He's scale itself trains: from 0.5× and below the cost stays at "
    "the base rate on every seed, from 2× and above it overflows."
)
def none_trains_only_at_he():
    final = ex.final_costs("none")
    base = ex.base_rate_loss()
    assert np.all(final[:, _scales(1.0)] < TRAINED), final
    small = final[:, _scales(0.1, 0.2, 0.5)]
    assert np.all(np.abs(small - base) < 0.01), small
    large = final[:, _scales(2.0, 5.0, 10.0)]
    return bool(np.all(~np.isfinite(large)))


@claim(
    "With BatchNorm every scale from 0.1× to 10× trains, on every seed, to a cost below 0.02, "
    "under 4% of the base rate."
)
def batchnorm_trains_at_every_scale():
    final = ex.final_costs("BatchNorm")
    assert 0.02 < 0.04 * ex.base_rate_loss()
    return bool(np.all(np.isfinite(final) & (final < 0.02)))


@claim(
    f"LayerNorm helps much less here: from 1× every seed trains (below {TRAINED}), from 0.5× "
    f"and 2× some seeds do, and from 0.2× and below or 5× and above no seed gets below "
    f"{STALLED}."
)
def layernorm_helps_less():
    final = ex.final_costs("LayerNorm")
    assert np.all(final[:, _scales(1.0)] < TRAINED), final
    for column in _scales(0.5, 2.0):
        assert np.any(final[:, column] < TRAINED), final[:, column]
    return bool(np.all(final[:, _scales(0.1, 0.2, 5.0, 10.0)] > STALLED))


@claim(
    "With BatchNorm, started at 0.1× the second layer's weights end more than 10% longer than "
    "they started; started at 10× they change by less than 0.01%."
)
def batchnorm_weights_grow_when_small():
    sweep = ex.sweep("BatchNorm")
    growth = sweep.weight_norm_after / sweep.weight_norm_before
    small, large = growth[:, _scales(0.1)[0]], growth[:, _scales(10.0)[0]]
    assert np.all(small > 1.1), small
    return bool(np.all(np.abs(large - 1) < 1e-4))


@claim(
    "From 0.1×, the LayerNorm networks end with a last hidden layer that hardly differs from one "
    "example to the next: its spread over the examples is under a quarter of the BatchNorm "
    "networks', on every seed."
)
def layernorm_collapses_when_small():
    column = _scales(0.1)[0]
    layer = ex.sweep("LayerNorm").spread[:, column]
    batch = ex.sweep("BatchNorm").spread[:, column]
    return bool(np.max(layer) < 0.25 * np.min(batch))
