"""Exercises for the width page."""

from sitebuild.authoring import Exercise, exercise
from topics.width import experiment as ex

TUNED_WIDTH, TUNED_RATE, TARGET_WIDTH = 64, 0.25, 1024
MUP_WIDTH = 512


def _halve_per_doubling() -> float:
    rate, width = TUNED_RATE, TUNED_WIDTH
    while width < TARGET_WIDTH:
        rate, width = rate / 2, width * 2
    return rate


@exercise(
    "compute",
    f"In SP you tuned the learning rate of a network at width {TUNED_WIDTH}: {TUNED_RATE:g} was "
    f"best. Going by the output layer's step derived above, what rate would you start from at "
    f"width {TARGET_WIDTH}?",
    f"The output's move per step is proportional to $\\eta\\, n$; keeping it the same means "
    f"$\\eta \\propto 1/n$: ${TUNED_RATE:g} \\cdot {TUNED_WIDTH}/{TARGET_WIDTH} =$ **{{answer}}**. "
    "In our sweep the best rate fell at least that fast; with µP you would keep the rate.",
    verify=_halve_per_doubling,
    fmt="{:.6g}",
)
def sp_rate_at_width():
    return TUNED_RATE * TUNED_WIDTH / TARGET_WIDTH


def _implemented_ratio() -> float:
    """The same ratio, from the multipliers the experiment trains with."""
    rates = ex.layout("µP", MUP_WIDTH).weight_rate
    return rates[0] / rates[2]


@exercise(
    "compute",
    f"In this page's µP (base width {ex.BASE_WIDTH}), by what factor is the input layer's "
    f"learning rate larger than the output layer's at width {MUP_WIDTH}?",
    f"The input layer learns at $\\eta\\, n/n_0$ and the output layer at $\\eta\\, n_0/n$; their "
    f"ratio is $(n/n_0)^2 = ({MUP_WIDTH}/{ex.BASE_WIDTH})^2 =$ **{{answer}}**. At the base width "
    "both are $\\eta$.",
    verify=_implemented_ratio,
    fmt="{:.0f}",
    tolerance=1e-9,
)
def mup_rate_ratio():
    return (MUP_WIDTH / ex.BASE_WIDTH) ** 2


output_at_start = Exercise(
    "output_at_start",
    "derive",
    "µP starts the output layer with variance proportional to $1/n^2$ instead of $1/n$. What "
    "does that do to the network's output at initialization as the width grows, and why is "
    "that harmless for training?",
    "With $f = \\sum_{i=1}^n W_i h_i$ and independent zero-mean weights, "
    "$\\operatorname{Var}(f) = n \\operatorname{Var}(W)\\, \\overline{h^{2}}$ (the "
    "[variance of a sum](index.md#the-one-calculation-behind-every-rule)). With "
    "$\\operatorname{Var}(W) \\propto 1/n$ (SP) that is the same at every width; with "
    "$\\propto 1/n^2$ it falls like $1/n$: a wide µP network starts with an output near 0. "
    "Training does not need a random starting output: the gradient $g = \\partial C/\\partial f$ "
    "is then set by the target, and the first steps, whose size µP keeps the same at every "
    "width, move the output by a width-free amount. {{ cite yang2022 }} go further and suggest "
    "starting the output layer at zero.",
)

same_rate_wider = Exercise(
    "same_rate_wider",
    "predict",
    "You trained an SP network at the largest learning rate that did not blow up, then double "
    "its width and keep the rate. What do you expect in the first steps, and what would you "
    "expect with µP?",
    "The output layer's step moves the output by $\\eta\\, g\\, n\\, \\overline{h^{2}}$, so "
    "doubling $n$ doubles it (and the other layers' steps grow with $n$ too): a rate that was at "
    "the edge is now past it, and the cost grows instead of falling, the runs marked × in the "
    "figure. In µP the output layer's rate is halved with the doubling, so the move is the same "
    "and the rate stays at the edge, not past it.",
)
