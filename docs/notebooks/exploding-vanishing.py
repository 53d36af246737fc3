# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # exploding-vanishing
#
# This notebook is being written.

# %%
print("placeholder")
