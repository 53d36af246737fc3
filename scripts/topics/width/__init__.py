"""Width: the µP view, briefly (docs/width.md): why standard parametrization's best learning rate
moves with width and µP's does not."""
