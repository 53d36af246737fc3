"""Helpers the tests and the benchmarks share: building the site (builds.py), serving it and
driving Debian's Chromium (browser.py), and running Lighthouse (lighthouse.py)."""
