"""Where the per-report and per-shard tasks run: processes of this machine, or the workers of a Dask cluster.

Each task is a plain function of picklable values and paths, whose result the caller uses in the order it asked
for them, so the output is the same wherever the tasks ran. On a cluster every path must be on a file system all
workers see (the same mount point on each machine).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass


def usable_cpus() -> int:
    """The default number of jobs: the CPUs this process may run on, fewer than the machine's where a container or
    `taskset` limits it."""
    if hasattr(os, "sched_getaffinity"):  # Linux; elsewhere, every CPU the machine has
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Workers:
    """`jobs` local processes, or a Dask scheduler's address (`tcp://HOST:8786`), whose workers then do the work."""

    jobs: int = 1
    scheduler: str | None = None


ONE_PROCESS = Workers()


@contextmanager
def executor(workers: Workers, tasks: int) -> Iterator[Executor | None]:
    """An executor for a batch of `tasks`, opened once so each worker loads the generator's tables once; None where
    this process does the work itself (one job, or a single task)."""
    if workers.scheduler:
        from distributed import Client  # only a cluster build needs Dask

        with Client(workers.scheduler) as client:
            yield client.get_executor()
    elif workers.jobs > 1 and tasks > 1:
        # Workers are forked from a clean server process, never from this one: a fork copies only the thread that
        # made it, and a lock another thread held (vl-convert's chart engine runs threads) would stay locked.
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(max_workers=min(workers.jobs, tasks), mp_context=context) as pool:
            yield pool
    else:
        yield None
