# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Symmetry: constant versus random initialization
#
# Reproduces the experiment of the [symmetry page](../symmetry.md): a small tanh network is
# trained from weights that all equal a constant $\alpha$ and from random weights, and we watch
# the hidden units.

# %%
import numpy as np

import initlab
from topics.symmetry import experiment as ex
from topics.symmetry import figures
from initlab.network import MLP

X, y = ex.circle_data()
print(X.shape, y.mean())

# %% [markdown]
# Train the same network twice. `snapshot` records the hidden layer's weight matrix (one row per
# hidden unit) every few steps.

# %%
runs = ex.runs()
for name, run in runs.items():
    print(f"{name:8s} cost {run.loss[0]:.3f} -> {run.loss[-1]:.3f}, "
          f"largest difference between hidden units: {run.largest_unit_difference:g}")

# %% [markdown]
# From the constant start, every row of the first weight matrix is the same row:

# %%
print(runs["constant"].net.weights[0])
assert runs["constant"].largest_unit_difference == 0.0

# %% [markdown]
# The page's figures, drawn here:

# %%
display(figures.hidden_weights)
display(figures.unit_maps)

# %% [markdown]
# From all-zero weights with ReLU, only the output bias receives a gradient:

# %%
net = MLP(ex.WIDTHS, "relu", "sigmoid", "zeros", np.random.default_rng(0))
grads = net.backward(net.forward(X), y, "bce")
for layer, (gw, gb) in enumerate(zip(grads.weights, grads.biases)):
    print(f"layer {layer + 1}: |dW| max = {np.abs(gw).max():g}, |db| max = {np.abs(gb).max():g}")

# %% [markdown]
# And a random start with the same scale as the page, for comparison:

# %%
w = initlab.normal((4, 2), 0.0, ex.RANDOM_STD, rng=np.random.default_rng(1))
print(w)
