"""Documents read from annotation files: where each came from, and the span data they carry.

A :class:`SourceDocument` remembers the file, line and field it was read from, so that
later checks (overlaps, languages, spans off the tokens) can name them in one line.
``span_data`` is how formats without a place for them on the span carry each span's
``norm`` and gold ``cluster`` id: ``[{"start", "end", "norm", "cluster"}]`` in document
offsets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pipeline.errors import InputError
from pipeline.types import Document


@dataclass
class SourceDocument(Document):
    """A document read from an annotation file, with where it came from (for messages)."""

    path: str = ""
    line: int | None = None  # 1-based line of the record, where the format has lines
    field: str | None = None  # the record's place where it has no line (``[3]``: a task)

    def problem(self, message: str, field: str | None = None) -> InputError:
        """An error naming this document's file, line, id and ``field`` (not raised)."""
        where = ".".join(f for f in (self.field, field) if f) or None
        return InputError(self.path, message, line=self.line, record_id=self.id, field=where)


def problem_of(doc: Document, message: str) -> InputError:
    """An error naming where ``doc`` came from (its file and line when it is a
    :class:`SourceDocument`, else only its id). Not raised."""
    if isinstance(doc, SourceDocument):
        return doc.problem(message)
    return InputError("<document>", message, record_id=doc.id)


def located(doc: Document, path: str, line: int | None = None, field: str | None = None) -> Any:
    """``doc`` as a :class:`SourceDocument` read from ``path`` (at ``line`` / ``field``)."""
    return SourceDocument(
        doc.id, doc.text, doc.lang, doc.meta, doc.entities, str(path), line, field
    )


def span_data(doc: Document) -> list[dict[str, Any]]:
    """``{"start", "end", "norm"?, "cluster"?}`` for each span that has a norm or cluster."""
    out = []
    for s in sorted(doc.entities, key=lambda s: (s.start, s.end)):
        item: dict[str, Any] = {"start": s.start, "end": s.end}
        if s.norm:
            item["norm"] = s.norm
        if s.cluster:
            item["cluster"] = s.cluster
        if len(item) > 2:
            out.append(item)
    return out


def attach_span_data(doc: Document, data: Any, path: str, **where: Any) -> None:
    """Put the norms and cluster ids of ``data`` (see :func:`span_data`) on ``doc``'s spans."""
    if data in (None, ""):
        return
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError:
            raise InputError(path, "bad span_data JSON", record_id=doc.id, **where) from None
    if not isinstance(data, list | tuple):  # msgpack (DocBin) gives tuples
        raise InputError(path, "span_data must be a list", record_id=doc.id, **where)
    by_offsets = {(s.start, s.end): s for s in doc.entities}
    for item in data:
        span = (
            by_offsets.get((item.get("start"), item.get("end"))) if isinstance(item, dict) else None
        )
        if span is None:
            continue  # its span was removed since: nothing to carry
        span.norm = dict(item.get("norm") or {})
        span.cluster = item.get("cluster") or None
