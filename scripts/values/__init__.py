"""Named values inserted in prose: each module defines top-level `Value` objects (see @value)."""
