"""Tables for spreadsheets: the mentions of a run and the linked entities, as CSV and XLSX.

Two tables. *Mentions*: one row per extracted span (document, language, label, text,
offsets, normalised value, source, score, the entity it was linked to, and the text
around it). *Entities*: one row per linked person, place or organisation (its names in
Cyrillic and Latin script, where each came from, mention and document counts, the
documents).

CSV files are UTF-8 with a byte-order mark, so that Excel and LibreOffice read Cyrillic
as Cyrillic. A text cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
return) would be run as a formula by a spreadsheet: in CSV it gets a leading apostrophe,
in XLSX it is stored as a text cell, so that the value stays exactly what was found.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.types import Document

MENTION_COLUMNS = (
    "document",
    "lang",
    "label",
    "text",
    "start",
    "end",
    "normalised",
    "norm",
    "source",
    "score",
    "entity",
    "context",
)
ENTITY_COLUMNS = (
    "entity",
    "label",
    "name_kk",
    "name_latin",
    "name_kk_from",
    "name_latin_from",
    "gazetteer_id",
    "mentions",
    "documents",
    "document_ids",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def normalised_text(label: str, norm: dict[str, Any]) -> str:
    """A norm as one readable cell: ``2018-09-14``, ``≈35000``, ``5–6``, ``Алматы / Almaty``."""
    if not norm:
        return ""
    if label in ("DATE", "COUNT"):
        value = norm.get("value")
        text = "" if value is None else str(value)
        if norm.get("min") is not None or norm.get("max") is not None:
            lo, hi = norm.get("min"), norm.get("max")
            span = f"{'' if lo is None else lo}–{'' if hi is None else hi}"
            text = f"{text} ({span})" if text else span
        mod = norm.get("mod")
        if mod:
            text = f"{text} {mod}".strip()
        if label == "DATE" and norm.get("type") not in (None, "date"):
            text = f"{text} [{norm['type']}]"
        return text
    names = [str(norm[k]) for k in ("name", "latin") if norm.get(k)]
    return " / ".join(dict.fromkeys(names))


def context_of(text: str, start: int, end: int, width: int = 60) -> str:
    """The mention in its surroundings on one line, ``…before [mention] after…``: up to
    ``width`` characters on each side, cut at a word boundary."""
    if not text:
        return ""
    left = max(0, start - width)
    right = min(len(text), end + width)
    before, after = text[left:start], text[end:right]
    if left > 0 and not text[left - 1].isspace() and not text[left].isspace():
        before = before[len(before.split(maxsplit=1)[0]) :] if before.strip() else before
    if right < len(text) and not text[right].isspace() and not text[right - 1].isspace():
        after = after[: len(after) - len(after.rsplit(maxsplit=1)[-1])] if after.strip() else after
    core = " ".join(text[start:end].split())
    lead = " ".join(before.split()) + (" " if before[-1:].isspace() else "")
    tail = (" " if after[:1].isspace() else "") + " ".join(after.split())
    return (
        ("…" if left > 0 else "")
        + lead.lstrip()
        + f"[{core}]"
        + tail.rstrip()
        + ("…" if right < len(text) else "")
    )


def mention_table(
    docs: Sequence[Document], entity_of: dict[tuple[str, int, int], str], width: int = 60
) -> Table:
    rows = []
    for doc in docs:
        for span in sorted(doc.entities, key=lambda s: (s.start, s.end)):
            rows.append(
                (
                    doc.id,
                    doc.lang or "",
                    span.label,
                    span.text,
                    span.start,
                    span.end,
                    normalised_text(span.label, span.norm),
                    json.dumps(span.norm, ensure_ascii=False, sort_keys=True) if span.norm else "",
                    span.source,
                    round(float(span.score), 4),
                    entity_of.get((doc.id, span.start, span.end), ""),
                    context_of(doc.text, span.start, span.end, width),
                )
            )
    return Table("mentions", MENTION_COLUMNS, rows)


def entity_table(records: Iterable[dict[str, Any]]) -> Table:
    rows = []
    for r in records:
        name = r.get("name") or {}
        mentions = r.get("mentions") or []
        doc_ids = list(dict.fromkeys(str(m.get("doc")) for m in mentions))
        rows.append(
            (
                r.get("id", ""),
                r.get("label", ""),
                name.get("kk") or "",
                name.get("latin") or "",
                name.get("kk_from") or "",
                name.get("latin_from") or "",
                r.get("gazetteer_id") or "",
                len(mentions),
                len(doc_ids),
                ", ".join(doc_ids),
            )
        )
    return Table("entities", ENTITY_COLUMNS, rows)


def entity_ids(records: Iterable[dict[str, Any]]) -> dict[tuple[str, int, int], str]:
    """(document, start, end) of every linked mention → its entity id."""
    return {
        (str(m["doc"]), int(m["start"]), int(m["end"])): str(r["id"])
        for r in records
        for m in r.get("mentions") or []
    }


def csv_safe(value: Any) -> Any:
    """A text cell a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(table: Table, path: str | Path) -> Path:
    """UTF-8 with a byte-order mark, every line ended by CRLF (as spreadsheets expect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows([csv_safe(v) for v in row] for row in table.rows)
    return _write_atomic(Path(path), buffer.getvalue().encode("utf-8-sig"))


def _write_atomic(path: Path, data: bytes | None, save: Any = None) -> Path:
    """Write ``data`` (or call ``save(tmp_path)``) to a temporary file, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            if data is not None:
                fh.write(data)
        if save is not None:
            save(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_xlsx(tables: Sequence[Table], path: str | Path) -> Path:
    """One sheet per table: a bold frozen header with filters; text cells stored as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        ws = wb.create_sheet(table.name)
        ws.append(list(table.columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(c) for c in table.columns]
        for r, row in enumerate(table.rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever it starts with
                    widths[c - 1] = max(widths[c - 1], min(len(value), 60))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = width + 2
        ws.freeze_panes = "A2"
        if table.rows:
            ws.auto_filter.ref = ws.dimensions
    return _write_atomic(Path(path), None, wb.save)
