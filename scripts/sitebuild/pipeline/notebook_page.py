"""Turn an executed notebook into a Markdown page of the site, plus its output images.

Why not mkdocs-jupyter: its nbconvert template costs every build ~0.6 s of imports (half a bare
Material build), embeds ~575 KB of notebook CSS in each page, loads MathJax and Mermaid from a
CDN, and leaves math to a client-side renderer. A notebook page here is ordinary Markdown, so it
gets the site's theme, search, server-side math and code highlighting, and weighs what a page
weighs. Code cells become highlighted Python blocks; text outputs become plain blocks; images
become files beside the page, except a figure of the site (its output's metadata names it), which
the page shows as the site does, light and dark with its caption; HTML outputs are kept as they
are. The download buttons go under
the title. The project code the build put into the notebook (standalone.py) is folded into one
block, out of the search index: the page shows the notebook's own cells.
"""

from __future__ import annotations

import base64
import copy
import html
import json
from pathlib import Path

from sitebuild import BuildError
from sitebuild.pipeline.standalone import download

IMAGE_TYPES = {"image/png": "png", "image/svg+xml": "svg", "image/jpeg": "jpg"}


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _fence(text: str, language: str = "text") -> str:
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}{language}\n{text.rstrip()}\n{ticks}"


def _buttons(stem: str) -> str:
    return (
        '<p class="notebook-download" markdown>'
        f"[Download the executed notebook (.ipynb)]({stem}.ipynb){{ .md-button download }} "
        # The .py is the source as written: it imports the site's packages, so say where it runs.
        f"[Download the source (.py, jupytext; runs in a clone of the site)]({stem}.py)"
        "{ .md-button download }"
        "</p>"
    )


def _under_title(markdown: str, buttons: str) -> str | None:
    """The Markdown with ``buttons`` after its first level-1 heading; None if it has none."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            rest = "\n".join(lines[index + 1 :]).lstrip("\n")
            return "\n".join([*lines[: index + 1], "", buttons, "", rest]).rstrip("\n")
    return None


def _generated(cell: dict) -> str | None:
    """The file a cell the build generated comes from (None for the notebook's own cells)."""
    return cell.get("metadata", {}).get("initsite", {}).get("generated")


def _escaped(code: str) -> str:
    """Code as HTML text, its braces as references: a ``{{ marker }}`` in a docstring is shown,
    not expanded (markers.py leaves only fenced code alone)."""
    return html.escape(code).replace("{", "&#123;").replace("}", "&#125;")


def _folded(cells: list[dict]) -> str:
    """The code cells the build generated, folded, each under the path of its file. Plain
    preformatted text, not highlighted: a page of highlighted lines, each with its anchor, weighed
    five times as much (practical-guide: 476 KB, and Lighthouse performance at the bar)."""
    files = "".join(
        f'<p class="notebook-bundle-file"><code>{html.escape(_generated(cell))}</code></p>'
        f"<pre><code>{_escaped(_text(cell['source']).rstrip())}</code></pre>"
        for cell in cells
    )
    return (
        '<details class="notebook-bundle" data-search-exclude>'
        f"<summary>Show the {len(cells)} code cells the build generated</summary>{files}</details>"
    )


def render(executed: Path, stem: str, site_url: str = "") -> tuple[str, dict[str, bytes]]:
    """(Markdown of the page ``notebooks/<stem>.md``, {file name under notebooks/: bytes}): the
    files are the outputs' images and ``<stem>.ipynb``, its links made absolute on ``site_url``."""
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    files: dict[str, bytes] = {f"{stem}.ipynb": download(copy.deepcopy(notebook), site_url)}
    buttons, blocks, generated = _buttons(stem), [], []
    for position, cell in enumerate(notebook["cells"], start=1):
        source = _text(cell["source"])
        if cell["cell_type"] == "code" and _generated(cell):
            generated.append(cell)
            continue
        if generated:
            blocks.append(_folded(generated))
            generated = []
        if cell["cell_type"] == "markdown":
            titled = _under_title(source, buttons) if buttons else None
            blocks.append(titled or source)
            buttons = "" if titled else buttons
            continue
        if cell["cell_type"] != "code" or not source.strip():
            continue
        blocks.append(_fence(source, "python"))
        for index, output in enumerate(cell.get("outputs", []), start=1):
            kind = output["output_type"]
            if kind == "stream":
                blocks.append(_fence(_text(output["text"])))
            elif kind in ("execute_result", "display_data"):
                figure = output.get("metadata", {}).get("initsite", {}).get("figure")
                if figure:  # a figure of the site: the page shows it as the site draws it
                    blocks.append(f"{{{{ figure {figure} }}}}")
                    continue
                blocks.append(_rich_output(output["data"], stem, position, index, files))
            elif kind == "error":  # the executor never lets one through; keep the guard loud
                raise BuildError(f"notebook {stem}: cell {position} holds an error output")
    if generated:
        blocks.append(_folded(generated))
    blocks = [buttons, *blocks] if buttons else blocks  # no title: the buttons go first
    return "\n\n".join(b for b in blocks if b) + "\n", files


def _rich_output(data: dict, stem: str, position: int, index: int, files: dict) -> str:
    for mime, extension in IMAGE_TYPES.items():
        if mime in data:
            name = f"{stem}/cell-{position}-output-{index}.{extension}"
            payload = _text(data[mime])
            files[name] = payload.encode() if mime == "image/svg+xml" else base64.b64decode(payload)
            alt = _text(data.get("text/plain", f"output of cell {position}"))
            alt = html.escape(alt.replace("[", "(").replace("]", ")").replace("\n", " "))
            return f"![{alt}]({name}){{ .notebook-output {_lazy(files[name])} }}"
    if "text/html" in data:
        return f'<div class="notebook-output" markdown="0">\n{_text(data["text/html"])}\n</div>'
    if "text/markdown" in data:
        return _text(data["text/markdown"])
    if "text/plain" in data:
        return _fence(_text(data["text/plain"]))
    return ""


def _lazy(image: bytes) -> str:
    """Attributes that load an image when it nears the view, its size reserved (a PNG's size is
    in its header) so that nothing moves when it arrives."""
    lazy = 'loading="lazy" decoding="async"'
    if image[:8] != b"\x89PNG\r\n\x1a\n":
        return lazy
    width, height = int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")
    return f'width="{width}" height="{height}" {lazy}'
