"""Execution engines for batch runs (``pipeline.batch``).

An engine runs chunks of input items through the pipeline and hands back one
:class:`~pipeline.engines.worker.ChunkResult` per chunk through a future-like object
(``.result()``). ``pipeline.batch`` keeps at most ``engine.window`` chunks in flight and
collects the results in submission order, so the output order never depends on the
engine or the number of workers.

- ``local`` with one worker: in this process (:class:`~pipeline.engines.local.InProcessEngine`).
- ``local`` with N workers: a process pool on this machine
  (:class:`~pipeline.engines.local.ProcessPoolEngine`).
- ``dask``: a Dask cluster, local or remote (:class:`~pipeline.engines.dask_engine.DaskEngine`).

Each worker process builds the pipeline once (models load per worker, not per document).
"""

from __future__ import annotations

import os
from typing import Any, Protocol

from pipeline.config import PipelineConfig
from pipeline.engines.worker import ChunkResult
from pipeline.io import InputRecord, Rejected

ENGINES = ("local", "dask")


class ChunkFuture(Protocol):
    def result(self) -> ChunkResult: ...


class Engine(Protocol):
    name: str
    workers: int  # worker processes (or threads on a Dask cluster) doing the work
    window: int  # how many chunks may be in flight at once

    def submit(self, items: list[InputRecord | Rejected]) -> ChunkFuture: ...

    def close(self, cancel: bool = False) -> None: ...


def resolve_workers(workers: int | str) -> int:
    """``"auto"`` → the number of CPUs this process may use."""
    if workers == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    return int(workers)


def make_engine(
    name: str,
    config: PipelineConfig,
    key: str,
    workers: int | str = 1,
    scheduler: str | None = None,
    **options: Any,
) -> Engine:
    """Start an engine; ``key`` identifies the config (workers cache one pipeline per key)."""
    n = resolve_workers(workers)
    if name == "dask":
        from pipeline.engines.dask_engine import DaskEngine

        return DaskEngine(config, key, n, scheduler, **options)
    from pipeline.engines.local import InProcessEngine, ProcessPoolEngine

    if n <= 1:
        return InProcessEngine(config, key)
    return ProcessPoolEngine(config, key, n)
