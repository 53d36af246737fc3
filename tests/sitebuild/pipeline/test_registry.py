"""Topics are found by folder, and a page maps to its topic by name."""

from sitebuild.pipeline import registry


def test_pages_map_to_topics_by_name():
    assert registry.topic_of_page("exploding-vanishing.md") == "exploding_vanishing"
    assert registry.topic_of_page("index.md") == "index"
