"""Cost during training from five initializations, on the spirals data set."""

from matplotlib.figure import Figure

from experiments import effects as ex

CAPTION = (
    "The same 2-16-16-16-1 network trained on the two spirals from five starts. **Zero**: the "
    "cost never leaves its starting value, the symmetry trap. **Too small**: the signal and "
    "its gradients vanish through the layers, and the cost sits there too. **Too large**: the "
    "first cost is enormous (saturated, confidently wrong outputs) and progress is erratic. "
    "**Xavier** (tanh) and **He** (ReLU): the cost falls fast and far."
)


def figure():
    runs = ex.runs()
    fig = Figure(figsize=(8, 4), layout="constrained")
    ax = fig.subplots()
    parts = []
    for index, run in enumerate(runs.values()):
        steps = range(0, 10 * len(run.loss), 10)
        ax.semilogy(steps, run.loss, color=f"C{index}", lw=2, label=run.name)
        parts.append(f"{run.name}: {run.loss[0]:.3g} to {run.loss[-1]:.3g}")
    ax.set_xlabel("step")
    ax.set_ylabel("cross-entropy")
    ax.legend(fontsize=9)
    alt = (
        "Cost curves on a log scale over training steps, for five initializations: "
        + "; ".join(parts)
        + "."
    )
    return fig, alt
