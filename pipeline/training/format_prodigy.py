"""Prodigy JSONL (the ``ner.manual`` / ``spans.manual`` task shape), both directions.

One task a line::

    {"text": "...", "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "label", "token_start", "token_end"}],
     "answer": "accept", "meta": {...}}

Read: spans are character offsets (``start``/``end``), or token indices into ``tokens``
when a span has only ``token_start``/``token_end``. Tasks answered ``reject`` or
``ignore`` are not annotations and are left out (a warning counts them). The document id is
the task's ``id``, else ``meta.id``, else ``FILE-STEM:LINE``.

Written: the project's tokens (split at span boundaries, so every span is on tokens), the
spans with their token indices, ``answer: accept``, and the document's ``id``, ``lang`` and
``meta``; a span's ``norm`` and ``cluster`` ride on the span (Prodigy keeps unknown keys).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.io import iter_jsonl, write_jsonl_atomic
from pipeline.training.segments import token_offsets
from pipeline.training.source_documents import SourceDocument
from pipeline.types import Document, Span

log = logging.getLogger(__name__)


def _offsets(
    span: dict[str, Any], tokens: list[Any], where: dict[str, Any], path: str
) -> tuple[int, int]:
    if "start" in span and "end" in span:
        return int(span["start"]), int(span["end"])
    try:
        first, last = int(span["token_start"]), int(span["token_end"])
        return int(tokens[first]["start"]), int(tokens[last]["end"])
    except (KeyError, IndexError, TypeError, ValueError):
        raise InputError(
            path, "a span needs start/end, or token_start/token_end into tokens", **where
        ) from None


def read_prodigy(path: str | Path) -> list[Document]:
    """Documents from a Prodigy JSONL export (see the module doc)."""
    p = Path(path)
    docs: list[Document] = []
    skipped: Counter = Counter()
    for lineno, obj in iter_jsonl(p):
        answer = obj.get("answer", "accept")
        if answer in ("reject", "ignore"):
            skipped[answer] += 1
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            raise InputError(str(p), "missing or not a string", line=lineno, field="text")
        meta = dict(obj.get("meta") or {})
        rid = obj.get("id") if obj.get("id") is not None else meta.pop("id", None)
        rid = str(rid) if rid is not None else f"{p.stem}:{lineno}"
        doc = SourceDocument(
            id=rid, text=text, lang=obj.get("lang"), meta=meta, path=str(p), line=lineno
        )
        tokens = obj.get("tokens") or []
        for i, span in enumerate(obj.get("spans") or []):
            where = {"line": lineno, "record_id": rid, "field": f"spans[{i}]"}
            if not isinstance(span, dict) or not span.get("label"):
                raise InputError(str(p), "a span is an object with a label", **where)
            start, end = _offsets(span, tokens, where, str(p))
            if not 0 <= start < end <= len(text):
                raise InputError(str(p), f"span [{start}, {end}) outside the text", **where)
            if span.get("text") is not None and span["text"] != text[start:end]:
                raise InputError(
                    str(p),
                    f"span text {span['text']!r} != text[{start}:{end}] {text[start:end]!r}",
                    **where,
                )
            s = Span.from_text(text, start, end, str(span["label"]))
            s.norm = dict(span.get("norm") or {})
            s.cluster = span.get("cluster") or None
            doc.entities.append(s)
        doc.entities.sort(key=lambda s: (s.start, s.end))
        docs.append(doc)
    if skipped:
        log.warning(
            "%s: left out %s (not annotations)",
            p,
            ", ".join(f"{n} tasks answered {a}" for a, n in sorted(skipped.items())),
        )
    return docs


def prodigy_task(doc: Document) -> dict[str, Any]:
    """One Prodigy task for a document (see the module doc)."""
    offsets = token_offsets(doc.text, doc.lang, doc.entities)
    tokens = []
    for i, (s, e) in enumerate(offsets):
        nxt = offsets[i + 1][0] if i + 1 < len(offsets) else len(doc.text)
        tokens.append(
            {
                "text": doc.text[s:e],
                "start": s,
                "end": e,
                "id": i,
                "ws": nxt > e and doc.text[e] == " ",
            }
        )
    first = {s: i for i, (s, _) in enumerate(offsets)}
    last = {e: i for i, (_, e) in enumerate(offsets)}
    spans = []
    for s in sorted(doc.entities, key=lambda s: (s.start, s.end)):
        item: dict[str, Any] = {
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "label": s.label,
            "token_start": first[s.start],
            "token_end": last[s.end],
        }
        if s.norm:
            item["norm"] = s.norm
        if s.cluster:
            item["cluster"] = s.cluster
        spans.append(item)
    task: dict[str, Any] = {"id": doc.id, "text": doc.text}
    if doc.lang:
        task["lang"] = doc.lang
    if doc.meta:
        task["meta"] = doc.meta
    task.update(tokens=tokens, spans=spans, answer="accept")
    return task


def write_prodigy(docs: Sequence[Document], path: str | Path) -> int:
    return write_jsonl_atomic(path, (prodigy_task(d) for d in docs))
