# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   initsite:
#     page: index.md
# ---

# %% [markdown]
# # Variance of a weighted sum, by simulation
#
# The [home page](../index.md) derives
# $\operatorname{Var}(z) = n \operatorname{Var}(w) \operatorname{Var}(x)$ for
# $z = \sum_{i=1}^{n} w_i x_i$ with independent, zero-mean weights and inputs. Here we draw many
# such sums and compare.

# %%
import numpy as np

rng = np.random.default_rng(0)
n, draws = 256, 20_000
var_w, var_x = 1 / n, 4.0
w = rng.normal(0.0, np.sqrt(var_w), size=(draws, n))
x = rng.normal(0.0, np.sqrt(var_x), size=(draws, n))
z = (w * x).sum(axis=1)

# %%
predicted = n * var_w * var_x
measured = z.var()
print(f"predicted n·Var(w)·Var(x) = {predicted:.3f}")
print(f"measured Var(z)           = {measured:.3f}")
assert abs(measured / predicted - 1) < 0.05

# %% [markdown]
# With $\operatorname{Var}(w) = 1/n$ the sum keeps the variance of its inputs: that is the
# whole idea of the initialization rules on this site.
