"""What the build runs: the MkDocs plugin (plugin.py) and the steps it calls.

registry.py builds the topics' items through cache.py (keys from sources.py); figures.py draws
figures; markup.py and markers.py put items into pages; notebooks.py and notebook_page.py execute
and render the notebooks; parallel.py runs what is not cached on every core; mathml.py typesets
the math; loading.py trims what a page loads; accessibility.py mends the theme's HTML.
"""
