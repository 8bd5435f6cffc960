"""Batch runs at scale: streaming, parallel, resumable, atomic (``python -m pipeline run``).

The run reads its inputs record by record, sends chunks of records to an engine (this
process, a local process pool, or a Dask cluster; see ``pipeline.engines``), and writes
the results in input order as they come back, so memory stays flat however large the
corpus is.

Output files, for ``--output out.jsonl``:

- ``out.jsonl``: one line per input document, byte-identical whatever the engine, the
  number of workers, or how many times the run was interrupted and resumed;
- ``out.jsonl.rejects.jsonl``: one line per skipped input record (``on_error: skip``),
  with file, line, id, field, kind and reason (absent when nothing was rejected);
- ``out.jsonl.summary.json``: counts (documents, rejects by kind, empty texts,
  unsupported languages, entities by label), engine, timing.

While the run goes on, everything is written into the work directory ``out.jsonl.work/``
(``output.jsonl``, ``rejects.jsonl``, ``manifest.json``, ``lock``). At each checkpoint
(every ``checkpoint_every`` documents, or 15 seconds) the data files are flushed and
fsync'ed and the manifest is replaced atomically; it records how many input records
are done, the byte length of both data files at that point, the counts, a hash chain
over the input records done, and a fingerprint of the config. ``--resume`` truncates
the data files to those lengths, re-reads the input up to that record (checking the
hash chain, so that a changed input is refused), and goes on. Only a complete run
renames its files over ``out.jsonl`` and friends, so an earlier output stays in place
until a new one is complete, and a ``kill -9`` at any point loses at most the work since
the last checkpoint.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import IO, Any

from pipeline.batch_files import (
    Lock,
    OutputPaths,
    check_output_is_not_input,
    fsync_dir,
    stdout_reserved,
    write_json_durable,
)
from pipeline.config import CHUNK_SIZE, PipelineConfig
from pipeline.engines import Engine, make_engine
from pipeline.engines.worker import DocResult
from pipeline.errors import InputError, PipelineError
from pipeline.io import (
    STDIO,
    InputNotes,
    InputRecord,
    Rejected,
    check_inputs,
    count_inputs,
    iter_inputs,
)
from pipeline.resource_hashes import changed_resources, resource_hashes

log = logging.getLogger("pipeline.batch")

MANIFEST_VERSION = 2  # 2: content hashes of the resources read
CHECKPOINT_SECONDS = 15.0
# A chunk closes at chunk_size documents or this many characters. A chunk is one batch for
# the models (Pipeline.prepare): 256 short sentences through a model together cost a third
# less CPU than 32; 50,000 characters keep news-length chunks at about 25 documents, enough
# chunks to share among workers, and little text in flight.
CHUNK_CHARS = 50_000
PROGRESS_SECONDS = 10.0


@dataclass
class BatchOptions:
    """How to run; defaults come from the config (see ``options_from_config``)."""

    inputs: list[str]
    output: str
    engine: str = "local"
    workers: int | str = 1
    scheduler: str | None = None
    on_error: str = "fail"
    max_chars: int = 2_000_000
    chunk_size: int = CHUNK_SIZE
    chunk_chars: int = CHUNK_CHARS
    checkpoint_every: int = 1000
    checkpoint_seconds: float = CHECKPOINT_SECONDS
    resume: bool = False
    progress: str = "auto"  # auto (bar on a terminal, else log lines), bar, log, off
    progress_seconds: float = PROGRESS_SECONDS
    engine_options: dict[str, Any] = field(default_factory=dict)


def config_fingerprint(config: PipelineConfig, max_chars: int) -> str:
    """What decides the output bytes: components, settings, merge, normalisers, dates, limit."""
    data = {
        "languages": config.languages,
        "components": [[c.name, c.settings, c.labels_by_language] for c in config.components],
        "merge": [config.merge_policy, config.merge_order, config.merge_order_by_language],
        "normalise": config.normalise,
        "doc_date": config.doc_date,
        "infer_doc_date": config.infer_doc_date,
        "max_chars": max_chars,
    }
    raw = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def _new_counts() -> dict[str, Any]:
    return {
        "input_records": 0,
        "documents": 0,
        "rejected": 0,
        "rejected_by_kind": {},
        "empty_text": 0,
        "unsupported_language": 0,
        "entities": 0,
        "entities_by_label": {},
    }


class ResumeError(PipelineError):
    """--resume cannot go on from the work directory it found."""


class _DeferredInterrupts:
    """While installed, Ctrl-C (SIGINT) and SIGTERM raise KeyboardInterrupt, except inside
    ``with guard:`` blocks, where they wait for the end of the block (so that counters,
    data files and manifest never disagree). Installs only in the main thread."""

    def __init__(self) -> None:
        self.depth = 0
        self.pending = False
        self.saved: dict[int, Any] = {}

    def install(self) -> None:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.saved[sig] = signal.signal(sig, self._handler)

    def restore(self) -> None:
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)
        self.saved = {}

    def __enter__(self) -> _DeferredInterrupts:
        self.depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self.depth -= 1
        if self.depth == 0 and self.pending:
            self.pending = False
            raise KeyboardInterrupt

    def _handler(self, signum: int, frame: object) -> None:
        if self.depth:
            self.pending = True
        else:
            raise KeyboardInterrupt


class Progress:
    """A tqdm bar on a terminal; periodic log lines otherwise; nothing when off."""

    def __init__(
        self, mode: str, total: int | None, initial: int, interval: float = PROGRESS_SECONDS
    ) -> None:
        if mode == "auto":
            mode = "bar" if sys.stderr.isatty() else "log"
        self.mode = mode
        self.total = total
        self.done = initial
        self.initial = initial
        self.interval = interval
        self.started = time.monotonic()
        self.last = self.started
        self.first: tuple[float, int] | None = None
        self.bar = None
        if mode == "bar":
            from tqdm import tqdm

            self.bar = tqdm(
                total=total,
                initial=initial,
                unit="docs",
                desc="run",
                file=sys.stderr,
                dynamic_ncols=True,
                mininterval=0.5,
                smoothing=0.05,
            )

    def update(self, n: int = 1) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.mode == "log":
            now = time.monotonic()
            if self.first is None:  # the rate counts from the first result (after start-up)
                self.first = (now, self.done)
            if now - self.last >= self.interval:
                self.last = now
                log.info("progress: %s", self.line(now))

    def line(self, now: float | None = None) -> str:
        now = time.monotonic() if now is None else now
        text = f"{self.done:,}"
        if self.total:
            text += f"/{self.total:,} documents ({100 * self.done / self.total:.1f}%)"
        else:
            text += " documents"
        if self.first is not None and now > self.first[0] and self.done > self.first[1]:
            rate = (self.done - self.first[1]) / (now - self.first[0])
            text += f", {rate:.1f} docs/s"
            if self.total and self.total > self.done:
                eta = int((self.total - self.done) / rate)
                text += f", ETA {eta // 3600}:{eta // 60 % 60:02d}:{eta % 60:02d}"
        return text

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@contextlib.contextmanager
def _logging_beside(progress: Progress) -> Iterator[None]:
    """Route console log lines through tqdm while a bar is shown, so they do not break it."""
    if progress.bar is None:
        yield
        return
    from tqdm.contrib.logging import logging_redirect_tqdm

    with logging_redirect_tqdm():
        yield


class BatchRun:
    """One run (or the resumption of one) over a list of inputs to one output."""

    def __init__(self, config: PipelineConfig, opts: BatchOptions) -> None:
        self.config = config
        self.opts = opts
        self.stream = opts.output == STDIO  # results to standard output: no files, no resume
        self.paths = OutputPaths.for_output(opts.output)
        self.fingerprint = config_fingerprint(config, opts.max_chars)
        self.resources: dict[str, str] = {}  # content hashes, computed when the run starts
        self.notes = InputNotes()
        self.ids: set[str] = set()  # ids of the documents written (duplicates are rejected)
        self.counts = _new_counts()
        self.items_done = 0  # input records whose result is written
        self.chain = bytes(16)  # hash chain over those records
        self.out_bytes = 0
        self.rej_bytes = 0
        self.committed = 0  # items_done at the last checkpoint
        self.resumed_from = 0
        self.workers_seen: dict[int, int] = {}  # worker pid → pipelines built there
        self.out_fh: IO[bytes] | None = None
        self.rej_fh: IO[bytes] | None = None
        self.last_checkpoint = time.monotonic()
        self.guard = _DeferredInterrupts()
        self.remove_work = False
        self.started_at = time.perf_counter()
        self.first_result_at: float | None = None

    # -- the work directory -------------------------------------------------------------

    def _load_manifest(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.paths.manifest.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise ResumeError(
                f"{self.paths.manifest}: unreadable ({exc}); rerun without --resume"
            ) from None
        if data.get("version") != MANIFEST_VERSION:
            raise ResumeError(
                f"{self.paths.manifest}: written by another version; rerun without --resume"
            )
        return data

    def _clear_work(self) -> None:
        for child in self.paths.work.iterdir():
            if child.name == "lock":
                continue
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()

    def _open_parts(self, manifest: dict[str, Any] | None) -> None:
        if manifest is None:
            self.out_fh = self.paths.part_output.open("wb")
            self.rej_fh = self.paths.part_rejects.open("wb")
            return
        for attr, path, size in (
            ("out_fh", self.paths.part_output, manifest["output_bytes"]),
            ("rej_fh", self.paths.part_rejects, manifest["rejects_bytes"]),
        ):
            if not path.is_file() or path.stat().st_size < size:
                raise ResumeError(f"{path}: shorter than its manifest says; rerun without --resume")
            fh = path.open("r+b")
            fh.truncate(size)
            fh.seek(size)
            setattr(self, attr, fh)
        self.out_bytes = manifest["output_bytes"]
        self.rej_bytes = manifest["rejects_bytes"]
        with self.paths.part_output.open("rb") as fh:  # the ids written before, for duplicates
            self.ids = {json.loads(line)["id"] for line in fh}
        self.items_done = self.committed = self.resumed_from = manifest["items"]
        self.counts = manifest["counts"]

    def checkpoint(self, state: str = "running") -> None:
        """Make everything written so far durable, then record it in the manifest."""
        if self.stream:
            return
        for fh in (self.out_fh, self.rej_fh):
            if fh is not None:
                fh.flush()
                os.fsync(fh.fileno())
        write_json_durable(
            self.paths.manifest,
            {
                "version": MANIFEST_VERSION,
                "state": state,
                "fingerprint": self.fingerprint,
                "resources": self.resources,
                "inputs": [str(p) for p in self.opts.inputs],
                "items": self.items_done,
                "chain": self.chain.hex(),
                "output_bytes": self.out_bytes,
                "rejects_bytes": self.rej_bytes,
                "counts": self.counts,
                "updated": time.strftime("%Y-%m-%dT%H:%M:%S"),
            },
        )
        self.committed = self.items_done
        self.last_checkpoint = time.monotonic()

    def _close_parts(self) -> None:
        for fh in (self.out_fh, self.rej_fh):
            if fh is not None:
                with contextlib.suppress(OSError):
                    fh.close()
        self.out_fh = self.rej_fh = None

    def _finalize(self, rejected: int) -> None:
        """Move the finished files over the outputs (each rename is atomic), then clean up."""
        p = self.paths
        if p.part_output.exists():
            os.replace(p.part_output, p.output)
        if rejected and p.part_rejects.exists():
            os.replace(p.part_rejects, p.rejects)
        elif not rejected:
            p.rejects.unlink(missing_ok=True)  # a stale file from an earlier run
        if p.part_summary.exists():
            os.replace(p.part_summary, p.summary)
        fsync_dir(p.output.parent)
        shutil.rmtree(p.work, ignore_errors=True)

    # -- reading ------------------------------------------------------------------------

    def _items(self, pending_chains: deque[bytes]) -> Iterator[InputRecord | Rejected]:
        """The input records still to do; checks that the ones done before are unchanged."""
        chain = bytes(16)
        skip = self.resumed_from
        n = 0
        for item in iter_inputs(
            self.opts.inputs, self.opts.max_chars, dedupe=False, notes=self.notes
        ):
            chain = hashlib.blake2b(chain + item.digest(), digest_size=16).digest()
            n += 1
            if n <= skip:
                if n == skip:
                    self._check_chain(chain)
                continue
            pending_chains.append(chain)
            yield item
        if n < skip:
            raise ResumeError(
                f"the input has {n} records, fewer than the {skip} already done by the "
                "interrupted run; rerun without --resume"
            )

    def _check_chain(self, chain: bytes) -> None:
        if chain != self.chain:
            raise ResumeError(
                f"the input changed since the interrupted run (its first {self.resumed_from} "
                "records differ); rerun without --resume"
            )

    def _chunks(self, items: Iterator[InputRecord | Rejected]) -> Iterator[list[Any]]:
        size, max_chars = self.opts.chunk_size, self.opts.chunk_chars
        buf: list[InputRecord | Rejected] = []
        chars = 0
        for item in items:
            buf.append(item)
            if isinstance(item, InputRecord):
                chars += len(item.doc.text)
            if len(buf) >= size or chars >= max_chars:
                yield buf
                buf, chars = [], 0
        if buf:
            yield buf

    # -- writing ------------------------------------------------------------------------

    def _write_result(self, result: DocResult | Rejected, chain: bytes) -> None:
        c = self.counts
        if isinstance(result, DocResult) and result.id in self.ids:
            # Duplicates are decided here, in input order, among the documents written: a
            # record rejected earlier (bad field, failed processing) does not count.
            result = Rejected(
                result.path, result.line_no, result.id, "id", "duplicate id", "duplicate_id"
            )
        if isinstance(result, Rejected):
            if self.opts.on_error == "fail":
                raise result.error()
            log.warning("skipped: %s", result.error())
            if self.rej_fh is not None:
                line = json.dumps(result.to_record(), ensure_ascii=False) + "\n"
                data = line.encode("utf-8", "backslashreplace")
                self.rej_fh.write(data)
                self.rej_bytes += len(data)
            c["rejected"] += 1
            by_kind = c["rejected_by_kind"]
            by_kind[result.kind] = by_kind.get(result.kind, 0) + 1
        else:
            for name, level, message in result.logs:
                logging.getLogger(name).log(level, "%s", message)
            data = result.line.encode("utf-8")
            assert self.out_fh is not None
            self.out_fh.write(data)
            self.out_bytes += len(data)
            self.ids.add(result.id)
            c["documents"] += 1
            if result.status == "empty":
                c["empty_text"] += 1
            elif result.status == "unsupported_language":
                c["unsupported_language"] += 1
            by_label = c["entities_by_label"]
            for label, n in result.labels.items():
                c["entities"] += n
                by_label[label] = by_label.get(label, 0) + n
        c["input_records"] += 1
        self.items_done += 1
        self.chain = chain

    def _due(self) -> bool:
        return (
            self.items_done - self.committed >= self.opts.checkpoint_every
            or time.monotonic() - self.last_checkpoint >= self.opts.checkpoint_seconds
        )

    # -- the run ------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        opts = self.opts
        check_inputs(opts.inputs)
        if self.stream:
            return self._run_stream()
        p = self.paths
        if p.output.is_dir():
            raise PipelineError(f"{p.output}: the output is a directory")
        check_output_is_not_input(p, [str(i) for i in opts.inputs])
        try:
            p.output.parent.mkdir(parents=True, exist_ok=True)
            p.work.mkdir(exist_ok=True)
            lock = Lock(p.work / "lock")
        except OSError as exc:
            raise PipelineError(f"{p.work}: cannot create ({exc.strerror or exc})") from None
        self.remove_work = False
        self.guard.install()
        try:
            return self._run_locked()
        finally:
            self.guard.restore()
            lock.release()
            if self.remove_work:
                shutil.rmtree(p.work, ignore_errors=True)

    def _run_stream(self) -> dict[str, Any]:
        """Results to standard output as they come; skipped records are logged only."""
        if self.opts.resume:
            raise PipelineError("--resume needs an output file, not standard output ('-')")
        self.resources = resource_hashes(self.config)
        with stdout_reserved() as out:
            self.out_fh = out
            summary = self._process()
            out.flush()
        return summary

    def _run_locked(self) -> dict[str, Any]:
        opts, p = self.opts, self.paths
        manifest = self._load_manifest() if opts.resume else None
        if manifest is not None and manifest["fingerprint"] != self.fingerprint:
            raise ResumeError(
                f"{p.manifest}: the interrupted run used another config (components, "
                "settings, doc_date or max_chars differ); rerun without --resume"
            )
        self.resources = resource_hashes(self.config)
        if manifest is not None and manifest["state"] != "finalizing":
            changed = changed_resources(manifest["resources"], self.resources)
            if changed:
                raise ResumeError(
                    f"{p.manifest}: files the pipeline reads changed since the interrupted "
                    f"run ({', '.join(changed)}); rerun without --resume"
                )
        if manifest is not None and manifest["state"] == "finalizing":
            log.info("the interrupted run had finished; completing its renames")
            source = p.part_summary if p.part_summary.exists() else p.summary
            summary = json.loads(source.read_text(encoding="utf-8"))
            self._finalize(manifest["counts"]["rejected"])
            return summary
        if manifest is None:
            if opts.resume:
                log.info("nothing to resume for %s; starting from the beginning", p.output)
            elif p.manifest.exists():
                log.info("discarding the partial results of an interrupted run in %s", p.work)
            self._clear_work()
        else:
            self.chain = bytes.fromhex(manifest["chain"])
            log.info("resuming after %d input records", manifest["items"])
        self._open_parts(manifest)
        summary = self._process()
        self.checkpoint("running")
        self._close_parts()
        write_json_durable(p.part_summary, summary)
        self.checkpoint("finalizing")
        self._finalize(self.counts["rejected"])
        return summary

    def _process(self) -> dict[str, Any]:
        """Run the inputs through the engine into the open output; the summary."""
        opts = self.opts
        started = self.started_at = time.perf_counter()
        total = count_inputs(opts.inputs) if opts.progress != "off" else None
        progress = Progress(opts.progress, total, self.items_done, opts.progress_seconds)
        engine: Engine | None = None
        ok = False
        try:
            with _logging_beside(progress):
                engine = make_engine(
                    opts.engine,
                    self.config,
                    self._engine_key(),
                    opts.workers,
                    opts.scheduler,
                    **opts.engine_options,
                )
                self._pump(engine, progress)
            ok = True
        except BaseException as exc:
            self._on_failure(exc)
            raise
        finally:
            progress.close()
            if engine is not None:
                engine.close(cancel=not ok)
            if not ok:
                self._close_parts()
        return self._summary(engine, time.perf_counter() - started)

    def _engine_key(self) -> str:
        """Workers keep one pipeline per key: the config and the content of what it reads."""
        data = json.dumps([self.fingerprint, self.resources], sort_keys=True)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]

    def _pump(self, engine: Engine, progress: Progress) -> None:
        """Submit chunks (at most ``engine.window`` in flight); write results in order."""
        chains: deque[bytes] = deque()
        pending: deque[Any] = deque()

        def drain_one() -> None:
            try:
                chunk = pending.popleft().result()
            except BrokenProcessPool:
                raise PipelineError(
                    "a worker process died (killed, out of memory, or started from a script "
                    "without an `if __name__ == '__main__':` guard); "
                    "rerun with --resume to continue from the last checkpoint"
                ) from None
            except ModuleNotFoundError as exc:  # a Dask worker without this project
                raise PipelineError(
                    f"a worker cannot import {exc.name!r}: install this project (and the "
                    "config's models) on every worker"
                ) from None
            self.workers_seen[chunk.pid] = chunk.builds
            if self.first_result_at is None:
                self.first_result_at = time.perf_counter()
            for result in chunk.results:
                # Ctrl-C waits until this record and its checkpoint are consistent.
                with self.guard:
                    self._write_result(result, chains.popleft())
                    progress.update()
                    if self._due():
                        self.checkpoint()

        for chunk in self._chunks(self._items(chains)):
            pending.append(engine.submit(chunk))
            while len(pending) >= engine.window:
                drain_one()
        while pending:
            drain_one()

    def _on_failure(self, exc: BaseException) -> None:
        """Keep what is done (a checkpoint) so that --resume can go on; say so."""
        if self.stream:
            return
        if not isinstance(exc, OSError):  # after a failed write, keep the last checkpoint
            with contextlib.suppress(Exception):
                if self.items_done > self.committed:
                    self.checkpoint()
        if self.committed == 0:
            self.remove_work = True  # nothing worth resuming
        elif not isinstance(exc, (ResumeError, KeyboardInterrupt)):
            log.info(
                "partial results (%d input records) kept in %s; "
                "fix the cause and rerun with --resume to continue",
                self.committed,
                self.paths.work,
            )

    def _summary(self, engine: Engine | None, elapsed: float) -> dict[str, Any]:
        done_now = self.items_done - self.resumed_from
        c = self.counts
        return {
            "status": "complete",
            "output": "<stdout>" if self.stream else str(self.paths.output),
            "rejects_file": str(self.paths.rejects) if c["rejected"] and not self.stream else None,
            "inputs": [str(x) for x in self.opts.inputs],
            # input_records == documents + rejected, always: no record is lost.
            **{k: c[k] for k in ("input_records", "documents", "rejected")},
            "rejected_by_kind": dict(sorted(c["rejected_by_kind"].items())),
            # Not records: files of an input directory that are not .txt; inputs with none.
            "skipped_files": self.notes.skipped_files,
            "skipped_file_examples": self.notes.skipped_examples,
            "empty_inputs": self.notes.empty_inputs,
            "empty_text": c["empty_text"],
            "unsupported_language": c["unsupported_language"],
            "entities": c["entities"],
            "entities_by_label": dict(sorted(c["entities_by_label"].items())),
            "on_error": self.opts.on_error,
            "max_chars": self.opts.max_chars,
            "engine": {
                "name": engine.name if engine else self.opts.engine,
                "workers": engine.workers if engine else 0,
                "worker_processes": len(self.workers_seen),
                "pipeline_builds": sum(self.workers_seen.values()),
            },
            "resumed_after": self.resumed_from,
            "elapsed_s": round(elapsed, 3),
            "docs_per_s": round(done_now / elapsed, 2) if elapsed > 0 else None,
            # Until the first result: starting the engine and loading the pipeline.
            "first_result_s": None
            if self.first_result_at is None
            else round(self.first_result_at - self.started_at, 3),
        }


def run_batch(config: PipelineConfig, opts: BatchOptions) -> dict[str, Any]:
    """Run the pipeline over ``opts.inputs`` into ``opts.output``; return the summary.

    Raises :class:`InputError` on the first bad record with ``on_error: fail`` (the
    earlier output, if any, is untouched), :class:`PipelineError` on other problems.
    """
    if opts.on_error not in ("fail", "skip"):
        raise PipelineError(f"on_error must be fail or skip, not {opts.on_error!r}")
    if not opts.output:
        raise PipelineError("no output path given")
    try:
        return BatchRun(config, opts).run()
    except OSError as exc:  # a full disk, a permission: one line; the last checkpoint is kept
        raise PipelineError(f"I/O error: {exc}") from exc


def options_from_config(config: PipelineConfig, **overrides: Any) -> BatchOptions:
    """Batch options from a config's keys, with overrides (None means: keep the config's)."""
    inputs = config.input
    values: dict[str, Any] = {
        "inputs": [inputs] if isinstance(inputs, str) else list(inputs or []),
        "output": config.output,
        "engine": config.engine,
        "workers": config.workers,
        "scheduler": config.scheduler,
        "on_error": config.on_error,
        "max_chars": config.max_chars,
        "chunk_size": config.chunk_size,
        "checkpoint_every": config.checkpoint_every,
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return BatchOptions(**values)


__all__ = [
    "BatchOptions",
    "BatchRun",
    "InputError",
    "OutputPaths",
    "Progress",
    "config_fingerprint",
    "options_from_config",
    "run_batch",
]
