"""The truncated normal: sampling, and the standard deviation that truncation leaves.

Keras's VarianceScaling draws from a normal cut at two standard deviations. Cutting the tails
shrinks the variance, so Keras divides the intended standard deviation by the standard deviation
of a unit normal truncated to [-2, 2], 0.8796…: computed here from the closed form, not typed.
"""

from __future__ import annotations

import math

import numpy as np


def _pdf(x: float) -> float:
    return math.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)


def _cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def truncated_normal_std(a: float = -2.0, b: float = 2.0) -> float:
    """Standard deviation of N(0, 1) conditioned on [a, b].

    Var = 1 + (aφ(a) − bφ(b)) / Z − ((φ(a) − φ(b)) / Z)²,  Z = Φ(b) − Φ(a).
    """
    z = _cdf(b) - _cdf(a)
    mean_shift = (_pdf(a) - _pdf(b)) / z
    variance = 1.0 + (a * _pdf(a) - b * _pdf(b)) / z - mean_shift**2
    return math.sqrt(variance)


TRUNCATED_STD_CORRECTION = truncated_normal_std(-2.0, 2.0)


def sample(
    shape, mean: float, std: float, a: float, b: float, rng: np.random.Generator
) -> np.ndarray:
    """Draws from N(mean, std²) kept inside [a, b] (absolute bounds, as in torch's trunc_normal_).

    Rejection: draw, and draw again where a value fell outside. Exact, and fast whenever the
    interval holds a fair share of the mass (the ±2σ cut keeps 95%).
    """
    if not a < b:
        raise ValueError(f"need a < b, got a={a}, b={b}")
    if std <= 0:
        raise ValueError(f"std must be positive, got {std}")
    mass = _cdf((b - mean) / std) - _cdf((a - mean) / std)
    if mass < 1e-3:
        raise ValueError(f"[{a}, {b}] holds only {mass:.2g} of N({mean}, {std}²): too little")
    out = rng.normal(mean, std, size=shape)
    outside = (out < a) | (out > b)
    while outside.any():
        out[outside] = rng.normal(mean, std, size=int(outside.sum()))
        outside = (out < a) | (out > b)
    return out
