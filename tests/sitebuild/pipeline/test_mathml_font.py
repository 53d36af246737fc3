"""The math font: a subset of Noto Sans Math holding every character the formulas show."""

import io

from sitebuild.pipeline import mathml_font


def test_the_characters_include_the_italic_forms_a_browser_shows():
    found = mathml_font.characters(
        "<math><mi>x</mi><mi>Var</mi><mi mathvariant='normal'>d</mi></math>"
    )
    assert "\U0001d465" in found  # mathematical italic x: what Chromium draws for <mi>x</mi>
    assert {"V", "a", "r", "d"} <= found and "\U0001d451" not in found


def test_the_font_subset_keeps_the_math_table_and_is_the_same_every_time():
    from fontTools.ttLib import TTFont

    chars = set("x()=\U0001d465")
    first, second = mathml_font.font_subset(chars), mathml_font.font_subset(chars)
    assert first == second and len(first) < 20_000
    font = TTFont(io.BytesIO(first))
    assert "MATH" in font  # stretchy brackets and display-size sums need it
    assert {ord(c) for c in chars} <= set(font.getBestCmap())


def test_the_stylesheet_uses_the_site_font_without_layout_shift():
    css = mathml_font.stylesheet().decode()
    assert f'font-family: "{mathml_font.FAMILY}", math;' in css
    assert "font-display: optional" in css and "NotoSansMath-Regular.ttf" not in css
