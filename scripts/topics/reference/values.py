"""Values on the reference page: the initializer table, gains, fans and the truncation constant."""

import math

import sympy as sp

import initlab
from sitebuild.authoring import value
from sitebuild.authoring.printing import latex
from topics.index.experiment import LINEAR_REGIME
from topics.reference import experiment as ex
from topics.reference.derivations import beta, kept_mass, phi, z


@value()
def initializer_table():
    """Every rule: its distribution, variance and bound, and the library's std checked against
    the formula."""
    head = (
        f"| initlab | distribution | variance | uniform bound | std at $n_{{in}}={ex.FAN_IN}$, "
        f"$n_{{out}}={ex.FAN_OUT}$ | measured |\n"
        "|---|---|---|---|---|---|"
    )
    rows = []
    for rule in ex.RULES:
        predicted, measured = ex.check(rule)
        bound = f"${latex(rule.bound)}$" if rule.bound is not None else "—"
        rows.append(
            f"| `{rule.name}` | {rule.distribution} | ${latex(rule.variance)}$ | {bound} | "
            f"{predicted:.5f} | {measured:.5f} |"
        )
    return "\n".join([head, *rows])


@value()
def framework_names():
    """What each framework calls the same rule."""
    head = "| initlab | PyTorch `nn.init` | Keras | JAX |\n|---|---|---|---|"
    rows = [f"| `{rule.name}` | {rule.torch} | {rule.keras} | {rule.jax} |" for rule in ex.RULES]
    return "\n".join([head, *rows])


@value()
def gain_table():
    """calculate_gain for each nonlinearity, from the library."""
    rows = ["| nonlinearity | gain | value |", "|---|---|---|"]
    formulas = {
        "linear": "1", "sigmoid": "1", "tanh": "5/3", "relu": "\\sqrt{2}",
        "leaky_relu": "\\sqrt{2/(1 + 0.01^2)}", "selu": "3/4",
    }  # fmt: skip
    for name, formula in formulas.items():
        rows.append(f"| `{name}` | ${formula}$ | {initlab.calculate_gain(name):.6f} |")
    return "\n".join(rows)


@value("{:.8f}")
def truncated_std():
    """The library's constant, cross-checked against the SymPy closed form at β = 2."""
    closed_form = float(sp.sqrt(1 - 2 * beta * phi.subs(z, beta) / kept_mass).subs(beta, 2))
    if not math.isclose(closed_form, initlab.TRUNCATED_STD_CORRECTION, rel_tol=1e-12):
        raise AssertionError(f"{closed_form} != {initlab.TRUNCATED_STD_CORRECTION}")
    return initlab.TRUNCATED_STD_CORRECTION


@value("{:.4f}")
def tanh_second_moment():
    return ex.tanh_second_moment()


@value("{:.3f}")
def tanh_moment_gain():
    """The gain that would exactly undo tanh's shrinkage of a unit-variance input."""
    return 1 / math.sqrt(ex.tanh_second_moment())


@value("{:.3f}")
def five_thirds():
    return initlab.calculate_gain("tanh")


@value("{:.2g}")
def tanh_fixed_point_gain_1():
    return ex.tanh_fixed_point(1.0)


@value("{:.3f}")
def tanh_fixed_point_gain_5_3():
    return ex.tanh_fixed_point(initlab.calculate_gain("tanh"))


@value()
def conv_fans():
    torch_in, torch_out = initlab.compute_fans(ex.CONV_TORCH)
    keras_in, keras_out = initlab.compute_fans(ex.CONV_KERAS, "keras")
    he_std = initlab.calculate_gain("relu") / math.sqrt(torch_in)
    return (
        "| layout | shape | receptive field | fan_in | fan_out |\n|---|---|---|---|---|\n"
        f"| PyTorch `(out, in, kh, kw)` | `{ex.CONV_TORCH}` | {math.prod(ex.CONV_TORCH[2:])} | "
        f"{torch_in} | {torch_out} |\n"
        f"| Keras `(kh, kw, in, out)` | `{ex.CONV_KERAS}` | {math.prod(ex.CONV_KERAS[:2])} | "
        f"{keras_in} | {keras_out} |\n\n"
        f"He normal for this kernel: $\\sigma = \\sqrt{{2}}/\\sqrt{{{torch_in}}} = {he_std:.4f}$."
    )


@value("{:.0%}")
def fixed_point_near_linear():
    """The share of pre-activations inside the home page's near-linear band, at gain 5/3's
    fixed point."""
    q = ex.tanh_fixed_point(initlab.calculate_gain("tanh"))
    return ex.normal_mass_within(LINEAR_REGIME, q)


@value("{:.0%}")
def fixed_point_saturated():
    """The share of pre-activations beyond |z| = 2, where tanh' < 0.08, at that fixed point."""
    q = ex.tanh_fixed_point(initlab.calculate_gain("tanh"))
    return 1 - ex.normal_mass_within(2.0, q)


@value("{:g}")
def linear_regime():
    return LINEAR_REGIME


@value("{:d}")
def tanh_fixed_point_layers():
    return ex.FIXED_POINT_LAYERS


@value()
def example_shape():
    return f"{ex.FAN_OUT} \\times {ex.FAN_IN}"
