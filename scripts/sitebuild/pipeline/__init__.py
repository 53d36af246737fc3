"""What the build runs: the MkDocs plugin (plugin.py) and the steps it calls.

registry.py builds the topics' items through cache.py (keys from sources.py); figures.py draws
figures; markup.py and markers.py put items into pages; notebooks.py and notebook_page.py execute
and render the notebooks; katex.py typesets the math; accessibility.py mends the theme's HTML.
"""
