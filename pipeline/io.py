"""Readers and writers of the I/O contract.

Input: a directory of ``.txt`` files (id = file stem, sorted by name, optional
``meta.jsonl`` sidecar), a single ``.txt`` file (one document), a JSONL file (optionally
gzip-compressed, ``.jsonl.gz``) of ``{"id", "text", "lang"?, "meta"?}``, or ``-`` for
JSONL on standard input. Output: JSONL, one line per input document, in input order,
written atomically (temporary file, then rename).

Two ways to read: :func:`read_documents` raises :class:`InputError` on the first bad
record; :func:`iter_inputs` streams several inputs record by record and yields a
:class:`Rejected` for each bad record instead, so a batch run can apply its
``on_error`` policy (see ``pipeline.batch``). Whatever a record holds, reading it never
raises: every record comes out as an :class:`InputRecord` or a :class:`Rejected`.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import hashlib
import json
import logging
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pipeline.errors import InputError, printable
from pipeline.types import Document
from pipeline.validate import date_problem, json_array_line, json_array_message

log = logging.getLogger("pipeline.io")

# Optional sidecar in a .txt directory: one {"id", "lang"?, "meta"?} line per document.
META_SIDECAR = "meta.jsonl"
# ``--input -`` / ``--output -``: standard input / output.
STDIO = "-"
STDIN_NAME = "<stdin>"
_BOM = b"\xef\xbb\xbf"
# Language codes as users write them → the project's codes (``KK``, ``kk-KZ``, ``kaz``).
_LANG_ALIASES = {"kaz": "kk", "eng": "en"}


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
        meta = json.dumps(d.meta, sort_keys=True)
        for part in (d.id, d.text, d.lang or "", meta):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.digest()


@dataclass
class Rejected:
    """A bad input record: where it is, its id if known, and why it is rejected.

    ``kind`` is a stable code for counting (the table in docs/batch.md): malformed_json,
    not_an_object, invalid_utf8, binary_file, unreadable_file, missing_field, wrong_type,
    invalid_value, duplicate_id, too_long, processing_error. Plain fields (not an exception
    object) so that it pickles across processes.
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


