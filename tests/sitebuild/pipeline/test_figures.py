"""Every figure renders to the same bytes twice, in both themes, with alt text whose numbers
are printed from what the figure draws."""

import re

import pytest

from harness.sources import found, typed_in_topics
from sitebuild import BuildError
from sitebuild.authoring.figures import figure
from sitebuild.pipeline import figures
from sitebuild.pipeline.registry import defined

ALL = {f"{module.topic}.{item.name}": item for module, item in defined("figure")}


def test_there_are_figures():
    assert "index.tanh" in ALL and len(ALL) > 10


@pytest.mark.parametrize("name", sorted(ALL))
def test_renders_deterministically_with_alt_text(name):
    first_meta, first = figures.render(ALL[name], name)
    second_meta, second = figures.render(ALL[name], name)
    assert first == second, f"figure '{name}' differs between two renders"
    assert first_meta == second_meta and len(first_meta["alt"]) >= 40
    local = name.split(".", 1)[1]
    variants = ["", "-narrow"] if ALL[name].narrow else [""]
    expected = [
        f"{local}{variant}-{theme}.svg" for variant in variants for theme in ("dark", "light")
    ]
    assert sorted(first) == sorted(expected)
    for svg in first.values():
        assert svg.startswith(b"<?xml") and b"<svg" in svg
        assert b"<dc:date>" not in svg  # no build date in the metadata


@pytest.mark.parametrize("name", sorted(ALL))
def test_no_text_is_smaller_than_9_points_and_no_figure_wider_than_7_inches(name):
    """At about 690 px for 7 inches, 9 points show as about 12 px (the browser test measures)."""
    meta, _ = figures.render(ALL[name], name)
    for variant, size in meta["variants"].items():
        assert size["smallest_font"] >= 9, (name, variant, size)
        assert size["width"] <= 7.2 * 96 or variant == "narrow", (name, size)
        assert variant == "wide" or size["width"] <= 4.5 * 96, (name, size)


def test_light_and_dark_differ_only_in_colours():
    _meta, svgs = figures.render(ALL["index.tanh"], "index")
    light, dark = svgs["tanh-light.svg"], svgs["tanh-dark.svg"]
    assert light != dark
    assert b"#1f2328" in light and b"#e6edf3" in dark


def test_a_raising_figure_and_a_missing_alt_text_are_named():
    @figure()
    def broken_plot():
        raise RuntimeError("the data file is missing")

    with pytest.raises(BuildError, match=r"figure 'broken_plot' \(here\.py\) failed: Runtime"):
        figures.render(broken_plot, "here.py")

    @figure()
    def silent_plot():
        from matplotlib.figure import Figure

        return Figure(), " "

    with pytest.raises(BuildError, match="figure 'silent_plot' .* returned no alt text"):
        figures.render(silent_plot, "here.py")


# "for z from -4 to 4", "over the square from -1 to 1": an axis range typed into a caption or alt
# text, which stays when the plot's range changes.
TYPED_RANGE = re.compile(r"\bfrom -?\d[\d.]* to -?\d")


def test_no_caption_or_alt_text_types_an_axis_range():
    typed = typed_in_topics("figures", TYPED_RANGE)
    assert typed == []


def test_the_range_guard_sees_a_typed_range_and_passes_a_printed_one():
    typed = 'alt = ("Line plot of tanh(z) for z from -4 to 4, "\n "with the identity line.")'
    printed = 'alt = (f"Line plot of tanh(z) for z from {low} to {high}, with the identity line.")'
    assert [line for line, _ in found(TYPED_RANGE, typed)] == [1]
    assert found(TYPED_RANGE, printed) == []
