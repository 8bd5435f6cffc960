"""What runs on a worker: build the pipeline once per process, process chunks of items.

Used by every engine. A worker returns, for each input item in order, either a
:class:`DocResult` (the output line, already serialised) or the :class:`Rejected` it
was given (bad input passes through so that results stay in input order) or a new
``Rejected`` when the pipeline raised on that document. Warnings logged by the pipeline
while processing a document are captured and returned with it, so that the main process
logs them (in order, once, beside the progress bar).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from pipeline.config import PipelineConfig
from pipeline.errors import PipelineError, printable
from pipeline.io import InputRecord, Rejected

if TYPE_CHECKING:
    from pipeline.engine import Pipeline

# Per process: one pipeline per config key.
_PIPELINES: dict[str, Pipeline] = {}
_BUILDS = 0
_LOCK = threading.Lock()  # build once; serialise calls if a worker runs several threads
_CAPTURE: _Capture | None = None


@dataclass
class DocResult:
    id: str
    path: str  # where the record came from (for a duplicate id found when writing)
    line_no: int | None
    line: str  # the output JSONL line, with its newline
    status: str  # "ok", "empty" (empty text) or "unsupported_language"
    labels: dict[str, int] = field(default_factory=dict)
    logs: list[tuple[str, int, str]] = field(default_factory=list)


@dataclass
class ChunkResult:
    pid: int  # the worker process
    builds: int  # pipelines built so far in that process
    results: Iterable[DocResult | Rejected]  # a list, or a generator in this process


class _Capture(logging.Handler):
    """Collects the pipeline's log records on a worker, to be re-logged by the main process."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def install_capture() -> None:
    """On a worker process: send the ``pipeline`` loggers' warnings to the capture list only."""
    global _CAPTURE
    if _CAPTURE is not None:
        return
    _CAPTURE = _Capture()
    logger = logging.getLogger("pipeline")
    logger.addHandler(_CAPTURE)
    logger.setLevel(logging.WARNING)
    logger.propagate = False


def first_line(exc: BaseException, limit: int = 300) -> str:
    """An exception's message as one bounded line (it may quote a whole document)."""
    text = " ".join(str(exc).split("\n"))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def init_process_worker(parent: Connection | None = None) -> None:
    """Initializer of a local pool worker: Ctrl-C is the main process's business, and the
    worker ends when the main process does (``parent``: the read end of a pipe whose only
    write end the main process holds)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    install_capture()
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: Connection) -> None:
    """Block until the main process is gone (end of file on the pipe), then exit at once.

    A pool worker otherwise outlives a main process killed with SIGKILL: it waits forever on
    its task queue, and keeps the fork server and the resource tracker alive with it."""
    try:
        parent.recv_bytes()
    except (EOFError, OSError):
        pass
    os._exit(1)


def get_pipeline(config: PipelineConfig, key: str) -> Pipeline:
    """The pipeline for ``config`` in this process, built on first use."""
    global _BUILDS
    pipe = _PIPELINES.get(key)
    if pipe is not None:
        return pipe
    with _LOCK:
        pipe = _PIPELINES.get(key)
        if pipe is None:
            from pipeline.engine import Pipeline
            from pipeline.languages import add_paths

            try:
                add_paths(config.language_paths)  # the config's language folders, here too
                pipe = Pipeline(config)
            except PipelineError as exc:  # re-raise as a plain, picklable error
                raise PipelineError(str(exc)) from None
            _PIPELINES.clear()  # one config at a time per process
            _PIPELINES[key] = pipe
            _BUILDS += 1
    return pipe


def process_chunk(
    config: PipelineConfig, key: str, items: list[InputRecord | Rejected], capture: bool = True
) -> ChunkResult:
    """Run the pipeline over one chunk of items, in order (on a worker)."""
    if capture:
        install_capture()
    pipe = get_pipeline(config, key)
    _prepare(pipe, items)
    results = [_process_item(pipe, config, item, capture) for item in items]
    return ChunkResult(os.getpid(), _BUILDS, results)


def iter_chunk(
    config: PipelineConfig, key: str, items: list[InputRecord | Rejected]
) -> ChunkResult:
    """In this process: results computed one by one as they are consumed, so that the
    pipeline's own log lines come out in input order with the batch's."""
    pipe = get_pipeline(config, key)
    _prepare(pipe, items)
    results = (_process_item(pipe, config, item, False) for item in items)
    return ChunkResult(os.getpid(), _BUILDS, results)


def _prepare(pipe: Pipeline, items: list[InputRecord | Rejected]) -> None:
    """The chunk's documents through the batch components (the models) at once."""
    with _LOCK:
        pipe.prepare([item.doc for item in items if isinstance(item, InputRecord)])


def _process_item(
    pipe: Pipeline, config: PipelineConfig, item: InputRecord | Rejected, capture: bool
) -> DocResult | Rejected:
    if isinstance(item, Rejected):
        return item
    return process_record(pipe, config, item, capture)


def process_record(
    pipe: Pipeline, config: PipelineConfig, item: InputRecord, capture: bool
) -> DocResult | Rejected:
    doc = item.doc
    if capture and _CAPTURE is not None:
        _CAPTURE.records.clear()
    try:
        with _LOCK:
            doc = pipe(doc)
        line = json.dumps(doc.to_output(), ensure_ascii=False) + "\n"
        line.encode("utf-8")  # the writer's encoding: fail here, as this record's error
    except Exception as exc:  # a bug or a model failure on this document
        reason = printable(f"processing failed: {type(exc).__name__}: {first_line(exc)}")
        return Rejected(item.path, item.line, doc.id, None, reason, "processing_error")
    if not doc.text.strip():
        status = "empty"
    elif doc.lang not in config.languages:
        status = "unsupported_language"
    else:
        status = "ok"
    logs = list(_CAPTURE.records) if capture and _CAPTURE is not None else []
    labels = dict(Counter(e.label for e in doc.entities))
    return DocResult(doc.id, item.path, item.line, line, status, labels, logs)
