"""The practical guide's computations: each activation's second moment under a unit normal and the
gain it asks for, the variance map and its slope, deep networks at those gains, the frameworks'
layer defaults (from the recorded reference file), and three bias examples.

Expectations under z ~ N(0, 1) are integrals on the half line, ``E[f(z)] = ∫_0^∞ (f(u) + f(-u))
φ(u) du``, by 200-point Gauss-Legendre quadrature on [0, 12]: each half of a piecewise activation
(ReLU, leaky ReLU, SELU) is smooth there, and the density beyond 12 is below 1e-31. The tests hold
every number to mpmath's adaptive quadrature and to the closed forms where there are some.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

import initlab
from initlab.network import MLP
from topics.practical_guide import recorded

# --- activations -------------------------------------------------------------------------------

SELU_ALPHA = 1.6732632423543772848170429916717  # as PyTorch and Klambauer et al. give them
SELU_SCALE = 1.0507009873554804934193349852946
LEAKY_SLOPE = initlab.activations.LEAKY_SLOPE  # 0.01, PyTorch's default negative slope
_erf = np.frompyfunc(math.erf, 1, 1)


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # no overflow at either end


def _gelu(z):
    return z * 0.5 * (1.0 + _erf(np.asarray(z) / math.sqrt(2.0)).astype(float))


def _selu(z):
    return SELU_SCALE * np.where(z > 0, z, SELU_ALPHA * np.expm1(np.minimum(z, 0.0)))


@dataclass(frozen=True)
class Activation:
    name: str  # as the page names it
    function: object
    torch: str | None  # calculate_gain's name, if it has one


ACTIVATIONS = {
    "linear": Activation("linear", lambda z: z, "linear"),
    "tanh": Activation("tanh", np.tanh, "tanh"),
    "sigmoid": Activation("sigmoid", _sigmoid, "sigmoid"),
    "relu": Activation("ReLU", lambda z: np.maximum(z, 0.0), "relu"),
    "leaky_relu": Activation(
        f"leaky ReLU ({LEAKY_SLOPE:g})",
        lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
        "leaky_relu",
    ),
    "gelu": Activation("GELU", _gelu, None),
    "silu": Activation("SiLU (Swish)", lambda z: z * _sigmoid(z), None),
    "selu": Activation("SELU", _selu, "selu"),
}  # fmt: skip

# --- expectations under a unit normal ----------------------------------------------------------

QUADRATURE_POINTS = 200
QUADRATURE_END = 12.0


@cache
def _half_line() -> tuple[np.ndarray, np.ndarray]:
    """Nodes u on [0, 12] and weights that include the normal density φ(u)."""
    x, w = np.polynomial.legendre.leggauss(QUADRATURE_POINTS)
    u = (x + 1.0) * QUADRATURE_END / 2
    weights = w * QUADRATURE_END / 2 * np.exp(-(u**2) / 2) / math.sqrt(2 * math.pi)
    return u, weights


def expect(f, variance: float = 1.0) -> float:
    """E[f(z)] for z ~ N(0, variance)."""
    u, w = _half_line()
    s = math.sqrt(variance)
    return float(np.sum(w * (f(s * u) + f(-s * u))))


def second_moment(name: str, variance: float = 1.0) -> float:
    """E[φ(z)²] for z ~ N(0, variance)."""
    phi = ACTIVATIONS[name].function
    return expect(lambda z: phi(z) ** 2, variance)


def mean(name: str, variance: float = 1.0) -> float:
    return expect(ACTIVATIONS[name].function, variance)


def gain(name: str) -> float:
    """The gain g with g² E[φ(z)²] = 1 for z ~ N(0, 1): unit variance in, unit variance out."""
    return 1.0 / math.sqrt(second_moment(name))


def variance_map(name: str, q: float, g: float | None = None) -> float:
    """The next layer's pre-activation variance for weights of variance g²/n:
    F(q) = g² E[φ(√q u)²], u ~ N(0, 1) (wide layers, zero-mean weights)."""
    g = gain(name) if g is None else g
    return g**2 * second_moment(name, q)


SLOPE_STEP = 1e-4


def map_slope(name: str, g: float | None = None, q: float = 1.0) -> float:
    """F'(q) by a central difference: below 1 the fixed point attracts, above 1 it repels."""
    h = SLOPE_STEP
    return (variance_map(name, q + h, g) - variance_map(name, q - h, g)) / (2 * h)


