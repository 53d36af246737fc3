"""Every sentence a page says about an experiment holds on the experiment's data, and is said."""

import re

import pytest

from sitebuild import ROOT
from sitebuild.pipeline.registry import defined

CLAIMS = {f"{module.topic}.{item.name}": item for module, item in defined("claim")}
FIGURES = {f"{module.topic}.{item.name}": item for module, item in defined("figure")}
MARKER = re.compile(r"\{\{\s*claim\s+([\w.]+)\s*\}\}")


def used_claims() -> set[str]:
    """Qualified names of the claims that pages and figure captions insert."""
    used = set()
    for page in (ROOT / "docs").glob("*.md"):
        topic = page.stem.replace("-", "_")
        for name in MARKER.findall(page.read_text(encoding="utf-8")):
            used.add(name if "." in name else f"{topic}.{name}")
    for qualified, item in FIGURES.items():
        topic = qualified.split(".")[0]
        for name in MARKER.findall(item.caption):
            used.add(name if "." in name else f"{topic}.{name}")
    return used


def test_the_pages_make_claims():
    assert len(CLAIMS) >= 10


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_every_claim_holds_on_the_data(name):
    assert CLAIMS[name].holds(), CLAIMS[name].text


def test_every_claim_is_on_a_page_and_every_claim_on_a_page_exists():
    used = used_claims()
    assert sorted(set(CLAIMS) - used) == [], "claims no page or caption makes"
    assert sorted(used - set(CLAIMS)) == [], "claim markers with no claim behind them"
