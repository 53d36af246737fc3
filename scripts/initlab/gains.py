"""The gains of torch.nn.init.calculate_gain: the factor a rule multiplies its std by."""

from __future__ import annotations

import math

LINEAR = ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
          "conv_transpose3d", "identity")  # fmt: skip
DEFAULT_LEAKY_SLOPE = 0.01


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """Gain for a nonlinearity, as PyTorch defines it.

    linear and conv layers and sigmoid: 1; tanh: 5/3; relu: √2; leaky_relu with negative slope
    ``param`` (default 0.01): √(2 / (1 + param²)); selu: 3/4.
    """
    if nonlinearity in LINEAR or nonlinearity == "sigmoid":
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3.0
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = DEFAULT_LEAKY_SLOPE
        elif isinstance(param, (int, float)) and not isinstance(param, bool):
            slope = float(param)
        else:
            raise ValueError(f"negative slope {param!r} is not a valid number")
        return math.sqrt(2.0 / (1.0 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4.0
    raise ValueError(f"unsupported nonlinearity {nonlinearity!r}")
