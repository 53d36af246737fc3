"""Numbers and tables on the sigmoid page."""

import math

import numpy as np

from sitebuild.authoring import plain_or_scientific, scientific, value
from topics.sigmoid_jacobians import experiment as ex


@value("{:d}")
def grad_depth():
    return ex.GRAD_DEPTH


@value("{:d}")
def grad_width():
    return ex.GRAD_WIDTH


@value("{:d}")
def grad_seeds():
    return len(ex.GRAD_SEEDS)


@value("{:.3f}")
def sigmoid_fixed_point():
    return ex.sigmoid_fixed_point()


@value("{:.4f}")
def backward_factor():
    """E[σ'(z)²] at the sigmoid network's fixed point."""
    return ex.sigmoid_backward_factor()


@value("{:.4f}")
def quarter_squared():
    return 1 / 16


@value("{:.3f}")
def predicted_norm_factor():
    """√E[σ'(z)²]: the predicted per-layer factor of the gradient's norm."""
    return math.sqrt(ex.sigmoid_backward_factor())


def _factors(name: str) -> str:
    return ", ".join(f"{ex.per_layer_factor(row):.3f}" for row in ex.gradient_norms()[name])


@value()
def sigmoid_measured_factors():
    return _factors("sigmoid, Xavier")


@value()
def tanh_measured_factors():
    return _factors("tanh, Xavier")


@value()
def relu_measured_factors():
    return _factors("ReLU, He")


@value()
def sigmoid_first_over_last():
    """The ratios of the first hidden layer's gradient norm to the last's, over the seeds."""
    rows = ex.gradient_norms()["sigmoid, Xavier"]
    ratios = rows[:, 0] / rows[:, -1]
    return f"{scientific(min(ratios))} to {scientific(max(ratios))}"


@value()
def others_first_over_last():
    """The same ratios for tanh and ReLU."""
    runs = ex.gradient_norms()
    ratios = [row[0] / row[-1] for name in ("tanh, Xavier", "ReLU, He") for row in runs[name]]
    return f"{min(ratios):.2f} to {max(ratios):.2f}"


@value("{:d}")
def fit_from():
    return ex.FIT_FROM


@value("{:d}")
def jac_width():
    return ex.JAC_WIDTH


@value()
def jac_depths():
    depths = [str(d) for d in ex.JAC_DEPTHS]
    return ", ".join(depths[:-1]) + " and " + depths[-1]


_number = plain_or_scientific


@value()
def jacobian_table():
    """Per depth (seed 0): the sigmoid network's largest singular value, its bound, its mean
    square with the prediction; the tanh network's largest and median singular values."""
    rows = [
        "| $L$ | sigmoid: largest | bound | mean square (predicted) | tanh: largest | median |",
        "|---|---|---|---|---|---|",
    ]
    jac = ex.jacobians()
    for depth in ex.JAC_DEPTHS:
        s, t = jac[("sigmoid", depth, 0)], jac[("tanh", depth, 0)]
        predicted = ex.predicted_mean_square("sigmoid", depth)
        rows.append(
            f"| {depth} | {_number(s.singular_values[0])} | {_number(s.bound('sigmoid'))} | "
            f"{_number(s.mean_square)} ({_number(predicted)}) | "
            f"{t.singular_values[0]:.2f} | {_number(float(np.median(t.singular_values)))} |"
        )
    return "\n".join(rows)


@value("{:.2f}")
def first_layer_chi_sigmoid():
    """χ of the first sigmoid layer (q = 1): E[σ'(z)²], z ~ N(0, 1)."""
    return ex.mean_field("sigmoid", 1)[1][0]


@value("{:.2f}")
def mean_weight_norm():
    """The mean largest singular value of the Xavier matrices of the Jacobian experiment."""
    jac = ex.jacobians()
    deepest = max(ex.JAC_DEPTHS)
    return float(np.mean([jac[(name, deepest, seed)].weight_norms for name in ex.ACTIVATIONS
                          for seed in ex.JAC_SEEDS]))  # fmt: skip


@value("{:.2f}")
def bound_per_layer():
    """A quarter of that: the most a sigmoid layer can keep of a gradient's norm."""
    return mean_weight_norm.compute() / 4
