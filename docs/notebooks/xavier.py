# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # The Xavier derivation, checked by simulation
#
# Reproduces the evidence on the [Xavier page](../xavier.md): a deep tanh network under the
# "standard" $U(\pm 1/\sqrt n)$ initialization and under Glorot's normalized one.

# %%
import numpy as np

from topics.xavier import experiment as ex
from topics.xavier import figures

snaps = ex.snapshots()

# %% [markdown]
# The forward step of the derivation, $\operatorname{Var}(z^{[l]}) = n \operatorname{Var}(W)\,
# \mathbb E[(a^{[l-1]})^2]$, against the measurement, layer by layer:

# %%
for name, snap in snaps.items():
    print(name)
    for layer, (measured, predicted, linear) in enumerate(ex.layer_variances(snap), 1):
        print(f"  layer {layer}: measured {measured:.4f}  predicted {predicted:.4f}  "
              f"linear regime {linear:.4f}")
        assert abs(measured / predicted - 1) < 0.05

# %% [markdown]
# The page's figures, drawn here:

# %%
display(figures.layer_histograms)
display(figures.layer_variance)

# %% [markdown]
# Back-propagated gradients: variance of $\partial C / \partial a^{[l]}$ per hidden layer,
# relative to the last hidden layer.

# %%
for name, snap in snaps.items():
    g = np.array(ex.gradient_variances(snap))
    print(f"{name:22s}", np.array2string(g / g[-1], precision=3))

# %% [markdown]
# Sigmoid activations are not centred:

# %%
sigmoid = ex.snapshots("sigmoid")["normalized (Glorot)"]
print("mean activation per layer:", [round(float(a.mean()), 3) for a in sigmoid.a[1:-1]])
