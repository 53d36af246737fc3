"""A small multilayer perceptron in NumPy: forward, backward, plain gradient descent.

Weights use PyTorch's layout, ``W[l]`` of shape ``(widths[l+1], widths[l])``; a batch is a matrix
with one example per row, so layer l computes ``z = a @ W.T + b`` and ``a' = g(z)``. Everything
is float64 so that the gradient check in the tests can ask for a relative error below 1e-6.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from initlab import activations
from initlab.initializers import by_name

Initializer = Callable[..., np.ndarray]


@dataclass
class Forward:
    """What a forward pass keeps: ``z[l]`` pre-activations of layer l+1, ``a[0] = X`` and
    ``a[l+1] = g(z[l])``."""

    z: list[np.ndarray]
    a: list[np.ndarray]

    @property
    def output(self) -> np.ndarray:
        return self.a[-1]


@dataclass
class Gradients:
    """Gradients of the loss: per weight and bias, and per layer's activations (``a[0]`` is the
    input)."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    a: list[np.ndarray]
    loss: float


@dataclass
class History:
    steps: np.ndarray
    loss: np.ndarray
    snapshots: list = field(default_factory=list)


class MLP:
    """A fully connected network with one activation for hidden layers and one for the output."""

    def __init__(
        self,
        widths: Sequence[int],
        activation: str = "tanh",
        output: str = "identity",
        init: Initializer | str = "xavier_normal",
        rng: np.random.Generator | None = None,
        bias: float = 0.0,
    ):
        if len(widths) < 2:
            raise ValueError(f"a network needs at least an input and an output width: {widths}")
        self.widths = [int(w) for w in widths]
        self.activation, self.output_activation = activation, output
        activations.get(activation), activations.get(output)  # fail early on unknown names
        rng = np.random.default_rng(0) if rng is None else rng
        initializer = by_name(init) if isinstance(init, str) else init
        self.weights = [
            np.asarray(initializer((n_out, n_in), rng=rng), dtype=float)
            for n_in, n_out in zip(self.widths[:-1], self.widths[1:], strict=True)
        ]
        self.biases = [np.full(n_out, float(bias)) for n_out in self.widths[1:]]

    @property
    def depth(self) -> int:
        """Number of weight layers."""
        return len(self.weights)

    def _activation(self, layer: int) -> str:
        return self.output_activation if layer == self.depth - 1 else self.activation

    def forward(self, X: np.ndarray) -> Forward:
        a = [np.asarray(X, dtype=float)]
        z = []
        for layer, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z.append(a[-1] @ W.T + b)
            g, _ = activations.get(self._activation(layer))
            a.append(g(z[-1]))
        return Forward(z, a)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.forward(X).output

    @staticmethod
    def _targets(y: np.ndarray, output: np.ndarray) -> np.ndarray:
        y = np.asarray(y, dtype=float)
        return y.reshape(output.shape) if y.size == output.size else y

    def loss(self, fwd: Forward, y: np.ndarray, loss: str = "mse") -> float:
        """``mse``: mean over the batch of ½‖ŷ − y‖²; ``bce``: mean binary cross-entropy of a
        sigmoid output (computed from its logits, so it stays finite when ŷ saturates)."""
        y = self._targets(y, fwd.output)
        if loss == "mse":
            return float(0.5 * np.sum((fwd.output - y) ** 2) / len(y))
        if loss == "bce":
            self._require_sigmoid()
            logits = fwd.z[-1]
            # −[y log σ(t) + (1 − y) log(1 − σ(t))] = softplus(t) − y·t
            softplus = np.logaddexp(0.0, logits)
            return float(np.sum(softplus - y * logits) / len(y))
        raise ValueError(f"unknown loss {loss!r}: use 'mse' or 'bce'")

    def _require_sigmoid(self):
        if self.output_activation != "sigmoid":
            raise ValueError("the 'bce' loss needs output='sigmoid'")

    def backward(self, fwd: Forward, y: np.ndarray, loss: str = "mse") -> Gradients:
        y = self._targets(y, fwd.output)
        batch = len(y)
        value = self.loss(fwd, y, loss)
        grad_a: list[np.ndarray] = [np.empty(0)] * (self.depth + 1)
        if loss == "mse":
            grad_a[-1] = (fwd.output - y) / batch
            _, derivative = activations.get(self.output_activation)
            grad_z = grad_a[-1] * derivative(fwd.z[-1], fwd.output)
        else:  # bce with a sigmoid output: dL/dz = (ŷ − y) / batch, exactly
            p = fwd.output
            with np.errstate(divide="ignore", invalid="ignore"):
                grad_a[-1] = (p - y) / (p * (1.0 - p)) / batch
            grad_z = (p - y) / batch
        grad_w = [np.empty(0)] * self.depth
        grad_b = [np.empty(0)] * self.depth
        for layer in range(self.depth - 1, -1, -1):
            grad_w[layer] = grad_z.T @ fwd.a[layer]
            grad_b[layer] = grad_z.sum(axis=0)
            grad_a[layer] = grad_z @ self.weights[layer]
            if layer > 0:
                _, derivative = activations.get(self._activation(layer - 1))
                grad_z = grad_a[layer] * derivative(fwd.z[layer - 1], fwd.a[layer])
        return Gradients(grad_w, grad_b, grad_a, value)

    def step(self, grads: Gradients, lr: float) -> None:
        """Plain gradient descent."""
        for W, b, gW, gb in zip(
            self.weights, self.biases, grads.weights, grads.biases, strict=True
        ):
            W -= lr * gW
            b -= lr * gb

    def train(
        self,
        X: np.ndarray,
        y: np.ndarray,
        loss: str = "mse",
        lr: float = 0.1,
        steps: int = 1000,
        record_every: int = 1,
        snapshot: Callable[[MLP], object] | None = None,
    ) -> History:
        """Full-batch gradient descent. Records the loss (and ``snapshot(self)``) before step 0,
        every ``record_every`` steps, and after the last step."""
        recorded_steps, losses, snapshots = [], [], []
        for step in range(steps + 1):
            fwd = self.forward(X)
            if step % record_every == 0 or step == steps:
                recorded_steps.append(step)
                losses.append(self.loss(fwd, y, loss))
                if snapshot is not None:
                    snapshots.append(snapshot(self))
            if step == steps:
                break
            self.step(self.backward(fwd, y, loss), lr)
        return History(np.array(recorded_steps), np.array(losses), snapshots)
