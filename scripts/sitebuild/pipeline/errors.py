"""Where an error happened, in the project's own code: the file, the line, the code."""

from __future__ import annotations

import re
import traceback

from sitebuild import ROOT

MACHINERY = ("/sitebuild/",)  # frames of the build itself are not the author's culprit
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def project_frames(error: BaseException, last: int = 3) -> list[str]:
    """The last frames of ``error``'s traceback that lie in the project's topics, library or
    notebooks, as ``scripts/topics/he/figures.py:42 in training: ax.plot(loss)``."""
    root = str(ROOT) + "/"
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.startswith(root) and not any(m in frame.filename for m in MACHINERY)
    ]
    return [
        f"{frame.filename.removeprefix(root)}:{frame.lineno} in {frame.name}: "
        f"{(frame.line or '').strip()}"
        for frame in frames[-last:]
    ]


def located(message: str, error: BaseException | None) -> str:
    """``message`` followed by the project frames of ``error`` (the cause), if any."""
    frames = project_frames(error) if error is not None else []
    return message + "".join(f"\n  at {frame}" for frame in frames)


def cell_line(traceback_text: str) -> int | None:
    """The line, within a notebook cell, that IPython's traceback points at."""
    found = re.findall(r"Cell In\[\d+\], line (\d+)", ANSI.sub("", traceback_text))
    return int(found[-1]) if found else None
