"""Training speed of initlab's NumPy MLP: steps per second for a 2-16-16-16-1 net on 512 points.

    .venv/bin/python benchmarks/network_speed.py

A step is one full-batch forward pass, backward pass and gradient-descent update. A script that
prints figures, not a timed test.
"""

from __future__ import annotations

import time

import numpy as np

from initlab.network import MLP

WIDTHS = [2, 16, 16, 16, 1]
POINTS = 512


def steps_per_second(activation: str, steps: int = 2000, repeats: int = 3) -> float:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(POINTS, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(float)
    best = 0.0
    for _ in range(repeats):
        net = MLP(WIDTHS, activation, "sigmoid", "xavier_normal", np.random.default_rng(1))
        start = time.perf_counter()
        net.train(X, y, "bce", lr=0.1, steps=steps, record_every=steps)
        best = max(best, steps / (time.perf_counter() - start))
    return best


def main() -> None:
    print(f"{'-'.join(map(str, WIDTHS))} net, {POINTS} points, full-batch steps (best of 3)")
    for activation in ("tanh", "relu"):
        print(f"{activation:5s} {steps_per_second(activation):8.0f} steps/s")


if __name__ == "__main__":
    main()
