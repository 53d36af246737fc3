"""The Markdown a page gets for an embedded item: a checked derivation, a rendered figure.

Math is left as TeX for Temml, which typesets the finished page as MathML (see mathml.py).
"""

from __future__ import annotations

import html
import posixpath
from typing import TYPE_CHECKING

from sitebuild.pipeline.figures import site_path

if TYPE_CHECKING:  # a build whose derivations are all cached never loads SymPy (0.26 s)
    from sitebuild.authoring.derivation import Derivation


def _step_note(derivation: Derivation, step) -> str:
    from sitebuild.authoring.printing import checked_for, latex

    notes = []
    if step.uses:
        used = ", ".join(derivation.assumption(name).statement for name in step.uses)
        notes.append(f"uses {used}")
    if step.for_each is not None:
        symbol, values = step.for_each
        notes.append(f"checked for {checked_for(latex(symbol), values)}")
    return f" <span class='derivation-uses'>({'; '.join(notes)})</span>" if notes else ""


def derivation_markdown(derivation: Derivation) -> str:
    """A derivation as a numbered list of display equations, each with its reason."""
    from sitebuild.authoring.printing import latex

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
            # Inline math in display style: mathml.py lets the line break after a relation or a
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
    """A <figure> with every variant of the figure: light and dark (Material shows the one that
    fits the palette) and, for a figure with a narrow layout, wide and narrow (the stylesheet
    shows the one that fits the screen). Hidden variants load lazily, so they are never
    downloaded. ``data-smallest-font`` tells a test how large the smallest text is drawn (in
    points, at the image's own size); ``width`` and ``height`` reserve the space."""
    here = posixpath.dirname(page_src_uri)
    alt = record["alt"].replace("[", "(").replace("]", ")").replace("\n", " ")
    variants = record["variants"]
    images = []
    for variant, size in variants.items():
        kind = f".figure-{variant}" if len(variants) > 1 else ""
        for theme in ("light", "dark"):
            src = posixpath.relpath(site_path(topic, name, theme, variant), here or ".")
            attributes = (
                f'{kind} width="{size["width"]}" height="{size["height"]}" '
                f'data-smallest-font="{size["smallest_font"]:g}" loading="lazy" decoding="async"'
            )
            images.append(f"![{alt}]({src}#only-{theme}){{ {attributes.strip()} }}")
    lines = [f'<figure class="site-figure" id="figure-{name}" markdown="span">', *images]
    if record["caption"]:
        lines.append(f"<figcaption markdown>{record['caption']}</figcaption>")
    lines.append("</figure>")
    return "\n".join(lines)


ARTICLE = '<article class="md-content__inner md-typeset">'


def with_failures(page_html: str, failures: list[str]) -> str:
    """The page with the build's failures shown at the top of its article (``mkdocs serve``)."""
    items = "".join(f"<li><pre>{html.escape(failure)}</pre></li>" for failure in failures)
    banner = (
        '<div class="build-failures" role="alert"><p><strong>The build failed</strong> '
        "(this page may be out of date). Fix the file named below; the page reloads when it "
        f"builds again.</p><ul>{items}</ul></div>"
    )
    return page_html.replace(ARTICLE, ARTICLE + banner, 1)
