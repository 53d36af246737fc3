"""The catalog: every topic item built one module at a time through the cache, rebuilt only
when its inputs change, and looked up by page."""

import logging
import textwrap

import pytest

from sitebuild import BuildError
from sitebuild.pipeline import catalog

LOG = logging.getLogger("test")


def write(path, text):
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_items_are_built_and_looked_up_from_their_page(project):
    _folder, cache, calls = project
    found = catalog.build(cache, LOG)
    modules = ("experiment", "figures", "values")
    assert sorted(calls) == [f"scratch_topics.demo.{module}" for module in modules]
    assert found.lookup("value", "answer", "demo") == "42"
    assert found.lookup("value", "demo.answer", "elsewhere") == "42"
    assert found.lookup("figure", "line", "demo")["caption"] == "A line."
    assert sorted(found.files) == [
        "assets/figures/demo/line-dark.svg",
        "assets/figures/demo/line-light.svg",
    ]
    with pytest.raises(BuildError, match=r"unknown value 'question' .* 'demo' has: answer"):
        found.lookup("value", "question", "demo")


def test_a_rebuild_builds_only_the_modules_whose_inputs_changed(project):
    folder, cache, calls = project
    catalog.build(cache, LOG)
    calls.clear()
    catalog.build(cache, LOG)
    assert calls == []  # everything from the cache
    write(folder / "experiment.py", "ANSWER = 43\n")  # imported by the figures only
    catalog.build(cache, LOG)
    assert sorted(calls) == ["scratch_topics.demo.experiment", "scratch_topics.demo.figures"]


def test_a_duplicate_name_in_a_topic_is_an_error(project):
    folder, cache, _calls = project
    write(
        folder / "more.py",
        """
        from sitebuild.authoring import value

        @value()
        def answer():
            return 1
        """,
    )
    with pytest.raises(BuildError, match="value 'demo.answer' is defined twice"):
        catalog.build(cache, LOG)


def test_a_new_library_version_builds_every_module_again(project, monkeypatch):
    """A NumPy (or SymPy, matplotlib, mpmath, Python) upgrade can change a figure's pixels or a
    run's last digits: the cache keys on the versions, so every module is built again."""
    from sitebuild.pipeline import cache as cache_module

    _folder, cache, calls = project
    catalog.build(cache, LOG)
    installed = cache_module.versions()
    for library in ("numpy", "sympy", "matplotlib", "mpmath", "python"):
        calls.clear()
        upgraded = {**installed, library: "99.0"}
        monkeypatch.setattr(cache_module, "versions", lambda upgraded=upgraded: upgraded)
        catalog.build(cache, LOG)
        assert len(calls) == 3, library
