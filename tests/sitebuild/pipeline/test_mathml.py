"""Server-side math: formulas become MathML at build time, through a cache; inline formulas are
split where a line may break; the math font is a subset that covers every formula."""

import pytest

from sitebuild import BuildError
from sitebuild.pipeline import mathml
from sitebuild.pipeline.cache import Cache


def test_inline_and_display_formulas_are_replaced_by_mathml(tmp_path):
    renderer = mathml.Renderer(Cache(tmp_path))
    page = (
        '<p>Let <span class="arithmatex">\\(x &lt; y\\)</span>.</p>'
        '<div class="arithmatex">\\[\\sum_{i=1}^n w_i\\]</div>'
    )
    html = renderer.render_page(page, "page.md")
    assert '<math display="block"' in html and html.count("<math") == 3  # x <, y, the sum
    assert "\\(" not in html and "katex" not in html
    assert "&amp;lt;" not in html  # the entity was decoded before typesetting, not escaped twice


def test_an_inline_formula_is_split_after_top_level_relations_and_operators(tmp_path):
    renderer = mathml.Renderer(Cache(tmp_path))
    html = renderer.render_page(
        '<span class="arithmatex">\\(\\displaystyle -a = \\left(b + c\\right) + d\\)</span>', "p"
    )
    pieces = html.split("</math>")[:-1]
    # "-a =" | "(b + c) +" | "d": not after the unary minus, not inside the brackets
    assert len(pieces) == 3, html
    assert all('displaystyle="true"' in piece for piece in pieces)  # each keeps the style
    assert pieces[0].endswith("<mo>=</mo></mstyle>") and pieces[1].endswith("<mo>+</mo></mstyle>")


def test_brackets_and_punctuation_stay_on_the_line_of_the_formula_they_touch(tmp_path):
    renderer = mathml.Renderer(Cache(tmp_path))
    page = (
        '<p>gain <span class="arithmatex">\\(\\sqrt{2}\\)</span>. Then (of '
        '<span class="arithmatex">\\(a\\)</span>), and (<span class="arithmatex">\\(b = c\\)'
        '</span>) end</p><div class="arithmatex">\\[c\\]</div>.'
    )
    html = renderer.render_page(page, "page.md")
    assert "</math>.</span></span> Then (of " in html
    assert "</math>),</span></span> and " in html
    # "(b =" and "c)": the formula may still break between its pieces, not at its brackets
    assert ' and <span class="arithmatex"><span class="math-nowrap">(<math>' in html
    assert html.count('class="math-nowrap"') == 4 and "</math>)</span></span> end" in html
    assert html.endswith("</div>.")  # display math is a block: nothing to keep together


def test_the_cache_is_saved_and_reused_without_running_node(tmp_path, monkeypatch):
    first = mathml.Renderer(Cache(tmp_path))
    first.render_page('<span class="arithmatex">\\(a^2\\)</span>', "p.md")
    first.save()
    assert len(first.cache) == 1
    monkeypatch.setattr(mathml.subprocess, "run", lambda *a, **k: pytest.fail("node was run"))
    second = mathml.Renderer(Cache(tmp_path))
    assert "<msup>" in second.render_page('<span class="arithmatex">\\(a^2\\)</span>', "p")


def test_a_new_temml_version_typesets_every_formula_again(tmp_path, monkeypatch):
    first = mathml.Renderer(Cache(tmp_path))
    first.render_page('<span class="arithmatex">\\(a^2\\)</span>', "p.md")
    first.save()
    monkeypatch.setattr(mathml, "temml_version", lambda: "99.0.0")
    assert mathml.Renderer(Cache(tmp_path)).cache == {}


def test_invalid_tex_names_the_page_and_the_formula(tmp_path):
    renderer = mathml.Renderer(Cache(tmp_path))
    with pytest.raises(BuildError, match=r"notes\.md: Temml cannot typeset \$\\frac\{1\}\$"):
        renderer.render_page('<span class="arithmatex">\\(\\frac{1}\\)</span>', "notes.md")


def test_a_character_the_font_lacks_names_the_page_the_formula_and_the_character(tmp_path):
    renderer = mathml.Renderer(Cache(tmp_path))
    with pytest.raises(BuildError, match=r"notes\.md: \$\\text\{猫\}\$: .* U\+732B"):
        renderer.render_page('<span class="arithmatex">\\(\\text{猫}\\)</span>', "notes.md")


def test_a_bar_is_drawn_as_an_overline_which_the_math_font_does_not_need_a_glyph_for(tmp_path):
    renderer = mathml.Renderer(Cache(tmp_path))
    html = renderer.render_page('<span class="arithmatex">\\((z - \\bar z)^2\\)</span>', "p.md")
    assert 'class="tml-overline"' in html and "\u203e" not in html
