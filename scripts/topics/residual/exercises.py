"""Exercises for the residual page."""

from sitebuild.authoring import Exercise, exercise

BRANCH_V = 0.5
PLAIN_BLOCKS = 50
GPT_BLOCKS = 48


def _iterate(blocks: int, branches_per_block: int, add) -> float:
    """Var(x_L)/Var(x_0) by running the recursion one branch at a time from 1."""
    variance = 1.0
    for _ in range(blocks * branches_per_block):
        variance = add(variance)
    return variance


@exercise(
    "compute",
    f"A residual network without normalization has {PLAIN_BLOCKS} blocks; each branch's output "
    f"variance is {BRANCH_V:g} times its input's. By what factor has the stream's variance grown "
    "after the last block?",
    f"Each block multiplies the variance by $1 + v = {1 + BRANCH_V:g}$ (the first derivation "
    f"above), so after {PLAIN_BLOCKS} blocks by ${1 + BRANCH_V:g}^{{{PLAIN_BLOCKS}}} \\approx$ "
    "**{answer}**.",
    verify=lambda: _iterate(PLAIN_BLOCKS, 1, lambda q: q + BRANCH_V * q),
    fmt="{:.3g}",
)
def unnormalized_growth():
    return (1 + BRANCH_V) ** PLAIN_BLOCKS


@exercise(
    "compute",
    f"A GPT-2-like transformer has {GPT_BLOCKS} blocks, each with two branches (attention and "
    "MLP) that read a LayerNorm of the stream; unscaled, each branch adds a variance $v = 1$. "
    "GPT-2 scales each branch's last layer by $1/\\sqrt{N}$, $N$ the number of branches. By what "
    "factor does that scaling reduce the stream's final variance, starting from "
    "$\\operatorname{Var}(x_0) = 1$?",
    f"Unscaled: $1 + 2 \\cdot {GPT_BLOCKS} \\cdot 1 = {1 + 2 * GPT_BLOCKS}$ (the variance adds). "
    f"Scaled: each branch adds $1/N = 1/{2 * GPT_BLOCKS}$, and ${2 * GPT_BLOCKS}$ of them add 1, "
    f"so the stream ends at 2. The factor is ${1 + 2 * GPT_BLOCKS}/2 =$ **{{answer}}**.",
    verify=lambda: (
        _iterate(GPT_BLOCKS, 2, lambda q: q + 1.0)
        / _iterate(GPT_BLOCKS, 2, lambda q: q + 1.0 / (2 * GPT_BLOCKS))
    ),
    fmt="{:.4g}",
)
def gpt2_scaling_factor():
    return (1 + 2 * GPT_BLOCKS) / 2


zero_last_layer = Exercise(
    "zero_last_layer",
    "derive",
    "A block computes $x + W_2\\, \\operatorname{relu}(W_1 x)$ and starts with $W_2 = 0$ "
    "(Fixup). Which of $W_1$ and $W_2$ get a non-zero gradient at the first step, and why does "
    "the block not stay the identity forever?",
    "With $h = \\operatorname{relu}(W_1 x)$ and $g$ the gradient of the cost with respect to the "
    "block's output, $\\partial C/\\partial W_2 = g\\, h^\\top$, which is not zero: $h$ does not "
    "depend on $W_2$. But $\\partial C/\\partial W_1$ passes through $W_2^\\top g$, which is 0. "
    "So the first step moves only $W_2$; from the second step on $W_2 \\ne 0$ and $W_1$ learns "
    "too. Zero-initializing *every* layer would be different: then $h = 0$ as well and nothing "
    "moves, the [symmetry](symmetry.md) problem.",
)

batchnorm_times_ten = Exercise(
    "batchnorm_times_ten",
    "predict",
    "In a network with BatchNorm after every hidden layer you multiply every hidden layer's "
    "initial weights by 10 and leave the output layer alone. What changes in the first forward "
    "pass, and what in the first gradient step? Predict, then compare with the sweep above.",
    "The forward pass does not change at all: each normalization divides the factor 10 out "
    "(the derivation above, up to $\\epsilon$). The gradient with respect to those weights is 10 "
    "times smaller and the weights are 10 times longer, so each step moves them 100 times less "
    "relative to their size: training behaves as if their learning rate were divided by 100. "
    "Compare the lengths of BatchNorm's weights reported under the sweep above.",
)
