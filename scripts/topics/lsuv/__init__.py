"""Data-dependent initialization: LSUV (docs/lsuv.md): unit variance, layer by layer, measured."""
