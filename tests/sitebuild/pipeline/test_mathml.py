"""Server-side math: formulas become KaTeX HTML at build time, through a cache."""

import pytest

from sitebuild import BuildError
from sitebuild.pipeline import katex
from sitebuild.pipeline.cache import Cache


def test_inline_and_display_formulas_are_replaced_by_katex_html(tmp_path):
    renderer = katex.Renderer(Cache(tmp_path))
    page = (
        '<p>Let <span class="arithmatex">\\(x &lt; y\\)</span>.</p>'
        '<div class="arithmatex">\\[\\sum_{i=1}^n w_i\\]</div>'
    )
    html = renderer.render_page(page, "page.md")
    assert html.count('class="katex"') == 2 and 'class="katex-display"' in html
    assert "\\(" not in html and "<math" in html  # MathML kept for screen readers
    assert "&amp;lt;" not in html  # the entity was decoded before typesetting, not escaped twice


def test_punctuation_after_inline_math_stays_on_its_line(tmp_path):
    renderer = katex.Renderer(Cache(tmp_path))
    page = (
        '<p>gain <span class="arithmatex">\\(\\sqrt{2}\\)</span>. Then (of '
        '<span class="arithmatex">\\(a\\)</span>), and <span class="arithmatex">\\(b\\)</span> '
        'end</p><div class="arithmatex">\\[c\\]</div>.'
    )
    html = renderer.render_page(page, "page.md")
    assert html.count('<span class="math-nowrap"><span class="arithmatex">') == 2
    assert "</span>.</span> Then (of" in html
    assert "</span>),</span> and" in html
    assert html.endswith("</div>.")  # display math is a block: nothing to keep together


def test_the_cache_is_saved_and_reused_without_running_node(tmp_path, monkeypatch):
    first = katex.Renderer(Cache(tmp_path))
    first.render_page('<span class="arithmatex">\\(a^2\\)</span>', "p.md")
    first.save()
    assert len(first.cache) == 1
    monkeypatch.setattr(katex.subprocess, "run", lambda *a, **k: pytest.fail("node was run"))
    second = katex.Renderer(Cache(tmp_path))
    assert 'class="katex"' in second.render_page('<span class="arithmatex">\\(a^2\\)</span>', "p")


def test_a_new_katex_version_typesets_every_formula_again(tmp_path, monkeypatch):
    """Old HTML beside a new version's stylesheet would be wrong: the cache keys on the version."""
    first = katex.Renderer(Cache(tmp_path))
    first.render_page('<span class="arithmatex">\\(a^2\\)</span>', "p.md")
    first.save()
    monkeypatch.setattr(katex, "katex_version", lambda: "99.0.0")
    assert katex.Renderer(Cache(tmp_path)).cache == {}


def test_invalid_tex_names_the_page_and_the_formula(tmp_path):
    renderer = katex.Renderer(Cache(tmp_path))
    with pytest.raises(BuildError, match=r"notes\.md: KaTeX cannot render \$\\frac\{1\}\$"):
        renderer.render_page('<span class="arithmatex">\\(\\frac{1}\\)</span>', "notes.md")


def test_assets_are_the_stylesheet_and_woff2_fonts_only():
    assets = katex.assets()
    css = assets["assets/katex/katex.min.css"].decode()
    fonts = [name for name in assets if name.startswith("assets/katex/fonts/")]
    assert fonts and all(name.endswith(".woff2") for name in fonts)
    assert ".woff)" not in css and ".ttf)" not in css and "font-display:swap" in css
    for name in fonts:  # every font the stylesheet names is shipped
        assert name.removeprefix("assets/katex/") in css
