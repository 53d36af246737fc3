"""The Xavier derivation (docs/xavier.md): forward, backward, Glorot's compromise."""
