"""The figures of the He page."""

import numpy as np
from matplotlib.figure import Figure

from sitebuild.authoring import figure
from topics.he import experiment as ex

LAYER_MOMENTS_CAPTION = (
    f"$\\mathbb E[(a^{{[l]}})^2]$ relative to the first hidden layer, {ex.LAYERS - 1} ReLU layers "
    f"of width {ex.MOMENT_WIDTH} (geometric mean over {len(ex.SEEDS)} networks). Lines: the "
    "derivation's prediction, constant for He and halving at each layer for Xavier. "
    "{{ claim moments_follow_prediction }}"
)


@figure(caption=LAYER_MOMENTS_CAPTION)
def layer_moments():
    """Second moment of the activations through 30 ReLU layers, He against Xavier."""
    moments = ex.second_moments()
    fig = Figure(figsize=(7, 3.8), layout="constrained")
    ax = fig.subplots()
    parts = []
    for index, (name, values) in enumerate(moments.items()):
        layers = np.arange(1, len(values) + 1)
        ax.semilogy(layers, values, "o", color=f"C{index}", ms=5, label=f"{name}: measured")
        ax.semilogy(layers, ex.predicted_moments(name), "-", color=f"C{index}", lw=1)
        parts.append(
            f"{name} ends at {values[-1]:.3g} (predicted {ex.predicted_moments(name)[-1]:.3g})"
        )
    ax.set_xlabel("hidden layer $l$")
    ax.set_ylabel("relative second moment")
    ax.legend()
    alt = "Log-scale plot of activation second moment per layer: " + "; ".join(parts) + "."
    return fig, alt


@figure(
    caption=(
        f"Cross-entropy while training the same {ex.LAYERS}-layer ReLU network (width "
        f"{ex.WIDTH}) on the circle data set, learning rate {ex.LEARNING_RATE}, from "
        f"{len(ex.TRAIN_SEEDS)} seeds of each initialization. {{{{ claim xavier_stalls }}}} "
        "{{ claim he_trains }}"
    )
)
def training():
    """Training the deep ReLU network from He and from Xavier initialization."""
    curves = ex.training()
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.subplots()
    parts = []
    for index, (name, losses) in enumerate(curves.items()):
        for seed, loss in enumerate(losses):
            ax.plot(loss, color=f"C{index}", lw=2, label=name if seed == 0 else None)
        finals = ", ".join(f"{loss[-1]:.4f}" for loss in losses)
        parts.append(f"{name} from {losses[0][0]:.3f} to {finals}")
    ax.axhline(ex.base_rate_loss(), color="C7", ls=":", lw=1.5, label="base rate")
    ax.set_xlabel("step")
    ax.set_ylabel("cost")
    ax.legend()
    alt = (
        f"Cost curves over {ex.STEPS} steps, one per seed: " + "; ".join(parts) + f". The base "
        f"rate is {ex.base_rate_loss():.4f}."
    )
    return fig, alt
