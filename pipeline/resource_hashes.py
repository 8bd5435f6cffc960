"""Content hashes of every file a config's pipeline reads, so that ``--resume`` can refuse
to mix results made with two versions of a gazetteer, a word list or a model.

What a pipeline reads: the package's own data (``pipeline/resources``), the package's
code, and every file or directory a component setting names (a gazetteer, a model
directory), found the way components find them (relative to ``pipeline/resources`` or to
the working directory). A setting that names no existing path (a number, a label, a
model hub name) adds nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline import languages
from pipeline.config import PipelineConfig
from pipeline.resources import RESOURCE_DIR, resource_path

PACKAGE_DIR = Path(__file__).resolve().parent
_SKIP_DIRS = {"__pycache__", ".git"}


def _files_under(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(files):
            yield Path(root) / name


def _hash_files(files: list[Path], base: Path) -> str:
    """One hash over the names (relative to ``base``) and contents of ``files``."""
    h = hashlib.blake2b(digest_size=16)
    for f in files:
        h.update(str(f.relative_to(base)).encode("utf-8", "surrogateescape") + b"\0")
        try:
            with f.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    h.update(chunk)
        except OSError as exc:  # unreadable now: the component will say so when it loads
            h.update(f"<{exc.strerror}>".encode())
        h.update(b"\0")
    return h.hexdigest()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def _named_paths(config: PipelineConfig) -> list[Path]:
    """Existing files and directories that component settings name."""
    cwd = Path.cwd().resolve()
    out: dict[Path, None] = {}
    for comp in config.components:
        for value in _strings(comp.settings):
            if not value.strip():
                continue
            for candidate in (config.resolve_path(value), resource_path(value)):
                try:
                    real = candidate.resolve()
                    exists = real.exists()
                except (OSError, ValueError):  # a NUL in the value, a loop
                    continue
                # The working directory or one above it is no resource (a setting of ".").
                if exists and real != cwd and real not in cwd.parents:
                    out[real] = None
    return list(out)


def resource_hashes(config: PipelineConfig) -> dict[str, str]:
    """``{what: content hash}`` for the package code, its data, and each path the config's
    component settings name (by its path as resolved)."""
    hashes = {
        "pipeline code": _hash_files(
            [f for f in _files_under(PACKAGE_DIR) if f.suffix == ".py"], PACKAGE_DIR
        ),
        "pipeline/resources": _hash_files(
            [f for f in _files_under(RESOURCE_DIR) if f.suffix != ".py"], RESOURCE_DIR
        ),
    }
    # each language's folder (pipeline/lang/<code>/ or one a user named): its data files
    for code in languages.available():
        folder = languages.get(code).folder
        hashes[f"language {code}"] = _hash_files(
            [f for f in _files_under(folder) if f.suffix != ".py"], folder
        )
    for path in _named_paths(config):
        if path.is_dir():
            hashes[str(path)] = _hash_files(list(_files_under(path)), path)
        else:
            hashes[str(path)] = _hash_files([path], path.parent)
    return hashes


def changed_resources(before: dict[str, str], now: dict[str, str]) -> list[str]:
    """The entries whose content differs, or that only one side has, sorted."""
    return sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
