"""Numbers on the He page."""

import math

from experiments import he as ex
from sitebuild.values import value


def scientific(x: float) -> str:
    """3.73e-09 as $3.73 \\times 10^{-9}$ for the page."""
    exponent = math.floor(math.log10(abs(x)))
    return f"${x / 10**exponent:.3g} \\times 10^{{{exponent}}}$"


@value("he_layers", "{:d}")
def he_layers():
    return ex.LAYERS


@value("he_width", "{:d}")
def he_width():
    return ex.WIDTH


@value("he_moment_width", "{:d}")
def he_moment_width():
    """Width of the networks whose moments are measured (wider: less random drift)."""
    return ex.MOMENT_WIDTH


@value("he_moment_networks", "{:d}")
def he_moment_networks():
    return len(ex.SEEDS)


@value("he_steps", "{:d}")
def he_steps():
    return ex.STEPS


@value("he_final_loss", "{:.4f}")
def he_final_loss():
    return ex.training()["He"][-1]


@value("xavier_final_loss", "{:.4f}")
def xavier_final_loss():
    return ex.training()["Xavier (Glorot)"][-1]


@value("base_rate_loss", "{:.4f}")
def base_rate_loss():
    return ex.base_rate_loss()


@value("he_last_moment", "{:.3f}")
def he_last_moment():
    return ex.second_moments()["He"][-1]


@value("xavier_last_moment")
def xavier_last_moment():
    return scientific(ex.second_moments()["Xavier (Glorot)"][-1])


@value("xavier_predicted_last_moment")
def xavier_predicted_last_moment():
    return scientific(ex.predicted_moments("Xavier (Glorot)")[-1])


@value("he_halvings", "{:d}")
def he_halvings():
    """Halvings from the first to the last hidden layer."""
    return ex.LAYERS - 2
