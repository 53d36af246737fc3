"""The site's topics: one package per page, named after it (``docs/he.md``: ``topics.he``).

A topic holds its page's derivations, experiment, figures and values; see
:mod:`sitebuild.pipeline.registry` for how they are found and built.
"""
