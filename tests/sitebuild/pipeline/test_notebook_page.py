"""An executed notebook becomes a Markdown page with its outputs and download links, and the
notebook offered for download links to the site's pages by their addresses."""

import base64
import json

import pytest

from sitebuild import BuildError
from sitebuild.pipeline import markers, notebook_page

PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
    )
).decode()


def notebook(tmp_path, cells):
    path = tmp_path / "demo.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}))
    return path


def test_cells_become_markdown_code_and_outputs(tmp_path):
    path = notebook(
        tmp_path,
        [
            {"cell_type": "markdown", "source": "# Title\n\nSome $x^2$."},
            {
                "cell_type": "code",
                "source": "print('hi')\nplot()",
                "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": ["hi\n"]},
                    {
                        "output_type": "display_data",
                        "data": {"image/png": PIXEL, "text/plain": "<Figure>"},
                    },
                ],
            },
        ],
    )
    markdown, files = notebook_page.render(path, "demo")
    assert "[Download the executed notebook (.ipynb)](demo.ipynb)" in markdown
    assert "[Download the source (.py, jupytext; runs in a clone of the site)](demo.py)" in markdown
    assert markdown.startswith('# Title\n\n<p class="notebook-download" markdown>')
    assert "</p>\n\nSome $x^2$." in markdown  # the buttons sit between the title and the text
    assert "```python\nprint('hi')\nplot()\n```" in markdown
    assert "```text\nhi\n```" in markdown
    assert "![&lt;Figure&gt;](demo/cell-2-output-2.png){ .notebook-output " in markdown
    # loaded when near the view, its size (1 x 1, from the PNG's header) reserved
    assert 'width="1" height="1" loading="lazy" decoding="async" }' in markdown
    assert files["demo/cell-2-output-2.png"].startswith(b"\x89PNG")


def test_code_containing_fences_gets_a_longer_fence(tmp_path):
    path = notebook(tmp_path, [{"cell_type": "code", "source": "s = '```'", "outputs": []}])
    markdown, _ = notebook_page.render(path, "demo")
    assert "````python\ns = '```'\n````" in markdown


def test_an_error_output_is_refused(tmp_path):
    error = {"output_type": "error", "ename": "E", "evalue": "", "traceback": []}
    path = notebook(tmp_path, [{"cell_type": "code", "source": "x", "outputs": [error]}])
    with pytest.raises(BuildError, match="cell 1 holds an error output"):
        notebook_page.render(path, "demo")


def test_without_a_title_the_buttons_come_first(tmp_path):
    path = notebook(tmp_path, [{"cell_type": "markdown", "source": "## Part\n\n# not at the top"}])
    markdown, _ = notebook_page.render(path, "demo")
    assert markdown.startswith("## Part\n\n# not at the top\n\n<p")
    path = notebook(tmp_path, [{"cell_type": "code", "source": "x = 1", "outputs": []}])
    assert notebook_page.render(path, "demo")[0].startswith('<p class="notebook-download"')


def generated(name, source):
    return {"cell_type": "code", "source": source, "outputs": [],
            "metadata": {"initsite": {"generated": name}}}  # fmt: skip


def test_the_code_the_build_put_in_is_folded_out_of_search(tmp_path):
    path = notebook(
        tmp_path,
        [
            {"cell_type": "markdown", "source": "# T"},
            generated("scripts/sitebuild/pipeline/bundle.py", "def module(a, b): return a < b"),
            generated("scripts/initlab/gains.py", "%%module initlab.gains\nX = 1"),
            generated("scripts/topics/x.py", '"""Says {{ claim c }}."""'),
            {"cell_type": "code", "source": "import initlab", "outputs": []},
        ],
    )
    markdown, _ = notebook_page.render(path, "demo")
    folded = markdown.split('<details class="notebook-bundle" data-search-exclude>')
    assert len(folded) == 2 and folded[1].count("</details>") == 1
    inside, after = folded[1].split("</details>")
    assert inside.startswith("<summary>Show the 3 code cells the build generated</summary>")
    assert (
        '<p class="notebook-bundle-file"><code>scripts/initlab/gains.py</code></p>'
        "<pre><code>%%module initlab.gains\nX = 1</code></pre>"
    ) in inside
    assert "<code>def module(a, b): return a &lt; b</code>" in inside  # escaped
    assert "Says &#123;&#123; claim c &#125;&#125;." in inside  # a marker is shown, not expanded
    assert markers.expand(markdown, "demo.md", {}) == markdown  # no marker left to expand
    assert "```python\nimport initlab\n```" in after  # the notebook's own cell, unfolded


def test_the_download_links_to_the_sites_pages_and_the_page_keeps_relative_links(tmp_path):
    text = (
        "[a](../he.md) [b](../index.md#x) [c](other.md) [d](https://x.org/) [e](#here) "
        "[f](../guide/index.md)"
    )
    path = notebook(tmp_path, [{"cell_type": "markdown", "source": ["# T\n", text]}])
    markdown, files = notebook_page.render(path, "demo", "https://site.org/init/")
    assert text in markdown
    offered = json.loads(files["demo.ipynb"])
    assert offered["cells"][0]["source"] == (
        "# T\n[a](https://site.org/init/he/) [b](https://site.org/init/#x) "
        "[c](https://site.org/init/notebooks/other/) [d](https://x.org/) [e](#here) "
        "[f](https://site.org/init/guide/)"
    )
    _, files = notebook_page.render(path, "demo")  # no site_url: the links stay as they are
    assert json.loads(files["demo.ipynb"])["cells"][0]["source"] == ["# T\n", text]


def test_an_images_alt_text_cannot_end_the_markdown_image(tmp_path):
    output = {"output_type": "display_data",
              "data": {"image/png": PIXEL, "text/plain": "Two [panels]\nside by side"}}  # fmt: skip
    path = notebook(tmp_path, [{"cell_type": "code", "source": "f", "outputs": [output]}])
    markdown, _ = notebook_page.render(path, "demo")
    assert "![Two (panels) side by side](demo/cell-1-output-1.png)" in markdown


def test_a_figure_of_the_site_is_shown_as_the_site_draws_it(tmp_path):
    output = {"output_type": "execute_result", "data": {"image/png": PIXEL, "text/plain": "alt"},
              "metadata": {"initsite": {"figure": "effects.decision_boundaries"}}}  # fmt: skip
    path = notebook(tmp_path, [{"cell_type": "code", "source": "figures.x", "outputs": [output]}])
    markdown, files = notebook_page.render(path, "demo")
    assert "{{ figure effects.decision_boundaries }}" in markdown
    assert not any(name.endswith(".png") for name in files)  # the .ipynb keeps its PNG
    assert PIXEL in json.loads(files["demo.ipynb"])["cells"][0]["outputs"][0]["data"]["image/png"]
