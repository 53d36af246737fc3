"""Exploding and vanishing (docs/exploding-vanishing.md): the product of layers."""
