"""The MkDocs plugin (``plugins: [initsite]`` in mkdocs.yml): glue between MkDocs and the pipeline.

Each event hands its work to a module of this package. In ``mkdocs build`` a
:class:`sitebuild.BuildError` becomes a :class:`mkdocs.exceptions.PluginError`, which stops the
build with the message that names the culprit. In ``mkdocs serve`` a failure must not stop the
build (the server would wait on it, and the browser with it): the failure is recorded, what can
be built is built, and every page shows the failures at its top, until a fixed file rebuilds
cleanly. State lives on the plugin, which `mkdocs serve` keeps across rebuilds (it defines
``on_startup``), so formulas typeset once stay in memory.
"""

from __future__ import annotations

import functools
import html
import posixpath
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File

from sitebuild import BuildError
from sitebuild.authoring import references
from sitebuild.pipeline import (
    accessibility,
    catalog,
    loading,
    markers,
    markup,
    mathml,
    mathml_font,
    notebook_page,
    notebooks,
    parallel,
    registry,
)
from sitebuild.pipeline.cache import Cache

log = get_plugin_logger(__name__)


class SiteConfig(base.Config):
    cache_dir = c.Type(str, default=".cache")  # relative to mkdocs.yml's folder
    notebooks_dir = c.Type(str, default="notebooks")  # relative to docs_dir
    jobs = c.Type(int, default=0)  # processes for what is not cached: 0 one per core, 1 serial


class SitePlugin(BasePlugin[SiteConfig]):
    def on_startup(self, *, command, dirty):
        self.catalog: catalog.Catalog | None = None
        self.math: mathml.Renderer | None = None
        self.serving = command == "serve"
        self.failures: list[str] = []

    def _failed(self, error: BuildError) -> None:
        """Stop the build, or (serving) record the failure for every page to show."""
        if not self.serving:
            raise PluginError(str(error)) from None
        log.error(str(error))
        self.failures.append(str(error))

    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        self.cache = Cache(self.root / self.config.cache_dir)
        return config

    @event_priority(100)  # first: every plugin's on_files then sees the generated pages and files
    def on_files(self, files, config):
        self.failures = []
        failures = self.failures if self.serving else None
        # What is not cached is computed in processes, one per core (pipeline/parallel.py).
        pool = parallel.Pool(self.config.jobs, log)
        try:
            folder = Path(config.docs_dir) / self.config.notebooks_dir
            sources = sorted(folder.glob("*.py"))
            topics = catalog.start(self.cache, pool, keep_going=self.serving)
            executing = notebooks.start(sources, self.cache, self.root, pool, self.serving)
            self.catalog = topics.catalog(failures)
            add = functools.partial(File.generated, config)
            for site_path, path in sorted(self.catalog.files.items()):
                files.append(add(site_path, abs_src_path=str(path)))
            files.append(add(mathml_font.STYLESHEET, content=mathml_font.stylesheet()))
            executed = executing.results(failures)
            for site_path, content in self._notebook_files(sources, executed, config):
                files.append(add(site_path, content=content))
            if self.math is None:
                self.math = mathml.Renderer(self.cache, log)
        except BuildError as error:
            self._failed(error)
        finally:
            pool.close(cancel=True)  # nothing left to wait for, unless this build failed
        return files

    def _notebook_files(self, sources, executed, config):
        """(site path, content) of each executed notebook's page and of its files (its output
        images, its .ipynb for download)."""
        prefix = self.config.notebooks_dir
        for source, notebook in zip(sources, executed, strict=True):
            if notebook is None:  # serving, and it failed: recorded in self.failures
                continue
            page, outputs = notebook_page.render(
                notebook.executed, source.stem, config.site_url or ""
            )
            yield f"{prefix}/{source.stem}.md", page
            for name, data in outputs.items():
                yield f"{prefix}/{name}", data

    def on_page_markdown(self, markdown, page, config, files):
        where = page.file.src_path
        if self.catalog is None:  # serving, and the topics could not be listed at all
            return markdown
        handlers = self._handlers(registry.topic_of_page(page.file.src_uri), page, where)
        if self.serving:  # a marker that cannot be filled shows its failure in place
            handlers = {kind: self._shown_on_failure(h) for kind, h in handlers.items()}
        try:
            return markers.expand(markdown, where, handlers)
        except BuildError as error:
            self._failed(error)
            return markdown

    def _shown_on_failure(self, handler):
        def fill(name: str) -> str:
            try:
                return handler(name)
            except BuildError as error:
                self.failures.append(str(error))
                return (
                    f'<code class="build-failure">{html.escape(str(error).splitlines()[0])}</code>'
                )

        return fill

    def _handlers(self, topic: str, page, where: str) -> dict:
        """What each marker kind inserts, looking names up in ``topic``."""
        found = self.catalog

        def figure(name: str) -> str:
            owner, local = found.qualified(name, topic).split(".", 1)
            record = dict(found.lookup("figure", name, topic))
            # A caption's own markers (its claims) belong to the figure's topic.
            caption_where = f"{where}: caption of figure '{owner}.{local}'"
            owner_handlers = self._handlers(owner, page, caption_where)
            record["caption"] = markers.expand(record["caption"], caption_where, owner_handlers)
            return markup.figure_markdown(owner, local, record, page.file.src_uri)

        def lookup(kind: str):
            return lambda name: found.lookup(kind, name, topic)

        def cite(key: str) -> str:
            short = found.lookup("reference", f"{references.TOPIC}.{key}", topic)
            page_folder = posixpath.dirname(page.file.src_uri) or "."
            target = posixpath.relpath(f"{references.TOPIC}.md", page_folder)
            return f"[{short}]({target}#{key}){{ .citation }}"

        return {
            "figure": figure,
            "derivation": lookup("derivation"),
            "value": lookup("value"),
            "claim": lookup("claim"),
            "exercise": lookup("exercise"),
            "cite": cite,
        }

    def on_post_page(self, output, page, config):
        # Math is typeset here, on the finished page, rather than in on_page_content: the search
        # plugin then indexes the short TeX source instead of parsing ~20,000 KaTeX tags a build
        # (1.8 s of a 3 s rebuild, measured), and the index is searchable by formula source.
        try:
            if self.math is not None:
                output = self.math.render_page(output, page.file.src_path)
            output = loading.optimize(output, page.url, page.file.src_path)
            output = accessibility.repair(output, page.file.src_path)
        except BuildError as error:
            self._failed(error)
        return markup.with_failures(output, self.failures) if self.failures else output

    def on_post_build(self, config):
        if self.math is not None:
            self.math.save()
            try:  # the font holds the characters of every page's formulas: known only now
                self.math.write_font(Path(config.site_dir))
            except BuildError as error:
                self._failed(error)
