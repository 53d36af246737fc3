"""Numbers on the symmetry page, from the training runs of experiment.py."""

from sitebuild.authoring import value
from topics.symmetry import experiment as ex
from topics.symmetry.derivations import model_latex


@value()
def model():
    """The two-unit network's equations, from the SymPy expressions the derivations check."""
    return f"$$\n{model_latex()}\n$$"


@value()
def alpha():
    return f"{ex.ALPHA:g}"


@value()
def widths():
    return "-".join(map(str, ex.WIDTHS))


@value("{:d}")
def hidden_units():
    return ex.WIDTHS[1]


@value("{:d}")
def steps():
    return ex.STEPS


@value("{:g}")
def constant_unit_difference():
    """Largest difference between constant-init hidden units over the whole run."""
    return ex.runs()["constant"].largest_unit_difference


@value("{:.2f}")
def random_unit_difference():
    return ex.runs()["random"].largest_unit_difference


@value("{:.3f}")
def constant_loss():
    return ex.runs()["constant"].loss[-1]


@value("{:.3f}")
def random_loss():
    return ex.runs()["random"].loss[-1]


@value("{:.0%}")
def constant_accuracy():
    return ex.accuracy(ex.runs()["constant"].net)


@value("{:.0%}")
def random_accuracy():
    return ex.accuracy(ex.runs()["random"].net)


@value("{:.0%}")
def outside_fraction():
    """The accuracy of calling every point 'outside the circle'."""
    return 1 - ex.circle_data()[1].mean()


@value("{:g}")
def bias_std():
    return ex.BIAS_STD


@value("{:.2f}")
def bias_unit_difference():
    return ex.runs()["random biases"].largest_unit_difference


@value("{:.3f}")
def bias_loss():
    return ex.runs()["random biases"].loss[-1]


@value()
def zero_start_gradients():
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
