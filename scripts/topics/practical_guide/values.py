"""Numbers and tables on the practical guide."""

import math

from sitebuild.authoring import plain_or_scientific, power_of_ten, scientific, value
from topics.practical_guide import experiment as ex
from topics.practical_guide import recorded
from topics.reference import derivations as reference  # its items stay its own


def _torch_column(activation: ex.Activation) -> str:
    gain = ex.torch_gain(activation.torch)
    if gain is not None:
        return f"{gain:.4f}"
    return "none"


def _fixed_point_column(name: str) -> str:
    """Where the variance settles at PyTorch's gain, when it is not the criterion's."""
    torch = ex.torch_gain(ex.ACTIVATIONS[name].torch)
    if torch is None or math.isclose(torch, ex.gain(name), rel_tol=1e-3):
        return "—"
    return f"{ex.fixed_point(name, torch):.3g}"


@value()
def gain_table():
    """Every activation: its second moment under N(0, 1), the criterion's gain, PyTorch's gain
    (from the recorded reference) and where the variance settles at it, and the slope of the
    variance map at 1 with what it means."""
    rows = [
        "| activation | $\\mathbb E[\\varphi(u)^2]$ | gain $g$ | PyTorch's gain | "
        "$q$ at PyTorch's | $F'(1)$: the fixed point |",
        "|---|---|---|---|---|---|",
    ]
    for name, activation in ex.ACTIVATIONS.items():
        slope = ex.map_slope(name)
        rows.append(
            f"| {activation.name} | {ex.second_moment(name):.4f} | {ex.gain(name):.4f} | "
            f"{_torch_column(activation)} | {_fixed_point_column(name)} | "
            f"{slope:.3f}: {ex.stability(slope)} |"
        )
    return "\n".join(rows)


@value("{:.4f}")
def gelu_gain():
    return ex.gain("gelu")


@value("{:.4f}")
def silu_gain():
    return ex.gain("silu")


@value("{:.4f}")
def tanh_gain():
    return ex.gain("tanh")


@value("{:.4f}")
def sigmoid_gain():
    return ex.gain("sigmoid")


@value("{:.4f}")
def sigmoid_mean_square():
    """(E σ(u))² = 1/4: the part of sigmoid's second moment that is its mean."""
    return ex.mean("sigmoid") ** 2


@value("{:.4f}")
def sigmoid_second_moment():
    return ex.second_moment("sigmoid")


@value("{:.3f}")
def tanh_settles():
    return ex.fixed_point("tanh", ex.torch_gain("tanh"))


@value("{:.3f}")
def sigmoid_settles():
    return ex.fixed_point("sigmoid", ex.torch_gain("sigmoid"))


@value("{:.3f}")
def selu_settles():
    return ex.fixed_point("selu", ex.torch_gain("selu"))


@value("{:.2f}")
def gelu_slope():
    return ex.map_slope("gelu")


@value("{:.2f}")
def silu_slope():
    return ex.map_slope("silu")


@value("{:.0%}")
def gelu_growth():
    """How much a small deviation from q = 1 grows per GELU layer: F'(1) − 1."""
    return ex.map_slope("gelu") - 1


@value("{:.2f}")
def tanh_slope():
    return ex.map_slope("tanh")


@value("{:.2f}")
def sigmoid_slope():
    return ex.map_slope("sigmoid")


@value("{:.2f}")
def selu_slope():
    return ex.map_slope("selu")


@value()
def refused_names():
    """The names the recorded calculate_gain refuses that an activation of the table might go by."""
    refused = [name for name in ("swish", "gelu", "silu") if ex.torch_gain_refused(name)]
    return ", ".join(f"`{name}`" for name in refused)


@value("{:d}")
def sim_depth():
    return ex.SIM_DEPTH


@value("{:d}")
def sim_width():
    return ex.SIM_WIDTH


@value("{:d}")
def sim_batch():
    return ex.SIM_BATCH


@value("{:d}")
def sim_seeds():
    return len(ex.SIM_SEEDS)


def _number(x: float) -> str:
    """Two significant digits, large numbers written out: 0.19, 2.9, 39, 2,000."""
    return f"{float(f'{x:.2g}'):,.0f}" if x >= 100 else f"{x:.2g}"


def _final_range(names) -> str:
    runs = ex.depth_runs()
    finals = [row[-1] for name in names for row in runs[name]]
    return f"{_number(min(finals))} to {_number(max(finals))}"


@value()
def neutral_final_range():
    return _final_range(("linear", "relu", "leaky_relu"))


@value()
def gelu_final_range():
    return _final_range(("gelu",))


@value()
def silu_final_range():
    return _final_range(("silu",))


# --- framework defaults -------------------------------------------------------------------------


def _agree(measured: float, formula: float, what: str) -> float:
    if not math.isclose(measured, formula, rel_tol=1e-12):
        raise AssertionError(f"{what}: recorded {measured!r}, formula {formula!r}")
    return measured


@value()
def recorded_layer_versions():
    """The releases whose layers the recorded reference built: "torch 2.13.0, Keras 3.15.1 and
    Flax 0.12.8"."""
    versions = recorded.VERSIONS
    torch = versions["torch"].split("+")[0]  # "2.13.0+cpu": the build, not the release
    return f"torch {torch}, Keras {versions['keras']} and Flax {versions['flax']}"


