"""Experiments shared by figures, values and notebooks (each module is one page's experiment)."""
