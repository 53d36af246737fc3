"""Why initialization matters (docs/index.md): the variance of a weighted sum, and tanh near 0."""
