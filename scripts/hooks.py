"""MkDocs hooks: the only code MkDocs loads from scripts/. Thin on purpose.

Everything here delegates to the ``sitebuild`` package; a :class:`sitebuild.BuildError` becomes a
:class:`mkdocs.exceptions.PluginError`, which stops the build with the message that names the
culprit. See the README's "How this site is built".
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

SCRIPTS = Path(__file__).resolve().parent
# MkDocs puts this folder on sys.path only while it loads this file, so it is added for good here
# (figure, derivation and value modules are imported later, during the build).
sys.path.insert(0, str(SCRIPTS))

from sitebuild import (  # noqa: E402
    BuildError,
    accessibility,
    figures,
    katex,
    markers,
    notebook_page,
    notebooks,
    registry,
)


def on_config(config):
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    return config


ROOT = SCRIPTS.parent
CACHE = ROOT / ".cache"
_state: dict = {}


def _fail(error: BuildError):
    raise PluginError(str(error)) from None


def _derivation_class():
    from sitebuild.derivation import Derivation

    return Derivation


def _value_class():
    from sitebuild.values import Value

    return Value


def _value_text(value) -> str:
    return value.text()


def _derivation_text(derivation) -> str:
    from sitebuild.derivation import verify
    from sitebuild.render import derivation_markdown

    verify(derivation)
    try:
        return derivation_markdown(derivation)
    except BuildError:
        raise
    except Exception as error:
        message = (
            f"derivation '{derivation.name}': rendering failed: {type(error).__name__}: {error}"
        )
        raise BuildError(message) from error


@event_priority(100)  # first: every plugin's on_files then sees the generated pages and files
def on_files(files, config):
    try:
        _state["derivations"] = registry.texts(
            "derivations", _derivation_class, _derivation_text, CACHE
        )
        _state["values"] = registry.texts("values", _value_class, _value_text, CACHE)
        _state["figures"] = figures.build_all(CACHE / "figures")
        for rendered in _state["figures"].values():
            for theme, path in rendered.paths.items():
                uri = f"assets/figures/{rendered.name}-{theme}.svg"
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        for uri, data in katex.assets().items():
            files.append(File.generated(config, uri, content=data))
        for source in sorted((Path(config.docs_dir) / "notebooks").glob("*.py")):
            executed = notebooks.build(source, CACHE / "notebooks", ROOT).executed
            markdown, outputs = notebook_page.render(executed, source.stem)
            add = functools.partial(File.generated, config)
            files.append(add(f"notebooks/{source.stem}.md", content=markdown))
            files.append(add(f"notebooks/{source.stem}.ipynb", abs_src_path=str(executed)))
            for name, data in outputs.items():
                files.append(add(f"notebooks/{name}", content=data))
        _state["katex"] = katex.Renderer(CACHE / "katex.json")
    except BuildError as error:
        _fail(error)
    return files


def on_page_markdown(markdown, page, config, files):
    def figure(name: str) -> str:
        if name not in _state["figures"]:
            figures.source_of(name)  # raises, listing the known figures
        rendered = _state["figures"][name]
        return markers.figure_markdown(
            name,
            rendered.alt,
            rendered.caption,
            page.file.src_uri,
            (rendered.width, rendered.height),
        )

    def named(kind: str):
        def look_up(name: str) -> str:
            if name not in _state[kind]:
                known = ", ".join(sorted(_state[kind])) or "none"
                raise BuildError(f"unknown {kind[:-1]} '{name}' (known: {known})")
            return _state[kind][name]

        return look_up

    handlers = {"figure": figure, "derivation": named("derivations"), "value": named("values")}
    try:
        return markers.expand(markdown, page.file.src_path, handlers)
    except BuildError as error:
        _fail(error)


def on_post_page(output, page, config):
    # Math is typeset here, on the finished page, rather than in on_page_content: the search
    # plugin then indexes the short TeX source instead of parsing ~20,000 KaTeX tags a build
    # (1.8 s of a 3 s rebuild, measured), and the index is searchable by formula source.
    try:
        output = _state["katex"].render_page(output, page.file.src_path)
        return accessibility.repair(output, page.file.src_path)
    except BuildError as error:
        _fail(error)


def on_post_build(config):
    if "katex" in _state:
        _state["katex"].save()
