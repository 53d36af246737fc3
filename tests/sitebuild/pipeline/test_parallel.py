"""The build's pool: results in submission order from other processes, or from this one with
jobs=1; a failing task's own error, message and all, stops the batch."""

import logging
import math
import os
from pathlib import Path

import pytest

from sitebuild import BuildError
from sitebuild.pipeline import catalog, parallel, registry

LOG = logging.getLogger("test")


def test_results_come_back_in_order_from_worker_processes():
    pool = parallel.Pool(2, LOG)
    tasks = [parallel.Task(f"{n}!", math.factorial, (n,)) for n in (12, 1, 7, 3)]
    pids = pool.run("test", "computing", [parallel.Task("pid", os.getpid, ())])
    batch = pool.run("test", "computing", tasks)
    assert batch.results() == [479001600, 1, 5040, 6]
    assert pids.results()[0] != os.getpid()
    assert pool._executor is None  # every result collected: the workers are gone


def test_one_job_runs_each_task_here_when_its_result_is_asked_for():
    batch = parallel.Pool(1, LOG).run("test", "computing", [parallel.Task("pid", os.getpid, ())])
    assert batch.futures is None and batch.results() == [os.getpid()]


def test_a_failing_task_raises_its_own_error_naming_the_culprit():
    pool = parallel.Pool(2, LOG)
    missing = registry.Module("demo", "topics.no_such_module", Path("scripts/topics/demo/x.py"))
    batch = pool.run(
        "topics", "building", [parallel.Task("demo", catalog.compute_all, ([missing],))]
    )
    with pytest.raises(BuildError, match=r"topics/demo/x\.py: importing it failed"):
        batch.results()
    assert pool._executor is None
