"""The shared drawing helpers of the figure scripts (scripts/plotting.py)."""

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from sitebuild.authoring.plotting import layer_color, layer_histograms

# The page backgrounds the figures are drawn on: Material's default and slate schemes.
BACKGROUNDS = {"light": to_rgb("#ffffff"), "dark": to_rgb("#1e2129")}


def contrast(a, b) -> float:
    """WCAG contrast ratio of two sRGB colours."""

    def luminance(rgb):
        linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("count", [2, 3, 5, 10])
@pytest.mark.parametrize("theme", BACKGROUNDS)
def test_every_layer_curve_stands_out_on_both_page_backgrounds(count, theme):
    # 3:1 is WCAG's minimum for graphical objects; a light-to-dark ramp fails it on one theme.
    for layer in range(count):
        assert contrast(layer_color(layer, count), BACKGROUNDS[theme]) >= 3.0


def test_first_and_deepest_layers_get_the_two_ends_of_the_ramp():
    assert layer_color(0, 4) == pytest.approx(to_rgb("#2f81c8"))
    assert layer_color(3, 4) == pytest.approx(to_rgb("#e5660b"))
    assert layer_color(0, 1) == layer_color(0, 4)  # a single layer is not an error


def test_histogram_lines_one_per_layer_scaled_to_their_peak():
    rng = np.random.default_rng(0)
    arrays = [rng.normal(0, s, 1000) for s in (0.2, 0.5, 1.0)]
    ax = Figure().subplots()
    layer_histograms(ax, arrays, np.linspace(-3, 3, 31))
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["layer 1", "layer 2", "layer 3"]
    assert [max(line.get_ydata()) for line in lines] == [1.0, 1.0, 1.0]
    assert [to_rgb(line.get_color()) for line in lines] == [layer_color(i, 3) for i in range(3)]
    # the narrowest layer's curve is the most peaked: most of its mass in the middle bins
    middle = [line.get_ydata()[14:16].sum() / line.get_ydata().sum() for line in lines]
    assert middle[0] > middle[1] > middle[2]


def test_density_histograms_integrate_to_one():
    values = np.random.default_rng(1).uniform(-1, 1, 5000)
    ax = Figure().subplots()
    layer_histograms(ax, [values], np.linspace(-1, 1, 21), density=True)
    heights = ax.get_lines()[0].get_ydata()
    assert heights.sum() * 0.1 == pytest.approx(1.0)