class RecordError(InputError):
    """A bad field of one record; ``kind`` is the Rejected kind it becomes."""

    def __init__(
        self,
        kind: str,
        path: str,
        message: str,
        line: int | None = None,
        record_id: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(path, message, line, record_id, field)
        self.kind = kind


@dataclass
class InputNotes:
    """What the readers passed over that is not a record, for the run's summary: files of
    an input directory that are not inputs (not ``.txt``), and inputs with no record."""

    skipped_files: int = 0
    skipped_examples: list[str] = field(default_factory=list)
    empty_inputs: list[str] = field(default_factory=list)

    def skip(self, path: str) -> None:
        self.skipped_files += 1
        if len(self.skipped_examples) < 10:
            self.skipped_examples.append(printable(path))


def read_documents(path: str | Path) -> Iterator[Document]:
    """Yield documents from a directory of .txt files, a .txt file or a JSONL file, in
    input order. Raises :class:`InputError` on the first bad record (no length limit here).
    """
    for item in iter_inputs([path]):
        if isinstance(item, Rejected):
            raise item.error()
        yield item.doc


def check_inputs(paths: Sequence[str | Path]) -> None:
    """Raise InputError unless every input exists (before any work starts)."""
    if not paths:
        raise InputError("<input>", "no input given")
    if sum(1 for p in paths if str(p) == STDIO) > 1:
        raise InputError(STDIN_NAME, "standard input ('-') given more than once")
    for path in paths:
        if str(path) == STDIO:
            continue
        p = Path(path)
        if not p.exists():
            raise InputError(str(p), "no such file or directory")


def iter_inputs(
    paths: Sequence[str | Path],
    max_chars: int | None = None,
    dedupe: bool = True,
    notes: InputNotes | None = None,
) -> Iterator[InputRecord | Rejected]:
    """Stream the records of several inputs in order, one at a time.

    Bad records come out as :class:`Rejected` (the stream goes on). With ``dedupe`` an id
    already accepted (in any input) is a ``duplicate_id``; a batch run dedupes on its
    output side instead, where it also knows which records the pipeline processed. A
    problem with an input as a whole (missing, a directory without .txt files, unreadable
    gzip data) raises :class:`InputError`. ``notes`` collects files passed over and empty
    inputs. Memory: one record at a time, plus the ids seen (and, for a directory, its file
    list and sidecar).
    """
    seen: set[str] | None = set() if dedupe else None
    notes = notes if notes is not None else InputNotes()
    for path in paths:
        if str(path) == STDIO:
            items = _iter_jsonl_records(None, max_chars)
        else:
            p = Path(path)
            if p.is_dir():
                items = _iter_txt_dir(p, max_chars, notes)
            elif p.is_file() and p.suffix.lower() == ".txt":
                items = iter([_read_txt(p, p.stem, max_chars, {})])
            elif p.is_file():
                items = _iter_jsonl_records(p, max_chars)
            else:
                raise InputError(str(p), "no such file or directory")
        count = 0
        for item in items:
            count += 1
            if seen is not None and isinstance(item, InputRecord):
                rid = item.doc.id
                if rid in seen:
                    item = Rejected(item.path, item.line, rid, "id", "duplicate id", "duplicate_id")
                else:
                    seen.add(rid)
            yield item
        if count == 0:
            name = STDIN_NAME if str(path) == STDIO else str(path)
            log.warning("%s: no records", name)
            notes.empty_inputs.append(printable(name))


def count_inputs(paths: Sequence[str | Path]) -> int | None:
    """A quick estimate of the number of records (lines of a JSONL file, .txt files of a
    directory), for progress and ETA; None when an input is standard input."""
    total = 0
    for path in paths:
        if str(path) == STDIO:
            return None
        p = Path(path)
        if p.is_dir():
            total += sum(1 for name in os.listdir(p) if is_txt_name(name))
        elif p.is_file() and p.suffix.lower() == ".txt":
            total += 1
        elif p.is_file():
            last = b"\n"
            with _open_binary(p) as fh:
                while chunk := fh.read(1 << 20):
                    total += chunk.count(b"\n")
                    last = chunk[-1:]
            total += last != b"\n"
    return total


def input_files(paths: Sequence[str | Path]) -> list[Path]:
    """The files the inputs read (a directory's .txt files and sidecar), for the check that
    an output never overwrites one."""
    files: list[Path] = []
    for path in paths:
        if str(path) == STDIO:
            continue
        p = Path(path)
        if p.is_dir():
            files += [p / n for n in os.listdir(p) if is_txt_name(n) or n == META_SIDECAR]
        elif p.exists():
            files.append(p)
    return files


def is_txt_name(name: str) -> bool:
    """A directory entry read as a document: ``x.txt``, ``x.TXT``."""
    return name.lower().endswith(".txt") and len(name) > 4


def _open_binary(path: Path) -> IO[bytes]:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _too_long(n: int, max_chars: int, unit: str = "characters") -> str:
    return f"text too long: {n:,} {unit}, over max_chars ({max_chars:,} characters)"


def _lone_surrogate(value: str) -> int | None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def normalise_lang(value: str) -> str | None:
    """A ``lang`` field as users write it → the project's code: ``KK``, ``kk-KZ``, ``kaz``
    → ``kk``; ``""`` → None (detect it). Other codes come back lower-cased."""
    code = value.strip().casefold().replace("_", "-")
    if not code:
        return None
    primary = code.split("-", 1)[0]
    return _LANG_ALIASES.get(primary, primary)


# -- a directory of .txt files -------------------------------------------------------------


def _read_sidecar(directory: Path) -> tuple[dict[str, dict[str, Any]], list[Rejected]]:
    path = directory / META_SIDECAR
    out: dict[str, dict[str, Any]] = {}
    rejects: list[Rejected] = []
    if not path.is_file():
        return out, rejects
    for lineno, obj in _iter_jsonl_objects(path, str(path), None):
        if isinstance(obj, Rejected):
            rejects.append(obj)
            continue
        try:
            rid = _check_id(obj, str(path), lineno)
            fields = _check_optional_fields(obj, str(path), lineno, rid)
        except RecordError as err:
            rejects.append(Rejected.from_error(err, err.kind))
            continue
        out[rid] = fields
    return out, rejects


def _iter_txt_dir(
    directory: Path, max_chars: int | None, notes: InputNotes
) -> Iterator[InputRecord | Rejected]:
    names = sorted(os.listdir(directory))
    txt = [n for n in names if is_txt_name(n)]
    if not txt:
        raise InputError(str(directory), "directory holds no .txt files")
    for name in names:
        if name != META_SIDECAR and not is_txt_name(name):
            notes.skip(str(directory / name))
    if notes.skipped_files:
        log.info(
            "%s: %d files that are not .txt passed over (%s)",
            directory,
            notes.skipped_files,
            ", ".join(Path(x).name for x in notes.skipped_examples[:5]),
        )
    sidecar, rejects = _read_sidecar(directory)
    yield from rejects
    for name in txt:
        f = directory / name
        yield _read_txt(f, f.stem, max_chars, sidecar.get(f.stem, {}))


def _file_problem(f: Path) -> str | None:
    """Why ``f`` cannot be read as a text file, or None when it can."""
    try:
        st = os.stat(f)
    except FileNotFoundError:
        return "dangling symbolic link" if f.is_symlink() else "no such file"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return f"cannot read ({exc.strerror or exc})"
    if stat.S_ISREG(st.st_mode):
        return None
    for test, what in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    ):
        if test(st.st_mode):
            return f"{what}, not a regular file"
    return "not a regular file"


