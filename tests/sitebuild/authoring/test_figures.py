"""A Figure in a notebook: drawn as a PNG with its alt text, its output naming the figure so the
notebook's page on the site can show the site's own drawing of it."""

import base64

from topics.effects import figures


def test_a_figure_in_a_notebook_is_its_png_and_names_itself():
    data, metadata = figures.decision_boundaries._repr_mimebundle_()
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert data["text/plain"] == figures.decision_boundaries.draw()[1]  # the alt text
    assert metadata == {"initsite": {"figure": "effects.decision_boundaries"}}
