"""Reference (docs/reference.md): what the frameworks do."""
