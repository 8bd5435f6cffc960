"""Engines on this machine: in this process (one worker) or a process pool (N workers)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

from pipeline.config import PipelineConfig
from pipeline.engines.worker import ChunkResult, init_process_worker, iter_chunk, process_chunk
from pipeline.io import InputRecord, Rejected

# Imported once in the fork server, so that workers start without importing them again.
_PRELOAD = [
    "pipeline.engines.worker",
    "pipeline.engine",
    "pipeline.components.dates",
    "pipeline.components.counts",
    "pipeline.components.persons",
    "pipeline.components.gazetteer",
    "pipeline.components.ner_spacy",
    "pipeline.components.ner_stanza",
    "pipeline.components.ner_transformers",
]


def _context() -> multiprocessing.context.BaseContext:
    """``forkserver`` where there is one (a clean single-threaded parent, modules imported
    once), else ``spawn``; never plain ``fork`` from a process that may hold threads."""
    try:
        ctx = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    ctx.set_forkserver_preload(_PRELOAD)
    return ctx


class _Lazy:
    def __init__(self, engine: InProcessEngine, items: list[InputRecord | Rejected]) -> None:
        self.engine = engine
        self.items = items

    def result(self) -> ChunkResult:
        return iter_chunk(self.engine.config, self.engine.key, self.items)


class InProcessEngine:
    """One worker: the pipeline runs in this process; its warnings are logged as they happen."""

    name = "local"
    workers = 1
    window = 1

    def __init__(self, config: PipelineConfig, key: str) -> None:
        self.config = config
        self.key = key

    def submit(self, items: list[InputRecord | Rejected]) -> _Lazy:
        return _Lazy(self, items)

    def close(self, cancel: bool = False) -> None:
        pass


class ProcessPoolEngine:
    """N worker processes (forkserver or spawn): each builds the pipeline once, on its first chunk."""

    name = "local"

    def __init__(self, config: PipelineConfig, key: str, workers: int) -> None:
        self.config = config
        self.key = key
        self.workers = workers
        self.window = 3 * workers
        context = _context()
        # Workers watch this pipe and exit when it closes: only this process holds the
        # write end, so a kill -9 here ends them (and with them the fork server).
        self._watch_r, self._watch_w = context.Pipe(duplex=False)
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=init_process_worker,
            initargs=(self._watch_r,),
        )

    def submit(self, items: list[InputRecord | Rejected]) -> Future[ChunkResult]:
        return self.pool.submit(process_chunk, self.config, self.key, items, True)

    def close(self, cancel: bool = False) -> None:
        try:
            if not cancel:
                self.pool.shutdown(wait=True)
                return
            # Stop now: drop queued chunks and end the workers (they hold nothing to save).
            processes = list((getattr(self.pool, "_processes", None) or {}).values())
            self.pool.shutdown(wait=False, cancel_futures=True)
            for proc in processes:
                if proc.is_alive():
                    proc.terminate()
            for proc in processes:
                proc.join(timeout=5)
        finally:
            self._watch_w.close()
            self._watch_r.close()
