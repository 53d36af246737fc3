# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Exploding and vanishing: the product of layers
#
# Reproduces the [exploding-and-vanishing page](../exploding-vanishing.md).

# %%
import numpy as np

from topics.exploding_vanishing import experiment as ex
from topics.exploding_vanishing import figures

# %% [markdown]
# ## The deep linear network, $W = kI$
#
# The output is $k^{L-1}$ times what the output layer alone gives:

# %%
for k in ex.SCALES:
    norms = ex.layer_norms(k)
    print(f"k = {k:3}: |a| per layer = {np.array2string(norms, precision=4)}")
    assert np.isclose(norms[-1], k ** (ex.LAYERS - 1) * 2.0)

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.deep_linear_activations

# %% [markdown]
# The gradients of every layer are scaled the same way:

# %%
for k in ex.SCALES:
    print(f"k = {k:3}: |dC/dW| per layer = {np.array2string(ex.gradient_norms(k), precision=4)}")

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.deep_linear_gradients

# %% [markdown]
# ## Training from each start

# %%
for k, loss in ex.training_curves().items():
    finite = loss[np.isfinite(loss)]
    print(f"k = {k:3}: cost {loss[0]:.4g} -> {finite[-1]:.4g} after {len(finite) - 1} finite steps")

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.deep_linear_training

# %% [markdown]
# ## Random Gaussian layers, variance $c/n$

# %%
logs = ex.random_log_norms("identity")
for c, values in logs.items():
    mean = values.mean(axis=0)
    print(f"c = {c:3}: mean log-norm at layer {ex.DEPTH} = {mean[-1]:7.2f}, "
          f"predicted {ex.predicted_slope(c) * ex.DEPTH:7.2f}, "
          f"spread {values.std(axis=0)[-1]:.2f}")

# %% [markdown]
# The page's figures, drawn here:

# %%
display(figures.random_depth_norms)
display(figures.random_depth_activations)
