"""Initializers with the names, defaults and semantics of ``torch.nn.init`` (no trailing
underscore: they return a new array), plus LeCun's rules, Keras's ``VarianceScaling`` and the
named rules Keras and JAX make of it.

Every initializer is ``f(shape, ..., *, rng) -> np.ndarray``; shapes are PyTorch's
``(out, in, *kernel)`` except for :func:`variance_scaling` (Keras's layout by default).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from initlab import truncated_normal
from initlab.fans import compute_fans, fan
from initlab.gains import calculate_gain

Shape = Sequence[int] | int


def _shape(shape: Shape) -> tuple[int, ...]:
    return (int(shape),) if isinstance(shape, (int, np.integer)) else tuple(int(d) for d in shape)


def zeros(shape: Shape, *, rng: np.random.Generator | None = None) -> np.ndarray:
    """All zeros (``torch.nn.init.zeros_``)."""
    return np.zeros(_shape(shape))


def constant(shape: Shape, val: float, *, rng: np.random.Generator | None = None) -> np.ndarray:
    """Every entry ``val`` (``torch.nn.init.constant_``)."""
    return np.full(_shape(shape), float(val))


def normal(
    shape: Shape, mean: float = 0.0, std: float = 1.0, *, rng: np.random.Generator
) -> np.ndarray:
    """N(mean, std²) (``torch.nn.init.normal_``)."""
    return rng.normal(mean, std, size=_shape(shape))


def uniform(
    shape: Shape, a: float = 0.0, b: float = 1.0, *, rng: np.random.Generator
) -> np.ndarray:
    """U(a, b) (``torch.nn.init.uniform_``)."""
    return rng.uniform(a, b, size=_shape(shape))


def xavier_uniform(shape: Shape, gain: float = 1.0, *, rng: np.random.Generator) -> np.ndarray:
    """Glorot & Bengio (2010): U(−b, b), b = gain·√(6 / (fan_in + fan_out))."""
    fan_in, fan_out = compute_fans(_shape(shape))
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-bound, bound, size=_shape(shape))


def xavier_normal(shape: Shape, gain: float = 1.0, *, rng: np.random.Generator) -> np.ndarray:
    """Glorot & Bengio (2010): N(0, σ²), σ = gain·√(2 / (fan_in + fan_out))."""
    fan_in, fan_out = compute_fans(_shape(shape))
    return rng.normal(0.0, gain * math.sqrt(2.0 / (fan_in + fan_out)), size=_shape(shape))


def _kaiming_std(shape, a, mode, nonlinearity) -> float:
    return calculate_gain(nonlinearity, a) / math.sqrt(fan(shape, mode))


def kaiming_uniform(
    shape: Shape,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    *,
    rng: np.random.Generator,
) -> np.ndarray:
    """He et al. (2015): U(−b, b), b = √3·gain/√fan, gain from ``nonlinearity`` and slope ``a``."""
    shape = _shape(shape)
    bound = math.sqrt(3.0) * _kaiming_std(shape, a, mode, nonlinearity)
    return rng.uniform(-bound, bound, size=shape)


def kaiming_normal(
    shape: Shape,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    *,
    rng: np.random.Generator,
) -> np.ndarray:
    """He et al. (2015): N(0, σ²), σ = gain/√fan, gain from ``nonlinearity`` and slope ``a``."""
    shape = _shape(shape)
    return rng.normal(0.0, _kaiming_std(shape, a, mode, nonlinearity), size=shape)


def trunc_normal(
    shape: Shape,
    mean: float = 0.0,
    std: float = 1.0,
    a: float = -2.0,
    b: float = 2.0,
    *,
    rng: np.random.Generator,
) -> np.ndarray:
    """N(mean, std²) kept inside [a, b], absolute bounds (``torch.nn.init.trunc_normal_``)."""
    return truncated_normal.sample(_shape(shape), mean, std, a, b, rng)


def orthogonal(shape: Shape, gain: float = 1.0, *, rng: np.random.Generator) -> np.ndarray:
    """A (semi-)orthogonal matrix times ``gain`` (``torch.nn.init.orthogonal_``, Saxe et al. 2013).

    The weight is flattened to (rows, rest); the Q of the QR decomposition of a Gaussian matrix,
    with signs fixed by R's diagonal, is uniformly distributed over orthogonal matrices.
    """
    shape = _shape(shape)
    if len(shape) < 2:
        raise ValueError(f"orthogonal needs at least 2 dimensions, got {shape}")
    rows, cols = shape[0], math.prod(shape[1:])
    flat = rng.normal(0.0, 1.0, size=(rows, cols))
    if rows < cols:
        flat = flat.T
    q, r = np.linalg.qr(flat)
    q *= np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return gain * q.reshape(shape)


def variance_scaling(
    shape: Shape,
    scale: float = 1.0,
    mode: str = "fan_in",
    distribution: str = "truncated_normal",
    *,
    rng: np.random.Generator,
    layout: str = "keras",
) -> np.ndarray:
    """Keras's ``VarianceScaling``: variance ``scale / fan`` whatever the distribution.

    ``truncated_normal`` cuts at ±2σ and divides σ by the truncated unit normal's standard
    deviation (:data:`initlab.TRUNCATED_STD_CORRECTION`), so the kept samples have the intended
    variance; ``untruncated_normal`` is plain N(0, scale/fan); ``uniform`` is U(±√(3·scale/fan)).
    """
    shape = _shape(shape)
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    variance = scale / max(1.0, fan(shape, mode, layout))
    if distribution == "truncated_normal":
        std = math.sqrt(variance) / truncated_normal.TRUNCATED_STD_CORRECTION
        return truncated_normal.sample(shape, 0.0, std, -2.0 * std, 2.0 * std, rng)
    if distribution == "untruncated_normal":
        return rng.normal(0.0, math.sqrt(variance), size=shape)
    if distribution == "uniform":
        limit = math.sqrt(3.0 * variance)
        return rng.uniform(-limit, limit, size=shape)
    raise ValueError(
        f"unknown distribution {distribution!r}: use 'truncated_normal', "
        "'untruncated_normal' or 'uniform'"
    )


# Keras's and JAX's named initializers, each a VarianceScaling: (scale, mode, distribution).
# Their normals are truncated at ±2σ (Keras 3 and jax.nn.initializers agree).
NAMED_RULES = {
    "glorot_normal": (1.0, "fan_avg", "truncated_normal"),
    "glorot_uniform": (1.0, "fan_avg", "uniform"),
    "he_normal": (2.0, "fan_in", "truncated_normal"),
    "he_uniform": (2.0, "fan_in", "uniform"),
    "lecun_normal": (1.0, "fan_in", "truncated_normal"),
    "lecun_uniform": (1.0, "fan_in", "uniform"),
}


def named_rule(name: str) -> tuple[float, str, str]:
    """``(scale, mode, distribution)`` of :func:`variance_scaling` behind a named initializer,
    called as Keras's class (``GlorotUniform``) or as Keras's alias and JAX's function
    (``glorot_uniform``)."""
    key = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).lower()
    if key not in NAMED_RULES:
        raise ValueError(f"unknown named initializer {name!r}: use one of {sorted(NAMED_RULES)}")
    return NAMED_RULES[key]


def lecun_normal(shape: Shape, *, rng: np.random.Generator) -> np.ndarray:
    """LeCun et al. (1998): variance 1/fan_in; truncated normal, as Keras's ``LecunNormal``."""
    return variance_scaling(shape, *NAMED_RULES["lecun_normal"], rng=rng, layout="torch")


def lecun_uniform(shape: Shape, *, rng: np.random.Generator) -> np.ndarray:
    """LeCun et al. (1998): U(±√(3/fan_in)), variance 1/fan_in, as Keras's ``LecunUniform``."""
    return variance_scaling(shape, *NAMED_RULES["lecun_uniform"], rng=rng, layout="torch")


INITIALIZER_NAMES = (
    "zeros", "constant", "normal", "uniform", "xavier_uniform", "xavier_normal",
    "kaiming_uniform", "kaiming_normal", "trunc_normal", "orthogonal", "variance_scaling",
    "lecun_normal", "lecun_uniform",
)  # fmt: skip


def by_name(name: str):
    """The initializer called ``name``; an unknown name lists the known ones."""
    if name not in INITIALIZER_NAMES:
        raise ValueError(f"unknown initializer {name!r}: use one of {sorted(INITIALIZER_NAMES)}")
    return globals()[name]