def stability(slope: float) -> str:
    if abs(slope - 1.0) < 1e-6:
        return "neutral"
    return "attracting" if slope < 1.0 else "repelling"


FIXED_POINT_LAYERS = 500


def fixed_point(name: str, g: float, q: float = 1.0) -> float:
    """Where the variance settles after many wide layers at gain g, from q."""
    for _ in range(FIXED_POINT_LAYERS):
        q = variance_map(name, q, g)
    return q


# --- the frameworks' recorded answers -----------------------------------------------------------


def torch_gain(nonlinearity: str | None, param: float | None = None) -> float | None:
    """calculate_gain(nonlinearity, param) as torch computed it, or None where it raised or the
    reference does not record it."""
    gain = recorded.GAINS.get((nonlinearity, param))
    return None if gain is None else float(gain)


def torch_gain_refused(nonlinearity: str) -> bool:
    """True when the reference records calculate_gain raising for this name."""
    return (nonlinearity, None) in recorded.GAINS and recorded.GAINS[(nonlinearity, None)] is None


def keras_shape(torch_shape) -> tuple[int, ...]:
    """PyTorch's (out, in, *kernel) as Keras's (*kernel, in, out)."""
    return (*torch_shape[2:], torch_shape[1], torch_shape[0])


def uniform_std(bound: float) -> float:
    return bound / math.sqrt(3)


def truncated_std(std: float, cut: float) -> float:
    """The standard deviation of N(0, std²) kept inside ±cut."""
    return std * initlab.truncated_normal_std(-cut / std, cut / std)


@dataclass(frozen=True)
class LayerDefaults:
    layer: str  # "Linear(30, 20)", "Conv2d(3, 64, 5)"
    fan_in: int
    fan_out: int
    torch_weight_std: float
    torch_bias_bound: float
    keras_std: float  # Keras's Dense/ConvND built for the same weights
    flax_std: float  # Flax's Dense/Conv built for the same weights


@cache
def layer_defaults() -> list[LayerDefaults]:
    """PyTorch's recorded nn.Linear/nn.ConvNd defaults, and what Keras's and Flax's own layers
    drew for the same weights."""
    rows = []
    for layer, args, shape, weight_bound, bias_bound in recorded.LAYER_DEFAULTS:
        kernel = keras_shape(shape)
        fan_in, fan_out = initlab.compute_fans(shape)
        rows.append(
            LayerDefaults(
                f"{layer}({', '.join(str(a) for a in args)})", fan_in, fan_out,
                uniform_std(weight_bound), bias_bound,
                uniform_std(recorded.KERAS_KERNEL_BOUND[kernel]),
                truncated_std(*recorded.FLAX_KERNEL[kernel]),
            )
        )  # fmt: skip
    return rows


# --- deep networks at the table's gains ----------------------------------------------------------

SIM_WIDTH = 128
SIM_BATCH = 64
SIM_DEPTH = 30
SIM_SEEDS = range(3)


@cache
def depth_runs() -> dict[str, np.ndarray]:
    """Per activation, one row per seed: mean z² of layers 0 … SIM_DEPTH, where z^[0] ~ N(0, 1)
    and z^[l] = W^[l] φ(z^[l-1]), weights N(0, g²/n) at the activation's gain."""
    out = {}
    for name, activation in ACTIVATIONS.items():
        g = gain(name)
        rows = []
        for seed in SIM_SEEDS:
            rng = np.random.default_rng(seed)
            z = rng.normal(size=(SIM_BATCH, SIM_WIDTH))
            q = [float(np.mean(z**2))]
            for _ in range(SIM_DEPTH):
                W = initlab.normal((SIM_WIDTH, SIM_WIDTH), 0.0, g / math.sqrt(SIM_WIDTH), rng=rng)
                z = activation.function(z) @ W.T
                q.append(float(np.mean(z**2)))
            rows.append(q)
        out[name] = np.array(rows)
    return out


# --- the frameworks' defaults in a deep ReLU network ---------------------------------------------

DEFAULTS_WIDTH = 256
DEFAULTS_DEPTH = 20  # hidden layers
DEFAULTS_BATCH = 64
DEFAULTS_SEEDS = range(3)


def _torch_linear(shape, rng):
    return initlab.kaiming_uniform(shape, a=math.sqrt(5), rng=rng)


def _keras_dense(shape, rng):
    return initlab.xavier_uniform(shape, rng=rng)


