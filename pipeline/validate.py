"""Check annotation and prediction JSONL files; one problem per line, naming file, line, id, span."""

from __future__ import annotations

import datetime
import json
import re
import shlex
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import printable
from pipeline.languages import available as available_languages
from pipeline.types import LABELS

_DATE_VALUE = re.compile(
    r"^(?:"
    r"(?:\d{4}|\d{3}X|\d{2}XX|XXXX)"
    r"(?:-(?:\d{2}|XX|SP|SU|FA|WI|Q[1-4]|QX|H[12]|W\d{2}|WXX)(?:-(?:\d{2}|XX|\d|WE))?)?"
    r"(?:T(?:MO|AF|EV|NI))?"
    r"|\d{2,3}"  # a century (19: the 1900s) or a decade (199: the 1990s)
    r"|P(?:(?:\d+(?:\.\d+)?|X)(?:[YMWDQ]|DE|CE))+(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?"
    r"|PT(?:(?:\d+(?:\.\d+)?|X)[HMS])+"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
    r")$"
)
_META_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_BOM = b"\xef\xbb\xbf"


def json_array_message(path: Path) -> str:
    """What to do with a JSON array given where JSONL is expected."""
    target = path.with_suffix(".converted.jsonl" if path.suffix == ".jsonl" else ".jsonl")
    out = shlex.quote(str(target))
    return (
        "a JSON array (a Label Studio export?), not JSONL (one JSON object per line); "
        f"convert it first: python -m pipeline convert --from labelstudio --to jsonl "
        f"{shlex.quote(str(path))} {out}"
    )


COUNT_MODS = ("APPROX", "MORE_THAN", "LESS_THAN", "AT_MOST", "AT_LEAST", "VAGUE")
# "time" only from rules.dates with times: true (the TimeML profile): Wednesday night.
DATE_TYPES = ("date", "duration", "age", "set", "time")
# Marks allowed at a span's edge: a closing abbreviation dot (U.S., R.) is checked separately.
_EDGE_OK = set("&")


@dataclass
class Problem:
    path: str
    line: int
    doc_id: str | None
    message: str
    span: tuple[int, int, str] | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.doc_id is not None:
            where += f": id={self.doc_id}"
        if self.span is not None:
            s, e, t = self.span
            where += f": span [{s},{e}) {t!r}"
        return printable(f"{where}: {self.message}")  # ids and paths quote the input


def date_problem(value: str) -> str | None:
    """Why ``value`` is not a document date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` that
    exists in the calendar (``2021-02-30`` does not); None when it is one."""
    m = _META_DATE.fullmatch(value)
    if not m:
        return "is not YYYY[-MM[-DD]]"
    year, month, day = (int(g) if g else None for g in m.groups())
    if year == 0:
        return "is not a date (year 0)"
    if month is not None and not 1 <= month <= 12:
        return f"is not a date (month {month})"
    if day is not None:
        try:
            datetime.date(year, month, day)  # type: ignore[arg-type]
        except ValueError:
            return f"is not a date (no day {day} in {year:04d}-{month:02d})"
    return None


def _is_edge_bad(ch: str) -> bool:
    if ch.isspace():
        return True
    cat = unicodedata.category(ch)
    return cat.startswith("P") and ch not in _EDGE_OK or cat.startswith("Z")


def _trailing_abbrev_dot(span_text: str) -> bool:
    """``U.S.`` or ``R.``: a final dot after a single letter is part of the word."""
    return bool(re.search(r"(?:^|[\s.])[^\W\d_]\.$", span_text))


