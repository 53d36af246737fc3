"""Residual streams at initialization, and a deep network trained across initial scales with and
without normalization.

Two small NumPy models that initlab does not have, both drawing their weights with initlab's
initializers:

* :func:`stream` runs a residual stream ``x_{l+1} = x_l + F(x_l)`` forward, each branch a
  two-layer ReLU network ``F(x) = W2 relu(W1 N(x))`` with ``N`` the identity or LayerNorm;
* :class:`Networks` is a stack of fully connected ReLU networks, optionally with BatchNorm or
  LayerNorm after the hidden layers, trained together by full-batch gradient descent (one network
  per initial scale and seed; its backward pass is tested against finite differences).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

import initlab
from initlab import activations
from topics.symmetry.experiment import circle_data

# --- the residual stream at initialization ------------------------------------------------------

BLOCKS = 32  # residual blocks
STREAM_WIDTH = 256  # units of the stream and of each branch's hidden layer
STREAM_POINTS = 64  # inputs x_0, drawn N(0, I): Var(x_0) = 1
STREAM_SEEDS = range(6)  # networks per variant; the figure shows their geometric mean


@dataclass(frozen=True)
class Variant:
    """How every branch is built: LayerNorm on its input or not, and its last layer's gain (the
    standard deviation of that layer's weights is gain / √n)."""

    name: str  # as the page shows it
    normalized: bool
    gain: float

    @property
    def v(self) -> float:
        """Var(F)/Var(x) without normalization, Var(F) with it: a He first layer keeps the second
        moment through the ReLU, and the last layer multiplies it by gain² (see the page)."""
        return self.gain**2

    def predicted(self, blocks: int = BLOCKS) -> np.ndarray:
        """Var(x_l) for l = 0 … blocks, from Var(x_0) = 1: (1 + v)^l, or 1 + l·v normalized."""
        index = np.arange(blocks + 1)
        return 1.0 + index * self.v if self.normalized else (1.0 + self.v) ** index


PLAIN = Variant("no normalization", False, 1.0)
PLAIN_SCALED = Variant("no normalization, last layer × 1/√L", False, 1 / np.sqrt(BLOCKS))
ZERO = Variant("last layer zero (Fixup, zero γ, ReZero)", False, 0.0)
PRE_LN = Variant("LayerNorm on the branch input", True, 1.0)
PRE_LN_SCALED = Variant("LayerNorm, last layer × 1/√L", True, 1 / np.sqrt(BLOCKS))
VARIANTS = (PLAIN, PLAIN_SCALED, ZERO, PRE_LN, PRE_LN_SCALED)
EPSILON = 1e-5  # in every normalization's denominator, as PyTorch's default


def layer_norm(x: np.ndarray) -> np.ndarray:
    """Each row to mean 0 and variance 1 across its units (no learned gain or shift)."""
    mean = x.mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(x.var(axis=-1, keepdims=True) + EPSILON)


def stream(variant: Variant, x0: np.ndarray, weights) -> list[np.ndarray]:
    """The stream x_0, x_1, …, x_L (one row per input) through the blocks whose weights are
    ``weights``, a list of (first, last) pairs drawn by :func:`draw_blocks`; the last layer is
    multiplied by the variant's gain."""
    relu, _ = activations.get("relu")
    xs = [x0]
    for first, last in weights:
        x = xs[-1]
        inner = layer_norm(x) if variant.normalized else x
        xs.append(x + relu(inner @ first.T) @ (variant.gain * last).T)
    return xs


def draw_blocks(blocks: int, width: int, rng: np.random.Generator):
    """Each block's two weight matrices: He's rule for the first, which a ReLU follows, and
    LeCun's (He's rule for a linear layer, gain 1) for the last."""
    return [
        (
            initlab.kaiming_normal((width, width), nonlinearity="relu", rng=rng),
            initlab.kaiming_normal((width, width), nonlinearity="linear", rng=rng),
        )
        for _ in range(blocks)
    ]


def stream_inputs(seed: int, points: int = STREAM_POINTS, width: int = STREAM_WIDTH):
    return np.random.default_rng(1000 + seed).normal(size=(points, width))


