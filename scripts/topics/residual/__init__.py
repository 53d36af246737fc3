"""Residual networks and normalization (docs/residual.md): the residual stream's variance, its
remedies, and how normalization takes the initial scale out of the forward pass."""
