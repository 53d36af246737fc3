"""Why sigmoid networks vanish (docs/sigmoid-jacobians.md): the slope's bound and the Jacobians."""
