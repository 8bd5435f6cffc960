"""Readers and writers of the I/O contract.

Input: a directory of ``.txt`` files (id = file stem, sorted by name, optional
``meta.jsonl`` sidecar) or a JSONL file (optionally gzip-compressed, ``.jsonl.gz``) of
``{"id", "text", "lang"?, "meta"?}``. Output: JSONL, one line per input document, in
input order, written atomically (temporary file, then rename).

Two ways to read: :func:`read_documents` raises :class:`InputError` on the first bad
record; :func:`iter_inputs` streams several inputs record by record and yields a
:class:`Rejected` for each bad record instead, so a batch run can apply its
``on_error`` policy (see ``pipeline.batch``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pipeline.errors import InputError
from pipeline.types import Document

# Optional sidecar in a .txt directory: one {"id", "lang"?, "meta"?} line per document.
META_SIDECAR = "meta.jsonl"


@dataclass
class InputRecord:
    """A well-formed input document and where it came from (line is None for a .txt file)."""

    doc: Document
    path: str
    line: int | None

    def digest(self) -> bytes:
        """A fingerprint of the record's content (id, text, lang, meta), for resume checks."""
        h = hashlib.blake2b(digest_size=16)
        d = self.doc
        for part in (d.id, d.text, d.lang or "", json.dumps(d.meta, sort_keys=True)):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.digest()


@dataclass
class Rejected:
    """A bad input record: where it is, its id if known, and why it is rejected.

    ``kind`` is a stable code for counting: malformed_json, not_an_object, invalid_utf8,
    binary_file, missing_field, wrong_type, duplicate_id, too_long, processing_error.
    Plain fields (not an exception object) so that it pickles across processes.
    """

    path: str
    line: int | None
    id: str | None
    field: str | None
    reason: str
    kind: str

    @classmethod
    def from_error(cls, err: InputError, kind: str) -> Rejected:
        return cls(err.path, err.line, err.record_id, err.field, err.reason, kind)

    def error(self) -> InputError:
        return InputError(self.path, self.reason, self.line, self.id, self.field)

    def to_record(self) -> dict[str, Any]:
        """The line written to ``<output>.rejects.jsonl``."""
        return {
            "file": self.path,
            "line": self.line,
            "id": self.id,
            "field": self.field,
            "kind": self.kind,
            "reason": self.reason,
            "error": str(self.error()),
        }

    def digest(self) -> bytes:
        h = hashlib.blake2b(digest_size=16)
        for part in (self.kind, self.id or "", str(self.line), self.reason):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.digest()


InputItem = InputRecord | Rejected


def read_documents(path: str | Path) -> Iterator[Document]:
    """Yield documents from a directory of .txt files or a JSONL file, in input order.

    Raises :class:`InputError` on the first bad record (no length limit here).
    """
    for item in iter_inputs([path]):
        if isinstance(item, Rejected):
            raise item.error()
        yield item.doc


def check_inputs(paths: Sequence[str | Path]) -> None:
    """Raise InputError unless every input exists (before any work starts)."""
    if not paths:
        raise InputError("<input>", "no input given")
    for path in paths:
        p = Path(path)
        if not p.exists():
            raise InputError(str(p), "no such file or directory")


def iter_inputs(
    paths: Sequence[str | Path], max_chars: int | None = None
) -> Iterator[InputRecord | Rejected]:
    """Stream the records of several inputs in order, one at a time.

    Bad records come out as :class:`Rejected` (the stream goes on); ids must be unique
    across all inputs. A problem with an input as a whole (missing, an empty directory,
    unreadable gzip data) raises :class:`InputError`. Memory: one record at a time, plus
    the set of ids seen (and, for a directory, its file list and sidecar).
    """
    seen: set[str] = set()
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from _iter_txt_dir(p, seen, max_chars)
        elif p.is_file():
            yield from _iter_jsonl_records(p, seen, max_chars)
        else:
            raise InputError(str(p), "no such file or directory")


def count_inputs(paths: Sequence[str | Path]) -> int:
    """A quick estimate of the number of records (lines of a JSONL file, .txt files of a
    directory), for progress and ETA."""
    total = 0
    for path in paths:
        p = Path(path)
        if p.is_dir():
            total += sum(1 for f in p.iterdir() if f.suffix == ".txt")
        elif p.is_file():
            last = b"\n"
            with _open_binary(p) as fh:
                while chunk := fh.read(1 << 20):
                    total += chunk.count(b"\n")
                    last = chunk[-1:]
            total += last != b"\n"
    return total


def _open_binary(path: Path) -> IO[bytes]:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _too_long(n: int, max_chars: int, unit: str = "characters") -> str:
    return f"text too long: {n:,} {unit}, over max_chars ({max_chars:,} characters)"


def _read_sidecar(directory: Path) -> tuple[dict[str, dict[str, Any]], list[Rejected]]:
    path = directory / META_SIDECAR
    out: dict[str, dict[str, Any]] = {}
    rejects: list[Rejected] = []
    if not path.is_file():
        return out, rejects
    for lineno, obj in _iter_jsonl_objects(path, None):
        if isinstance(obj, Rejected):
            rejects.append(obj)
            continue
        rid = obj.get("id")
        if not isinstance(rid, str) or not rid:
            rejects.append(
                Rejected(str(path), lineno, None, "id", "missing or not a string", "wrong_type")
            )
            continue
        for key, typ, what in (("meta", dict, "an object"), ("lang", str, "a string")):
            if obj.get(key) is not None and not isinstance(obj[key], typ):
                rejects.append(
                    Rejected(str(path), lineno, rid, key, f"must be {what}", "wrong_type")
                )
                break
        else:
            out[rid] = obj
    return out, rejects


