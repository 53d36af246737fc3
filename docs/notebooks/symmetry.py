# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # symmetry
#
# This notebook is being written.

# %%
print("placeholder")
