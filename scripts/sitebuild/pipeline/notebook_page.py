"""Turn an executed notebook into a Markdown page of the site, plus its output images.

Why not mkdocs-jupyter: its nbconvert template costs every build ~0.6 s of imports (half a bare
Material build), embeds ~575 KB of notebook CSS in each page, loads MathJax and Mermaid from a
CDN, and leaves math to a client-side renderer. A notebook page here is ordinary Markdown, so it
gets the site's theme, search, server-side math and code highlighting, and weighs what a page
weighs. Code cells become highlighted Python blocks; text outputs become plain blocks; images
become files beside the page; HTML outputs are kept as they are.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

from sitebuild import BuildError

IMAGE_TYPES = {"image/png": "png", "image/svg+xml": "svg", "image/jpeg": "jpg"}


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _fence(text: str, language: str = "text") -> str:
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}{language}\n{text.rstrip()}\n{ticks}"


def render(executed: Path, stem: str) -> tuple[str, dict[str, bytes]]:
    """(Markdown of the page ``notebooks/<stem>.md``, {file name under notebooks/: bytes})."""
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    files: dict[str, bytes] = {}
    blocks = [
        '<p class="notebook-download" markdown>'
        f"[Download the executed notebook (.ipynb)]({stem}.ipynb){{ .md-button download }} "
        f"[Download the source (.py, jupytext)]({stem}.py){{ .md-button download }}"
        "</p>"
    ]
    for position, cell in enumerate(notebook["cells"], start=1):
        source = _text(cell["source"])
        if cell["cell_type"] == "markdown":
            blocks.append(source)
            continue
        if cell["cell_type"] != "code" or not source.strip():
            continue
        blocks.append(_fence(source, "python"))
        for index, output in enumerate(cell.get("outputs", []), start=1):
            kind = output["output_type"]
            if kind == "stream":
                blocks.append(_fence(_text(output["text"])))
            elif kind in ("execute_result", "display_data"):
                blocks.append(_rich_output(output["data"], stem, position, index, files))
            elif kind == "error":  # the executor never lets one through; keep the guard loud
                raise BuildError(f"notebook {stem}: cell {position} holds an error output")
    return "\n\n".join(b for b in blocks if b) + "\n", files


def _rich_output(data: dict, stem: str, position: int, index: int, files: dict) -> str:
    for mime, extension in IMAGE_TYPES.items():
        if mime in data:
            name = f"{stem}/cell-{position}-output-{index}.{extension}"
            payload = _text(data[mime])
            files[name] = payload.encode() if mime == "image/svg+xml" else base64.b64decode(payload)
            alt = html.escape(_text(data.get("text/plain", f"output of cell {position}")))
            return f"![{alt}]({name}){{ .notebook-output }}"
    if "text/html" in data:
        return f'<div class="notebook-output" markdown="0">\n{_text(data["text/html"])}\n</div>'
    if "text/markdown" in data:
        return _text(data["text/markdown"])
    if "text/plain" in data:
        return _fence(_text(data["text/plain"]))
    return ""
