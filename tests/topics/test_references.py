"""The references: every citation on a page resolves, every entry is cited, every entry has a
stable identifier."""

import re

from selectolax.lexbor import LexborHTMLParser

from sitebuild import ROOT
from sitebuild.authoring.references import Reference
from sitebuild.pipeline.registry import defined

ENTRIES = {item.name: item for _module, item in defined("reference")}
CITE = re.compile(r"\{\{\s*cite\s+(\w+)\s*\}\}")


def cited() -> set[str]:
    """Keys cited in pages, figure captions, claims, derivations and exercises."""
    keys = set()
    for page in (ROOT / "docs").glob("*.md"):
        keys.update(CITE.findall(page.read_text(encoding="utf-8")))
    for path in (ROOT / "scripts" / "topics").rglob("*.py"):
        keys.update(CITE.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_citation_resolves_and_every_entry_is_cited():
    keys = cited()
    assert sorted(keys - set(ENTRIES)) == [], "cited but not in the bibliography"
    assert sorted(set(ENTRIES) - keys) == [], "in the bibliography but cited nowhere"


def test_every_entry_has_authors_a_title_a_venue_and_an_identifier():
    for entry in ENTRIES.values():
        assert entry.authors and entry.title and entry.venue, entry.name
        assert entry.doi or entry.arxiv or entry.url, entry.name
        assert re.fullmatch(r"[a-z]+(\d{4})?", entry.name), entry.name


def test_short_citations_follow_the_number_of_authors():
    one = Reference("a", ("Ada Lovelace",), "t", "v", 1843, url="u")
    two = Reference("b", ("Xavier Glorot", "Yoshua Bengio"), "t", "v", 2010, url="u")
    many = Reference("c", ("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren"), "t", "v", 2015, url="u")
    undated = Reference("d", ("Aman Chadha",), "t", "v", 0, url="u")
    assert [r.short() for r in (one, two, many, undated)] == [
        "Lovelace (1843)", "Glorot and Bengio (2010)", "He et al. (2015)", "Chadha (n.d.)",
    ]  # fmt: skip


def test_the_references_page_links_back_and_resolves(built_site):
    html = (built_site.site / "references" / "index.html").read_text(encoding="utf-8")
    for key in ENTRIES:
        assert f'id="{key}"' in html, key
    he = (built_site.site / "he" / "index.html").read_text(encoding="utf-8")
    assert 'href="../references/#he2015"' in he and "He et al. (2015)" in he


MENTION = re.compile(
    r"\b(?:[A-Z][\w'-]+ et al\.|[A-Z][\w'-]+ and [A-Z][\w'-]+|[A-Z][\w'-]+) \((?:19|20)\d\d\)"
)


def test_every_author_year_mention_on_a_page_is_a_link(built_site):
    """Wherever prose, a derivation's conclusion, a caption or an exercise names a work as
    "Author (year)", it is a link to its entry (the {{ cite }} marker), never plain text."""
    plain, linked = {}, 0
    for page in sorted(built_site.site.rglob("index.html")):
        if page.parent.name == "references":
            continue
        article = LexborHTMLParser(page.read_text(encoding="utf-8")).css_first("article")
        if article is None:
            continue
        for link in article.css("a"):
            linked += bool(MENTION.search(link.text()))
            link.decompose()
        for code in article.css("script, pre, code"):
            code.decompose()
        if found := MENTION.findall(article.text(separator=" ")):
            plain[str(page.relative_to(built_site.site))] = found
    assert linked >= 20
    assert plain == {}


def test_bibliography_list_has_every_entry_once_by_surname_then_year():
    from topics.references import values

    text = values.bibliography_list.text()
    ids = re.findall(r'<li id="(\w+)"', text)
    assert sorted(ids) == sorted(ENTRIES) and len(ids) == len(set(ids))
    expected = sorted(
        ENTRIES.values(), key=lambda e: (e.authors[0].split()[-1].lower(), e.year, e.title)
    )
    assert ids == [entry.name for entry in expected]
    for entry in ENTRIES.values():  # each item names its title and where to find the work
        item = re.search(rf'<li id="{entry.name}".*?</li>', text)[0]
        assert entry.title in item and f"({entry.year or 'n.d.'})" in item
        assert (entry.doi or entry.arxiv or entry.url) in item
