"""Python code passes ruff's checks and formatting (settings in pyproject.toml)."""

import subprocess
import sys

import pytest

from sitebuild import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["check", "scripts", "tests", "benchmarks"],
        ["format", "--check", "scripts", "tests", "benchmarks"],
    ],
)
def test_ruff(command):
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
