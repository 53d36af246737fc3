"""fan_in and fan_out of a weight tensor, in PyTorch's or Keras's layout."""

from __future__ import annotations

import math
from collections.abc import Sequence


def compute_fans(shape: Sequence[int], layout: str = "torch") -> tuple[int, int]:
    """(fan_in, fan_out) of a weight of this shape.

    * ``layout="torch"``: ``(out, in, *kernel)`` as in ``torch.nn.init``; fewer than two
      dimensions is an error, as there.
    * ``layout="keras"``: ``(*kernel, in, out)`` as in ``keras.initializers``; a scalar has fans
      (1, 1) and a vector of length n has (n, n), as there.

    For a convolution kernel both fans are multiplied by the receptive field (the product of the
    kernel's spatial sizes): each output sees ``in * k_h * k_w`` inputs.
    """
    shape = tuple(int(d) for d in shape)
    if layout == "torch":
        if len(shape) < 2:
            raise ValueError(
                f"fan in and fan out need at least 2 dimensions in PyTorch's layout, got {shape}"
            )
        receptive_field = math.prod(shape[2:])
        return shape[1] * receptive_field, shape[0] * receptive_field
    if layout == "keras":
        if len(shape) == 0:
            return 1, 1
        if len(shape) == 1:
            return shape[0], shape[0]
        receptive_field = math.prod(shape[:-2])
        return shape[-2] * receptive_field, shape[-1] * receptive_field
    raise ValueError(f"unknown layout {layout!r}: use 'torch' or 'keras'")


def fan(shape: Sequence[int], mode: str, layout: str = "torch") -> float:
    """The fan a rule scales by: ``fan_in``, ``fan_out`` or ``fan_avg`` (their mean)."""
    fan_in, fan_out = compute_fans(shape, layout)
    if mode == "fan_in":
        return fan_in
    if mode == "fan_out":
        return fan_out
    if mode == "fan_avg":
        return (fan_in + fan_out) / 2
    raise ValueError(f"unknown mode {mode!r}: use 'fan_in', 'fan_out' or 'fan_avg'")
