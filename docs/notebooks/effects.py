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
# Reproduces part of the [effects page](../effects.md): the same small network trained on the
# two spirals from seven starts, first seed, scored on held-out points.

# %%
from topics.effects import experiment as ex
from topics.effects import figures

print("data sets:", ", ".join(ex.DATASETS))
print("starts:", ", ".join(start.name for start in ex.STARTS))

# %% [markdown]
# Cost before and after training, training and held-out accuracy:

# %%
runs = {start.name: ex.run("spirals", start, ex.SEEDS[0]) for start in ex.STARTS}
for name, run in runs.items():
    print(
        f"{name:14s} cost {run.loss[0]:8.3f} -> {run.loss[-1]:.4f}   "
        f"accuracy {run.accuracy:.0%} (held out {run.test_accuracy:.0%})"
    )

# %% [markdown]
# The page's figures, drawn here:

# %%
display(figures.cost_curves)
display(figures.decision_boundaries)
display(figures.layer_histograms)

# %% [markdown]
# Every Xavier and He run fits the training points and nearly all held-out ones; zero and
# too-small starts learn nothing:

# %%
for start in ex.CONTROLLED:
    assert runs[start.name].accuracy == 1.0 and runs[start.name].test_accuracy > 0.95
for start in (ex.ZERO, ex.SMALL):
    assert abs(runs[start.name].loss[-1] - ex.base_rate_loss()) < 1e-4