@value()
def framework_table():
    """Each recorded layer: the standard deviation each framework's default draws with, from the
    recorded sampler arguments, each checked against its rule's formula."""
    torch_variance = reference.linear_default.formulas["variance"].rhs  # 1/(3 n_in), derived there
    n_sym = next(iter(torch_variance.free_symbols))
    rows = [
        "| layer | $n_{in}$, $n_{out}$ | PyTorch weight | PyTorch bias bound | Keras | Flax |",
        "|---|---|---|---|---|---|",
    ]
    for row in ex.layer_defaults():
        torch = _agree(
            row.torch_weight_std,
            math.sqrt(float(torch_variance.subs(n_sym, row.fan_in))),
            f"{row.layer} PyTorch weight",
        )
        bias = _agree(row.torch_bias_bound, 1 / math.sqrt(row.fan_in), f"{row.layer} bias")
        keras = _agree(
            row.keras_std, math.sqrt(2 / (row.fan_in + row.fan_out)), f"{row.layer} Keras"
        )
        flax = _agree(row.flax_std, 1 / math.sqrt(row.fan_in), f"{row.layer} Flax")
        rows.append(
            f"| {row.layer} | {row.fan_in}, {row.fan_out} | {torch:.4f} | ±{bias:.4f} | "
            f"{keras:.4f} | {flax:.4f} |"
        )
    rows.append(
        "| **rule** | | $1/\\sqrt{3n_{in}}$ | $\\pm 1/\\sqrt{n_{in}}$ | "
        "$\\sqrt{2/(n_{in}+n_{out})}$ | $1/\\sqrt{n_{in}}$ |"
    )
    return "\n".join(rows)


@value("{:d}")
def defaults_width():
    return ex.DEFAULTS_WIDTH


@value("{:d}")
def defaults_depth():
    return ex.DEFAULTS_DEPTH


@value()
def bias_floor():
    return power_of_ten(ex.bias_floor(), 3)


@value()
def keras_flax_last_moments():
    """The last hidden layer's second moment over the seeds, Keras's and Flax's defaults."""
    runs = ex.default_runs()
    last = [x for name in ("Keras default", "Flax default") for x in runs[name][:, -1]]
    return f"{scientific(min(last))} to {scientific(max(last))}"


@value()
def keras_predicted_last():
    return scientific(ex.predicted_default_moments("Keras default")[-1])


@value("{:d}")
def defaults_halvings():
    return ex.DEFAULTS_DEPTH - 1


@value("{:.3g}")
def torch_forward_factor():
    """n·Var(W)/2 for PyTorch's default weights in a ReLU layer: a sixth."""
    variance = reference.linear_default.formulas["variance"].rhs  # 1/(3 n_in), derived there
    return float(variance * next(iter(variance.free_symbols))) / 2


# --- the output bias ------------------------------------------------------------------------------


@value("{:.0%}")
def positive_fraction():
    return ex.positive_fraction()


@value("{:d}")
def imbalanced_points():
    return ex.IMBALANCED_POINTS


@value("{:.3f}")
def log_prior():
    return ex.log_prior()


@value("{:.4f}")
def imbalanced_base_rate():
    return ex.base_rate_loss()


@value()
def zero_bias_first_costs():
    costs = ex.imbalanced_training()["output bias 0"][:, 0]
    return f"{min(costs):.2f} to {max(costs):.2f}"


@value()
def prior_bias_first_costs():
    costs = ex.imbalanced_training()["output bias log prior"][:, 0]
    return f"{min(costs):.4f} to {max(costs):.4f}"


@value()
def zero_bias_first_gradients():
    grads = ex.first_bias_gradient("output bias 0")
    return f"{min(grads):.2f} to {max(grads):.2f}"


@value("{:.3f}")
def prior_bias_largest_gradient():
    return max(abs(ex.first_bias_gradient("output bias log prior")))


@value()
def steps_to_base_rate():
    steps = [ex.steps_to_base_rate(loss) for loss in ex.imbalanced_training()["output bias 0"]]
    return f"{min(steps)} to {max(steps)}"


@value("{:d}")
def imbalanced_steps():
    return ex.IMBALANCED_STEPS


@value("{:g}")
def imbalanced_rate():
    return ex.IMBALANCED_RATE


@value()
def final_costs():
    runs = ex.imbalanced_training()
    return "; ".join(
        f"{name}: " + ", ".join(f"{loss[-1]:.3f}" for loss in rows) for name, rows in runs.items()
    )


@value("{:.2f}")
def focal_prior_bias():
    """Lin et al.'s prior π = 0.01 as an output bias, log(π/(1 − π))."""
    return math.log(0.01 / 0.99)


# --- the forget gate -----------------------------------------------------------------------------

MEMORY_STEPS = (10, 50)


_small = plain_or_scientific


@value()
def memory_table():
    """σ(b)^k for a few biases and step counts, the half-life, and the per-step factor measured
    in a random LSTM cell (geometric mean over units, sequences and steps; the range over the
    seeds)."""
    head = " | ".join(f"$k = {k}$" for k in MEMORY_STEPS)
    rows = [
        f"| $b$ | $\\sigma(b)$ | {head} | half-life | measured per step |",
        "|---" * (len(MEMORY_STEPS) + 4) + "|",
    ]
    runs = ex.lstm_memory()
    for bias in ex.FORGET_BIASES:
        kept = " | ".join(_small(ex.memory_kept(bias, k)) for k in MEMORY_STEPS)
        measured = runs[bias][:, -1] ** (1 / ex.LSTM_STEPS)
        rows.append(
            f"| {bias:g} | {ex.sigmoid(bias):.3f} | {kept} | {ex.half_life(bias):.2f} | "
            f"{measured.min():.3f}–{measured.max():.3f} |"
        )
    return "\n".join(rows)


@value("{:d}")
def lstm_hidden():
    return ex.LSTM_HIDDEN


@value("{:d}")
def lstm_steps():
    return ex.LSTM_STEPS


@value("{:.3f}")
def sigmoid_of_one():
    return ex.sigmoid(1.0)
