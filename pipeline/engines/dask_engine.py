"""The Dask engine: the same chunks, run on a Dask cluster (a local one, or ``scheduler``).

Every Dask worker process builds the pipeline once (on its first chunk) and keeps it. On a
real cluster the workers need this package and the config's model files installed at the
same paths (see docs/batch.md). Run workers with one thread each (``--nthreads 1``):
calls into one worker's pipeline are serialised.

What made a local cluster cost more CPU than a process pool: every worker's statistical
profiler (a thread that takes the interpreter lock every 10 ms to walk the task's stack,
costly on a pure-Python task), and the config pickled into every task. A local cluster's
workers run without the profiler, and the config goes to each worker once (scattered).
"""

from __future__ import annotations

import logging
from typing import Any

from pipeline.config import PipelineConfig
from pipeline.engines.worker import process_chunk
from pipeline.errors import PipelineError
from pipeline.io import InputRecord, Rejected

log = logging.getLogger("pipeline.batch")

DASK_HINT = "engine 'dask' needs dask[distributed]: pip install 'dask[distributed]==2026.8.0'"


class DaskEngine:
    name = "dask"

    def __init__(
        self,
        config: PipelineConfig,
        key: str,
        workers: int,
        scheduler: str | None = None,
        **cluster_options: Any,
    ) -> None:
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            raise PipelineError(DASK_HINT) from None
        self.config = config
        self.key = key
        self.cluster = None
        # The scheduler of a local cluster runs in this process: keep its INFO chatter out
        # of the console (restored on close).
        self._dask_logger = logging.getLogger("distributed")
        self._dask_level = self._dask_logger.level
        if not self._dask_logger.isEnabledFor(logging.DEBUG):
            self._dask_logger.setLevel(logging.WARNING)
        try:
            self._connect(workers, scheduler, cluster_options)
        except BaseException:
            self._dask_logger.setLevel(self._dask_level)
            raise
        # one copy of the config on every worker; tasks refer to it
        self.config_ref = self.client.scatter(config, broadcast=True, hash=False)
        threads = sum(self.client.nthreads().values())
        self.workers = threads or workers
        self.window = max(2, 3 * self.workers)
        log.debug("dask engine: %s, %d worker threads", self.client.scheduler.address, threads)

    def _connect(self, workers: int, scheduler: str | None, cluster_options: dict) -> None:
        import dask.config
        from dask.distributed import Client, LocalCluster

        if scheduler:
            try:
                self.client = Client(scheduler, timeout=cluster_options.get("timeout", 30))
            except OSError as exc:
                raise PipelineError(
                    f"cannot reach the Dask scheduler at {scheduler}: {exc}"
                ) from None
        else:
            options = {
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": ":0",  # any free port, never a clash on :8787
                "silence_logs": logging.WARNING,
            }
            options.update(cluster_options)
            # the workers take this config when they start (see the module's docstring)
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(**options)
            self.client = Client(self.cluster)

    def submit(self, items: list[InputRecord | Rejected]) -> Any:
        return self.client.submit(process_chunk, self.config_ref, self.key, items, True, pure=False)

    def close(self, cancel: bool = False) -> None:
        try:
            # Closing the client releases its futures: the scheduler drops their tasks.
            self.client.close()
        finally:
            try:
                if self.cluster is not None:
                    self.cluster.close()
            finally:
                self._dask_logger.setLevel(self._dask_level)
