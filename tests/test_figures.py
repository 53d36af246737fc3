"""Every figure renders to the same bytes twice, in both themes, with alt text."""

import pytest

from sitebuild import BuildError, figures

NAMES = figures.names()


def test_there_are_figures():
    assert "tanh" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_renders_deterministically_with_alt_text(name):
    for theme in figures.THEMES:
        first, alt, _caption = figures.render_svg(name, theme)
        second, alt_again, _ = figures.render_svg(name, theme)
        assert first == second, f"figure '{name}' ({theme}) differs between two renders"
        assert first.startswith(b"<?xml") and b"<svg" in first
        assert b"<dc:date>" not in first  # no build date in the metadata
        assert len(alt) >= 40 and alt == alt_again


def test_light_and_dark_differ_only_in_colours():
    light, _, _ = figures.render_svg("tanh", "light")
    dark, _, _ = figures.render_svg("tanh", "dark")
    assert light != dark
    assert b"#1f2328" in light and b"#e6edf3" in dark


def test_cache_skips_rendering_until_the_source_changes(tmp_path, monkeypatch):
    first = figures.build("tanh", tmp_path)
    stamps = {theme: path.stat().st_mtime_ns for theme, path in first.paths.items()}
    calls = []
    monkeypatch.setattr(figures, "render_svg", lambda *a: calls.append(a))
    again = figures.build("tanh", tmp_path)
    assert calls == [] and again.alt == first.alt
    assert {t: p.stat().st_mtime_ns for t, p in again.paths.items()} == stamps
    monkeypatch.setattr(figures, "cache_key", lambda name: "changed")
    with pytest.raises(TypeError):  # the stub returns None: proves a render was attempted
        figures.build("tanh", tmp_path)
    assert len(calls) == 1


def test_unknown_figure_lists_the_known_ones():
    with pytest.raises(BuildError, match="unknown figure 'no_such_figure'.*tanh"):
        figures.source_of("no_such_figure")
