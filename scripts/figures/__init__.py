"""Figure scripts: `<name>.py` defines `figure() -> (matplotlib Figure, alt text)`."""
