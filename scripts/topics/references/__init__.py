"""References (docs/references.md): every work the site relies on, cited with {{ cite <key> }}."""
