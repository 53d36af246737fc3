"""Markers in pages expand to generated content; unknown ones stop the build with a location."""

import pytest

from sitebuild import BuildError
from sitebuild.pipeline.markers import expand
from sitebuild.pipeline.markup import figure_markdown


def value(name: str) -> str:
    if name != "answer":
        raise BuildError(f"unknown value '{name}'")
    return "42"


HANDLERS = {"value": value}


def test_markers_are_replaced_outside_code_fences_and_kept_inside():
    page = "The answer is {{ value answer }}.\n```\n{{ value answer }}\n```\n{{value answer}}"
    assert expand(page, "p.md", HANDLERS) == ("The answer is 42.\n```\n{{ value answer }}\n```\n42")


def test_an_unknown_kind_names_page_line_and_marker():
    with pytest.raises(BuildError, match=r"p\.md:2: unknown marker kind 'chart'"):
        expand("fine\n{{ chart answer }}", "p.md", HANDLERS)


def test_an_unknown_name_names_page_line_and_marker():
    with pytest.raises(BuildError, match=r"p\.md:1: \{\{ value question \}\}: unknown value"):
        expand("{{ value question }}", "p.md", HANDLERS)


def test_markers_in_generated_content_are_expanded_and_their_errors_located():
    handlers = {
        **HANDLERS,
        "derivation": lambda name: "Conclusion: {{ value answer }}, as {{ value " + name + " }}.",
        "loop": lambda name: "{{ loop " + name + " }}",
    }
    assert expand("{{ derivation answer }}", "p.md", handlers) == "Conclusion: 42, as 42."
    with pytest.raises(BuildError, match=r"p\.md:1: \{\{ derivation why \}\}:1: .*unknown value"):
        expand("{{ derivation why }}", "p.md", handlers)
    with pytest.raises(BuildError, match="nested deeper than"):
        expand("{{ loop x }}", "p.md", handlers)


def test_a_figure_has_both_theme_variants_alt_text_and_caption_relative_to_the_page():
    size = {"width": 640, "height": 320, "smallest_font": 9.5}
    record = {"alt": "a plot [of] tanh", "caption": "It saturates.", "variants": {"wide": size}}
    markdown = figure_markdown("index", "tanh", record, "notes/page.md")
    assert "![a plot (of) tanh](../assets/figures/index/tanh-light.svg#only-light){ " in markdown
    assert "![a plot (of) tanh](../assets/figures/index/tanh-dark.svg#only-dark){ " in markdown
    assert markdown.count('loading="lazy"') == 2  # the hidden variant is never downloaded
    assert markdown.count('width="640" height="320"') == 2  # the space is reserved before load
    assert markdown.count('data-smallest-font="9.5"') == 2 and ".figure-wide" not in markdown


def test_a_figure_with_a_narrow_layout_offers_four_images_marked_by_width():
    wide = {"width": 640, "height": 320, "smallest_font": 9}
    narrow = {"width": 380, "height": 600, "smallest_font": 9}
    record = {
        "alt": "panels",
        "caption": "It saturates.",
        "variants": {"wide": wide, "narrow": narrow},
    }
    markdown = figure_markdown("effects", "grid", record, "effects.md")
    assert markdown.count(".figure-wide") == 2 and markdown.count(".figure-narrow") == 2
    assert "assets/figures/effects/grid-narrow-dark.svg#only-dark" in markdown
    assert "<figcaption markdown>It saturates.</figcaption>" in markdown
