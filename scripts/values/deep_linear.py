"""Numbers of the deep linear network: the signal scales as w^(L-1) through L-1 hidden layers."""

from sitebuild.values import value

LAYERS = 10  # L: the output layer W^[L] plus L - 1 = 9 identical hidden layers


@value("hidden_layers", "{:d}")
def hidden_layers():
    """How many identical hidden layers multiply the input."""
    return LAYERS - 1


@value("growth_1_5", "{:.2f}")
def growth_1_5():
    """1.5^(L-1): how much W = 1.5 I multiplies the input."""
    return 1.5 ** (LAYERS - 1)


@value("shrink_0_5", "{:.5f}")
def shrink_0_5():
    """0.5^(L-1): how much W = 0.5 I multiplies the input."""
    return 0.5 ** (LAYERS - 1)
