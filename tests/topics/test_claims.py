"""Every sentence a page says about an experiment holds on the experiment's data, and is said."""

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from sitebuild import ROOT
from sitebuild.pipeline.parallel import cores
from sitebuild.pipeline.registry import defined

CLAIMS = {f"{module.topic}.{item.name}": item for module, item in defined("claim")}
FIGURES = {f"{module.topic}.{item.name}": item for module, item in defined("figure")}
MARKER = re.compile(r"\{\{\s*claim\s+([\w.]+)\s*\}\}")


def used_claims() -> set[str]:
    """Qualified names of the claims that pages and figure captions insert."""
    used = set()
    for page in (ROOT / "docs").glob("*.md"):
        topic = page.stem.replace("-", "_")
        for name in MARKER.findall(page.read_text(encoding="utf-8")):
            used.add(name if "." in name else f"{topic}.{name}")
    for qualified, item in FIGURES.items():
        topic = qualified.split(".")[0]
        for name in MARKER.findall(item.caption):
            used.add(name if "." in name else f"{topic}.{name}")
    return used


def test_the_pages_make_claims():
    assert len(CLAIMS) >= 10


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_every_claim_holds_on_the_data(name):
    assert CLAIMS[name].holds(), CLAIMS[name].text


def test_every_claim_is_on_a_page_and_every_claim_on_a_page_exists():
    used = used_claims()
    assert sorted(set(CLAIMS) - used) == [], "claims no page or caption makes"
    assert sorted(used - set(CLAIMS)) == [], "claim markers with no claim behind them"


# Another machine's rounding, simulated: OpenBLAS picks its matrix kernels for the CPU it runs on
# (NumPy's wheels are built with DYNAMIC_ARCH), and OPENBLAS_CORETYPE overrides the choice.
# Nehalem's kernels run on every x86-64 CPU and sum in another order than the AVX2 or AVX-512
# ones a current machine picks. A claim about a chaotic run (too large a start) once held on the
# machine that wrote it and failed on the next one.
OTHER_KERNEL = {"OPENBLAS_CORETYPE": "Nehalem"}
FINGERPRINT = (
    "import hashlib, numpy as np; r = np.random.default_rng(0); "
    "print(hashlib.sha256((r.standard_normal((40, 33)) @ r.standard_normal((33, 17)))"
    ".tobytes()).hexdigest())"
)


def _python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env={**os.environ, **(env or {})},
                          capture_output=True, text=True)  # fmt: skip


def by_topic() -> list[list[str]]:
    """The claims' test ids, a list per topic, the topics with most claims first."""
    topics: dict[str, list[str]] = {}
    for name in sorted(CLAIMS):
        topics.setdefault(name.split(".")[0], []).append(
            f"{__file__}::{test_every_claim_holds_on_the_data.__name__}[{name}]"
        )
    return sorted(topics.values(), key=len, reverse=True)


def test_every_claim_holds_with_another_blas_kernel(progress):
    ours = _python("-c", FINGERPRINT).stdout
    theirs = _python("-c", FINGERPRINT, env=OTHER_KERNEL).stdout
    if ours == theirs:
        pytest.skip(f"{OTHER_KERNEL} multiplies as this machine does: nothing new to check")
    progress("checking every claim again with another BLAS kernel (about 2 minutes)")
    # A pytest per topic (a topic's claims share its cached runs), a process per core at a time.
    with ThreadPoolExecutor(cores()) as pool:
        runs = list(pool.map(
            lambda ids: _python("-m", "pytest", "-q", "-p", "no:cacheprovider", *ids,
                                env=OTHER_KERNEL),
            by_topic(),
        ))  # fmt: skip
    for run in runs:
        said = f"{run.stdout[-4000:]}{run.stderr[-2000:]}"
        assert run.returncode == 0, f"with {OTHER_KERNEL}:\n{said}"
