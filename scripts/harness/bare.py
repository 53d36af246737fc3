"""A bare Material page: the baseline that the site's pages are measured against.

The site's theme (palette, features, navigation), Material's search and nothing else: no plugin
of ours, no glightbox, no extra stylesheet or script, no math. Its home page is the site's home
page Markdown with the markers taken out (math stays as plain TeX text); every other page of the
navigation is a title, so the navigation the theme draws is the site's.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from harness.builds import mkdocs
from sitebuild import ROOT

MARKER = re.compile(r"\{\{.*?\}\}", re.S)
HTML_BLOCK = re.compile(r"<(div|p|figure)\b.*?</\1>", re.S)


def _leaves(node, title=""):
    if isinstance(node, str):
        yield title, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, key)
    elif isinstance(node, list):
        for item in node:
            yield from _leaves(item, title)


def bare_project(destination: Path) -> Path:
    """Write the bare project into ``destination`` (a new folder); return it."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    bare = {
        key: config[key]
        for key in ("site_name", "site_description", "site_url", "copyright", "nav", "theme")
        if key in config
    }
    bare["markdown_extensions"] = ["attr_list", "tables", {"toc": {"permalink": True}}]
    bare["plugins"] = ["search"]
    docs = destination / "docs"
    docs.mkdir(parents=True)
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(bare), encoding="utf-8")
    for title, page in _leaves(config["nav"]):
        target = docs / page
        target.parent.mkdir(parents=True, exist_ok=True)
        if page == "index.md":
            text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
            text = HTML_BLOCK.sub("", MARKER.sub("", text))
        else:
            text = f"# {title}\n\nA page of the site, in the bare theme.\n"
        target.write_text(text, encoding="utf-8")
    return destination


def build_bare(destination: Path) -> Path:
    """Build the bare project in ``destination``; the built site's folder."""
    project = bare_project(destination)
    site = destination / "site"
    done = mkdocs(project, "build", "--site-dir", str(site))
    if done.returncode != 0:
        raise RuntimeError(f"the bare Material build failed:\n{done.stdout}{done.stderr}")
    return site
