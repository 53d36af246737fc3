# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # He initialization in a deep ReLU network
#
# Reproduces the [He page](../he.md): a deep ReLU network (its depth is printed below) from He and
# from Xavier initialization.

# %%
import numpy as np

from topics.he import experiment as ex
from topics.he import figures

# %% [markdown]
# Second moment of the activations per hidden layer, relative to the first (geometric mean over
# several networks), against the prediction:

# %%
print(f"{ex.LAYERS} weight layers, {ex.MOMENT_WIDTH} units wide, {len(ex.SEEDS)} networks averaged")
for name, moments in ex.second_moments().items():
    predicted = ex.predicted_moments(name)
    print(f"{name:16s} last layer: measured {moments[-1]:.3g}, predicted {predicted[-1]:.3g}")

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.layer_moments

# %% [markdown]
# Training both, from several seeds:

# %%
curves = ex.training()
for name, losses in curves.items():
    for seed, loss in zip(ex.TRAIN_SEEDS, losses):
        print(f"{name:16s} seed {seed}: cost {loss[0]:.4f} -> {loss[-1]:.4f}")
print(f"base rate (predict the fraction of positives): {ex.base_rate_loss():.4f}")
assert all(loss[-1] < 0.1 < other[-1] for loss, other in zip(*curves.values()))

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.training
