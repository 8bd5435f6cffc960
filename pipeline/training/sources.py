"""Training sources -> one Hugging Face ``datasets.Dataset`` of IOB2-tagged sentences.

Columns: ``id`` (row id), ``tokens`` (list of strings), ``ner_tags`` (a sequence of
``ClassLabel`` over the IOB2 tags of the project labels), ``lang``, plus ``doc_id`` (the
document a row comes from, for leave-one-document-out) and ``source`` (the source name).

A source is one file in one format (see :mod:`pipeline.training.formats`):

* ``jsonl`` (the project's gold format), ``labelstudio``, ``doccano``, ``docbin``: texts
  with character spans, tokenized with the project tokenizer (``pipeline.tokenize``),
  tokens split further at any span boundary that falls inside one, then cut into one
  row per text line (``segment: line``, the default) or one per document;
* ``conll``: pre-tokenized IOB2 (KazNERD ``token tag``, Universal NER ``idx token tag ...``);
  documents from ``# newdoc id`` comments or CoNLL-2003 ``-DOCSTART-`` lines.

Labels pass through the source's ``label_map`` (source label -> project label or null);
a label not in the map is kept when it is a project label, otherwise dropped (tagged O).
Entities are mapped whole, so ``B-GPE I-GPE`` becomes ``B-PLACE I-PLACE`` and two adjacent
entities never merge.

Splits are deterministic: within each source, documents are ranked by the SHA-256 of
``seed:source:doc_id`` and the first ``heldout`` fraction is the held-out test part, the
next ``dev`` fraction the development part; the rest is for training. The ranking does
not depend on file order or on other sources, so a held-out part stays put when sources
are added.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.iob import chunks_to_tags, iob2_names, tags_to_chunks
from pipeline.langid import detect_language
from pipeline.provenance import file_sha256
from pipeline.training.conversion import Changes, detect, drop_overlaps, map_label
from pipeline.training.formats import (
    ConllSentence,
    canonical_format,
    iter_conll_documents,
    read_docs,
)
from pipeline.training.segments import doc_segments
from pipeline.types import LABELS, Document, Span

log = logging.getLogger(__name__)

# Presets usable as ``label_map: kaznerd`` / ``label_map: uner`` in a train config.
KAZNERD_LABEL_MAP: dict[str, str | None] = {
    "PERSON": "PERSON",
    "GPE": "PLACE",
    "LOCATION": "PLACE",
    "DATE": "DATE",
    "CARDINAL": "COUNT",
    "ORGANISATION": "ORG",
}
UNER_LABEL_MAP: dict[str, str | None] = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORG"}
LABEL_MAP_PRESETS: dict[str, dict[str, str | None]] = {
    "kaznerd": KAZNERD_LABEL_MAP,
    "uner": UNER_LABEL_MAP,
    "project": {lab: lab for lab in LABELS},
}


def dataset_features(labels: Sequence[str] = LABELS) -> Any:
    from datasets import ClassLabel, Features, List, Value

    return Features(
        {
            "id": Value("string"),
            "tokens": List(Value("string")),
            "ner_tags": List(ClassLabel(names=iob2_names(labels))),
            "lang": Value("string"),
            "doc_id": Value("string"),
            "source": Value("string"),
        }
    )


# --------------------------------------------------------------------------- source specs


@dataclass
class SourceSpec:
    """One training source, as given in a train config's ``sources`` list."""

    path: str
    format: str
    name: str = ""
    lang: str | None = None
    label_map: dict[str, str | None] | None = None
    segment: str = "line"  # line | document (text formats)
    heldout: float | None = None  # None: the config's split.heldout
    dev: float | None = None  # None: the config's split.dev
    limit: int | None = None  # keep only the first N rows (quick experiments)
    text_key: str = "text"  # Label Studio data field holding the text
    token_col: int | None = None
    tag_col: int | None = None
    # CoNLL sources whose sentences open with an id line (KazNERD's IOB2_valid2.txt:
    # ``AID283875 O``) and a regex whose group 1 is the news item / document id in it, so
    # that splits keep all sentences of one item on one side.
    id_line: bool = False
    group_pattern: str | None = None

    def __post_init__(self) -> None:
        self.format = canonical_format(self.format)
        if not self.name:
            self.name = Path(self.path).stem
        if isinstance(self.label_map, str):
            self.label_map = resolve_label_map(self.label_map)


def resolve_label_map(value: Any) -> dict[str, str | None] | None:
    """A label map from a preset name or a mapping (values: a project label or null)."""
    if value is None:
        return None
    if isinstance(value, str):
        if value.lower() not in LABEL_MAP_PRESETS:
            raise ValueError(
                f"unknown label map preset '{value}'; allowed: {', '.join(LABEL_MAP_PRESETS)}"
            )
        return dict(LABEL_MAP_PRESETS[value.lower()])
    if not isinstance(value, dict):
        raise ValueError("a label map is a mapping {source label: project label or null}")
    out: dict[str, str | None] = {}
    for k, v in value.items():
        target = None if v in (None, "", "O") else str(v)
        if target is not None and target not in LABELS:
            raise ValueError(
                f"label_map['{k}'] = '{v}' is not a project label; allowed: {', '.join(LABELS)} or null"
            )
        out[str(k)] = target
    return out


