"""Numbers on the He page."""

from sitebuild.authoring import scientific, value
from sitebuild.authoring.derivation import assumption_list
from topics.he import derivations as d
from topics.he import experiment as ex


@value("{:d}")
def layers():
    return ex.LAYERS


@value("{:d}")
def width():
    return ex.WIDTH


@value("{:d}")
def moment_width():
    """Width of the networks whose moments are measured (wider: less random drift)."""
    return ex.MOMENT_WIDTH


@value("{:d}")
def moment_networks():
    return len(ex.SEEDS)


@value("{:d}")
def steps():
    return ex.STEPS


@value("{:.4f}")
def he_final_loss():
    """The highest final cost over the seeds trained from He initialization."""
    return max(loss[-1] for loss in ex.training()["He"])


@value("{:.4f}")
def xavier_final_loss():
    """The lowest final cost over the seeds trained from Xavier initialization."""
    return min(loss[-1] for loss in ex.training()["Xavier (Glorot)"])


@value("{:d}")
def train_seeds():
    return len(ex.TRAIN_SEEDS)


@value("{:.4f}")
def base_rate_loss():
    return ex.base_rate_loss()


@value("{:.3f}")
def he_last_moment():
    return ex.second_moments()["He"][-1]


@value()
def xavier_last_moment():
    return scientific(ex.second_moments()["Xavier (Glorot)"][-1], 3)


@value()
def xavier_predicted_last_moment():
    return scientific(ex.predicted_moments("Xavier (Glorot)")[-1], 3)


@value("{:d}")
def halvings():
    """Halvings from the first to the last hidden layer."""
    return ex.LAYERS - 2


@value()
def assumptions():
    """Every assumption of the page's derivations, from the objects the checks apply."""
    return assumption_list(d.relu_second_moment, d.he_condition, d.leaky_relu, d.he_fan_modes)
