# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Why sigmoid networks vanish
#
# Reproduces the [sigmoid page](../sigmoid-jacobians.md): the per-layer gradient norms of deep
# sigmoid, tanh and ReLU networks against the variance recursion, and the singular values of the
# input-output Jacobian at a few depths.

# %%
import math

import numpy as np

from topics.sigmoid_jacobians import experiment as ex
from topics.sigmoid_jacobians import figures

# %% [markdown]
# The sigmoid's slope peaks at 1/4; at the variance a wide Xavier network settles at, its mean
# square is close to the bound's 1/16.

# %%
z = np.linspace(-8, 8, 16001)
print(f"max sigma'(z) = {ex.sigmoid_slope(z).max():.6f} at z = {z[np.argmax(ex.sigmoid_slope(z))]:g}")
q, chi = ex.sigmoid_fixed_point(), ex.sigmoid_backward_factor()
print(f"fixed point q* = {q:.4f}, E[sigma'(z)^2] there = {chi:.4f} (1/16 = {1 / 16:.4f})")
assert chi < 1 / 16

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.slopes

# %% [markdown]
# Gradient norms per hidden layer: the first layer's over the last's, and the fitted per-layer
# factor, against the predicted $\sqrt{\mathbb E[\sigma'(z)^2]}$.

# %%
for name, rows in ex.gradient_norms().items():
    ratios = ", ".join(f"{row[0] / row[-1]:.2g}" for row in rows)
    factors = ", ".join(f"{ex.per_layer_factor(row):.3f}" for row in rows)
    print(f"{name:16s} first/last {ratios}; per layer {factors}")
print(f"predicted sigmoid factor {math.sqrt(chi):.3f}")

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.gradient_norms

# %% [markdown]
# The Jacobian's largest singular value against its bound, and its mean square against the
# product of the per-layer factors (seed 0).

# %%
for (activation, depth, seed), jac in ex.jacobians().items():
    if seed == 0:
        predicted = ex.predicted_mean_square(activation, depth)
        print(f"{activation:8s} L = {depth:2d}: largest {jac.singular_values[0]:.3g} "
              f"(bound {jac.bound(activation):.3g}), mean square {jac.mean_square:.3g} "
              f"(predicted {predicted:.3g})")  # fmt: skip
        assert jac.singular_values[0] < jac.bound(activation)

# %% [markdown]
# The page's figures, drawn here:

# %%
display(figures.jacobian_spectra)
display(figures.jacobian_depths)
