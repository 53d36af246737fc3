"""An executed notebook becomes a Markdown page with its outputs and download links."""

import base64
import json

import pytest

from sitebuild import BuildError
from sitebuild.pipeline import notebook_page

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
    assert "[Download the source (.py, jupytext)](demo.py)" in markdown
    assert "# Title\n\nSome $x^2$." in markdown
    assert "```python\nprint('hi')\nplot()\n```" in markdown
    assert "```text\nhi\n```" in markdown
    assert "![&lt;Figure&gt;](demo/cell-2-output-2.png)" in markdown
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
