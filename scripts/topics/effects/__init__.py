"""Effects of initialization (docs/effects.md): one small network trained from many starts."""
