"""Numbers on the symmetry page, from the training runs in experiments/symmetry.py."""

from derivations.symmetry import model_latex
from experiments import symmetry as ex
from sitebuild.values import value


@value("symmetry_model")
def symmetry_model():
    """The two-unit network's equations, from the SymPy expressions the derivations check."""
    return f"$$\n{model_latex()}\n$$"


@value("symmetry_alpha")
def symmetry_alpha():
    return f"{ex.ALPHA:g}"


@value("symmetry_widths")
def symmetry_widths():
    return "-".join(map(str, ex.WIDTHS))


@value("symmetry_steps", "{:d}")
def symmetry_steps():
    return ex.STEPS


@value("symmetry_max_difference", "{:g}")
def symmetry_max_difference():
    """Largest difference between constant-init hidden units over the whole run."""
    return ex.runs()["constant"].largest_unit_difference


@value("symmetry_random_difference", "{:.2f}")
def symmetry_random_difference():
    return ex.runs()["random"].largest_unit_difference


@value("symmetry_constant_loss", "{:.3f}")
def symmetry_constant_loss():
    return ex.runs()["constant"].loss[-1]


@value("symmetry_random_loss", "{:.3f}")
def symmetry_random_loss():
    return ex.runs()["random"].loss[-1]


@value("zero_init_gradient_table")
def zero_init_gradient_table():
    """How many gradient entries are non-zero at an all-zero start, per parameter group."""
    relu, tanh = ex.zero_init_gradients("relu"), ex.zero_init_gradients("tanh")
    sizes = {
        "hidden weights": ex.WIDTHS[0] * ex.WIDTHS[1],
        "hidden biases": ex.WIDTHS[1],
        "output weights": ex.WIDTHS[1] * ex.WIDTHS[2],
        "output bias": ex.WIDTHS[2],
    }
    rows = ["| parameters | entries | non-zero gradients, ReLU | non-zero gradients, tanh |",
            "|---|---|---|---|"]  # fmt: skip
    for name, size in sizes.items():
        rows.append(f"| {name} | {size} | {relu[name]} | {tanh[name]} |")
    return "\n".join(rows)
