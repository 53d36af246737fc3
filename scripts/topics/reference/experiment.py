"""The reference page's numbers: every initializer's variance, by formula and by the library."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy as sp

import initlab

FAN_IN, FAN_OUT = 256, 128
SHAPE = (FAN_OUT, FAN_IN)  # PyTorch layout (out, in)
CONV_TORCH = (64, 3, 5, 5)  # (out, in, kh, kw)
CONV_KERAS = (5, 5, 3, 64)  # (kh, kw, in, out)
DRAWS_SEED = 0
n_in, n_out, g = sp.symbols("n_{in} n_{out} g", positive=True)


@dataclass(frozen=True)
class Rule:
    name: str  # initlab's
    distribution: str
    variance: sp.Expr  # in n_in, n_out (gain folded in)
    bound: sp.Expr | None  # for uniform rules
    torch: str
    keras: str
    jax: str
    draw: object  # shape, rng -> array


RULES = [
    Rule("lecun_normal", "truncated normal", 1 / n_in, None, "—",
         "`LecunNormal`", "`lecun_normal`", lambda s, r: initlab.lecun_normal(s, rng=r)),
    Rule("lecun_uniform", "uniform", 1 / n_in, sp.sqrt(3 / n_in), "—",
         "`LecunUniform`", "`lecun_uniform`", lambda s, r: initlab.lecun_uniform(s, rng=r)),
    Rule("xavier_normal", "normal", 2 / (n_in + n_out), None, "`xavier_normal_`",
         "`GlorotNormal` (truncated)", "`glorot_normal` (truncated)",
         lambda s, r: initlab.xavier_normal(s, rng=r)),
    Rule("xavier_uniform", "uniform", 2 / (n_in + n_out), sp.sqrt(6 / (n_in + n_out)),
         "`xavier_uniform_`", "`GlorotUniform`", "`glorot_uniform`",
         lambda s, r: initlab.xavier_uniform(s, rng=r)),
    Rule("kaiming_normal (relu)", "normal", 2 / n_in, None, "`kaiming_normal_`",
         "`HeNormal` (truncated)", "`he_normal` (truncated)",
         lambda s, r: initlab.kaiming_normal(s, nonlinearity="relu", rng=r)),
    Rule("kaiming_uniform (relu)", "uniform", 2 / n_in, sp.sqrt(6 / n_in),
         "`kaiming_uniform_`", "`HeUniform`", "`he_uniform`",
         lambda s, r: initlab.kaiming_uniform(s, nonlinearity="relu", rng=r)),
    Rule("kaiming_uniform (a = √5)", "uniform", 1 / (3 * n_in), 1 / sp.sqrt(n_in),
         "`nn.Linear` default", "—", "—",
         lambda s, r: initlab.kaiming_uniform(s, a=math.sqrt(5), rng=r)),
    Rule("orthogonal", "orthogonal", 1 / n_in, None, "`orthogonal_`", "`Orthogonal`",
         "`orthogonal`", lambda s, r: initlab.orthogonal(s, rng=r)),
]  # fmt: skip
# Orthogonal: a (128 × 256) matrix with orthonormal rows has squared entries summing to 128 over
# 128·256 entries, so its mean square is 1/n_in here (1/max(n_in, n_out) in general).


def at_example(expr: sp.Expr) -> float:
    return float(expr.subs({n_in: FAN_IN, n_out: FAN_OUT}))


def measured_std(rule: Rule) -> float:
    w = rule.draw(SHAPE, np.random.default_rng(DRAWS_SEED))
    return float(np.sqrt(np.mean(w**2)))


def check(rule: Rule, tolerance: float = 0.02) -> tuple[float, float]:
    """(closed-form std, measured std); raises if the library disagrees with the formula."""
    predicted = math.sqrt(at_example(rule.variance))
    measured = measured_std(rule)
    if abs(measured / predicted - 1) > tolerance:
        raise AssertionError(
            f"{rule.name}: library std {measured:.5f} differs from formula {predicted:.5f}"
        )
    return predicted, measured


def tanh_second_moment(gain: float = 1.0, points: int = 80) -> float:
    """E[tanh(gain·z)²] for z ~ N(0, 1), by Gauss–Hermite quadrature."""
    x, w = np.polynomial.hermite_e.hermegauss(points)
    return float(np.sum(w * np.tanh(gain * x) ** 2) / np.sqrt(2 * np.pi))


FIXED_POINT_LAYERS = 200


def tanh_fixed_point(gain: float, layers: int = FIXED_POINT_LAYERS) -> float:
    """Pre-activation variance q after many wide tanh layers with weights N(0, gain²/n):
    q ← gain² E[tanh(√q z)²], from q = 1."""
    q = 1.0
    for _ in range(layers):
        q = gain**2 * tanh_second_moment(math.sqrt(q))
    return q


def normal_mass_within(bound: float, variance: float) -> float:
    """P(|z| < bound) for z ~ N(0, variance)."""
    return math.erf(bound / math.sqrt(2 * variance))
