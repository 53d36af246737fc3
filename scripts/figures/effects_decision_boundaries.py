"""Decision boundaries after training, for four data sets and five initializations."""

from matplotlib.figure import Figure

from experiments import effects as ex

CAPTION = (
    "Predicted probability of the orange class over the plane after training (one row per data "
    "set, one column per initialization), with the training points. Zero and too-small starts "
    "predict one constant everywhere; too large draws jagged, over-confident regions; Xavier "
    "and He follow the data."
)


def figure():
    names = list(ex.SETUPS)
    data_sets = list(ex.DATASETS)
    fig = Figure(figsize=(11, 9), dpi=48, layout="constrained")  # dpi: of the raster layers
    axes = fig.subplots(len(data_sets), len(names))
    xx, yy, points = ex.grid(100)
    summary = []
    for row, data in enumerate(data_sets):
        X, y = ex.dataset(data)
        runs = ex.runs(data)
        for col, name in enumerate(names):
            ax = axes[row, col]
            run = runs[name]
            probability = run.trained.predict(points).reshape(xx.shape)
            # Raster layers (embedded as small PNGs) keep the SVG light: thousands of contour
            # and marker paths would weigh megabytes.
            ax.imshow(probability, extent=(xx.min(), xx.max(), yy.min(), yy.max()),
                      origin="lower", cmap="PuOr_r", vmin=0, vmax=1, alpha=0.75,
                      interpolation="bilinear")  # fmt: skip
            ax.scatter(X[:, 0], X[:, 1], c=y, cmap="PuOr_r", s=5, edgecolors="none",
                       rasterized=True)  # fmt: skip
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            if row == 0:
                ax.set_title(name, fontsize=9)
            if col == 0:
                ax.set_ylabel(data)
            summary.append(f"{data}, {name}: accuracy {run.accuracy:.0%}")
    alt = (
        "A grid of decision-boundary maps, rows circles, moons, spirals and blobs, columns zero, "
        "too small, too large, Xavier and He initialization. " + "; ".join(summary) + "."
    )
    return fig, alt
