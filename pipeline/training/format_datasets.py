"""Hugging Face ``datasets``: a ``DatasetDict`` saved to disk (``save_to_disk``), both ways.

Written: one split, ``train``, one row per text line of each document (cut where no
entity crosses, as the CoNLL writer cuts), with the columns

* ``tokens`` (strings: the project's tokens, split at span boundaries) and ``ner_tags``
  (a sequence of ``ClassLabel``: ``O``, then ``B-``/``I-`` of each project label, then of
  any other label found), which is what token-classification code expects;
* ``id`` (``DOC:LINE``), ``doc_id``, ``lang``, ``text`` (the line, exactly), ``meta`` (the
  document's meta as JSON) and ``span_data`` (norms and cluster ids as JSON, offsets in
  the line), so that reading it back restores documents, character spans and norms exactly.

Read: every split (``train``, ``validation``, ``test``, then the others by name) of a
``DatasetDict``, or a single ``Dataset``. ``ner_tags`` may be ``ClassLabel`` ids or tag
strings (IOB2, IOB1 or BIOES). Without a ``text`` column a row's text is its tokens joined
by spaces; consecutive rows with one ``doc_id`` are lines of one document.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.iob import iob2_names, tags_to_chunks
from pipeline.training.output import ModelOutput, is_dataset_dir
from pipeline.training.segments import align_tokens, doc_segments
from pipeline.training.source_documents import SourceDocument, attach_span_data, span_data
from pipeline.types import LABELS, Document, Span

_SPLIT_ORDER = ("train", "validation", "test")


def tag_names(docs: Sequence[Document]) -> list[str]:
    """``O``, then ``B-X``/``I-X`` for each project label, then for other labels by name."""
    extra = sorted({s.label for d in docs for s in d.entities} - set(LABELS))
    return iob2_names([*LABELS, *extra])


def dataset_rows(docs: Sequence[Document]) -> dict[str, list[Any]]:
    """The columns (see the module doc) for ``docs``, tags as strings."""
    cols: dict[str, list[Any]] = {
        k: [] for k in ("id", "doc_id", "lang", "text", "tokens", "ner_tags", "meta", "span_data")
    }
    for doc in docs:
        meta = json.dumps(doc.meta, ensure_ascii=False, sort_keys=True)
        for k, seg in enumerate(doc_segments(doc, by_line=True, keep_empty=True)):
            row_doc = Document(doc.id, seg.text, doc.lang, {}, [])
            for s in seg.spans:
                row_doc.entities.append(
                    Span(
                        s.start - seg.offset,
                        s.end - seg.offset,
                        s.label,
                        s.text,
                        s.norm,
                        "",
                        1.0,
                        s.cluster,
                    )
                )
            cols["id"].append(f"{doc.id}:{k}")
            cols["doc_id"].append(doc.id)
            cols["lang"].append(doc.lang)
            cols["text"].append(seg.text)
            cols["tokens"].append(seg.tokens)
            cols["ner_tags"].append(seg.tags)
            cols["meta"].append(meta)
            cols["span_data"].append(json.dumps(span_data(row_doc), ensure_ascii=False))
    return cols


def write_datasets(
    docs: Sequence[Document], path: str | Path, split: str = "train", force: bool = False
) -> int:
    """Save ``docs`` as a ``DatasetDict`` with one split; returns the number of rows.

    The directory is written beside ``path`` and swapped in when complete; an existing
    non-empty directory that is not a saved dataset is refused unless ``force``.
    """
    from datasets import ClassLabel, Dataset, DatasetDict, Features, List, Value

    names = tag_names(docs)
    index = {n: i for i, n in enumerate(names)}
    cols = dataset_rows(docs)
    cols["ner_tags"] = [[index[t] for t in tags] for tags in cols["ner_tags"]]
    features = Features(
        {
            "id": Value("string"),
            "doc_id": Value("string"),
            "lang": Value("string"),
            "text": Value("string"),
            "tokens": List(Value("string")),
            "ner_tags": List(ClassLabel(names=names)),
            "meta": Value("string"),
            "span_data": Value("string"),
        }
    )
    data = DatasetDict({split: Dataset.from_dict(cols, features=features)})
    with ModelOutput(path, force, "saved dataset", is_dataset_dir) as staged:
        data.save_to_disk(str(staged.path))
        staged.commit()
    return len(cols["id"])


def _splits(data: Any) -> Iterator[tuple[str, Any]]:
    from datasets import DatasetDict

    if not isinstance(data, DatasetDict):
        yield "", data
        return
    order = [s for s in _SPLIT_ORDER if s in data] + sorted(
        s for s in data if s not in _SPLIT_ORDER
    )
    for name in order:
        yield name, data[name]


def _tag_strings(ds: Any, path: str, split: str) -> list[list[str]]:
    feature = ds.features.get("ner_tags")
    inner = getattr(feature, "feature", None)
    names = getattr(inner, "names", None)
    if names:
        return [[names[i] for i in row] for row in ds["ner_tags"]]
    rows = ds["ner_tags"]
    if rows and rows[0] and not isinstance(rows[0][0], str):
        raise InputError(
            path,
            "ner_tags are integers without ClassLabel names: cannot tell which tag is which",
            field=f"{split}.ner_tags" if split else "ner_tags",
        )
    return [list(r) for r in rows]


def read_datasets(path: str | Path) -> list[Document]:
    """Documents from a saved ``DatasetDict``/``Dataset`` (see the module doc)."""
    from datasets import load_from_disk

    p = Path(path)
    try:
        data = load_from_disk(str(p))
    except (FileNotFoundError, ValueError) as exc:
        raise InputError(str(p), f"not a saved datasets.DatasetDict ({exc})") from None
    docs: list[Document] = []
    for split, ds in _splits(data):
        for col in ("tokens", "ner_tags"):
            if col not in ds.column_names:
                raise InputError(str(p), f"split has no '{col}' column", field=split or None)
        tags = _tag_strings(ds, str(p), split)
        cols = {
            c: ds[c]
            for c in ("id", "doc_id", "lang", "text", "meta", "span_data")
            if c in ds.column_names
        }
        current: SourceDocument | None = None
        for i, tokens in enumerate(ds["tokens"]):
            where = f"{split}[{i}]" if split else f"[{i}]"
            doc_id = _cell(cols, "doc_id", i)
            row_id = _cell(cols, "id", i) or f"{split or p.name}:{i}"
            text = _cell(cols, "text", i)
            offsets = align_tokens(text, tokens) if text is not None else None
            if offsets is None:
                text = " ".join(tokens)
                offsets = align_tokens(text, tokens)
            assert offsets is not None and text is not None
            if current is None or doc_id is None or doc_id != current.id:
                meta = json.loads(_cell(cols, "meta", i) or "{}")
                current = SourceDocument(
                    id=doc_id or row_id,
                    text="",
                    lang=_cell(cols, "lang", i) or None,
                    meta=meta,
                    path=str(p),
                    field=where,
                )
                docs.append(current)
                base = 0
            else:
                current.text += "\n"
                base = len(current.text)
            current.text += text
            row = Document(row_id, text, None, {}, [])
            for first, end, label in tags_to_chunks(tags[i]):
                row.entities.append(
                    Span.from_text(text, offsets[first][0], offsets[end - 1][1], label)
                )
            attach_span_data(row, _cell(cols, "span_data", i), str(p), field=f"{where}.span_data")
            for s in row.entities:
                current.entities.append(
                    Span(s.start + base, s.end + base, s.label, s.text, s.norm, "", 1.0, s.cluster)
                )
    return docs


def _cell(cols: dict[str, list[Any]], name: str, i: int) -> Any:
    values = cols.get(name)
    return values[i] if values is not None else None
