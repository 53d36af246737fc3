"""The Markdown a page gets for an embedded item: a checked derivation, a rendered figure.

Math is left as TeX for KaTeX, which typesets the finished page (see katex.py).
"""

from __future__ import annotations

import html
import posixpath

from sitebuild.authoring.derivation import Derivation
from sitebuild.authoring.printing import latex
from sitebuild.pipeline.figures import site_path


def _step_note(derivation: Derivation, step) -> str:
    notes = []
    if step.uses:
        used = ", ".join(derivation.assumption(name).statement for name in step.uses)
        notes.append(f"uses {used}")
    if step.for_each is not None:
        symbol, values = step.for_each
        values = list(values)
        notes.append(f"checked for ${latex(symbol)} = {values[0]}, \\dots, {values[-1]}$")
    return f" <span class='derivation-uses'>({'; '.join(notes)})</span>" if notes else ""


def derivation_markdown(derivation: Derivation) -> str:
    """A derivation as a numbered list of display equations, each with its reason."""
    lines = [
        f'<div class="derivation" id="derivation-{derivation.name}" markdown="1">',
        "",
        f'<p class="derivation-title">{html.escape(derivation.title)}</p>',
        "",
    ]
    previous_rhs = None
    for number, step in enumerate(derivation.steps, start=1):
        relation = step.relation
        lhs = "" if previous_rhs is not None and step.lhs == previous_rhs else latex(step.lhs)
        lines += [
            f'<div class="derivation-step" id="derivation-{derivation.name}-{number}" '
            'markdown="1">',
            "",
            # Inline math in display style: KaTeX lets the line break after a relation or a
            # top-level + or −, so a long step wraps on a narrow screen instead of scrolling.
            f'<p class="derivation-math" markdown="1">$\\displaystyle {lhs} {relation} '
            f"{latex(step.rhs)}$</p>",
            "",
            f'<span class="derivation-number">({number})</span> {step.reason}'
            f"{_step_note(derivation, step)}",
            "",
            "</div>",
            "",
        ]
        previous_rhs = step.rhs
    if derivation.conclusion:
        conclusion = derivation.conclusion_text()
        lines += [f'<p class="derivation-conclusion" markdown="1">{conclusion}</p>', ""]
    lines += ["</div>", ""]
    return "\n".join(lines)


def figure_markdown(topic: str, name: str, record: dict, page_src_uri: str) -> str:
    """A <figure> with both theme variants; Material shows the one that fits the palette.

    ``record`` is the rendered figure's ``alt``, ``caption``, ``width`` and ``height`` (CSS
    pixels, so the page reserves the space before the image loads).
    """
    here = posixpath.dirname(page_src_uri)
    alt = record["alt"].replace("[", "(").replace("]", ")").replace("\n", " ")
    images = []
    for theme in ("light", "dark"):
        src = posixpath.relpath(site_path(topic, name, theme), here or ".")
        # Lazy: the variant hidden by the palette (display: none) is then never downloaded.
        size = f'width="{record["width"]}" height="{record["height"]}" '
        images.append(f'![{alt}]({src}#only-{theme}){{ {size}loading="lazy" decoding="async" }}')
    lines = [f'<figure class="site-figure" id="figure-{name}" markdown="span">', *images]
    if record["caption"]:
        lines.append(f"<figcaption markdown>{record['caption']}</figcaption>")
    lines.append("</figure>")
    return "\n".join(lines)
