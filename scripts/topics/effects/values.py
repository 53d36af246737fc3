"""Numbers on the effects page: the setup, and every run's cost and accuracies."""

import numpy as np

from sitebuild.authoring import scientific, value
from topics.effects import experiment as ex
from topics.effects.claims import LEVEL


@value()
def widths():
    return "-".join(map(str, ex.WIDTHS))


@value("{:d}")
def steps():
    return ex.STEPS


@value("{:g}")
def learning_rate():
    return ex.LEARNING_RATE


@value("{:d}")
def points():
    return ex.POINTS


@value("{:d}")
def seeds():
    return len(ex.SEEDS)


@value("{:g}")
def small_std():
    return ex.SMALL_STD


@value("{:g}")
def large_std():
    return ex.LARGE_STD


@value("{:g}")
def level():
    return LEVEL


@value("{:.3f}")
def base_rate_loss():
    return ex.base_rate_loss()


@value("{:.3g}")
def large_initial_cost():
    """The median first cost of the too-large start on the spirals."""
    return float(np.median([run.loss[0] for run in ex.runs(ex.DATASET, ex.LARGE)]))


@value()
def small_signal_factor():
    """σ·√2 · (σ·√16)²: the input's size after three too-small layers, tanh taken as linear."""
    return scientific(ex.small_signal_factor())


@value()
def small_signal_measured():
    """The measured ratio of the third layer's root-mean-square activation to the input's."""
    activations, _ = ex.initial_statistics(ex.SMALL)
    return scientific(ex.rms(activations[-1]) / ex.rms(ex.dataset()[0]))


@value()
def speed_table():
    """Median steps to a cost of LEVEL on the spirals, for the controlled runs."""
    rows = ["| | tanh | ReLU |", "|---|---|---|"]
    for rule, tanh, relu in (("Xavier", ex.XAVIER_TANH, ex.XAVIER_RELU),
                             ("He", ex.HE_TANH, ex.HE_RELU)):  # fmt: skip
        tanh_steps, relu_steps = (ex.median_steps_to(start, LEVEL) for start in (tanh, relu))
        rows.append(f"| {rule} | {tanh_steps:.0f} | {relu_steps:.0f} |")
    return "\n".join(rows)


@value()
def results_table():
    """Per start and data set: median final training cost, training and held-out accuracy."""
    data_sets = list(ex.DATASETS)
    rows = [
        "| start | " + " | ".join(data_sets) + " |",
        "|---|" + "---|" * len(data_sets),
    ]
    for start in ex.STARTS:
        cells = []
        for data in data_sets:
            runs = ex.runs(data, start)
            cost = np.median([run.loss[-1] for run in runs])
            train = np.median([run.accuracy for run in runs])
            test = np.median([run.test_accuracy for run in runs])
            cells.append(f"{cost:.3f} / {train:.0%} / {test:.0%}")
        rows.append(f"| {start.name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