def _iter_txt_dir(
    directory: Path, seen: set[str], max_chars: int | None
) -> Iterator[InputRecord | Rejected]:
    files = sorted(f for f in directory.iterdir() if f.suffix == ".txt" and f.is_file())
    if not files:
        raise InputError(str(directory), "directory holds no .txt files")
    sidecar, rejects = _read_sidecar(directory)
    yield from rejects
    for f in files:
        rid, path = f.stem, str(f)
        if rid in seen:
            yield Rejected(path, None, rid, "id", "duplicate id", "duplicate_id")
            continue
        seen.add(rid)
        size = f.stat().st_size
        if max_chars is not None and size > 4 * max_chars:  # UTF-8: at most 4 bytes a char
            yield Rejected(path, None, rid, "text", _too_long(size, max_chars, "bytes"), "too_long")
            continue
        raw = f.read_bytes()
        nul = raw.find(b"\x00")
        if nul >= 0:
            reason = f"binary file, not text (NUL byte at byte {nul})"
            yield Rejected(path, None, rid, "text", reason, "binary_file")
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Rejected(
                path,
                _line_of(raw, exc.start),
                rid,
                "text",
                f"not valid UTF-8 (byte {exc.start})",
                "invalid_utf8",
            )
            continue
        if max_chars is not None and len(text) > max_chars:
            yield Rejected(path, None, rid, "text", _too_long(len(text), max_chars), "too_long")
            continue
        extra = sidecar.get(rid, {})
        doc = Document(
            id=rid, text=text, lang=extra.get("lang"), meta=dict(extra.get("meta") or {})
        )
        yield InputRecord(doc, path, None)


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line; bad JSON names file and line.

    A ``.gz`` file is decompressed on the fly.
    """
    for lineno, obj in _iter_jsonl_objects(Path(path), None):
        if isinstance(obj, Rejected):
            raise obj.error()
        yield lineno, obj


_ID_IN_HEAD = re.compile(rb'"id"\s*:\s*("(?:[^"\\]|\\.){1,256}")')


def _guess_id(head: bytes) -> str | None:
    """The id of an over-long line, if it shows near the start (for the error message)."""
    m = _ID_IN_HEAD.search(head)
    if not m:
        return None
    try:
        rid = json.loads(m.group(1).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return rid if isinstance(rid, str) else None


def _iter_jsonl_objects(
    p: Path, max_line_bytes: int | None, max_chars: int | None = None
) -> Iterator[tuple[int, dict[str, Any] | Rejected]]:
    """(line number, object or Rejected) for each non-blank line, reading line by line.

    With ``max_line_bytes``, a longer line is skipped without being held in memory.
    """
    path = str(p)
    lineno = 0
    try:
        with _open_binary(p) as fh:
            while True:
                raw = fh.readline(max_line_bytes + 1) if max_line_bytes else fh.readline()
                if not raw:
                    break
                lineno += 1
                if max_line_bytes and len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                    head = raw[:65536]
                    while True:  # skip the rest of the line
                        rest = fh.readline(1 << 20)
                        if not rest or rest.endswith(b"\n"):
                            break
                    reason = f"line too long: over {max_line_bytes:,} bytes"
                    if max_chars is not None:
                        reason += f", so text over max_chars ({max_chars:,} characters)"
                    yield (
                        lineno,
                        Rejected(path, lineno, _guess_id(head), "text", reason, "too_long"),
                    )
                    continue
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    reason = f"not valid UTF-8 (byte {exc.start})"
                    yield (
                        lineno,
                        Rejected(
                            path, lineno, _guess_id(raw[:65536]), None, reason, "invalid_utf8"
                        ),
                    )
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    reason = f"malformed JSON ({exc.msg})"
                    yield lineno, Rejected(path, lineno, None, None, reason, "malformed_json")
                    continue
                if not isinstance(obj, dict):
                    reason = "a line must be a JSON object"
                    yield lineno, Rejected(path, lineno, None, None, reason, "not_an_object")
                    continue
                yield lineno, obj
    except (OSError, EOFError) as exc:  # unreadable file, corrupt or truncated gzip data
        raise InputError(path, f"cannot read ({exc})", line=lineno + 1) from None


def _kind_of(err: InputError) -> str:
    if err.reason == "duplicate id":
        return "duplicate_id"
    if err.reason == "missing field":
        return "missing_field"
    return "wrong_type"


def _lone_surrogate(value: str) -> int | None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _iter_jsonl_records(
    p: Path, seen: set[str], max_chars: int | None
) -> Iterator[InputRecord | Rejected]:
    path = str(p)
    # A JSON-escaped character takes at most 12 bytes (a surrogate pair of \uXXXX).
    max_line = None if max_chars is None else 12 * max_chars + (1 << 20)
    for lineno, obj in _iter_jsonl_objects(p, max_line, max_chars):
        if isinstance(obj, Rejected):
            yield obj
            continue
        try:
            doc = record_to_document(obj, path, lineno, seen)
        except InputError as err:
            yield Rejected.from_error(err, _kind_of(err))
            continue
        bad = None
        for fld in ("id", "text"):
            pos = _lone_surrogate(getattr(doc, fld))
            if pos is not None:
                bad = Rejected(
                    path,
                    lineno,
                    doc.id if fld == "text" else None,
                    fld,
                    f"not valid Unicode (lone surrogate at character {pos})",
                    "invalid_utf8",
                )
                break
        if bad is not None:
            yield bad
            continue
        if max_chars is not None and len(doc.text) > max_chars:
            yield Rejected(
                path, lineno, doc.id, "text", _too_long(len(doc.text), max_chars), "too_long"
            )
            continue
        yield InputRecord(doc, path, lineno)


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
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; outputs are ordinary files
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
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
