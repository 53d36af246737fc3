"""A deep tanh network under the "standard" and the normalized (Glorot) initialization, as in
Glorot & Bengio (2010): per-layer activations, back-propagated gradients and variances."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

import initlab
from initlab.network import MLP

WIDTH = 256
HIDDEN = 5  # hidden layers, as in Glorot & Bengio's experiments
OUTPUTS = 10
BATCH = 1000
SEED = 0
WIDTHS = [WIDTH] * (HIDDEN + 1) + [OUTPUTS]


def standard(shape, rng):
    """The "standard" heuristic Glorot & Bengio compare against: U(±1/√n_in)."""
    bound = 1 / math.sqrt(shape[1])
    return initlab.uniform(shape, -bound, bound, rng=rng)


def normalized(shape, rng):
    """Glorot & Bengio's normalized initialization, U(±√(6/(n_in+n_out)))."""
    return initlab.xavier_uniform(shape, rng=rng)


INITS = {"standard U(±1/√n)": standard, "normalized (Glorot)": normalized}


@dataclass(frozen=True)
class Snapshot:
    weight_variance: list[float]  # per layer, of the drawn weights
    z: list[np.ndarray]  # pre-activations of each layer
    a: list[np.ndarray]  # a[0] = input, a[l] = hidden activations
    grad_a: list[np.ndarray]  # ∂C/∂a[l]


def snapshot(init, activation: str = "tanh", seed: int = SEED) -> Snapshot:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(BATCH, WIDTH))
    y = rng.normal(size=(BATCH, OUTPUTS))
    net = MLP(WIDTHS, activation, "identity", init, rng)
    fwd = net.forward(X)
    grads = net.backward(fwd, y, "mse")
    return Snapshot([float(w.var()) for w in net.weights], fwd.z, fwd.a, grads.a)


@cache
def snapshots(activation: str = "tanh") -> dict[str, Snapshot]:
    return {name: snapshot(init, activation) for name, init in INITS.items()}


def layer_variances(snap: Snapshot) -> list[tuple[float, float, float]]:
    """For each hidden layer l: (measured Var(z^[l]), predicted n·Var(W)·E[(a^[l-1])²],
    linear-regime prediction Π n·Var(W) · Var(x))."""
    rows = []
    linear = float(np.var(snap.a[0]))
    for layer in range(HIDDEN):
        n = snap.a[layer].shape[1]
        measured = float(np.var(snap.z[layer]))
        predicted = n * snap.weight_variance[layer] * float(np.mean(snap.a[layer] ** 2))
        linear *= n * snap.weight_variance[layer]
        rows.append((measured, predicted, linear))
    return rows


def gradient_variances(snap: Snapshot) -> list[float]:
    """Var(∂C/∂a^[l]) for the hidden layers l = 1 … HIDDEN."""
    return [float(np.var(snap.grad_a[layer])) for layer in range(1, HIDDEN + 1)]