# --------------------------------------------------------------------------- loading


def _doc_language(doc: Document, spec: SourceSpec, left_out: Counter) -> tuple[bool, str | None]:
    """Whether a document belongs to this source, and the language it trains as.

    A document without ``lang`` is detected from its text
    (:func:`pipeline.training.conversion.detect`): with a ``lang`` filter on the source it
    is kept only when it reads as that language, so an unlabelled English sentence never
    trains a Kazakh model. Left-out documents are counted by the language they read as.
    """
    lang = doc.lang or detect(doc.text)
    if spec.lang and lang != spec.lang:
        left_out[lang or detect_language(doc.text) or "no letters"] += 1
        return False, lang
    return True, lang


def _rows_from_docs(
    docs: list[Document], spec: SourceSpec, labels: Sequence[str], stats: Counter
) -> tuple[list[dict], Counter, Changes]:
    rows: list[dict] = []
    left_out: Counter = Counter()
    changes = Changes()
    for doc in docs:
        keep, lang = _doc_language(doc, spec, left_out)
        if not keep:
            continue
        kept = []
        for s in doc.entities:
            target = map_label(s.label, spec.label_map, labels)
            stats[f"{s.label}->{target or 'O'}"] += 1
            if target is not None:
                kept.append(Span(s.start, s.end, target, s.text))
        (mapped,) = drop_overlaps([replace(doc, lang=lang, entities=kept)], changes)
        for k, seg in enumerate(doc_segments(mapped, by_line=spec.segment == "line", lang=lang)):
            rows.append(
                {
                    "id": f"{doc.id}:{k}" if spec.segment == "line" else doc.id,
                    "tokens": seg.tokens,
                    "ner_tags": seg.tags,
                    "lang": lang or "und",
                    "doc_id": doc.id,
                    "source": spec.name,
                }
            )
    return rows, left_out, changes


def _rows_from_conll(
    spec: SourceSpec, labels: Sequence[str], stats: Counter, left_out: Counter
) -> list[dict]:
    rows: list[dict] = []
    doc_id: str | None = None
    group = re.compile(spec.group_pattern) if spec.group_pattern else None
    doc_lang: str | None = None
    for n, sent in enumerate(iter_conll_documents(spec.path, spec.token_col, spec.tag_col)):
        if "newdoc" in sent.comments:
            doc_id = sent.comments["newdoc"].strip() or f"{spec.name}:{n}"
            doc_lang = sent.comments.get("lang")
        if not sent.tokens:
            continue
        # A CoNLL file is in its source's language unless a '# lang' comment says otherwise.
        lang = sent.comments.get("lang") or (doc_lang if doc_id is not None else None)
        if spec.lang and lang and lang != spec.lang:
            left_out[lang] += 1
            continue
        rid = sent.comments.get("sent_id") or f"{spec.name}:{n}"
        if spec.id_line:
            rid = sent.tokens[0]
            if sent.tags[0] != "O" or len(sent.tokens) < 2:
                raise InputError(
                    spec.path,
                    f"expected a sentence id line before the tokens, found {rid!r} "
                    f"{sent.tags[0]!r} (id_line: true)",
                    line=sent.line,
                    field="id",
                )
            sent = ConllSentence(sent.tokens[1:], sent.tags[1:], sent.comments, sent.line)
        row_doc = rid if doc_id is None else doc_id
        if group is not None:
            m = group.search(rid)
            if m is None:
                raise InputError(
                    spec.path,
                    f"sentence id {rid!r} does not match group_pattern {spec.group_pattern!r}",
                    line=sent.line,
                    field="id",
                )
            row_doc = m.group(1)
        chunks = []
        for first, end, etype in tags_to_chunks(sent.tags):
            target = map_label(etype, spec.label_map, labels)
            stats[f"{etype}->{target or 'O'}"] += 1
            if target is not None:
                chunks.append((first, end, target))
        rows.append(
            {
                "id": rid,
                "tokens": list(sent.tokens),
                "ner_tags": chunks_to_tags(len(sent.tokens), chunks),
                "lang": lang or spec.lang or "und",
                # Sentences of a CoNLL file are independent units unless it marks documents
                # or a group_pattern names the item they come from.
                "doc_id": row_doc,
                "source": spec.name,
            }
        )
    return rows


