"""Build-time machinery of the site: derivations, figures, values, notebooks and math.

`scripts/hooks.py` is the only module MkDocs loads; it stays thin and calls into this package.
Every failure is raised as :class:`BuildError` with a message that names the culprit (the
derivation and step, the figure, the value, the notebook and cell, the page and formula).
"""


class BuildError(Exception):
    """A source of the site is wrong; the message names which one and why."""
