"""The references page's list, built from the bibliography."""

from sitebuild.authoring import value
from sitebuild.authoring.references import Reference
from topics.references import bibliography


@value()
def bibliography_list():
    """Every reference, by first author's surname, then year."""
    entries = [item for item in vars(bibliography).values() if isinstance(item, Reference)]
    items = "\n".join(entry.entry() for entry in sorted(entries, key=Reference.sort_key))
    return f'<ul class="bibliography" markdown="1">\n{items}\n</ul>'
