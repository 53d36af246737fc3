"""Source hashing for the build caches: the project files a source depends on, and their digest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitebuild.pipeline import sources


@pytest.fixture
def scripts(tmp_path, monkeypatch) -> Path:
    """A scratch scripts/: a library package, a topics package with two topics, a module."""
    root = tmp_path / "scripts"
    files = {
        "lib/__init__.py": "from lib.core import f\n",
        "lib/core.py": "",
        "lib/extra.py": "",
        "topics/__init__.py": "",
        "topics/a/__init__.py": "",
        "topics/a/experiment.py": "import helper\n",
        "topics/a/values.py": "from . import experiment\n",
        "topics/a/figures.py": "from topics.a import experiment\n",
        "topics/b/__init__.py": "",
        "topics/b/values.py": "from topics.a.experiment import X\n",
        "helper.py": "import deep as d, numpy.linalg\n",
        "deep.py": "X = 1\n",
        "unused.py": "",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    monkeypatch.setattr(sources, "SCRIPTS", root)
    return root


def found(scripts: Path, source: Path) -> set[str]:
    return {path.relative_to(scripts).as_posix() for path in sources.local_imports(source)}


def test_topic_modules_are_followed_one_by_one_and_libraries_whole(scripts):
    script = scripts / "page.py"
    script.write_text(
        '"""A docstring whose next line reads like an import: harmless.\n'
        "from the docs import nothing\n"
        '"""\n'
        "import os\n"
        "from lib import (\n    core,  # a comment\n    f as g,\n)\n"
        "from topics.a import figures\n"
        "def f():\n"
        "    if True:\n"
        "        import unused  # indented, imported late\n"
    )
    assert found(scripts, script) == {
        "page.py",
        "unused.py",
        "lib/__init__.py",  # a library package is taken whole
        "lib/core.py",
        "lib/extra.py",
        "topics/__init__.py",  # a topic module brings its packages' __init__ only
        "topics/a/__init__.py",
        "topics/a/figures.py",
        "topics/a/experiment.py",
        "helper.py",
        "deep.py",  # through helper's `import deep as d, numpy.linalg`
    }


def test_a_topic_module_does_not_depend_on_its_neighbours(scripts):
    assert "topics/a/figures.py" not in found(scripts, scripts / "topics/a/values.py")
    assert "topics/a/experiment.py" in found(scripts, scripts / "topics/a/values.py")  # relative
    assert "topics/a/values.py" not in found(scripts, scripts / "topics/b/values.py")
    assert "topics/a/experiment.py" in found(scripts, scripts / "topics/b/values.py")


def test_an_import_added_to_a_file_is_seen_without_restarting(scripts):
    script = scripts / "figure.py"
    script.write_text("import deep\n")
    assert scripts / "unused.py" not in sources.local_imports(script)
    script.write_text("import deep\nimport unused\n")  # new size: the per-version cache misses
    assert scripts / "unused.py" in sources.local_imports(script)


def test_a_listing_passed_in_is_the_one_followed(scripts):
    """The catalog lists scripts/ once per build and passes it on: a module is followed only if
    that listing has it (a module added after it is seen by the next build's listing)."""
    script = scripts / "figure.py"
    script.write_text("import deep\n")
    listing = sources.project_modules()
    assert sources.local_imports(script, listing) == sources.local_imports(script)
    without = {name: path for name, path in listing.items() if name != "deep"}
    assert scripts / "deep.py" not in sources.local_imports(script, without)


def test_digest_follows_contents_and_names_not_modification_times(scripts):
    deep, helper = scripts / "deep.py", scripts / "helper.py"
    before = sources.digest([deep, helper])
    os.utime(deep, ns=(1, 1))
    assert sources.digest([helper, deep]) == before  # order and mtime do not matter
    deep.write_text("X = 2\n")
    assert sources.digest([deep, helper]) != before
    assert sources.digest([deep, helper], "matplotlib 3.10") != sources.digest([deep, helper])
