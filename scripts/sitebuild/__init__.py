"""The site's build machinery, one floor below the topics it builds.

* :mod:`sitebuild.authoring`: what a topic's author writes with: derivations (steps, assumptions,
  moments, notation, checks), values and figures.
* :mod:`sitebuild.pipeline`: what the build runs: the MkDocs plugin, discovery of the topics, the
  cache, markers, figure rendering, notebooks and math.

Every failure is raised as :class:`BuildError` with a message that names the culprit (the
derivation and step, the figure, the value, the notebook and cell, the page and formula).
"""

import os
from pathlib import Path

# One BLAS thread: the topics' matrices are small, and on a busy 2-core machine OpenBLAS's threads
# made a 128×128 product a hundred times slower (measured). Set before anything imports NumPy;
# notebook kernels inherit it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# The project's root folder (mkdocs.yml, docs/, scripts/): the one definition, for the build,
# the tests and the benchmarks alike.
ROOT = Path(__file__).resolve().parents[2]


class BuildError(Exception):
    """A source of the site is wrong; the message names which one and why."""
