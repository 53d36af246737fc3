"""A finished page loads only what it uses: glightbox on the pages with figures, on a click; the
search index when the search opens; the math font, preloaded, where there is math."""

import pytest

from sitebuild import BuildError
from sitebuild.pipeline import loading

# What Material and the glightbox plugin write, in the parts loading.py rewrites.
GLIGHTBOX_JS = '<script src="../assets/javascripts/glightbox.min.js"></script>'
GLIGHTBOX_CSS = '<link href="../assets/stylesheets/glightbox.min.css" rel="stylesheet">'
PAGE = """<html><head><link rel="stylesheet" href="../assets/stylesheets/main.css">
{css}{js}<style id="glightbox-style">
  .gslide-title {{ margin-top: 0px; }}
</style></head><body>{body}<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>
<script id="init-glightbox">const lightbox = GLightbox({{"touchNavigation": true, "loop": false}});
document$.subscribe(()=>{{ lightbox.reload(); }});
</script></body></html>""".replace("{js}", GLIGHTBOX_JS).replace("{css}", GLIGHTBOX_CSS)


def test_a_page_without_figures_or_math_loads_no_glightbox_and_no_math_font():
    page = loading.optimize(PAGE.format(body="<p>text</p>"), "he/", "he.md")
    assert "glightbox" not in page and "GLightbox" not in page
    assert "lightbox.js" not in page and 'rel="preload"' not in page


def test_a_page_with_a_figure_loads_glightbox_on_the_first_click_with_the_plugins_options():
    body = '<a class="glightbox" href="../assets/figures/he/a-light.svg"><img src="x"></a>'
    page = loading.optimize(PAGE.format(body=body), "he/", "he.md")
    head = page.split("</head>")[0]
    assert "glightbox.min.js" not in head and "glightbox.min.css" not in head  # not blocking
    assert '<style id="glightbox-style">' in head  # its small theme fixes stay
    loader = page.split('<script src="../javascripts/lightbox.js"')[1].split("</script>")[0]
    assert 'data-js="../assets/javascripts/glightbox.min.js"' in loader
    assert 'data-css="../assets/stylesheets/glightbox.min.css"' in loader
    assert 'data-options="{&quot;touchNavigation&quot;: true, &quot;loop&quot;: false}"' in loader
    assert " defer" in loader


def test_the_search_waits_for_the_reader_and_math_preloads_its_font():
    body = "<p><math><mi>x</mi></math></p>"
    page = loading.optimize(PAGE.format(body=body), "notebooks/he/", "notebooks/he.md")
    before_bundle = page.split('<script src="../assets/javascripts/bundle')[0]
    inline = before_bundle.rsplit("<script>", 1)[1]
    assert "search_index" in inline and "Worker" in inline  # held back, before the bundle runs
    assert (
        '<link rel="preload" href="../../assets/math/noto-sans-math.woff2" as="font" '
        'type="font/woff2" crossorigin></head>' in page
    )


@pytest.mark.parametrize(
    "missing",
    [GLIGHTBOX_JS, '<script id="init-glightbox">'],
)
def test_markup_that_moved_fails_the_build_naming_the_page(missing):
    with pytest.raises(BuildError, match=r"he\.md: glightbox's .* update .*loading\.py"):
        loading.optimize(PAGE.format(body="").replace(missing, ""), "he/", "he.md")
