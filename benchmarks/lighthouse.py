"""Lighthouse scores and weight of every page of a built site.

.venv/bin/python benchmarks/lighthouse.py [SITE_DIR]    (default: site/)
"""

from __future__ import annotations

import sys
from pathlib import Path

from harness.lighthouse import BAR, audit_site
from sitebuild import ROOT


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    if not (site / "index.html").is_file():
        sys.exit(f"no built site at {site}: run `.venv/bin/mkdocs build --strict` first")
    audits = audit_site(site)
    failing = [a.url for a in audits if not a.passes]
    print(
        f"{len(audits)} pages, bar {round(BAR * 100)} in every category: "
        f"{'all pass' if not failing else f'{len(failing)} below'}"
    )
    sys.exit(1 if failing else 0)


if __name__ == "__main__":
    main()