def check_norm(label: str, norm: Any) -> list[str]:
    """Problems with a span's ``norm`` for its label (empty list when well-shaped)."""
    if not isinstance(norm, dict):
        return ["norm must be an object"]
    out: list[str] = []

    def need_str(key: str) -> None:
        if not isinstance(norm.get(key), str) or not norm.get(key):
            out.append(f"norm.{key} must be a non-empty string for {label}")

    if label in ("PERSON", "PLACE"):
        need_str("name")
        need_str("latin")
    elif label == "ORG":
        need_str("name")
    elif label == "DATE":
        value = norm.get("value")
        if not isinstance(value, str) or not _DATE_VALUE.match(value):
            out.append(f"norm.value {value!r} is not a TIMEX3 value for DATE")
        if "type" in norm and norm["type"] not in DATE_TYPES:
            out.append(f"norm.type {norm['type']!r} not one of {', '.join(DATE_TYPES)}")
    elif label == "COUNT":
        value = norm.get("value", None)
        mod = norm.get("mod")
        if mod is not None and mod not in COUNT_MODS:
            out.append(f"norm.mod {mod!r} not one of {', '.join(COUNT_MODS)}")
        for key in ("value", "min", "max"):
            v = norm.get(key)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)):
                out.append(f"norm.{key} must be a number or null")
        if value is None and norm.get("min") is None and norm.get("max") is None:
            out.append("norm needs a value, or min/max for a range or vague count")
        if mod == "VAGUE" and value is not None:
            out.append("norm.value must be null when mod is VAGUE")
    return out


