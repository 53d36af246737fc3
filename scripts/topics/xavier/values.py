"""Numbers on the Xavier page."""

import numpy as np

from sitebuild.authoring import value
from sitebuild.authoring.derivation import assumption_list
from topics.xavier import derivations as d
from topics.xavier import experiment as ex


@value("{:d}")
def width():
    return ex.WIDTH


@value("{:d}")
def hidden_layers():
    return ex.HIDDEN


@value()
def variance_table():
    """Per layer: measured Var(z), the forward step's prediction, and their ratio."""
    rows = [
        "| init | layer | measured $\\operatorname{Var}(z^{[l]})$ | "
        "$n \\operatorname{Var}(W)\\,\\mathbb E[(a^{[l-1]})^2]$ | ratio | "
        "linear-regime prediction |",
        "|---|---|---|---|---|---|",
    ]
    for name, snap in ex.snapshots().items():
        for layer, (measured, predicted, linear) in enumerate(ex.layer_variances(snap), 1):
            rows.append(
                f"| {name} | {layer} | {measured:.4g} | {predicted:.4g} | "
                f"{measured / predicted:.3f} | {linear:.4g} |"
            )
    return "\n".join(rows)


@value("{:.3g}")
def gradient_ratio_standard():
    """Var(∂C/∂a) of the first hidden layer over the last's, standard initialization."""
    g = ex.gradient_variances(ex.snapshots()["standard U(±1/√n)"])
    return g[0] / g[-1]


@value("{:.3g}")
def gradient_ratio_normalized():
    g = ex.gradient_variances(ex.snapshots()["normalized (Glorot)"])
    return g[0] / g[-1]


@value("{:.3f}")
def sigmoid_mean_activation():
    """Mean activation of the first hidden layer of the same network with sigmoid."""
    snap = ex.snapshots("sigmoid")["normalized (Glorot)"]
    return float(np.mean(snap.a[1]))


@value()
def sigmoid_variance_table():
    """Var(z^[2]) in a sigmoid network: measured, the zero-mean formula, the full formula."""
    snap = ex.snapshots("sigmoid")["normalized (Glorot)"]
    a1 = snap.a[1]
    n, var_w = a1.shape[1], snap.weight_variance[1]
    measured = float(np.var(snap.z[1]))
    zero_mean = n * var_w * float(np.var(a1))
    full = n * var_w * float(np.mean(a1**2))
    return (
        "| | $\\operatorname{Var}(z^{[2]})$ |\n|---|---|\n"
        f"| measured | {measured:.4f} |\n"
        f"| $n \\operatorname{{Var}}(W) \\operatorname{{Var}}(a)$, assuming zero mean | "
        f"{zero_mean:.4f} |\n"
        f"| $n \\operatorname{{Var}}(W)\\,(\\operatorname{{Var}}(a) + \\mathbb E[a]^2)$ | "
        f"{full:.4f} |"
    )


@value()
def assumptions():
    """Every assumption of the page's derivations, from the objects the checks apply."""
    return assumption_list(
        d.xavier_mean, d.xavier_forward, d.xavier_condition, d.xavier_depth, d.xavier_backward
    )
