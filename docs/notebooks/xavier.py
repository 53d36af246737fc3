# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # xavier
#
# This notebook is being written.

# %%
print("placeholder")
