"""Exercises for the orthogonal page."""

from sitebuild.authoring import Exercise, exercise
from topics.orthogonal import experiment as ex

GAIN = 1.02
DEPTH = 30
WIDE = 10**6  # "a very wide network", for the second computation


def _settle(gain: float) -> float:
    """q = g²(q − 2q²) solved by iterating it from q = 0.1: near 1 its slope there, 2 − g²,
    is below 1, so the iteration converges."""
    q = 0.1
    for _ in range(100_000):
        q = gain**2 * (q - 2 * q**2)
    return q


@exercise(
    "compute",
    f"A tanh network has orthogonal weights with gain $g = {GAIN:g}$. Using the small-$q$ "
    "approximation of the fixed point, at what pre-activation variance $q^*$ do its layers "
    "settle?",
    "From $q = g^2(q - 2q^2)$ with $q \\neq 0$: $1 = g^2(1 - 2q)$, so $q^* = (1 - 1/g^2)/2$ "
    f"$= (1 - 1/{GAIN:g}^2)/2 \\approx$ **{{answer}}**. The exact map gives a few percent more "
    "(the table above), because the next term of $\\tanh^2$ is positive.",
    verify=lambda: _settle(GAIN),
    fmt="{:.4g}",
)
def settled_variance():
    return ex.approximate_fixed_point(GAIN)


@exercise(
    "compute",
    f"A very wide linear network has {DEPTH} Gaussian layers of variance $1/n$. Over the "
    "spectrum of its Jacobian, what is the variance of the squared singular values $\\sigma_i^2$, "
    "in expectation?",
    "The mean of $\\sigma^2$ is 1 and the mean of $\\sigma^4$ is $L + 1$ when $n \\gg L$, so the "
    "variance is $(L + 1) - 1^2 = L$ = **{answer}**. With orthogonal layers it would be 0.",
    verify=lambda: ex.gaussian_fourth_moment(DEPTH, WIDE) - 1,
    fmt="{:.0f}",
)
def spread_at_depth():
    return float(DEPTH)


lengths_kept = Exercise(
    "lengths_kept",
    "derive",
    "Show that an orthogonal matrix keeps the length of every vector, $\\lVert Qx \\rVert = "
    "\\lVert x \\rVert$. Why does it follow that a linear network with orthogonal layers neither "
    "explodes nor vanishes, for any input and any depth? Does the same hold for the gradients?",
    "$\\lVert Qx \\rVert^2 = (Qx)^T Qx = x^T Q^T Q x = x^T x = \\lVert x \\rVert^2$. The "
    "network's output is $Q_L \\cdots Q_1 x$, one orthogonal matrix after another, so its length "
    "is the input's at every layer. Back-propagation multiplies the gradient by $Q_l^T$, which is "
    "orthogonal too ($Q Q^T = I$ for a square $Q$), so the gradient's length is kept on the way "
    "down as well. Compare the [exploding-and-vanishing page](exploding-vanishing.md), where "
    "Gaussian layers keep the length only on average.",
)

_q = ex.fixed_point(5 / 3)
_near = ex.fraction_near_one("orthogonal", "tanh", 5 / 3, ex.DEPTHS[-1])
five_thirds = Exercise(
    "five_thirds",
    "predict",
    f"You initialize a {ex.DEPTHS[-1]}-layer tanh network with orthogonal weights and PyTorch's "
    "gain for tanh, $5/3$. Predict from the fixed-point derivation whether the singular values "
    "of its Jacobian stay near 1.",
    f"They do not. With $g = 5/3$ the pre-activations settle at $q^* = {_q:.3g}$, where tanh is "
    f"far from linear: $D$ varies widely from unit to unit and the slope $\\chi = "
    f"{ex.slope(5 / 3):.3f}$ exceeds 1. At depth {ex.DEPTHS[-1]} only {_near:.0%} of the "
    "singular values are within a factor of 2 of 1. Orthogonality helps only if the "
    "nonlinearity is nearly linear where the signal lives: a gain just above 1.",
)
