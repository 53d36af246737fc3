# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Residual streams and normalization
#
# Reproduces the [residual page](../residual.md): the variance of a residual stream at
# initialization, and a deep network trained across initial scales with and without
# normalization.

# %%
import numpy as np

from topics.residual import experiment as ex
from topics.residual import figures

# %% [markdown]
# The stream's variance after the last block, relative to the input's (geometric mean over the
# networks), against the derivations' predictions $(1 + v)^L$ and $1 + L v$:

# %%
for variant in ex.VARIANTS:
    measured = ex.stream_variances(variant)[-1]
    predicted = variant.predicted()[-1]
    print(f"{variant.name:42s} measured {measured:10.4g}   predicted {predicted:10.4g}")
    assert abs(np.log(measured / predicted)) < np.log(1.3)
assert np.all(ex.stream_runs()[ex.ZERO] == 1.0)  # a zero last layer: the stream is the input

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.stream_variance

# %% [markdown]
# The same deep network trained from initial scales of 0.1× to 10× He's, without normalization,
# with BatchNorm and with LayerNorm: the final cost per scale (the worst seed).

# %%
print("scale      " + "  ".join(f"{scale:>8g}" for scale in ex.SCALES))
for name in ex.NORMS:
    worst = np.max(ex.final_costs(name), axis=0)
    print(f"{name:10s} " + "  ".join(f"{cost:8.4f}" for cost in worst))
print(f"base rate  {ex.base_rate_loss():.4f}")
assert np.all(ex.final_costs("BatchNorm") < 0.02)
assert np.all(np.isnan(ex.final_costs("none")[:, ex.SCALES.index(10.0)]))

# %% [markdown]
# With BatchNorm the scale still sets the step size: the second layer's weights lengthen much more
# when they start small.

# %%
sweep = ex.sweep("BatchNorm")
growth = sweep.weight_norm_after / sweep.weight_norm_before
for scale, column in zip(ex.SCALES, growth.T):
    print(f"{scale:5g}×: length after / before = {column.min():.6f} … {column.max():.6f}")
assert growth[:, 0].min() > 1.1 and abs(growth[:, -1].max() - 1) < 1e-4

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.scale_sweep