@cache
def stream_runs() -> dict[Variant, np.ndarray]:
    """Var(x_l)/Var(x_0) for l = 0 … BLOCKS, one row per network (seed): the mean square over
    units and inputs. Every variant runs on the same weights and inputs, seed by seed."""
    runs = {variant: [] for variant in VARIANTS}
    for seed in STREAM_SEEDS:
        x0 = stream_inputs(seed)
        weights = draw_blocks(BLOCKS, STREAM_WIDTH, np.random.default_rng(seed))
        for variant in VARIANTS:
            second = np.array([np.mean(x**2) for x in stream(variant, x0, weights)])
            runs[variant].append(second / second[0])
    return {variant: np.array(rows) for variant, rows in runs.items()}


def stream_variances(variant: Variant) -> np.ndarray:
    """The geometric mean over the networks of :func:`stream_runs` (a product of random factors
    is averaged on a log scale)."""
    return np.exp(np.mean(np.log(stream_runs()[variant]), axis=0))


# --- a deep network trained across initial scales ------------------------------------------------

DEPTH = 10  # hidden layers
WIDTH = 32
POINTS = 128
LEARNING_RATE = 0.1
STEPS = 200
SCALES = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)  # times He's standard deviation, every layer
SEEDS = range(3)
NORMS = {"none": None, "BatchNorm": "batch", "LayerNorm": "layer"}
DTYPE = np.float32  # for the sweep; the tests run the same code in float64


class Networks:
    """``len(scales) · len(seeds)`` networks of widths ``widths`` (input, hidden…, 1), trained
    together. Hidden layer l computes z = a W^T + b; with a normalization (``"batch"``: each unit
    over the examples, ``"layer"``: each example over the units) every hidden layer but the first
    then computes y = γ·N(z) + β; a = relu(y). The output is a logit; the cost is the binary
    cross-entropy of its sigmoid. Parameters carry a leading axis: one slice per network, seed-major
    (network k has seed k // len(scales) and scale k % len(scales))."""

    def __init__(self, widths, norm, scales, seeds, dtype=np.float64):
        if norm not in (None, "batch", "layer"):
            raise ValueError(f"unknown normalization {norm!r}")
        self.widths, self.norm, self.dtype = list(widths), norm, dtype
        drawn = [self._draw(seed) for seed in seeds]
        scale = np.tile(np.asarray(scales, dtype=float), len(drawn))
        count = len(scale)
        self.weights = [
            (np.repeat(np.stack([w[k] for w in drawn]), len(scales), 0) * scale[:, None, None])
            .astype(dtype)
            for k in range(len(widths) - 1)
        ]  # fmt: skip
        self.biases = [np.zeros((count, n), dtype) for n in widths[1:]]
        normalized = self.normalized_layers()
        self.gains = {k: np.ones((count, widths[k + 1]), dtype) for k in normalized}
        self.shifts = {k: np.zeros((count, widths[k + 1]), dtype) for k in normalized}

    def _draw(self, seed):
        rng = np.random.default_rng(seed)
        return [
            initlab.kaiming_normal((n_out, n_in), nonlinearity="relu", rng=rng)
            for n_in, n_out in zip(self.widths[:-1], self.widths[1:], strict=True)
        ]

    def normalized_layers(self) -> list[int]:
        """Indices (into the weights) of the layers followed by a normalization."""
        return list(range(1, len(self.widths) - 2)) if self.norm else []

    @property
    def axis(self) -> int:
        return 1 if self.norm == "batch" else 2  # arrays are (network, example, unit)

    def forward(self, X):
        a = [np.broadcast_to(np.asarray(X, self.dtype), (len(self.weights[0]),) + X.shape)]
        saved = []
        last = len(self.weights) - 1
        for k, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = np.matmul(a[-1], W.transpose(0, 2, 1)) + b[:, None, :]
            if k == last:
                saved.append(None)
                a.append(z)
            elif k in self.gains:
                centred = z - z.mean(self.axis, keepdims=True)
                inverse = 1 / np.sqrt(
                    np.mean(centred * centred, self.axis, keepdims=True) + EPSILON
                )
                normal = centred * inverse
                y = self.gains[k][:, None, :] * normal + self.shifts[k][:, None, :]
                saved.append((normal, inverse, y))
                a.append(np.maximum(y, 0))
            else:
                saved.append((None, None, z))
                a.append(np.maximum(z, 0))
        return a, saved

    def costs(self, X, y) -> np.ndarray:
        a, _ = self.forward(X)
        return self._cost(a[-1][..., 0], y)

    @staticmethod
    def _cost(logits, y):
        return np.mean(np.logaddexp(0, logits) - y * logits, axis=1)

    def gradients(self, X, y):
        """(costs, {name: list of gradients}) for every network."""
        a, saved = self.forward(X)
        logits = a[-1][..., 0]
        grad_z = ((1 / (1 + np.exp(-logits)) - y) / len(y))[..., None]
        grads = {
            "weights": [None] * len(self.weights),
            "biases": [None] * len(self.weights),
            "gains": {},
            "shifts": {},
        }
        for k in range(len(self.weights) - 1, -1, -1):
            grads["weights"][k] = np.matmul(grad_z.transpose(0, 2, 1), a[k])
            grads["biases"][k] = grad_z.sum(axis=1)
            if k == 0:
                break
            normal, inverse, y_prev = saved[k - 1]
            grad_y = np.matmul(grad_z, self.weights[k]) * (y_prev > 0)
            if k - 1 in self.gains:
                grads["gains"][k - 1] = (grad_y * normal).sum(axis=1)
                grads["shifts"][k - 1] = grad_y.sum(axis=1)
                g = grad_y * self.gains[k - 1][:, None, :]
                grad_z = inverse * (
                    g
                    - g.mean(self.axis, keepdims=True)
                    - normal * (g * normal).mean(self.axis, keepdims=True)
                )
            else:
                grad_z = grad_y
        return self._cost(logits, y), grads

    def parameters(self):
        return {
            "weights": self.weights,
            "biases": self.biases,
            "gains": self.gains,
            "shifts": self.shifts,
        }

    def step(self, grads, lr: float) -> None:
        for name, params in self.parameters().items():
            keys = params.keys() if isinstance(params, dict) else range(len(params))
            for key in keys:
                params[key] -= lr * grads[name][key]


