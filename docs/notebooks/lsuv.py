# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Data-dependent initialization: LSUV
#
# Reproduces the [LSUV page](../lsuv.md): LSUV on deep tanh, ReLU and SiLU networks against
# LeCun's, Xavier's and He's rules, the scale it finds, and what it costs.

# %%
import numpy as np

from topics.lsuv import experiment as ex
from topics.lsuv import figures

# %% [markdown]
# ## LSUV on one network
#
# An orthogonal start, a batch, and the loop, measuring each layer's variance before its
# activation (`after=False`; `True` measures the activation's output); the variance each layer
# ends with on the batch, and how many rescalings it took:

# %%
run = ex.lsuv(ex.weights("LSUV", 0), ex.batch(0), "SiLU", after=False)
print("rescalings per layer:", run.iterations)
print("variance on the batch:", np.round(run.variances, 4))
assert all(abs(v - 1) < ex.TOLERANCE for v in run.variances)

# %% [markdown]
# ## Every rule on new inputs
#
# The variance of the last layer's pre-activations on inputs LSUV has not seen (geometric mean
# over the networks):

# %%
for activation in ex.ACTIVATIONS:
    cells = "  ".join(
        f"{rule}: {ex.geometric_mean(ex.variances(activation, rule))[-1]:9.3g}" for rule in ex.NAMES
    )
    print(f"{activation:5s} {cells}")
assert abs(ex.geometric_mean(ex.variances("tanh", "LSUV"))[-1] - 1) < 0.03

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.layer_variances

# %% [markdown]
# ## The scale LSUV finds, against quadrature
#
# At the second layer the pre-activations below are exactly normal, so LSUV's squared scale
# should be $1/\mathbb E[g(u)^2]$:

# %%
for activation in ex.ACTIVATIONS:
    found = ex.squared_scales(activation)[:, 1]
    target = ex.keeping_gain_squared(activation)
    print(f"{activation:5s} quadrature {target:.4f}  LSUV {np.round(found, 4)}")
    assert np.allclose(found, target, rtol=0.01)

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.found_gains

# %% [markdown]
# ## What it costs

# %%
for activation in ex.ACTIVATIONS:
    for after in (False, True):
        runs = ex.lsuv_runs(activation, after)
        where = "after " if after else "before"
        evaluations = [r.layer_evaluations_from_input for r in runs]
        print(
            f"{activation:5s} measured {where} the activation: "
            f"measurements {[r.measurements for r in runs]}, "
            f"full passes from the input {[e / ex.LAYERS for e in evaluations]}"
        )
