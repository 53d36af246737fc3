# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # The effects of initialization
#
# Reproduces the [effects page](../effects.md): the same small network trained from five
# starts on four data sets. Run it from a clone of the site's repository with `scripts/` on the
# Python path (the build does this).

# %%
from topics.effects import experiment as ex

print("data sets:", ", ".join(ex.DATASETS))
print("starts:", ", ".join(ex.SETUPS))

# %% [markdown]
# Final cost and accuracy on the spirals:

# %%
for name, run in ex.runs("spirals").items():
    print(f"{name:24s} cost {run.loss[0]:8.3f} -> {run.loss[-1]:.4f}   accuracy {run.accuracy:.0%}")

# %% [markdown]
# Xavier and He reach a perfect fit of the training points; zero and too-small starts do not
# move:

# %%
runs = ex.runs("spirals")
assert runs["Xavier, tanh"].accuracy > 0.95 and runs["He, ReLU"].accuracy > 0.95
assert runs["zero"].accuracy < 0.6 and runs["too small (σ = 0.001)"].accuracy < 0.6
