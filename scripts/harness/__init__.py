"""Helpers the tests and the benchmarks share: building the site (builds.py), serving it and
driving Debian's Chromium (browser.py), running Lighthouse (lighthouse.py), the tests every
page's derivations get (derivation_tests.py), and the cells of a value's Markdown table, its shape
checked (tables.py)."""
