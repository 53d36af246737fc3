"""Source hashing for the build caches: the project files a script depends on, and their digest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitebuild import sources


@pytest.fixture
def scripts(tmp_path, monkeypatch) -> Path:
    """A scratch scripts/ folder: a package, two modules, and a script that imports some of them."""
    root = tmp_path / "scripts"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "inner.py").write_text("from . import sibling  # relative: package is whole\n")
    (root / "pkg" / "sibling.py").write_text("")
    (root / "helper.py").write_text("import deep as d, numpy.linalg\n")
    (root / "deep.py").write_text("X = 1\n")
    (root / "unused.py").write_text("")
    monkeypatch.setattr(sources, "SCRIPTS", root)
    return root


def test_imports_are_followed_through_modules_and_whole_packages(scripts):
    script = scripts / "figure.py"
    script.write_text(
        '"""A docstring whose next line reads like an import: harmless.\n'
        "from the docs import nothing\n"
        '"""\n'
        "import os\n"
        "from pkg.inner import thing\n"
        "def f():\n"
        "    if True:\n"
        "        import helper  # indented, imported late\n"
    )
    found = {path.relative_to(scripts).as_posix() for path in sources.local_imports(script)}
    assert found == {
        "figure.py",
        "helper.py",
        "deep.py",  # through helper's `import deep as d, numpy.linalg`
        "pkg/__init__.py",
        "pkg/inner.py",
        "pkg/sibling.py",
    }


def test_an_import_added_to_a_file_is_seen_without_restarting(scripts):
    script = scripts / "figure.py"
    script.write_text("import deep\n")
    assert scripts / "unused.py" not in sources.local_imports(script)
    script.write_text("import deep\nimport unused\n")  # new size: the per-version cache misses
    assert scripts / "unused.py" in sources.local_imports(script)


def test_digest_follows_contents_and_names_not_modification_times(scripts):
    deep, helper = scripts / "deep.py", scripts / "helper.py"
    before = sources.digest([deep, helper])
    os.utime(deep, ns=(1, 1))
    assert sources.digest([helper, deep]) == before  # order and mtime do not matter
    deep.write_text("X = 2\n")
    assert sources.digest([deep, helper]) != before
    assert sources.digest([deep, helper], "matplotlib 3.10") != sources.digest([deep, helper])


def test_write_if_changed_leaves_an_identical_file_alone(tmp_path):
    target = tmp_path / "out" / "figure.svg"
    assert sources.write_if_changed(target, b"<svg/>") is True
    os.utime(target, ns=(1, 1))
    assert sources.write_if_changed(target, b"<svg/>") is False
    assert target.stat().st_mtime_ns == 1  # untouched: mkdocs serve sees no change
    assert sources.write_if_changed(target, b"<svg></svg>") is True
    assert target.read_bytes() == b"<svg></svg>"
