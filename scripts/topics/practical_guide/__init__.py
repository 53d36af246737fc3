"""A practical guide (docs/practical-guide.md): which initialization for which network."""
