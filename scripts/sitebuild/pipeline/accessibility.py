"""Small, checked repairs to the theme's HTML that accessibility audits (axe, Lighthouse) ask for.

Each repair looks for the exact markup it fixes and fails the build if that markup is gone, so a
theme upgrade that changes it is noticed instead of silently un-fixing the page.
"""

from __future__ import annotations

from sitebuild import BuildError

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
LABELLED_SEARCH_DIALOG = (
    '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
)


def repair(html: str, where: str) -> str:
    """Give Material's search dialog an accessible name (axe: aria-dialog-name)."""
    if SEARCH_DIALOG not in html:
        raise BuildError(
            f"{where}: the theme's search dialog markup changed; update "
            "scripts/sitebuild/accessibility.py"
        )
    return html.replace(SEARCH_DIALOG, LABELLED_SEARCH_DIALOG, 1)