def load_source_rows(spec: SourceSpec, labels: Sequence[str] = LABELS) -> tuple[list[dict], dict]:
    """The rows of one source (tags as strings) and a summary of what was read/mapped."""
    path = Path(spec.path)
    if not path.exists():
        raise InputError(
            str(path),
            f"training source '{spec.name}' not found (corpora are not in the repository: "
            "point the config's path, or the environment variable it names, at your copy)",
        )
    stats: Counter = Counter()
    left_out: Counter = Counter()
    changes = Changes()
    if spec.format == "conll":
        rows = _rows_from_conll(spec, labels, stats, left_out)
    else:
        docs = read_docs(path, spec.format, text_key=spec.text_key)
        rows, left_out, changes = _rows_from_docs(docs, spec, labels, stats)
    for line in changes.problems:
        log.warning("source %s: %s", spec.name, line)
    if left_out:
        log.warning(
            "source %s: left out %d records not in %s (%s); set lang in the data or "
            "lang: any on the source to train on them",
            spec.name,
            sum(left_out.values()),
            spec.lang,
            ", ".join(f"{k} {v}" for k, v in sorted(left_out.items())),
        )
    if spec.limit is not None:
        rows = rows[: spec.limit]
    summary = {
        "name": spec.name,
        "path": str(spec.path),
        "format": spec.format,
        "lang": spec.lang,
        "sha256": file_sha256(path),
        "rows": len(rows),
        "documents": len({r["doc_id"] for r in rows}),
        "tokens": sum(len(r["tokens"]) for r in rows),
        "entities": dict(sorted(entity_counts(rows).items())),
        "label_mapping": dict(sorted(stats.items())),
        "left_out_by_language": dict(sorted(left_out.items())),
        "overlapping_spans_dropped": changes.overlaps_dropped,
    }
    return rows, summary


def entity_counts(rows: Iterable[dict]) -> Counter:
    c: Counter = Counter()
    for r in rows:
        for t in r["ner_tags"]:
            if isinstance(t, str) and t.startswith("B-"):
                c[t[2:]] += 1
    return c


def rows_to_dataset(rows: list[dict], labels: Sequence[str] = LABELS) -> Any:
    """A ``datasets.Dataset`` from rows whose ``ner_tags`` are tag strings."""
    from datasets import Dataset

    features = dataset_features(labels)
    names = iob2_names(labels)
    index = {n: i for i, n in enumerate(names)}
    data = {k: [] for k in features}
    for r in rows:
        for k in ("id", "tokens", "lang", "doc_id", "source"):
            data[k].append(r[k])
        data["ner_tags"].append([index[t] for t in r["ner_tags"]])
    return Dataset.from_dict(data, features=features)


def dataset_tags(ds: Any) -> list[list[str]]:
    """The ``ner_tags`` column of a dataset as tag strings."""
    names = ds.features["ner_tags"].feature.names
    return [[names[i] for i in seq] for seq in ds["ner_tags"]]


def load_sources(
    specs: Sequence[SourceSpec], labels: Sequence[str] = LABELS
) -> tuple[Any, list[dict]]:
    """All sources in one dataset, plus one summary per source."""
    rows: list[dict] = []
    summaries = []
    for spec in specs:
        r, s = load_source_rows(spec, labels)
        log.info(
            "source %s: %d rows, %d tokens, entities %s",
            spec.name,
            s["rows"],
            s["tokens"],
            s["entities"],
        )
        rows += r
        summaries.append(s)
    return rows_to_dataset(rows, labels), summaries


# --------------------------------------------------------------------------- splits


def rank_key(seed: int, source: str, group: str) -> str:
    return hashlib.sha256(f"{seed}:{source}:{group}".encode()).hexdigest()


def assign_splits(
    ds: Any,
    seed: int,
    heldout: float | dict[str, float] = 0.0,
    dev: float | dict[str, float] = 0.0,
) -> list[str]:
    """``"heldout"``, ``"dev"`` or ``"train"`` for each row, by document, per source.

    ``heldout``/``dev`` are fractions of a source's documents, or mappings source -> fraction.
    """
    sources = ds["source"]
    docs = ds["doc_id"]
    by_source: dict[str, list[str]] = {}
    for s, d in zip(sources, docs, strict=True):
        groups = by_source.setdefault(s, [])
        if not groups or groups[-1] != d:
            groups.append(d)
    part: dict[tuple[str, str], str] = {}
    for s, groups in by_source.items():
        uniq = sorted(set(groups), key=lambda g: rank_key(seed, s, g))
        h = heldout.get(s, 0.0) if isinstance(heldout, dict) else heldout
        v = dev.get(s, 0.0) if isinstance(dev, dict) else dev
        n_h = round(h * len(uniq))
        n_v = round(v * len(uniq))
        if n_h + n_v > len(uniq):
            n_v = len(uniq) - n_h
        for i, g in enumerate(uniq):
            part[(s, g)] = "heldout" if i < n_h else "dev" if i < n_h + n_v else "train"
    return [part[(s, d)] for s, d in zip(sources, docs, strict=True)]


def split_dataset(
    ds: Any,
    seed: int,
    heldout: float | dict[str, float] = 0.0,
    dev: float | dict[str, float] = 0.0,
) -> dict[str, Any]:
    """``{"train", "dev", "heldout"}`` datasets (row order kept) by :func:`assign_splits`."""
    parts = assign_splits(ds, seed, heldout, dev)
    return {
        name: ds.select([i for i, p in enumerate(parts) if p == name])
        for name in ("train", "dev", "heldout")
    }