def _read_txt(
    f: Path, rid: str, max_chars: int | None, extra: dict[str, Any]
) -> InputRecord | Rejected:
    """One .txt file as one document (id = file stem, fields from the sidecar)."""
    path = str(f)
    bad_name = _lone_surrogate(f.name)
    if bad_name is not None:
        reason = "file name is not valid UTF-8"
        return Rejected(path, None, None, "id", reason, "invalid_utf8")
    problem = _file_problem(f)
    if problem is not None:
        return Rejected(path, None, rid, None, problem, "unreadable_file")
    try:
        size = f.stat().st_size
        if max_chars is not None and size > 4 * max_chars:  # UTF-8: at most 4 bytes a char
            reason = _too_long(size, max_chars, "bytes")
            return Rejected(path, None, rid, "text", reason, "too_long")
        raw = f.read_bytes()
    except OSError as exc:
        reason = f"cannot read ({exc.strerror or exc})"
        return Rejected(path, None, rid, None, reason, "unreadable_file")
    nul = raw.find(b"\x00")
    if nul >= 0:
        reason = f"binary file, not text (NUL byte at byte {nul})"
        return Rejected(path, None, rid, "text", reason, "binary_file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"not valid UTF-8 (byte {exc.start})"
        return Rejected(path, _line_of(raw, exc.start), rid, "text", reason, "invalid_utf8")
    if max_chars is not None and len(text) > max_chars:
        return Rejected(path, None, rid, "text", _too_long(len(text), max_chars), "too_long")
    doc = Document(id=rid, text=text, lang=extra.get("lang"), meta=dict(extra.get("meta") or {}))
    return InputRecord(doc, path, None)


# -- JSONL ----------------------------------------------------------------------------------


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line; bad JSON names file and line.

    A ``.gz`` file is decompressed on the fly; a UTF-8 byte order mark is ignored.
    """
    for lineno, obj in _iter_jsonl_objects(Path(path), str(path), None):
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
    return rid if isinstance(rid, str) and _lone_surrogate(rid) is None else None


def _parse_line(raw: bytes, path: str, lineno: int) -> dict[str, Any] | Rejected:
    """One JSONL line → its object, or the Rejected saying why not. Never raises."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"not valid UTF-8 (byte {exc.start})"
        return Rejected(path, lineno, _guess_id(raw[:65536]), None, reason, "invalid_utf8")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejected(path, lineno, None, None, f"malformed JSON ({exc.msg})", "malformed_json")
    except RecursionError:
        reason = "malformed JSON (nested too deeply)"
        return Rejected(path, lineno, _guess_id(raw[:65536]), None, reason, "malformed_json")
    except ValueError as exc:  # an integer of more digits than Python converts (4300)
        reason = f"malformed JSON ({str(exc).split(';')[0]})"
        return Rejected(path, lineno, _guess_id(raw[:65536]), None, reason, "malformed_json")
    if not isinstance(obj, dict):
        return Rejected(path, lineno, None, None, "a line must be a JSON object", "not_an_object")
    return obj


@contextlib.contextmanager
def _open_jsonl(p: Path | None) -> Iterator[IO[bytes]]:
    if p is None:
        yield sys.stdin.buffer
    else:
        with _open_binary(p) as fh:
            yield fh


def _iter_jsonl_objects(
    p: Path | None, path: str, max_line_bytes: int | None, max_chars: int | None = None
) -> Iterator[tuple[int, dict[str, Any] | Rejected]]:
    """(line number, object or Rejected) for each non-blank line, reading line by line
    (``p`` None: standard input). With ``max_line_bytes``, a longer line is skipped without
    being held in memory."""
    lineno = 0
    try:
        with _open_jsonl(p) as fh:
            while True:
                raw = fh.readline(max_line_bytes + 1) if max_line_bytes else fh.readline()
                if not raw:
                    break
                lineno += 1
                if lineno == 1 and raw.startswith(_BOM):
                    raw = raw[len(_BOM) :]
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
                yield lineno, _parse_line(raw, path, lineno)
    except (OSError, EOFError) as exc:  # unreadable file, corrupt or truncated gzip data
        raise InputError(path, f"cannot read ({exc})", line=lineno + 1) from None


def _iter_jsonl_records(p: Path | None, max_chars: int | None) -> Iterator[InputRecord | Rejected]:
    path = STDIN_NAME if p is None else str(p)
    if p is not None and not p.name.endswith(".gz") and json_array_line(p) is not None:
        # Its lines are rejected one by one (no record is lost); this says why, once.
        log.warning("%s: %s", path, json_array_message(p))
    # A JSON-escaped character takes at most 12 bytes (a surrogate pair of \uXXXX).
    max_line = None if max_chars is None else 12 * max_chars + (1 << 20)
    for lineno, obj in _iter_jsonl_objects(p, path, max_line, max_chars):
        if isinstance(obj, Rejected):
            yield obj
            continue
        try:
            doc = record_to_document(obj, path, lineno)
        except RecordError as err:
            yield Rejected.from_error(err, err.kind)
            continue
        if max_chars is not None and len(doc.text) > max_chars:
            reason = _too_long(len(doc.text), max_chars)
            yield Rejected(path, lineno, doc.id, "text", reason, "too_long")
            continue
        yield InputRecord(doc, path, lineno)


# -- the fields of a record -----------------------------------------------------------------


def _unicode_error(value: str, path: str, line: int | None, rid: str | None, fld: str) -> None:
    pos = _lone_surrogate(value)
    if pos is not None:
        reason = f"not valid Unicode (lone surrogate at character {pos})"
        raise RecordError("invalid_utf8", path, reason, line, rid, fld)


def _check_id(obj: dict[str, Any], path: str, line: int) -> str:
    if "id" not in obj:
        raise RecordError("missing_field", path, "missing field", line, field="id")
    rid = obj["id"]
    if not isinstance(rid, str) or not rid:
        raise RecordError("wrong_type", path, "must be a non-empty string", line, field="id")
    _unicode_error(rid, path, line, None, "id")
    return rid


def _check_optional_fields(obj: dict[str, Any], path: str, line: int, rid: str) -> dict[str, Any]:
    """``lang`` (normalised; ``""`` means detect) and ``meta`` (an object; ``meta.date`` a
    real date) of an input record or sidecar line."""
    lang = obj.get("lang")
    if lang is not None:
        if not isinstance(lang, str):
            raise RecordError("wrong_type", path, "must be a string", line, rid, "lang")
        _unicode_error(lang, path, line, rid, "lang")
        lang = normalise_lang(lang)
    meta = obj.get("meta")
    if meta is None:
        meta = {}
    elif not isinstance(meta, dict):
        raise RecordError("wrong_type", path, "must be an object", line, rid, "meta")
    date = meta.get("date")
    if date is not None:
        if not isinstance(date, str):
            reason = "must be a string YYYY[-MM[-DD]]"
            raise RecordError("wrong_type", path, reason, line, rid, "meta.date")
        why = date_problem(date)
        if why:
            reason = f"{date!r} {why}"
            raise RecordError("invalid_value", path, reason, line, rid, "meta.date")
    try:  # the record's digest (for --resume) serialises it
        json.dumps(meta)
    except (RecursionError, ValueError) as exc:
        reason = f"cannot be serialised ({type(exc).__name__})"
        raise RecordError("invalid_value", path, reason, line, rid, "meta") from None
    return {"lang": lang, "meta": dict(meta)}


def record_to_document(
    obj: dict[str, Any], path: str, lineno: int, seen: set[str] | None = None
) -> Document:
    """Check one input record's fields and build a Document (raises :class:`RecordError`,
    an :class:`InputError` whose ``kind`` names the problem)."""
    rid = _check_id(obj, path, lineno)
    if "text" not in obj:
        raise RecordError("missing_field", path, "missing field", lineno, rid, "text")
    text = obj["text"]
    if not isinstance(text, str):
        raise RecordError("wrong_type", path, "must be a string", lineno, rid, "text")
    _unicode_error(text, path, lineno, rid, "text")
    fields = _check_optional_fields(obj, path, lineno, rid)
    if seen is not None:
        if rid in seen:
            raise RecordError("duplicate_id", path, "duplicate id", lineno, rid, "id")
        seen.add(rid)
    return Document(id=rid, text=text, lang=fields["lang"], meta=fields["meta"])


# -- writing --------------------------------------------------------------------------------
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
