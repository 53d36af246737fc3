"""What a topic's author writes with, in ``scripts/topics/<page>/``:

* ``derivations.py``: :class:`Derivation` objects, ordered :class:`Step` s that SymPy proves, with
  the random-variable operators :class:`E`, :class:`Var`, :class:`Cov` of a :class:`Model`
  (see :mod:`~sitebuild.authoring.checks` and :mod:`~sitebuild.authoring.notation` too);
* ``values.py``: numbers and small tables the page inserts, made by :func:`value`, with
  :func:`scientific` for m × 10^e;
* ``claims.py``: the sentences the page says about its experiment, each with its check, made by
  :func:`claim`;
* ``figures.py``: figures the build draws, made by :func:`figure`;
* ``exercises.py``: the page's exercises, with worked and computed answers (:class:`Exercise`).

The references page's topic holds every :class:`Reference` a page cites.

Each name is imported only when it is used, so a values module never loads SymPy.
"""

import importlib

_HOME = {
    "Assumption": "derivation",
    "Derivation": "derivation",
    "Step": "derivation",
    "approximately": "derivation",
    "Cov": "moments",
    "E": "moments",
    "Model": "moments",
    "Var": "moments",
    "Claim": "claims",
    "claim": "claims",
    "Exercise": "exercises",
    "exercise": "exercises",
    "Figure": "figures",
    "Reference": "references",
    "figure": "figures",
    "Value": "values",
    "plain_or_scientific": "values",
    "power_of_ten": "values",
    "scientific": "values",
    "value": "values",
}
__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'sitebuild.authoring' has no attribute {name!r}")
    return getattr(importlib.import_module(f"sitebuild.authoring.{_HOME[name]}"), name)
