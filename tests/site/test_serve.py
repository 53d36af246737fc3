"""`mkdocs serve` keeps answering when a source breaks: every page shows the failure, naming the
file and line, and a fix brings the page back."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from harness.builds import copy_project, environment

BROKEN = """from matplotlib.figure import Figure

from sitebuild.authoring import figure


@figure()
def broken_plot():
    fig = Figure()
    stpe = 3
    fig.subplots().plot([0, step])
    return fig, "a line that never gets drawn"
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:  # answers, or the test fails
        return response.read().decode("utf-8")


def wait_for(url: str, predicate, seconds: float) -> str:
    deadline, page = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            page = fetch(url)
            if predicate(page):
                return page
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(f"{url} never satisfied the condition; last page:\n{page[-2000:]}")


def test_a_broken_figure_shows_in_the_browser_and_a_fix_brings_it_back(tmp_path: Path, built_site):
    project = copy_project(tmp_path / "project", cache=True)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=environment(project),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its build's worker processes go with it (os.killpg below)
    )
    page = f"http://127.0.0.1:{port}/initialization/he/"
    try:
        wait_for(page, lambda html: "He initialization" in html, 180)
        broken = project / "scripts" / "topics" / "index" / "broken.py"
        broken.write_text(BROKEN, encoding="utf-8")
        shown = wait_for(page, lambda html: "The build failed" in html, 120)
        assert "scripts/topics/index/broken.py:10 in broken_plot" in shown
        assert "NameError: name &#x27;step&#x27; is not defined" in shown
        broken.unlink()
        wait_for(page, lambda html: "The build failed" not in html, 120)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
