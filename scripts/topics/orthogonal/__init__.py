"""Orthogonal initialization and dynamical isometry (docs/orthogonal.md): every singular value
of the Jacobian at 1."""
