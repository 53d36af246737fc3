"""Symmetry (docs/symmetry.md): why constant initialization cannot break it."""