def _flax_dense(shape, rng):
    return initlab.lecun_normal(shape, rng=rng)


def _he(shape, rng):
    return initlab.kaiming_normal(shape, nonlinearity="relu", rng=rng)


DEFAULT_STARTS = {
    "PyTorch default": (_torch_linear, True),  # (weights, uniform biases ±1/√fan_in)
    "Keras default": (_keras_dense, False),
    "Flax default": (_flax_dense, False),
    "He (kaiming_normal_)": (_he, False),
}


def default_network(name: str, rng: np.random.Generator) -> MLP:
    """A ReLU network of DEFAULTS_DEPTH hidden layers of width DEFAULTS_WIDTH, started as the
    framework starts it: its weight rule, and PyTorch's uniform biases where it has them."""
    init, uniform_bias = DEFAULT_STARTS[name]
    widths = [DEFAULTS_WIDTH] * (DEFAULTS_DEPTH + 1) + [1]
    net = MLP(widths, "relu", "identity", init, rng)
    if uniform_bias:
        for b, W in zip(net.biases, net.weights, strict=True):
            bound = 1 / math.sqrt(W.shape[1])
            b[:] = initlab.uniform(b.shape, -bound, bound, rng=rng)
    return net


@cache
def default_runs() -> dict[str, np.ndarray]:
    """Per start, one row per seed: mean (z^[l])² for the hidden layers l = 1 … DEFAULTS_DEPTH of
    its default_network fed N(0, 1) inputs."""
    out = {}
    for name in DEFAULT_STARTS:
        rows = []
        for seed in DEFAULTS_SEEDS:
            rng = np.random.default_rng(seed)
            net = default_network(name, rng)
            X = rng.normal(size=(DEFAULTS_BATCH, DEFAULTS_WIDTH))
            rows.append([float(np.mean(z**2)) for z in net.forward(X).z[:-1]])
        out[name] = np.array(rows)
    return out


def predicted_default_moments(name: str) -> np.ndarray:
    """The same second moments from the variance rules: q_1 = n Var(W) + Var(b) (unit-variance
    inputs), then q_(l+1) = n Var(W) q_l / 2 + Var(b), ReLU keeping half."""
    n = DEFAULTS_WIDTH
    weight_variance, bias_variance = {
        "PyTorch default": (1 / (3 * n), 1 / (3 * n)),
        "Keras default": (2 / (n + n), 0.0),
        "Flax default": (1 / n, 0.0),
        "He (kaiming_normal_)": (2 / n, 0.0),
    }[name]
    q = [n * weight_variance + bias_variance]
    for _ in range(DEFAULTS_DEPTH - 1):
        q.append(n * weight_variance * q[-1] / 2 + bias_variance)
    return np.array(q)


def bias_floor(width: int = DEFAULTS_WIDTH) -> float:
    """PyTorch's defaults in a ReLU network: the fixed point of q = q/6 + 1/(3n), 2/(5n)."""
    return 2 / (5 * width)


# --- the output bias of an imbalanced classifier -------------------------------------------------

IMBALANCED_POINTS = 1000
IMBALANCED_CENTRE = (0.4, 0.4)
IMBALANCED_RADIUS = 0.16
IMBALANCED_WIDTHS = [2, 16, 16, 1]
IMBALANCED_STEPS = 300
IMBALANCED_RATE = 0.5
IMBALANCED_SEEDS = range(3)
DATA_SEED = 0


@cache
def imbalanced_data() -> tuple[np.ndarray, np.ndarray]:
    """Points uniform in [-1, 1]², positive inside a small disc: about 2% positives."""
    rng = np.random.default_rng(DATA_SEED)
    X = rng.uniform(-1, 1, size=(IMBALANCED_POINTS, 2))
    inside = np.sum((X - np.array(IMBALANCED_CENTRE)) ** 2, axis=1) < IMBALANCED_RADIUS**2
    return X, inside.astype(float)


def positive_fraction() -> float:
    return float(imbalanced_data()[1].mean())


def log_prior() -> float:
    """The output bias whose sigmoid is the fraction of positives: log(π / (1 − π))."""
    p = positive_fraction()
    return math.log(p / (1 - p))


def base_rate_loss() -> float:
    """The cross-entropy of predicting the fraction of positives everywhere (the entropy)."""
    p = positive_fraction()
    return -(p * math.log(p) + (1 - p) * math.log(1 - p))


