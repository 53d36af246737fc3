"""The whole site builds strictly; each page carries its math, figures and downloads; every
mechanism's fault stops the build with a message naming the culprit."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from harness.builds import Build, copy_project, mkdocs_build
from sitebuild import ROOT

PAGES = sorted(p.relative_to(ROOT / "docs").with_suffix("") for p in (ROOT / "docs").glob("*.md"))
NOTEBOOKS = sorted(p.stem for p in (ROOT / "docs" / "notebooks").glob("*.py"))


def html_of(site: Path, page: Path) -> str:
    folder = site if page.name == "index" else site / page
    return (folder / "index.html").read_text(encoding="utf-8")


def test_strict_build_prints_no_warning(built_site: Build):
    offending = [line for line in built_site.log.splitlines() if re.search(r"WARNING|ERROR", line)]
    assert offending == []


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_every_page_is_built_with_its_figures_present(built_site: Build, page: Path):
    html = html_of(built_site.site, page)
    for src in re.findall(r'<img[^>]+src="([^"]+)"', html):
        target = built_site.site / (page if page.name != "index" else "") / src.split("#")[0]
        assert target.resolve().is_file(), f"{page}: missing image {src}"


def test_home_page_shows_the_checked_derivation_computed_values_and_figure(built_site: Build):
    html = html_of(built_site.site, Path("index"))
    assert 'id="derivation-variance_of_sum"' in html
    assert html.count('class="derivation-step"') == 4
    assert "38.44" in html and "0.00195" in html
    assert "tanh-light.svg#only-light" in html and "tanh-dark.svg#only-dark" in html
    assert "<math" in html and r"\(" not in html  # every formula typeset at build


def test_every_formula_on_every_page_is_typeset(built_site: Build):
    for page in PAGES:
        html = html_of(built_site.site, page)
        assert '<span class="arithmatex">\\(' not in html, page
        assert '<div class="arithmatex">\\[' not in html, page


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_notebook_is_executed_and_offered_for_download(built_site: Build, name: str):
    folder = built_site.site / "notebooks"
    html = (folder / name / "index.html").read_text(encoding="utf-8")
    assert f'href="../{name}.ipynb"' in html and f'href="../{name}.py"' in html
    notebook = json.loads((folder / f"{name}.ipynb").read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code and [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    source = (ROOT / "docs" / "notebooks" / f"{name}.py").read_text(encoding="utf-8")
    assert (folder / f"{name}.py").read_text(encoding="utf-8") == source
    assert 'class="language-python highlight"' in html or "highlight" in html


def test_notebook_outputs_appear_on_the_page(built_site: Build):
    html = (built_site.site / "notebooks/variance-of-a-sum/index.html").read_text()
    assert "predicted n·Var(w)·Var(x) = 4.000" in html
    assert "<math" in html  # math in Markdown cells is typeset like any page's


def test_the_built_site_references_no_other_host(built_site: Build):
    """Scripts, styles, fonts, images and frames all come from the site itself."""

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            for attribute in ("src", "srcset", "data"):
                if attrs.get(attribute):
                    self.found.append(attrs[attribute])
            if tag == "link" and attrs.get("rel") in (
                "stylesheet",
                "preload",
                "icon",
                "modulepreload",
            ):
                self.found.append(attrs.get("href", ""))

    external = re.compile(r"^(https?:)?//", re.I)
    pages = sorted(built_site.site.rglob("*.html"))
    assert len(pages) >= len(PAGES) + len(NOTEBOOKS)
    for page in pages:
        collector = Collector()
        text = page.read_text(encoding="utf-8")
        collector.feed(text)
        assert not [u for u in collector.found if external.match(u)], page
        assert not re.search(r"""import\s*\(?\s*["']https?://""", text), page
    for css in built_site.site.rglob("*.css"):
        urls = re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8"))
        assert not [u for u in urls if external.match(u.strip("'\""))], css


# --- fault injection: a copy of the project with one thing broken ---------------------------


@pytest.fixture
def project(tmp_path: Path, built_site: Build) -> Path:
    """A copy of the project that reuses the session build's caches (so only the fault runs)."""
    return copy_project(tmp_path / "project", cache=True)


def build_fails(project: Path, *expected: str) -> str:
    build = mkdocs_build(project, project / "site")
    assert build.returncode != 0, build.log
    for text in expected:
        assert text in build.log, f"{text!r} not in:\n{build.log[-3000:]}"
    return build.log


def test_a_false_derivation_step_fails_naming_derivation_and_step(project: Path):
    (project / "scripts/topics/index/broken.py").write_text(
        "import sympy as sp\n"
        "from sitebuild.authoring import Derivation, Step\n"
        "x = sp.Symbol('x')\n"
        "broken = Derivation('broken_algebra', 'broken', [\n"
        "    Step((x + 1) ** 2, x**2 + 2 * x + 1, 'expand the square'),\n"
        "    Step(x**2 + 2 * x + 1, x**2 + 1, 'drop the middle term'),\n"
        "])\n"
    )
    build_fails(
        project, "derivation 'broken_algebra', step 2 does not hold", "drop the middle term"
    )


def test_an_unknown_derivation_name_fails_naming_page_and_line(project: Path):
    index = project / "docs/index.md"
    index.write_text(index.read_text() + "\n{{ derivation no_such_derivation }}\n")
    build_fails(project, "index.md:", "unknown derivation 'no_such_derivation'")


def test_a_raising_figure_script_fails_naming_the_figure(project: Path):
    (project / "scripts/topics/index/broken.py").write_text(
        "from sitebuild.authoring import figure\n\n"
        "@figure()\ndef broken_plot():\n    raise RuntimeError('the data file is missing')\n"
    )
    build_fails(project, "figure 'broken_plot'", "topics/index/broken.py", "data file is missing")


def test_an_unknown_figure_name_fails_naming_it(project: Path):
    index = project / "docs/index.md"
    index.write_text(index.read_text() + "\n{{ figure no_such_figure }}\n")
    build_fails(project, "unknown figure 'no_such_figure'", "index.md:", "has: tanh")


def test_a_notebook_cell_that_raises_fails_naming_notebook_and_cell(project: Path):
    (project / "docs/notebooks/broken.py").write_text(
        "# %%\nx = 1\n\n# %%\nraise ValueError('cell two is wrong')\n"
    )
    build_fails(
        project, "notebooks/broken.py: cell 2, line 1 raised ValueError", "cell two is wrong"
    )


def test_invalid_tex_fails_naming_page_and_formula(project: Path):
    index = project / "docs/index.md"
    index.write_text(index.read_text() + "\nBroken: $\\frac{1}{$.\n")
    build_fails(project, "index.md: Temml cannot typeset")


def test_a_failing_value_fails_naming_it(project: Path):
    (project / "scripts/topics/index/broken.py").write_text(
        "from sitebuild.authoring import value\n\n@value()\ndef broken_ratio():\n    return 1 / 0\n"
    )
    build_fails(project, "value 'broken_ratio': computing it failed", "ZeroDivisionError")


def test_navigation_lists_every_page_and_notebook():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())

    def leaves(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for value in node.values():
                yield from leaves(value)
        elif isinstance(node, list):
            for item in node:
                yield from leaves(item)

    listed = set(leaves(config["nav"]))
    assert {f"{p}.md" for p in PAGES} <= listed
    assert {f"notebooks/{n}.md" for n in NOTEBOOKS} <= listed


def test_outbound_links_in_prose_are_listed_and_secure(built_site: Build, capsys):
    """Links to other sites are fine in prose (a reader chooses to follow them); they are listed
    here, and none is plain http."""
    outbound = set()
    for page in built_site.site.rglob("*.html"):
        for url in re.findall(r'<a [^>]*href="(https?://[^"]+)"', page.read_text(encoding="utf-8")):
            outbound.add(url)
    theme_links = {u for u in outbound if "squidfunk.github.io/mkdocs-material" in u}
    site_links = {u for u in outbound if u.startswith("https://example.github.io/initialization/")}
    prose = sorted(outbound - theme_links - site_links)
    with capsys.disabled():
        print(f"\noutbound links in prose: {prose or 'none'}")
    assert all(u.startswith("https://") for u in outbound)


def test_a_claim_the_data_contradicts_fails_naming_it_and_its_sentence(project: Path):
    (project / "scripts/topics/index/broken.py").write_text(
        "from sitebuild.authoring import claim\n\n"
        "@claim('The cost falls at every step.')\n"
        "def cost_falls():\n"
        "    costs = [3.0, 2.0, 2.5]\n"
        "    assert all(b < a for a, b in zip(costs, costs[1:])), f'costs {costs}'\n"
        "    return True\n"
    )
    build_fails(
        project, "claim 'cost_falls' does not hold", "The cost falls at every step.", "costs"
    )
