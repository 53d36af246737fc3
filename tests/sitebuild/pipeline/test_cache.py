"""The one cache: entries valid only under their key, files written only when they change."""

import os

from sitebuild.pipeline import cache as cache_module
from sitebuild.pipeline.cache import Cache, python_key, write_if_changed


def test_an_entry_is_found_only_under_its_key_and_with_its_files(tmp_path):
    cache = Cache(tmp_path)
    assert cache.lookup("figures/x", "k1") is None
    entry = cache.store("figures/x", "k1", {"alt": "a plot"}, {"x-light.svg": b"<svg/>"})
    assert entry.path("x-light.svg").read_bytes() == b"<svg/>"
    assert cache.lookup("figures/x", "k1").data == {"alt": "a plot"}
    assert cache.lookup("figures/x", "k2") is None  # another key: stale
    entry.path("x-light.svg").unlink()
    assert cache.lookup("figures/x", "k1") is None  # a file went missing: stale


def test_storing_again_removes_the_files_of_the_earlier_version(tmp_path):
    cache = Cache(tmp_path)
    cache.store("t", "k1", {}, {"old.svg": b"1", "kept.svg": b"2"})
    entry = cache.store("t", "k2", {}, {"kept.svg": b"2", "new.svg": b"3"})
    assert sorted(p.name for p in entry.folder.iterdir()) == ["entry.json", "kept.svg", "new.svg"]


def test_a_library_or_python_version_changes_the_key(tmp_path, monkeypatch):
    source = tmp_path / "figures.py"
    source.write_text("X = 1\n")
    before = python_key([source])
    for name in ("python", "numpy", "sympy", "matplotlib", "mpmath"):
        changed = {**cache_module.versions(), name: "0.0.1"}
        monkeypatch.setattr(cache_module, "versions", lambda changed=changed: changed)
        assert python_key([source]) != before, name
        monkeypatch.undo()
    assert python_key([source]) == before
    source.write_text("X = 2\n")
    assert python_key([source]) != before


def test_write_if_changed_leaves_an_identical_file_alone(tmp_path):
    target = tmp_path / "out" / "figure.svg"
    assert write_if_changed(target, b"<svg/>") is True
    os.utime(target, ns=(1, 1))
    assert write_if_changed(target, b"<svg/>") is False
    assert target.stat().st_mtime_ns == 1  # untouched: mkdocs serve sees no change
    assert write_if_changed(target, b"<svg></svg>") is True
    assert target.read_bytes() == b"<svg></svg>"


def test_a_fresh_entry_reads_exactly_as_the_cached_one(tmp_path):
    """A clean build and a cached build render from the same data, down to the key order (a
    figure's variants came out wide-first when fresh and narrow-first from the cache)."""
    cache = Cache(tmp_path)
    fresh = cache.store("figure", "k", {"variants": {"wide": [1, 2], "narrow": (3, 4)}}).data
    cached = cache.lookup("figure", "k").data
    assert fresh == cached == {"variants": {"narrow": [3, 4], "wide": [1, 2]}}
    assert list(fresh["variants"]) == list(cached["variants"]) == ["narrow", "wide"]
