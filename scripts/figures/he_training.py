"""Training the 30-layer ReLU network from He and from Xavier initialization."""

from matplotlib.figure import Figure

from experiments import he as ex

CAPTION = (
    "Cross-entropy while training the same 30-layer ReLU network (width "
    f"{ex.WIDTH}) on the circle data set, learning rate {ex.LEARNING_RATE}. From Xavier, the "
    "signal reaching the output is about a billionth of the input's, the output barely depends "
    "on the input, and the cost sits at the base rate (dotted): it stalls. From He it trains."
)


def figure():
    curves = ex.training()
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.subplots()
    for index, (name, loss) in enumerate(curves.items()):
        ax.plot(loss, color=f"C{index}", lw=2, label=name)
    ax.axhline(ex.base_rate_loss(), color="C7", ls=":", lw=1.5, label="base rate")
    ax.set_xlabel("step")
    ax.set_ylabel("cost")
    ax.legend()
    he, xavier = curves["He"], curves["Xavier (Glorot)"]
    alt = (
        f"Cost curves over {ex.STEPS} steps. He falls from {he[0]:.3f} to {he[-1]:.4f}. "
        f"Xavier goes from {xavier[0]:.3f} to {xavier[-1]:.4f}, flat at the base rate "
        f"{ex.base_rate_loss():.4f}."
    )
    return fig, alt
