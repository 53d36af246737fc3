# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # Orthogonal initialization and dynamical isometry
#
# Reproduces the [orthogonal page](../orthogonal.md): the singular values of a deep network's
# Jacobian from Gaussian and from orthogonal weights, the fixed point of tanh layers, and a deep
# linear network trained from each.

# %%
import numpy as np

from topics.orthogonal import experiment as ex
from topics.orthogonal import figures

# %% [markdown]
# ## The spectrum
#
# The fraction of singular values within a factor of 2 of 1, pooled over the networks:

# %%
cases = [("linear", 1.0)] + [("tanh", gain) for gain in ex.TABLE_GAINS]
for activation, gain in cases:
    for kind in ex.KINDS:
        near = [ex.fraction_near_one(kind, activation, gain, depth) for depth in ex.DEPTHS]
        cells = "  ".join(f"depth {d}: {f:4.0%}" for d, f in zip(ex.DEPTHS, near))
        print(f"{activation:6s} gain {gain:.3f}  {kind:10s}  {cells}")

# %% [markdown]
# Orthogonal linear layers: every singular value is 1, up to rounding.

# %%
worst = max(np.max(np.abs(s - 1)) for s in ex.spectra("orthogonal", "linear").values())
print(f"largest |sigma - 1| over all depths: {worst:.1e}")
assert worst < 1e-12

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.spectra

# %% [markdown]
# ## Gaussian layers: the moments of the squared singular values
#
# The mean of $\sigma^2$ is 1 in expectation; the mean of $\sigma^4$ follows the derivation's
# recursion. A direct check at a small width, where many networks are cheap:

# %%
rng = np.random.default_rng(0)
n, depth, draws = 8, 3, 20_000
J = np.broadcast_to(np.eye(n), (draws, n, n))
for _ in range(depth):
    J = rng.normal(0, 1 / np.sqrt(n), (draws, n, n)) @ J
M = np.swapaxes(J, 1, 2) @ J
mean_square = np.trace(M, axis1=1, axis2=2).mean() / n
fourth = np.einsum("bij,bji->b", M, M).mean() / n
print(f"mean of sigma^2: {mean_square:.3f} (expected 1)")
print(f"mean of sigma^4: {fourth:.3f} (recursion {ex.gaussian_fourth_moment(depth, n):.3f})")
assert abs(mean_square - 1) < 0.03 and abs(fourth / ex.gaussian_fourth_moment(depth, n) - 1) < 0.05

# %% [markdown]
# ## tanh: the fixed point and the slope there

# %%
for gain in ex.TABLE_GAINS:
    print(
        f"gain {gain:.3f}: q* = {ex.fixed_point(gain):.4g} "
        f"(small-q approximation {ex.approximate_fixed_point(gain):.4g}), "
        f"chi = {ex.slope(gain):.4f}"
    )
    q = ex.fixed_point(gain)
    assert abs(ex.variance_map(q, gain) - q) < 1e-12

# %% [markdown]
# ## Training a deep linear network
#
# Steps until the cost is below 1% of its start (inf: not within the budget):

# %%
for depth in ex.TRAIN_DEPTHS:
    steps = ex.steps_to_level(depth)
    for kind, row in zip(ex.KINDS, steps):
        print(f"depth {depth:3d}  {kind:10s}  {row}")
assert all(np.all(np.isfinite(ex.steps_to_level(d)[1])) for d in ex.TRAIN_DEPTHS)
assert np.all(np.isinf(ex.steps_to_level(ex.TRAIN_DEPTHS[-1])[0]))

# %% [markdown]
# The page's figure, drawn here:

# %%
figures.training
