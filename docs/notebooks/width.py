# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # A width sweep: SP and µP
#
# Reproduces the [width page](../width.md): the same small MLP at several widths, in standard
# parametrization (one learning rate for every layer) and in µP (per-layer initial scales and
# learning rates), trained over a grid of learning rates.

# %%
import numpy as np

from topics.width import experiment as ex
from topics.width import figures

# %% [markdown]
# The per-layer rules at each width: initial standard deviation multiplier (times He's rule for
# the hidden layers, LeCun's for the output) and learning-rate multipliers.

# %%
for width in ex.WIDTHS:
    layout = ex.layout("µP", width)
    print(f"µP, n = {width:3d}: std × {np.round(layout.std, 4)}, "
          f"weight rate × {np.round(layout.weight_rate, 4)}, bias rate × {layout.bias_rate}")

# %% [markdown]
# The best learning rate (log₂) and its final cost, per width:

# %%
for name in ex.PARAMETRIZATIONS:
    for width in ex.WIDTHS:
        best = ex.best_rate(name, width)
        print(f"{name:2s} n = {width:3d}: best rate 2^{np.log2(best):+.0f}, "
              f"cost {ex.best_cost(name, width):.4f}, "
              f"largest stable 2^{np.log2(ex.largest_stable_rate(name, width)):+.0f}")
sp = [ex.best_rate("SP", width) for width in ex.WIDTHS]
mup = [ex.best_rate("µP", width) for width in ex.WIDTHS]
assert sp[0] / sp[-1] >= 8 and max(mup) / min(mup) <= 2

# %% [markdown]
# The page's figures, drawn here:

# %%
display(figures.rate_sweep)
display(figures.best_rates)
