# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Which initialization for which network
#
# Reproduces the [practical guide](../practical-guide.md): the gain that keeps unit variance for
# each activation, the slope of the variance map that decides whether a deep network stays
# there, the frameworks' defaults in a deep ReLU network, and the three bias examples.

# %%
import math

import numpy as np

from topics.practical_guide import experiment as ex
from topics.practical_guide import figures

# %% [markdown]
# The gain $g = 1/\sqrt{\mathbb E[\varphi(u)^2]}$ for $u \sim \mathcal N(0, 1)$, PyTorch's
# recorded `calculate_gain`, and the slope $F'(1)$ of the variance map at that gain:

# %%
for name, activation in ex.ACTIVATIONS.items():
    torch = ex.torch_gain(activation.torch)
    slope = ex.map_slope(name)
    shown = "none" if torch is None else f"{torch:.4f}"
    print(f"{activation.name:18s} E[phi^2] {ex.second_moment(name):.4f}  gain {ex.gain(name):.4f}"
          f"  torch {shown:>6s}  F'(1) {slope:.3f} ({ex.stability(slope)})")  # fmt: skip
assert math.isclose(ex.gain("relu"), math.sqrt(2)) and math.isclose(ex.gain("selu"), 1, rel_tol=1e-9)
assert ex.map_slope("gelu") > 1 > ex.map_slope("tanh")

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.variance_maps

# %% [markdown]
# Deep networks at those gains: the variance of the last layer, per seed.

# %%
print(f"{ex.SIM_DEPTH} layers of {ex.SIM_WIDTH} units")
for name, rows in ex.depth_runs().items():
    print(f"{name:12s}", ", ".join(f"{row[-1]:8.3g}" for row in rows))
assert all(0.6 < row.min() and row.max() < 1.6 for row in ex.depth_runs()["tanh"])

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.depth_runs

# %% [markdown]
# The frameworks' defaults in a deep ReLU network: second moment at the last hidden layer,
# measured (mean over seeds) and predicted.

# %%
print(f"{ex.DEFAULTS_DEPTH} hidden layers of {ex.DEFAULTS_WIDTH} units")
for name, rows in ex.default_runs().items():
    predicted = ex.predicted_default_moments(name)[-1]
    print(f"{name:22s} measured {rows[:, -1].mean():.3g}, predicted {predicted:.3g}")
print(f"PyTorch's bias floor 2/(5n) = {ex.bias_floor():.3g}")

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.framework_defaults

# %% [markdown]
# The output bias of an imbalanced classifier: first and last costs from bias 0 and from the log
# prior, against the base rate.

# %%
print(f"positives {ex.positive_fraction():.1%}, log prior {ex.log_prior():.3f}, "
      f"base rate {ex.base_rate_loss():.4f}")  # fmt: skip
for name, rows in ex.imbalanced_training().items():
    print(f"{name:22s}", "; ".join(f"{loss[0]:.3f} -> {loss[-1]:.3f}" for loss in rows))
assert np.all(ex.imbalanced_training()["output bias log prior"][:, 0] < 1.03 * ex.base_rate_loss())

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.imbalanced_costs

# %% [markdown]
# The forget gate: memory kept per step in a random LSTM cell against $\sigma(b)$.

# %%
for bias, rows in ex.lstm_memory().items():
    per_step = rows[:, -1] ** (1 / ex.LSTM_STEPS)
    print(f"b = {bias:g}: sigma(b) = {ex.sigmoid(bias):.3f}, measured", np.round(per_step, 3))

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.forget_memory
