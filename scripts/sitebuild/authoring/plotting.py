"""Drawing shared by figures of several topics: one histogram curve per hidden layer, coloured
by depth.

The colours run from blue (first hidden layer) to orange (deepest), both of middle lightness, so
every curve stands out on the light page and on the dark one alike; a ramp from light to dark
would lose the deepest curves against the dark background.
"""

import numpy as np
from matplotlib.colors import to_rgb

FIRST, DEEPEST = to_rgb("#2f81c8"), to_rgb("#e5660b")
KEY = "blue: first hidden layer, shading to orange: deepest"


def layer_color(layer: int, count: int) -> tuple[float, float, float]:
    """The colour of hidden layer ``layer`` (0-based) of ``count``."""
    t = layer / max(count - 1, 1)
    return tuple((1 - t) * a + t * b for a, b in zip(FIRST, DEEPEST, strict=True))


def layer_histograms(ax, arrays, bins, *, transform=None, density=False, lw=1.5):
    """Draw each array's histogram as a line; heights are densities, or fractions of the peak."""
    for layer, values in enumerate(arrays):
        values = values.ravel() if transform is None else transform(values.ravel())
        counts, edges = np.histogram(values, bins=bins, density=density)
        heights = counts if density else counts / max(counts.max(), 1)
        ax.plot((edges[:-1] + edges[1:]) / 2, heights, color=layer_color(layer, len(arrays)),
                lw=lw, label=f"layer {layer + 1}")  # fmt: skip
