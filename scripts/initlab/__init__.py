"""initlab: weight initializers with the semantics of PyTorch and Keras, and a small NumPy MLP.

One implementation for every page, figure, notebook and test of the site. Initializers take a
shape and a ``numpy.random.Generator`` (keyword ``rng``) and return a float64 array. Shapes follow
PyTorch's layout, ``(out, in, *kernel)``, except :func:`variance_scaling`, which follows Keras
(``(*kernel, in, out)``) unless told otherwise.
"""

from initlab.fans import compute_fans
from initlab.gains import calculate_gain
from initlab.initializers import (
    INITIALIZER_NAMES,
    NAMED_RULES,
    by_name,
    constant,
    kaiming_normal,
    kaiming_uniform,
    lecun_normal,
    lecun_uniform,
    named_rule,
    normal,
    orthogonal,
    trunc_normal,
    uniform,
    variance_scaling,
    xavier_normal,
    xavier_uniform,
    zeros,
)
from initlab.truncated_normal import TRUNCATED_STD_CORRECTION, truncated_normal_std

__all__ = [
    "INITIALIZER_NAMES",
    "NAMED_RULES",
    "TRUNCATED_STD_CORRECTION",
    "by_name",
    "calculate_gain",
    "compute_fans",
    "constant",
    "kaiming_normal",
    "kaiming_uniform",
    "lecun_normal",
    "lecun_uniform",
    "named_rule",
    "normal",
    "orthogonal",
    "trunc_normal",
    "truncated_normal_std",
    "uniform",
    "variance_scaling",
    "xavier_normal",
    "xavier_uniform",
    "zeros",
]
