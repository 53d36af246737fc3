# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # he
#
# This notebook is being written.

# %%
print("placeholder")
