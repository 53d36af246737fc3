"""Temml's MathML as the page shows it: scripts with two children, brackets at text size around
flat content, inline formulas in pieces that end where a line may break."""

import xml.etree.ElementTree as ElementTree

from sitebuild.pipeline import mathml_layout

WIDEHAT_VAR = (  # what Temml 0.13 writes for \widehat{\operatorname{Var}}(z)
    '<math><mrow><mover><mi>Var</mi><mo>\u2061</mo><mspace width="0.1667em"></mspace>'
    '<mo stretchy="true" class="tml-hat-3">ˆ</mo></mover><mrow><mo fence="true" form="prefix" '
    'stretchy="false">(</mo><mi>z</mi><mo fence="true" form="postfix" stretchy="false">)</mo>'
    "</mrow></mrow></math>"
)


def test_an_accent_over_an_operator_name_covers_the_name_and_spacing_follows_it():
    shown = mathml_layout.page_display(WIDEHAT_VAR)
    mover = ElementTree.fromstring(shown).find(".//mover")
    assert [child.tag for child in mover] == ["mi", "mo"] and mover[0].text == "Var"
    assert '</mover><mo>\u2061</mo><mspace width="0.1667em"></mspace><mrow>' in shown


def test_a_script_with_more_than_a_base_and_an_accent_groups_its_base():
    shown = mathml_layout.page_display("<math><mover><mi>a</mi><mi>b</mi><mo>^</mo></mover></math>")
    assert shown == "<math><mover><mrow><mi>a</mi><mi>b</mi></mrow><mo>^</mo></mover></math>"


def test_stretchy_brackets_around_flat_content_keep_the_text_size():
    flat = (
        '<math><mrow><mo fence="true" stretchy="true">(</mo><mi>x</mi>'
        '<mo fence="true" stretchy="true">)</mo></mrow></math>'
    )
    assert mathml_layout.page_display(flat).count('stretchy="false"') == 2
    tall = flat.replace("<mi>x</mi>", "<mfrac><mi>x</mi><mi>y</mi></mfrac>")
    assert mathml_layout.page_display(tall).count('stretchy="true"') == 2


def test_a_formula_without_a_top_level_operator_stays_whole():
    formula = "<math><msup><mi>a</mi><mrow><mi>b</mi><mo>+</mo><mi>c</mi></mrow></msup></math>"
    assert mathml_layout.page_pieces(formula) == (formula,)
