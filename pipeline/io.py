"""Readers and writers of the I/O contract.

Input: a directory of ``.txt`` files (id = file stem, sorted by name) or a JSONL
file of ``{"id", "text", "lang"?, "meta"?}``. Output: JSONL, one line per input
document, in input order, written atomically (temporary file, then rename).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.types import Document


def read_documents(path: str | Path) -> Iterator[Document]:
    """Yield documents from a directory of .txt files or a JSONL file, in input order."""
    p = Path(path)
    if p.is_dir():
        yield from _read_txt_dir(p)
    elif p.is_file():
        yield from _read_jsonl_docs(p)
    else:
        raise InputError(str(p), "no such file or directory")


# Optional sidecar in a .txt directory: one {"id", "lang"?, "meta"?} line per document.
META_SIDECAR = "meta.jsonl"


def _read_sidecar(directory: Path) -> dict[str, dict[str, Any]]:
    path = directory / META_SIDECAR
    if not path.is_file():
        return {}
    out: dict[str, dict[str, Any]] = {}
    for lineno, obj in iter_jsonl(path):
        rid = obj.get("id")
        if not isinstance(rid, str):
            raise InputError(str(path), "missing or not a string", line=lineno, field="id")
        if not isinstance(obj.get("meta", {}), dict):
            raise InputError(
                str(path), "must be an object", line=lineno, record_id=rid, field="meta"
            )
        out[rid] = obj
    return out


def _read_txt_dir(directory: Path) -> Iterator[Document]:
    files = sorted(f for f in directory.iterdir() if f.suffix == ".txt" and f.is_file())
    if not files:
        raise InputError(str(directory), "directory holds no .txt files")
    sidecar = _read_sidecar(directory)
    for f in files:
        raw = f.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(str(f), f"not valid UTF-8 (byte {exc.start})", field="text") from None
        extra = sidecar.get(f.stem, {})
        yield Document(
            id=f.stem, text=text, lang=extra.get("lang"), meta=dict(extra.get("meta") or {})
        )


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line; bad JSON names file and line."""
    p = Path(path)
    with p.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    str(p), f"not valid UTF-8 (byte {exc.start})", line=lineno
                ) from None
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(p), f"malformed JSON ({exc.msg})", line=lineno) from None
            if not isinstance(obj, dict):
                raise InputError(str(p), "a line must be a JSON object", line=lineno)
            yield lineno, obj


def _read_jsonl_docs(path: Path) -> Iterator[Document]:
    seen: set[str] = set()
    for lineno, obj in iter_jsonl(path):
        yield record_to_document(obj, str(path), lineno, seen)


def record_to_document(
    obj: dict[str, Any], path: str, lineno: int, seen: set[str] | None = None
) -> Document:
    """Check one input record's fields and build a Document (raises InputError)."""
    rid = obj.get("id")
    if "id" not in obj:
        raise InputError(path, "missing field", line=lineno, field="id")
    if not isinstance(rid, str) or not rid:
        raise InputError(path, "must be a non-empty string", line=lineno, field="id")
    if "text" not in obj:
        raise InputError(path, "missing field", line=lineno, record_id=rid, field="text")
    if not isinstance(obj["text"], str):
        raise InputError(path, "must be a string", line=lineno, record_id=rid, field="text")
    lang = obj.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise InputError(path, "must be a string", line=lineno, record_id=rid, field="lang")
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise InputError(path, "must be an object", line=lineno, record_id=rid, field="meta")
    if seen is not None:
        if rid in seen:
            raise InputError(path, "duplicate id", line=lineno, record_id=rid, field="id")
        seen.add(rid)
    return Document(id=rid, text=obj["text"], lang=lang, meta=dict(meta))


def write_jsonl_atomic(path: str | Path, records: Iterable[dict[str, Any]]) -> int:
    """Write records as JSONL to a temporary file beside ``path``, then rename over it.

    A failure part-way leaves any earlier file at ``path`` untouched. Returns the count.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                count += 1
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write a text file atomically (temporary file, then rename)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
