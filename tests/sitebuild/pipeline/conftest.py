"""A scratch project of topics for the registry's and the catalog's tests."""

import sys
import textwrap

import pytest

from sitebuild.pipeline import registry, sources
from sitebuild.pipeline.cache import Cache


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
