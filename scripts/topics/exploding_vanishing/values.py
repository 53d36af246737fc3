"""Numbers on the exploding-and-vanishing page."""

import numpy as np

from sitebuild.authoring import value
from topics.exploding_vanishing import experiment as ex


@value("{:d}")
def hidden_layers():
    """How many identical hidden layers multiply the input."""
    return ex.LAYERS - 1


@value("{:.2f}")
def growth_1_5():
    """1.5^(L-1): how much W = 1.5 I multiplies the input."""
    return 1.5 ** (ex.LAYERS - 1)


@value("{:.5f}")
def shrink_0_5():
    """0.5^(L-1): how much W = 0.5 I multiplies the input."""
    return 0.5 ** (ex.LAYERS - 1)


def _steps_before_overflow(loss: np.ndarray) -> int:
    finite = ex.finite_part(loss)
    return int(np.argmin(finite)) if not finite.all() else len(loss)


@value("{:d}")
def layers():
    return ex.LAYERS


@value("{:d}")
def train_steps():
    return ex.TRAIN_STEPS


@value("{:g}")
def train_lr():
    return ex.TRAIN_LR


@value("{:.3f}")
def train_loss_small():
    return ex.training_curves()[0.5][-1]


@value("{:.3f}")
def train_loss_small_start():
    return ex.training_curves()[0.5][0]


@value("{:.1e}")
def train_loss_right():
    return ex.training_curves()[1.0][-1]


@value()
def overflow_threshold():
    """The cost counted as diverged (experiments.deep_linear.OVERFLOW), as $10^{k}$."""
    power = round(np.log10(ex.OVERFLOW))
    if 10.0**power != ex.OVERFLOW:
        raise ValueError(f"OVERFLOW = {ex.OVERFLOW:g} is not a power of ten")
    return f"$10^{{{power}}}$"


@value("{:d}")
def train_steps_large():
    """Steps before the k = 1.5 run's cost passes OVERFLOW (or overflows)."""
    return _steps_before_overflow(ex.training_curves()[1.5])


@value("{:,.0f}")
def grad_ratio():
    """How much larger the k = 1.5 first-layer gradient is than the k = 0.5 one."""
    return ex.gradient_norms(1.5)[0] / ex.gradient_norms(0.5)[0]


@value("{:d}")
def random_width():
    return ex.WIDTH


@value("{:d}")
def random_depth():
    return ex.DEPTH


@value("{:d}")
def random_draws():
    return ex.DRAWS


@value()
def random_slope_table():
    """Predicted and measured mean log-norm at full depth, and the spread, for each c."""
    logs = ex.random_log_norms("identity")
    rows = [
        f"| $c$ | predicted slope per layer | predicted at layer {ex.DEPTH} | "
        f"measured at layer {ex.DEPTH} | spread at layer 1 | spread at layer {ex.DEPTH} |",
        "|---|---|---|---|---|---|",
    ]
    for c, values in logs.items():
        slope = ex.predicted_slope(c)
        mean, spread = values.mean(axis=0), values.std(axis=0)
        rows.append(
            f"| {c:g} | {slope:.4f} | {slope * ex.DEPTH:.2f} | {mean[-1]:.2f} | "
            f"{spread[1]:.3f} | {spread[-1]:.3f} |"
        )
    return "\n".join(rows)


@value()
def relu_table():
    """ReLU layers: measured mean log-norm at full depth, the exact prediction, and the naive
    ½ log(c/2) per layer that ignores the mean of a logarithm."""
    rows = [
        f"| $c$ | measured at layer {ex.DEPTH} | predicted | $\\tfrac12 \\log(c/2)$ per layer |",
        "|---|---|---|---|",
    ]
    for c in (1.0, 2.0):
        measured = ex.random_log_norms("relu")[c].mean(axis=0)[-1]
        predicted = ex.predicted_slope(c, activation="relu") * ex.DEPTH
        naive = 0.5 * np.log(c / 2) * ex.DEPTH
        rows.append(f"| {c:g} | {measured:.2f} | {predicted:.2f} | {naive:.2f} |")
    return "\n".join(rows)
