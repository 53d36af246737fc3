"""Numbers and tables on the LSUV page."""

import numpy as np

from sitebuild.authoring import plain_or_scientific, value
from topics.lsuv import experiment as ex


@value("{:d}")
def width():
    return ex.WIDTH


@value("{:d}")
def layers():
    return ex.LAYERS


@value("{:d}")
def batch():
    return ex.BATCH


@value("{:,d}")
def held_out():
    return ex.HELD_OUT


@value("{:d}")
def networks():
    return ex.NETWORKS


@value("{:g}")
def tolerance():
    return ex.TOLERANCE


@value("{:d}")
def max_iterations():
    return ex.MAX_ITERATIONS


def _number(x: float) -> str:
    """0.621, or $5.4 \\times 10^{-12}$ below a thousandth."""
    return plain_or_scientific(x, 3)


def _range(values) -> str:
    return f"{_number(np.min(values))} to {_number(np.max(values))}"


@value()
def last_layer_table():
    """The variance of the last layer's pre-activations on the held-out inputs: geometric mean
    over the networks, and the range."""
    header = " | ".join(ex.ACTIVATIONS)
    rows = [f"| rule | {header} |", "|---|" + "---|" * len(ex.ACTIVATIONS)]
    for rule in ex.NAMES:
        cells = []
        for activation in ex.ACTIVATIONS:
            values = ex.variances(activation, rule)[:, -1]
            cells.append(f"{_number(ex.geometric_mean(values[:, None])[0])} ({_range(values)})")
        rows.append(f"| {rule} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


@value()
def gain_table():
    """E[g(u)²] and the gain² that keeps unit variance, by quadrature, against what LSUV found at
    the second layer and deeper."""
    rows = [
        "| activation | $\\mathbb E[g(u)^2]$ | gain² $1/\\mathbb E[g(u)^2]$ | LSUV, layer 2 "
        f"| LSUV, layers 3 to {ex.LAYERS} | log-slope at $q = 1$ |",
        "|---|---|---|---|---|---|",
    ]
    for activation in ex.ACTIVATIONS:
        scales = ex.squared_scales(activation)
        rows.append(
            f"| {activation} | {ex.second_moment(activation):.4f} | "
            f"{ex.keeping_gain_squared(activation):.4f} | {_range(scales[:, 1])} | "
            f"{_range(scales[:, 2:])} | {ex.log_slope(activation):.3f} |"
        )
    return "\n".join(rows)


@value()
def cost_table():
    """What LSUV costs: rescalings per layer and forward passes, measured before and after the
    activation."""
    rows = [
        "| activation | measured | rescalings per layer | measurements | layer evaluations, "
        "rerun from the input | in full forward passes |",
        "|---|---|---|---|---|---|",
    ]
    for activation in ex.ACTIVATIONS:
        for after in (False, True):
            runs = ex.lsuv_runs(activation, after)
            rescalings = sorted({k for run in runs for k in run.iterations})
            measurements = sorted({run.measurements for run in runs})
            evaluations = sorted({run.layer_evaluations_from_input for run in runs})
            rows.append(
                f"| {activation} | {'after' if after else 'before'} the activation | "
                f"{' or '.join(map(str, rescalings))} | {' or '.join(map(str, measurements))} | "
                f"{' or '.join(map(str, evaluations))} | "
                f"{' or '.join(f'{e / ex.LAYERS:.1f}' for e in evaluations)} |"
            )
    return "\n".join(rows)


@value("{:.3f}")
def tanh_after_variance():
    """The largest variance a layer reaches when LSUV measures after tanh."""
    return max(max(run.variances) for run in ex.lsuv_runs("tanh", after=True))


@value("{:.4f}")
def silu_second_moment():
    return ex.second_moment("SiLU")


@value("{:.3f}")
def silu_gain_squared():
    return ex.keeping_gain_squared("SiLU")


@value()
def silu_last_range():
    """LSUV's SiLU networks, variance at the last layer on new inputs."""
    return _range(ex.variances("SiLU", "LSUV")[:, -1])


@value()
def he_relu_last_range():
    return _range(ex.variances("ReLU", "He")[:, -1])


@value("{:d}")
def measurements():
    """The most measurements an LSUV run that measures before the activation takes."""
    return max(run.measurements for a in ex.ACTIVATIONS for run in ex.lsuv_runs(a))


@value("{:.0f}")
def cached_passes():
    """The same run's layer evaluations when each layer's input is kept, in full passes."""
    return measurements.compute() / ex.LAYERS


@value("{:.0f}")
def full_passes():
    """The most layer evaluations such a run takes, rerun from the input, in full passes."""
    runs = [run for a in ex.ACTIVATIONS for run in ex.lsuv_runs(a)]
    return max(run.layer_evaluations_from_input for run in runs) / ex.LAYERS