OUTPUT_BIASES = {"output bias 0": lambda: 0.0, "output bias log prior": log_prior}


def imbalanced_net(seed: int, output_bias: float) -> MLP:
    net = MLP(IMBALANCED_WIDTHS, "relu", "sigmoid", _he, np.random.default_rng(seed))
    net.biases[-1][:] = output_bias
    return net


@cache
def imbalanced_training() -> dict[str, np.ndarray]:
    """Per start, one row per seed: the cost before each step and after the last."""
    X, y = imbalanced_data()
    out = {}
    for name, bias in OUTPUT_BIASES.items():
        out[name] = np.array(
            [
                imbalanced_net(seed, bias()).train(X, y, "bce", IMBALANCED_RATE,
                                                   IMBALANCED_STEPS).loss
                for seed in IMBALANCED_SEEDS
            ]
        )  # fmt: skip
    return out


def first_bias_gradient(name: str) -> np.ndarray:
    """∂C/∂b of the output bias before the first step, per seed: mean(ŷ) − π."""
    X, y = imbalanced_data()
    grads = []
    for seed in IMBALANCED_SEEDS:
        net = imbalanced_net(seed, OUTPUT_BIASES[name]())
        grads.append(float(net.backward(net.forward(X), y, "bce").biases[-1][0]))
    return np.array(grads)


def steps_to_base_rate(loss: np.ndarray, margin: float = 1.1) -> int:
    """The first step at which the cost is within ``margin`` times the base rate."""
    below = np.nonzero(loss <= margin * base_rate_loss())[0]
    return int(below[0]) if below.size else len(loss)


# --- the forget gate ---------------------------------------------------------------------------

FORGET_BIASES = (0.0, 1.0, 2.0)
LSTM_HIDDEN = 32
LSTM_INPUTS = 8
LSTM_STEPS = 50
LSTM_SEQUENCES = 64
LSTM_SEEDS = range(3)


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def memory_kept(bias: float, steps: int) -> float:
    """σ(b)^k: the share of the cell state a constant forget gate σ(b) keeps after k steps."""
    return sigmoid(bias) ** steps


def half_life(bias: float) -> float:
    """The k with σ(b)^k = 1/2: ln 2 / ln(1 + e^(−b))."""
    return math.log(2) / math.log(1 + math.exp(-bias))


def cell_state(forget, old, gate_in, candidate):
    """c_t = f_t c_(t-1) + i_t g_t: the LSTM's cell update (the derivation's, held to it by a
    test)."""
    return forget * old + gate_in * candidate


@cache
def lstm_memory() -> dict[float, np.ndarray]:
    """Per forget-gate bias, one row per seed: the memory the cell path keeps after k = 1 … T
    steps, ∏_t f_t, as a geometric mean over units and sequences, in a random LSTM cell.

    Weights are drawn as PyTorch's nn.LSTM draws them, U(±1/√H); the biases are 0 except the
    forget gate's, b. Inputs are N(0, 1)."""
    H, D = LSTM_HIDDEN, LSTM_INPUTS
    k = 1 / math.sqrt(H)
    out = {}
    for bias in FORGET_BIASES:
        rows = []
        for seed in LSTM_SEEDS:
            rng = np.random.default_rng(seed)
            W_in = initlab.uniform((4 * H, D), -k, k, rng=rng)
            W_h = initlab.uniform((4 * H, H), -k, k, rng=rng)
            b = np.zeros(4 * H)
            b[H : 2 * H] = bias  # gates in PyTorch's order: input, forget, cell, output
            x = rng.normal(size=(LSTM_STEPS, LSTM_SEQUENCES, D))
            h = np.zeros((LSTM_SEQUENCES, H))
            c = np.zeros((LSTM_SEQUENCES, H))
            log_kept = np.zeros((LSTM_SEQUENCES, H))
            kept = []
            for t in range(LSTM_STEPS):
                gates = x[t] @ W_in.T + h @ W_h.T + b
                i, f, o = (_sigmoid(gates[:, s * H : (s + 1) * H]) for s in (0, 1, 3))
                g = np.tanh(gates[:, 2 * H : 3 * H])
                c = cell_state(f, c, i, g)
                h = o * np.tanh(c)
                log_kept += np.log(f)
                kept.append(math.exp(float(np.mean(log_kept))))
            rows.append(kept)
        out[bias] = np.array(rows)
    return out
