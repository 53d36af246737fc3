"""The home page: its notation table (the symbols the derivations print, as a reader sees them),
the variance of a weighted sum, and the near-linear band of tanh its figure shows."""

import re

import numpy as np
import pytest
import sympy as sp

from harness.derivation_tests import derivation_tests
from sitebuild.authoring import Var
from sitebuild.authoring.printing import latex
from sitebuild.authoring.proof import with_changed_step as changed
from sitebuild.pipeline.markup import derivation_markdown
from topics.exploding_vanishing import derivations as exploding
from topics.he import derivations as he
from topics.index import derivations as d
from topics.index import experiment as ex
from topics.index import values as v
from topics.xavier import derivations as xavier


def rows() -> dict[str, str]:
    lines = v.notation_table.text().splitlines()[2:]
    return {line.split(" | ")[1]: line.split(" | ")[0].lstrip("| ") for line in lines}


def test_the_table_shows_the_notation_written_by_hand():
    """The symbols as the pages' prose writes them (typed here, not printed by the same code)."""
    symbols = " ".join(rows().values())
    for tex in ("n^{[l]}", "n_{in} = n^{[l-1]}", "n_{out} = n^{[l]}", "{W_{ij}^{[l]}}",
                "\\operatorname{Var}(W^{[l]})", "\\operatorname{Var}(z^{[l]})",
                "\\operatorname{Var}(a^{[l]})",
                "\\operatorname{Var}(\\partial C/\\partial a^{[l]})"):  # fmt: skip
        assert tex in symbols, tex
    assert len(rows()) == 10


def test_every_per_layer_symbol_of_the_table_is_one_a_derivation_displays():
    """Each variance symbol in the table occurs in the TeX of some checked step."""
    displayed = " ".join(
        f"{latex(step.lhs)} {latex(step.rhs)}"
        for derivation in (
            *(
                getattr(xavier, n)
                for n in ("xavier_forward", "xavier_condition", "xavier_backward")
            ),
            *(getattr(he, n) for n in ("relu_second_moment", "he_condition")),
            *(getattr(exploding, n) for n in dir(exploding) if not n.startswith("_")),
        )
        if hasattr(derivation, "steps")
        for step in derivation.steps
    )
    variances = re.findall(r"\\operatorname\{Var\}\([^$]*?\)(?=\$|,)", " ".join(rows().values()))
    symbols = [s for s in variances if "[l]" in s and "cdot" not in s]
    assert len(symbols) == 4
    for symbol in symbols:
        assert symbol in displayed, symbol


# The variance of a weighted sum: it holds, and a changed display breaks it.
S = sp.Sum  # noqa: N816
WRONG = {
    "a doubled product in step 1": changed(
        d.variance_of_sum, 1, rhs=S(Var(2 * d.wi * d.xi), (d.i, 1, d.n))
    ),
    "a ratio for the product in step 2": changed(
        d.variance_of_sum, 2, lhs=S(Var(d.wi / d.xi), (d.i, 1, d.n))
    ),
    "the means' terms dropped in step 3": changed(
        d.variance_of_sum, 3, rhs=d.n * Var(d.wi) * Var(d.xi)
    ),
    "step 4 without zero means": changed(d.variance_of_sum, 4, uses=()),
}


test_every_derivation_verifies, test_a_changed_display_is_rejected = derivation_tests(d, WRONG)


def test_the_variance_of_a_sum_shows_what_was_checked():
    shown = derivation_markdown(d.variance_of_sum)
    assert shown.count(r"checked for $n = 1, \dots, 6$") == 2  # the two steps with a sum
    assert d.z == S(d.wi * d.xi, (d.i, 1, d.n))
    assert d.ZERO_MEAN.statement == (
        r"zero-mean weights and inputs ($\mathbb{E}[w] = \mathbb{E}[x] = 0$)"
    )
    rule = d.variance_of_sum.conclusion_text()
    assert rule.endswith(r"\quad\Longrightarrow\quad n \operatorname{Var}\left(w_{i}\right) = 1$.")


def test_the_near_linear_band_is_what_the_caption_says():
    """Inside |z| < 0.5, tanh is within VALUE_ERROR of z (relative) and its slope above SLOPE:
    both the extremes over a fine grid of the band, found at its edge."""
    band = np.linspace(1e-6, ex.LINEAR_REGIME, 100_001)
    assert ex.LINEAR_REGIME == 0.5  # the home page's definition, used by later pages
    assert np.max((band - np.tanh(band)) / band) == pytest.approx(ex.VALUE_ERROR, rel=1e-9)
    assert np.min(1 / np.cosh(band) ** 2) == pytest.approx(ex.SLOPE, rel=1e-9)
    assert round(ex.VALUE_ERROR, 2) == 0.08 and round(ex.SLOPE, 2) == 0.79
