"""Reading annotation (gold) and prediction JSONL files into Documents."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from pipeline.errors import InputError, PipelineError
from pipeline.io import iter_jsonl
from pipeline.types import Document, Span
from pipeline.validate import Problem


def read_annotated(
    path: str | Path, texts: dict[str, str] | None = None, labels: Collection[str] | None = None
) -> list[Document]:
    """Read a gold or prediction JSONL file. Predictions carry no text: take it from ``texts``.

    With ``labels``, an entity with another label stops the read with the line ``validate``
    gives for it (a gold file is scored per label, so an unknown one cannot be scored).
    """
    docs: list[Document] = []
    seen: set[str] = set()
    for lineno, obj in iter_jsonl(path):
        rid = obj.get("id")
        if not isinstance(rid, str):
            raise InputError(str(path), "missing or not a string", line=lineno, field="id")
        if rid in seen:
            raise InputError(str(path), "duplicate id", line=lineno, record_id=rid, field="id")
        seen.add(rid)
        text = obj.get("text")
        if text is None and texts is not None:
            text = texts.get(rid)
        ents_raw = obj.get("entities")
        if not isinstance(ents_raw, list):
            raise InputError(
                str(path), "missing or not a list", line=lineno, record_id=rid, field="entities"
            )
        spans = []
        for i, e in enumerate(ents_raw):
            try:
                spans.append(Span.from_dict(e))
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(
                    str(path),
                    f"bad entity ({exc})",
                    line=lineno,
                    record_id=rid,
                    field=f"entities[{i}]",
                ) from None
            span = spans[-1]
            if labels is not None and span.label not in labels:
                message = f"unknown label {span.label!r}; allowed: {', '.join(labels)}"
                where = (span.start, span.end, span.text)
                raise PipelineError(str(Problem(str(path), lineno, rid, message, where)))
        docs.append(
            Document(
                id=rid,
                text=text if isinstance(text, str) else "",
                lang=obj.get("lang"),
                meta=dict(obj.get("meta") or {}),
                entities=spans,
            )
        )
    return docs
