# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # He initialization at depth 30
#
# Reproduces the [He page](../he.md): a 30-layer ReLU network from He and from Xavier
# initialization. Run it from a clone of the site's repository with `scripts/` on the Python
# path (the build does this).

# %%
import numpy as np

from topics.he import experiment as ex

# %% [markdown]
# Second moment of the activations per hidden layer, relative to the first (geometric mean over
# several networks), against the prediction:

# %%
for name, moments in ex.second_moments().items():
    predicted = ex.predicted_moments(name)
    print(f"{name:16s} last layer: measured {moments[-1]:.3g}, predicted {predicted[-1]:.3g}")

# %% [markdown]
# Training both:

# %%
for name, loss in ex.training().items():
    print(f"{name:16s} cost {loss[0]:.4f} -> {loss[-1]:.4f}")
print(f"base rate (predict the fraction of positives): {ex.base_rate_loss():.4f}")
assert ex.training()["He"][-1] < 0.1 < ex.training()["Xavier (Glorot)"][-1]
