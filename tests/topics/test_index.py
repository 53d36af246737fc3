"""The home page's notation table: the symbols the derivations print, as a reader sees them."""

import re

from sitebuild.authoring.printing import latex
from topics.exploding_vanishing import derivations as exploding
from topics.he import derivations as he
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
