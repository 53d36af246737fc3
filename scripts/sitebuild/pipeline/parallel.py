"""The build's uncached work in processes, one per core: topic modules and notebooks.

What runs here is a pure function of its arguments (a topic module's items from its name, a
notebook's executed cells from its source), so where it runs cannot change what it gives: results
are collected in submission order and stored by the caller exactly as a serial build stores them.
Workers are spawned (a fresh interpreter, not a fork of a process that may hold threads, as
`mkdocs serve` does), only when something is stale: a build with everything cached starts none.
With ``jobs=1`` nothing leaves this process: each task runs when its result is asked for, in order,
which is the serial build.

A failing task stops the build: the tasks not yet started are cancelled, and the error raised is
the task's own (a :class:`~sitebuild.BuildError` keeps its message, which names the culprit).
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

# One BLAS thread per process, set before NumPy is first imported (this module is imported with
# the plugin; worker processes and notebook kernels inherit it). The build's matrices are small (a
# 16-unit layer, a few hundred points): OpenBLAS's threads only wait on each other there, and two
# processes with two threads each on two cores thrash. A clean build took 142 s in two processes
# with OpenBLAS's default threads, 65 s with one (measured). Set one of these to override.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Task:
    label: str  # what the progress lines call it: "topics.he (5 modules)", "he.py"
    function: Callable  # importable at module level (it is sent to a worker by name)
    args: tuple


class Pool:
    """Worker processes shared by every batch of one build; they exit when the last result has
    been collected or a task has failed."""

    def __init__(self, jobs: int = 0, log: logging.Logger | None = None):
        self.jobs = jobs if jobs > 0 else cores()
        self.log = log or logging.getLogger(__name__)
        self._executor: concurrent.futures.ProcessPoolExecutor | None = None
        self._outstanding = 0
        self._lock = threading.Lock()

    def run(self, kind: str, verb: str, tasks: list[Task]) -> Batch:
        """Start ``tasks`` (in processes unless ``jobs`` is 1); their results come from the batch,
        in order. ``kind`` and ``verb`` word the progress lines: "topics: building ..."."""
        batch = Batch(self, kind, verb, tasks)
        if tasks and self.jobs > 1:
            with self._lock:
                if self._executor is None:
                    self._executor = concurrent.futures.ProcessPoolExecutor(
                        self.jobs, mp_context=multiprocessing.get_context("spawn")
                    )
                self._outstanding += len(tasks)
            self.log.info(
                f"{kind}: {verb} {len(tasks)} in {self.jobs} processes: "
                + ", ".join(t.label for t in tasks)
            )
            batch.futures = [self._executor.submit(t.function, *t.args) for t in tasks]
            for future, task in zip(batch.futures, tasks, strict=True):
                future.add_done_callback(lambda f, t=task: batch.finished(f, t))
        return batch

    def _collected(self, count: int) -> None:
        with self._lock:
            self._outstanding -= count
            done = self._outstanding == 0
        if done:
            self.close()

    def close(self, cancel: bool = False) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
            self._outstanding = 0
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=cancel)


class Batch:
    def __init__(self, pool: Pool, kind: str, verb: str, tasks: list[Task]):
        self.pool, self.kind, self.verb, self.tasks = pool, kind, verb, tasks
        self.futures: list[concurrent.futures.Future] | None = None
        self._done = 0
        self._lock = threading.Lock()

    def finished(self, future: concurrent.futures.Future, task: Task) -> None:
        """Progress, as each task ends (called in the pool's thread)."""
        if future.cancelled() or future.exception() is not None:
            return
        with self._lock:
            self._done += 1
            count = self._done
        self.pool.log.info(f"{self.kind}: done {task.label} ({count} of {len(self.tasks)})")

    def results(self) -> list:
        """Every task's result, in submission order; the first failing task's error is raised,
        after cancelling what has not started."""
        if self.futures is None:  # serial: run each task here, now, in order
            found = []
            for count, task in enumerate(self.tasks, start=1):
                self.pool.log.info(f"{self.kind}: {self.verb} {task.label} ({count} of "
                                   f"{len(self.tasks)})")  # fmt: skip
                found.append(task.function(*task.args))
            return found
        try:
            found = [future.result() for future in self.futures]
        except BaseException:
            self.pool.close(cancel=True)
            raise
        self.pool._collected(len(self.futures))
        return found
