"""Topics are found by folder, their items built one module at a time through the cache, and
looked up by page."""

import logging
import sys
import textwrap

import pytest

from sitebuild import BuildError
from sitebuild.pipeline import registry, sources
from sitebuild.pipeline.cache import Cache

LOG = logging.getLogger("test")


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A scratch scripts/ with one topic, `demo`: an experiment, values and a figure."""
    scripts = tmp_path / "scripts"
    package = "scratch_topics"
    write(scripts / package / "__init__.py", "")
    write(scripts / package / "demo" / "__init__.py", "")
    write(scripts / package / "demo" / "experiment.py", "ANSWER = 42\n")
    write(
        scripts / package / "demo" / "values.py",
        """
        from sitebuild.authoring import value

        @value("{:d}")
        def answer():
            return 42
        """,
    )
    write(
        scripts / package / "demo" / "figures.py",
        """
        from matplotlib.figure import Figure

        from scratch_topics.demo import experiment
        from sitebuild.authoring import figure

        @figure(caption="A line.")
        def line():
            fig = Figure(figsize=(2, 1))
            fig.subplots().plot([0, experiment.ANSWER])
            return fig, "A straight line rising from 0 to the answer, 42."
        """,
    )
    monkeypatch.syspath_prepend(str(scripts))
    for name in [m for m in sys.modules if m.split(".")[0] == package]:  # an earlier test's copy
        monkeypatch.delitem(sys.modules, name)
    for module in (registry, sources):
        monkeypatch.setattr(module, "SCRIPTS", scripts)
        monkeypatch.setattr(module, "TOPICS", package)
    calls = []
    real = registry.compute
    monkeypatch.setattr(registry, "compute", lambda m: calls.append(m.name) or real(m))
    return scripts / package / "demo", Cache(tmp_path / "cache"), calls


def test_items_are_built_and_looked_up_from_their_page(project):
    _folder, cache, calls = project
    catalog = registry.build(cache, LOG)
    modules = ("experiment", "figures", "values")
    assert sorted(calls) == [f"scratch_topics.demo.{module}" for module in modules]
    assert catalog.lookup("value", "answer", "demo") == "42"
    assert catalog.lookup("value", "demo.answer", "elsewhere") == "42"
    assert catalog.lookup("figure", "line", "demo")["caption"] == "A line."
    assert sorted(catalog.files) == [
        "assets/figures/demo/line-dark.svg",
        "assets/figures/demo/line-light.svg",
    ]
    with pytest.raises(BuildError, match=r"unknown value 'question' .* 'demo' has: answer"):
        catalog.lookup("value", "question", "demo")


def test_a_rebuild_builds_only_the_modules_whose_inputs_changed(project):
    folder, cache, calls = project
    registry.build(cache, LOG)
    calls.clear()
    registry.build(cache, LOG)
    assert calls == []  # everything from the cache
    write(folder / "experiment.py", "ANSWER = 43\n")  # imported by the figures only
    registry.build(cache, LOG)
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
        registry.build(cache, LOG)


def test_pages_map_to_topics_by_name():
    assert registry.topic_of_page("exploding-vanishing.md") == "exploding_vanishing"
    assert registry.topic_of_page("index.md") == "index"


def test_a_new_library_version_builds_every_module_again(project, monkeypatch):
    """A NumPy (or SymPy, matplotlib, mpmath, Python) upgrade can change a figure's pixels or a
    run's last digits: the cache keys on the versions, so every module is built again."""
    from sitebuild.pipeline import cache as cache_module

    _folder, cache, calls = project
    registry.build(cache, LOG)
    installed = cache_module.versions()
    for library in ("numpy", "sympy", "matplotlib", "mpmath", "python"):
        calls.clear()
        upgraded = {**installed, library: "99.0"}
        monkeypatch.setattr(cache_module, "versions", lambda upgraded=upgraded: upgraded)
        registry.build(cache, LOG)
        assert len(calls) == 3, library