@dataclass(frozen=True)
class Sweep:
    """One normalization's runs: ``cost[seed, scale, step]`` and the norm of each network's
    second hidden layer's weights, before and after training."""

    cost: np.ndarray
    weight_norm_before: np.ndarray  # (seed, scale)
    weight_norm_after: np.ndarray
    spread: np.ndarray  # (seed, scale): how much the last hidden layer differs between examples


def data():
    return circle_data(POINTS, seed=0)


def base_rate_loss() -> float:
    _, y = data()
    p = y.mean()
    return float(-(p * np.log(p) + (1 - p) * np.log(1 - p)))


def spread(nets: Networks, X) -> np.ndarray:
    """Per network: the standard deviation over the examples of each unit of the last hidden
    layer, averaged over the units."""
    a, _ = nets.forward(X)
    return a[-2].std(axis=1).mean(axis=-1)


@cache
def sweep(norm_name: str) -> Sweep:
    X, y = data()
    X, y = X.astype(DTYPE), y.astype(DTYPE)
    nets = Networks([2] + [WIDTH] * DEPTH + [1], NORMS[norm_name], SCALES, SEEDS, DTYPE)
    shape = (len(SEEDS), len(SCALES))

    def second_layer_norm():
        return np.linalg.norm(nets.weights[1].astype(float), axis=(1, 2)).reshape(shape)

    before = second_layer_norm()
    costs = []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for step in range(STEPS + 1):
            cost, grads = nets.gradients(X, y)
            costs.append(cost.astype(float))
            if step < STEPS:
                nets.step(grads, LEARNING_RATE)
        final_spread = spread(nets, X).astype(float).reshape(shape)
    cost = np.array(costs).T.reshape(*shape, STEPS + 1)
    return Sweep(cost, before, second_layer_norm(), final_spread)


def final_costs(norm_name: str) -> np.ndarray:
    """(seed, scale): the cost after the last step (NaN for a run that overflowed)."""
    return sweep(norm_name).cost[..., -1]
