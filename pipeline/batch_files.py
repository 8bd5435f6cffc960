"""Where a batch run writes, and how: the output files and work directory, durable
writes, the lock on a work directory, the check that an output is no input, and
standard output reserved for results (``--output -``). Used by ``pipeline.batch``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pipeline.errors import PipelineError
from pipeline.io import META_SIDECAR, STDIO, input_files, is_txt_name


@dataclass
class OutputPaths:
    output: Path
    rejects: Path
    summary: Path
    work: Path

    @classmethod
    def for_output(cls, output: str | Path) -> OutputPaths:
        out = Path(output)
        return cls(
            output=out,
            rejects=out.with_name(out.name + ".rejects.jsonl"),
            summary=out.with_name(out.name + ".summary.json"),
            work=out.with_name(out.name + ".work"),
        )

    @property
    def manifest(self) -> Path:
        return self.work / "manifest.json"

    @property
    def part_output(self) -> Path:
        return self.work / "output.jsonl"

    @property
    def part_rejects(self) -> Path:
        return self.work / "rejects.jsonl"

    @property
    def part_summary(self) -> Path:
        return self.work / "summary.json"


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not possible everywhere; best effort
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_json_durable(path: Path, data: dict[str, Any]) -> None:
    """Write JSON to a temporary file, fsync it, rename it over ``path``."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def same_path(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same inode (links, hard links) or, when one
    does not exist yet, the same resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # realpath, unlike Path.resolve, also takes a symbolic link loop
        return os.path.realpath(a) == os.path.realpath(b)


def check_output_is_not_input(paths: OutputPaths, inputs: list[str]) -> None:
    """Refuse an output (or its rejects, summary, work directory) that is one of the input
    files, or that a directory input would read (a ``.txt`` file or the sidecar there)."""
    outs = [paths.output, paths.rejects, paths.summary, paths.work]
    files = input_files(inputs)
    dirs = [Path(i) for i in inputs if i != STDIO and Path(i).is_dir()]
    for out in outs:
        for f in files:
            if same_path(out, f):
                raise PipelineError(
                    f"{out}: the output would overwrite the input {f}; choose another --output"
                )
        if is_txt_name(out.name) or out.name == META_SIDECAR:
            for d in dirs:
                if same_path(out.parent, d):
                    raise PipelineError(
                        f"{out}: the output would be an input file of the directory {d} "
                        "(its .txt files and meta.jsonl are read); choose another --output"
                    )


class Lock:
    """An exclusive lock on the work directory, so that two runs cannot share an output."""

    def __init__(self, path: Path) -> None:
        self.fh = path.open("a+")
        try:
            import fcntl
        except ImportError:  # not on POSIX: no lock
            return
        try:
            fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.close()
            raise PipelineError(
                f"{path.parent}: another run is writing this output right now"
            ) from None

    def release(self) -> None:
        self.fh.close()


@contextlib.contextmanager
def stdout_reserved() -> Iterator[IO[bytes]]:
    """A binary handle on standard output for the results, while everything else that would
    write to standard output (a library's print, a child process) goes to standard error."""
    sys.stdout.flush()
    out = os.fdopen(os.dup(1), "wb")
    saved = os.dup(1)
    os.dup2(2, 1)  # the file descriptor (C code, child processes) and Python's own stream
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield out
    finally:
        with contextlib.suppress(OSError):
            out.close()
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
