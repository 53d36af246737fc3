"""Derivations shown on the site. Each module defines top-level `Derivation` objects by name."""
