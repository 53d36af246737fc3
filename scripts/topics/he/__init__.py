"""He initialization (docs/he.md): ReLU halves the second moment."""