def validate_records(
    path: str, texts: dict[str, str] | None = None, require_norm: bool | None = None
) -> list[Problem]:
    """Validate a JSONL file of annotations (with ``text``) or predictions (text from ``texts``)."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    p = Path(path)
    if not p.is_file():
        return [Problem(path, 0, None, "no such file")]
    array = json_array_line(p)
    if array is not None:
        return [Problem(path, array, None, json_array_message(p))]
    with p.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if lineno == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                problems.append(Problem(path, lineno, None, "not valid UTF-8"))
                continue
            except json.JSONDecodeError as exc:
                problems.append(Problem(path, lineno, None, f"malformed JSON ({exc.msg})"))
                continue
            if not isinstance(obj, dict):
                problems.append(Problem(path, lineno, None, "line is not a JSON object"))
                continue
            problems.extend(_check_record(path, lineno, obj, seen, texts, require_norm))
    return problems


def json_array_line(p: Path) -> int | None:
    """The line where a JSON array starts when the file is one (a Label Studio export),
    not JSONL: its first non-blank line is ``[`` alone (pretty-printed) or an array of
    objects. None otherwise (a line like ``[1, 2]`` is a bad JSONL record)."""
    with p.open("rb") as fh:
        lineno = 0
        while raw := fh.readline(1 << 20):  # a longer line starting with [ is no JSONL anyway
            lineno += 1
            raw = raw.removeprefix(_BOM) if lineno == 1 else raw
            if not raw.strip():
                continue
            head = raw.strip()
            if head in (b"[", b"[{"):  # a pretty-printed array
                return lineno
            if not head.startswith(b"[{"):
                return None
            try:  # a minified one: the whole array on one line
                value = json.loads(raw)
            except (ValueError, RecursionError):
                return None
            return lineno if isinstance(value, list) else None
    return None


def _check_record(
    path: str,
    lineno: int,
    obj: dict[str, Any],
    seen: dict[str, int],
    texts: dict[str, str] | None,
    require_norm: bool | None,
) -> list[Problem]:
    out: list[Problem] = []
    rid = obj.get("id")
    if not isinstance(rid, str) or not rid:
        out.append(Problem(path, lineno, None, "field 'id' missing or not a non-empty string"))
        rid = None
    elif rid in seen:
        out.append(Problem(path, lineno, rid, f"duplicate id (first on line {seen[rid]})"))
    else:
        seen[rid] = lineno
    lang = obj.get("lang")
    known = available_languages()
    if lang is not None and lang not in known:
        out.append(
            Problem(path, lineno, rid, f"field 'lang' {lang!r} not one of {', '.join(known)}")
        )
    meta = obj.get("meta")
    if meta is not None:
        if not isinstance(meta, dict):
            out.append(Problem(path, lineno, rid, "field 'meta' must be an object"))
        elif meta.get("date") is not None:
            date = meta["date"]
            why = date_problem(date) if isinstance(date, str) else "is not YYYY[-MM[-DD]]"
            if why:
                out.append(Problem(path, lineno, rid, f"field 'meta.date' {date!r} {why}"))
    is_annotation = "text" in obj
    text = obj.get("text")
    if is_annotation and not isinstance(text, str):
        out.append(Problem(path, lineno, rid, "field 'text' must be a string"))
        text = None
    if text is None and texts is not None and rid is not None:
        text = texts.get(rid)
    norm_required = is_annotation if require_norm is None else require_norm
    ents = obj.get("entities")
    if not isinstance(ents, list):
        out.append(Problem(path, lineno, rid, "field 'entities' missing or not a list"))
        return out
    if text is None:
        out.append(Problem(path, lineno, rid, "no text to check offsets against (pass --texts)"))
    good: list[tuple[int, int, str]] = []
    for i, e in enumerate(ents):
        if not isinstance(e, dict):
            out.append(Problem(path, lineno, rid, f"entities[{i}] is not an object"))
            continue
        start, end, label, stext = e.get("start"), e.get("end"), e.get("label"), e.get("text")
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            out.append(
                Problem(path, lineno, rid, f"entities[{i}]: 'start' and 'end' must be integers")
            )
            continue
        sp = (start, end, stext if isinstance(stext, str) else "")
        if label not in LABELS:
            out.append(
                Problem(
                    path, lineno, rid, f"unknown label {label!r}; allowed: {', '.join(LABELS)}", sp
                )
            )
        if not isinstance(stext, str):
            out.append(Problem(path, lineno, rid, "field 'text' missing or not a string", sp))
        if text is not None:
            if start < 0 or end > len(text) or start >= end:
                out.append(
                    Problem(
                        path,
                        lineno,
                        rid,
                        f"offsets outside the text (length {len(text)}) or empty",
                        sp,
                    )
                )
                continue
            actual = text[start:end]
            if isinstance(stext, str) and actual != stext:
                out.append(
                    Problem(
                        path, lineno, rid, f"text does not match text[start:end] = {actual!r}", sp
                    )
                )
            if _is_edge_bad(actual[0]):
                out.append(
                    Problem(
                        path,
                        lineno,
                        rid,
                        f"span starts with space or punctuation {actual[0]!r}",
                        sp,
                    )
                )
            if _is_edge_bad(actual[-1]) and not (
                actual[-1] == "." and _trailing_abbrev_dot(actual)
            ):
                out.append(
                    Problem(
                        path, lineno, rid, f"span ends with space or punctuation {actual[-1]!r}", sp
                    )
                )
        if "norm" in e or norm_required:
            norm = e.get("norm")
            if norm is None and norm_required:
                out.append(Problem(path, lineno, rid, "field 'norm' missing", sp))
            elif norm is not None and not (norm == {} and not norm_required) and label in LABELS:
                for msg in check_norm(label, norm):
                    out.append(Problem(path, lineno, rid, msg, sp))
        if "cluster" in e and not (isinstance(e["cluster"], str) and e["cluster"]):
            out.append(Problem(path, lineno, rid, "field 'cluster' must be a non-empty string", sp))
        if "cluster" in e and label not in ("PERSON", "PLACE", "ORG"):
            out.append(
                Problem(
                    path,
                    lineno,
                    rid,
                    f"field 'cluster' is only for PERSON, PLACE, ORG, not {label}",
                    sp,
                )
            )
        good.append((start, end, stext if isinstance(stext, str) else ""))
    ordered = sorted(good)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b[0] < a[1]:
            out.append(Problem(path, lineno, rid, f"overlaps span [{a[0]},{a[1]}) {a[2]!r}", b))
    return out
