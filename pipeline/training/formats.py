"""Annotation file formats: readers and writers between one in-memory shape.

Every format is read into, and written from, a list of :class:`~pipeline.types.Document`
whose ``entities`` are character spans (``span.text == doc.text[span.start:span.end]``).

Formats (the names used by ``convert --from/--to`` and by train-config sources):

``jsonl``
    The project's JSONL (``annotations/gold.jsonl``): ``{"id", "lang", "text", "meta",
    "entities": [{"start", "end", "label", "text", "norm"}]}``.
``conll``
    IOB2 in CoNLL layout, a blank line between sentences. Read: ``token tag`` lines
    (KazNERD, CoNLL-2002), or tab-separated columns ``idx token tag ...`` (Universal NER);
    ``#`` comment lines are skipped unless they carry the fields this module writes.
    Written: one sentence per text line with ``# newdoc id``, ``# lang``, ``# meta``,
    ``# sent_id`` and ``# text`` comments and ``token<TAB>tag`` lines, so that reading it
    back restores the exact text and character spans. A CoNLL file without ``# text``
    comments gets a text made of its tokens joined by single spaces.
``docbin``
    A spaCy ``DocBin`` (``.spacy``); the document text is kept exactly (whitespace tokens
    included) and ``id``/``lang``/``meta`` travel in ``doc.user_data``.
``labelstudio``
    A Label Studio JSON export: ``[{"data": {"text", ...}, "annotations": [{"result":
    [{"value": {"start", "end", "text", "labels": [...]}}]}]}]``.
``doccano``
    doccano JSONL: ``{"text", "label": [[start, end, label], ...]}`` (or ``"entities":
    [{"start_offset", "end_offset", "label"}]`` / ``[[start, end, label]]``).
``prodigy``
    Prodigy JSONL (``spans``), see :mod:`pipeline.training.format_prodigy`.
``datasets``
    A Hugging Face ``DatasetDict`` saved to disk (``tokens`` + ``ner_tags`` as
    ``ClassLabel``), see :mod:`pipeline.training.format_datasets`.

A span's ``norm`` and gold ``cluster`` id travel in every format: in the span itself
(project JSONL, Prodigy, Label Studio's ``value``), or as ``span_data`` (a list of
``{"start", "end", "norm", "cluster"}`` in document offsets) in a doccano record, a CoNLL
``# span_data`` comment, a DocBin's user data or a ``datasets`` column.

Documents read here are :class:`SourceDocument`: they remember the file, line and field
they came from, so later checks (overlaps, languages) can name them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.io import iter_jsonl, write_jsonl_atomic, write_text_atomic
from pipeline.iob import split_tag, tags_to_chunks
from pipeline.training.segments import align_tokens, doc_segments, token_offsets
from pipeline.training.source_documents import (
    SourceDocument,
    attach_span_data,
    located,
    problem_of,
    span_data,
)
from pipeline.types import Document, Span

FORMATS: tuple[str, ...] = (
    "jsonl",
    "conll",
    "docbin",
    "labelstudio",
    "doccano",
    "prodigy",
    "datasets",
)
_ALIASES = {
    "hf": "datasets",
    "huggingface": "datasets",
    "project": "jsonl",
    "gold": "jsonl",
    "iob2": "conll",
    "iob": "conll",
    "spacy": "docbin",
    "label-studio": "labelstudio",
    "label_studio": "labelstudio",
    "ls": "labelstudio",
}


def canonical_format(name: str) -> str:
    """The canonical format name for ``name`` (aliases such as ``iob2`` or ``spacy`` accepted)."""
    key = str(name).strip().lower()
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise ValueError(f"unknown format '{name}'; allowed: {', '.join(FORMATS)}")
    return key


def guess_format(path: str | Path) -> str:
    """A format from a file name: ``.spacy`` docbin, ``.conll/.iob2/.txt`` conll, ``.json``
    Label Studio, a directory ``datasets``, ``.jsonl`` project JSONL (doccano and Prodigy
    must be named explicitly)."""
    name = str(path).lower()
    if Path(path).is_dir():
        return "datasets"
    if name.endswith(".spacy"):
        return "docbin"
    if name.endswith((".conll", ".iob2", ".iob", ".txt", ".bio")):
        return "conll"
    if name.endswith(".json"):
        return "labelstudio"
    return "jsonl"


# --------------------------------------------------------------------------- CoNLL


@dataclass
class ConllSentence:
    tokens: list[str]
    tags: list[str]
    comments: dict[str, str] = field(default_factory=dict)
    line: int = 0  # 1-based line of the first token (or comment)


_COMMENT_FIELD = re.compile(r"^#\s*([A-Za-z_][\w.-]*(?: id)?)\s*=\s?(.*)$")


def iter_conll(
    path: str | Path, token_col: int | None = None, tag_col: int | None = None
) -> Iterator[ConllSentence]:
    """Sentences of a CoNLL/IOB2 file.

    Columns: a line with a tab is split on tabs, otherwise on whitespace. With two
    columns they are ``token tag``; with more and an integer first column (Universal NER,
    CoNLL-U like) ``idx token tag ...``; otherwise the first and the last column.
    ``token_col``/``tag_col`` (0-based) override the guess.
    """
    p = Path(path)
    tokens: list[str] = []
    tags: list[str] = []
    comments: dict[str, str] = {}
    first_line = 0
    has_block = False
    with p.open("r", encoding="utf-8", newline="") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                if has_block:
                    yield ConllSentence(tokens, tags, comments, first_line)
                tokens, tags, comments, has_block = [], [], {}, False
                continue
            if not has_block:
                first_line = lineno
                has_block = True
            if line.startswith("#") and not _looks_like_token_line(line):
                m = _COMMENT_FIELD.match(line)
                if m:
                    key = m.group(1)
                    comments["newdoc" if key == "newdoc id" else key] = m.group(2)
                elif line.strip() == "# newdoc":
                    comments["newdoc"] = ""
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            tc, gc = token_col, tag_col
            if tc is None or gc is None:
                if len(cols) == 2:
                    gtc, ggc = 0, 1
                elif len(cols) >= 3 and cols[0].isdigit():
                    gtc, ggc = 1, 2
                elif len(cols) >= 3:
                    gtc, ggc = 0, len(cols) - 1
                else:
                    raise InputError(str(p), "expected 'token tag' columns", line=lineno)
                tc = gtc if tc is None else tc
                gc = ggc if gc is None else gc
            if "-" in cols[0] and cols[0].split("-")[0].isdigit() and len(cols) > 3:
                continue  # a CoNLL-U multi-word token range line
            try:
                tok, tag = cols[tc], cols[gc]
            except IndexError:
                raise InputError(
                    str(p), f"too few columns ({len(cols)}) for token/tag", line=lineno
                ) from None
            prefix, etype = split_tag(tag)
            if etype is not None and (len(tag) < 3 or tag[1] not in "-_"):
                raise InputError(str(p), f"bad IOB2 tag '{tag}'", line=lineno, field="tag")
            tokens.append(tok)
            tags.append(tag if etype is not None else "O")
    if has_block:
        yield ConllSentence(tokens, tags, comments, first_line)


DOCSTART = "-DOCSTART-"


def iter_conll_documents(
    path: str | Path, token_col: int | None = None, tag_col: int | None = None
) -> Iterator[ConllSentence]:
    """:func:`iter_conll` with CoNLL-2003 ``-DOCSTART-`` lines read as document breaks.

    A ``-DOCSTART-`` block is dropped and the sentence after it gets ``newdoc`` (empty:
    the reader names the document); in a file that has such breaks, the first sentence
    opens a document too (wikigold's first article has no ``-DOCSTART-`` before it).
    """
    sents = list(iter_conll(path, token_col, tag_col))
    marked = any(s.tokens == [DOCSTART] for s in sents)
    pending = marked
    for sent in sents:
        if sent.tokens == [DOCSTART]:
            pending = True
            continue
        if pending:
            sent.comments.setdefault("newdoc", "")
            pending = False
        yield sent


_TAG = re.compile(r"^(?:O|[BIESLU][-_]\S+)$")


def _looks_like_token_line(line: str) -> bool:
    """``# O`` or ``#\tB-ORG`` is the token ``#`` with a tag, not a comment."""
    cols = line.split("\t") if "\t" in line else line.split()
    return len(cols) == 2 and bool(_TAG.match(cols[1]))


def read_conll(
    path: str | Path, token_col: int | None = None, tag_col: int | None = None
) -> list[Document]:
    """Documents from a CoNLL/IOB2 file (see the module doc for how text is restored)."""
    p = Path(path)
    docs: list[Document] = []
    current: Document | None = None
    in_multi = False
    n_sent = 0
    pending_data: list[tuple[Document, str | None, int]] = []
    for sent in iter_conll_documents(p, token_col, tag_col):
        newdoc = sent.comments.get("newdoc")
        text = sent.comments.get("text")
        offsets = align_tokens(text, sent.tokens) if text is not None else None
        if offsets is None:
            text = " ".join(sent.tokens)
            offsets = align_tokens(text, sent.tokens)
        assert offsets is not None
        chunks = tags_to_chunks(sent.tags)
        starts_doc = newdoc is not None
        if starts_doc or current is None or not in_multi:
            did = (newdoc or "").strip() or sent.comments.get("sent_id") or f"{p.stem}:{n_sent}"
            meta: dict[str, Any] = {}
            if "meta" in sent.comments:
                try:
                    meta = dict(json.loads(sent.comments["meta"]) or {})
                except (json.JSONDecodeError, TypeError, ValueError):
                    raise InputError(str(p), "bad '# meta' JSON", line=sent.line) from None
            current = SourceDocument(
                id=did,
                text="",
                lang=sent.comments.get("lang") or None,
                meta=meta,
                path=str(p),
                line=sent.line,
            )
            in_multi = starts_doc
            docs.append(current)
            pending_data.append((current, sent.comments.get("span_data"), sent.line))
            base = 0
        else:
            current.text += "\n"
            base = len(current.text)
        current.text += text
        for first, end, etype in chunks:
            s, e = base + offsets[first][0], base + offsets[end - 1][1]
            current.entities.append(Span.from_text(current.text, s, e, etype))
        n_sent += 1
    for doc, data, line in pending_data:
        attach_span_data(doc, data, str(p), line=line, field="span_data")
    return docs


def write_conll(docs: Sequence[Document], path: str | Path) -> int:
    """Write documents as CoNLL IOB2 (one sentence per text line, with comments for a
    lossless round trip of text and spans). Returns the number of sentences written."""
    out: list[str] = []
    n = 0
    for doc in docs:
        out.append(f"# newdoc id = {doc.id}")
        if doc.lang:
            out.append(f"# lang = {doc.lang}")
        if doc.meta:
            out.append(f"# meta = {json.dumps(doc.meta, ensure_ascii=False, sort_keys=True)}")
        extra = span_data(doc)
        if extra:
            out.append(f"# span_data = {json.dumps(extra, ensure_ascii=False, sort_keys=True)}")
        for k, seg in enumerate(doc_segments(doc, by_line=True, keep_empty=True)):
            out.append(f"# sent_id = {doc.id}:{k}")
            out.append(f"# text = {seg.text}")
            for tok, tag in zip(seg.tokens, seg.tags, strict=True):
                out.append(f"{tok}\t{tag}")
            out.append("")
            n += 1
    write_text_atomic(path, "\n".join(out) + ("\n" if out else ""))
    return n


# --------------------------------------------------------------------------- project JSONL


def read_jsonl(path: str | Path) -> list[Document]:
    """Project JSONL (text and entities required); spans are checked against the text."""
    from pipeline.annotations import read_annotated

    lines = [lineno for lineno, _ in iter_jsonl(path)]
    docs = []
    for doc, lineno in zip(read_annotated(path), lines, strict=True):
        doc = located(doc, str(path), lineno)
        _check_spans(doc, str(path))
        docs.append(doc)
    return docs


def write_jsonl(docs: Sequence[Document], path: str | Path) -> int:
    records = []
    for d in docs:
        ents = []
        for s in sorted(d.entities, key=lambda s: (s.start, s.end)):
            e: dict[str, Any] = {"start": s.start, "end": s.end, "label": s.label, "text": s.text}
            if s.norm:
                e["norm"] = s.norm
            if s.cluster:
                e["cluster"] = s.cluster
            ents.append(e)
        records.append(
            {"id": d.id, "lang": d.lang, "text": d.text, "meta": d.meta, "entities": ents}
        )
    return write_jsonl_atomic(path, records)


def _check_spans(doc: SourceDocument, path: str) -> None:
    for i, s in enumerate(doc.entities):
        if not (0 <= s.start < s.end <= len(doc.text)):
            raise doc.problem(f"span [{s.start}, {s.end}) outside the text", f"entities[{i}]")
        actual = doc.text[s.start : s.end]
        if s.text and s.text != actual:
            raise doc.problem(
                f"span text {s.text!r} != text[{s.start}:{s.end}] {actual!r}", f"entities[{i}]"
            )
        s.text = actual


# --------------------------------------------------------------------------- Label Studio


def _utf16_to_py(text: str) -> list[int]:
    """Map UTF-16 code-unit offsets (Label Studio, JavaScript) to Python offsets."""
    mapping: list[int] = []
    for i, ch in enumerate(text):
        mapping.append(i)
        if ord(ch) > 0xFFFF:
            mapping.append(i)
    mapping.append(len(text))
    return mapping


def _fix_offsets(text: str, start: int, end: int, want: str | None) -> tuple[int, int] | None:
    """Offsets whose slice equals ``want`` (as given, or as UTF-16 offsets), else None."""
    if want is None or text[start:end] == want:
        return (start, end) if 0 <= start < end <= len(text) else None
    m = _utf16_to_py(text)
    if end < len(m):
        s2, e2 = m[start], m[end]
        if text[s2:e2] == want:
            return s2, e2
    return None


def read_labelstudio(path: str | Path, text_key: str = "text") -> list[Document]:
    """A Label Studio JSON export (a list of tasks). The first annotation of a task that
    was not cancelled is used (``completions`` of old exports too); tasks without one are
    kept with no entities only if they were annotated as empty."""
    p = Path(path)
    try:
        tasks = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(str(p), f"malformed JSON ({exc.msg})", line=exc.lineno) from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise InputError(str(p), "a Label Studio export is a JSON list of tasks")
    docs: list[Document] = []
    for n, task in enumerate(tasks):
        where = f"[{n}]"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise InputError(str(p), "task without a 'data' object", field=where)
        data = task["data"]
        text = data.get(text_key)
        if not isinstance(text, str):
            raise InputError(str(p), f"task data has no string '{text_key}'", field=f"{where}.data")
        anns = task.get("annotations")
        if anns is None:
            anns = task.get("completions") or []
        anns = [a for a in anns if isinstance(a, dict) and not a.get("was_cancelled")]
        if not anns:
            continue  # not annotated yet
        rid = str(data.get("id") or task.get("id") or f"{p.stem}:{n}")
        doc = SourceDocument(
            id=rid,
            text=text,
            lang=data.get("lang"),
            meta=dict(data.get("meta") or {}),
            path=str(p),
            field=where,
        )
        for j, res in enumerate(anns[0].get("result") or []):
            value = res.get("value") if isinstance(res, dict) else None
            if not isinstance(value, dict) or "start" not in value or "labels" not in value:
                continue  # relations, choices, text areas
            labels = value.get("labels") or []
            if not labels:
                continue
            fixed = _fix_offsets(text, int(value["start"]), int(value["end"]), value.get("text"))
            if fixed is None:
                raise InputError(
                    str(p),
                    f"span [{value['start']}, {value['end']}) does not match its text {value.get('text')!r}",
                    record_id=rid,
                    field=f"{where}.annotations[0].result[{j}]",
                )
            span = Span.from_text(text, fixed[0], fixed[1], str(labels[0]))
            span.norm = dict(value.get("norm") or {})
            span.cluster = value.get("cluster") or None
            doc.entities.append(span)
        doc.entities.sort(key=lambda s: (s.start, s.end))
        docs.append(doc)
    return docs


def write_labelstudio(docs: Sequence[Document], path: str | Path) -> int:
    tasks = []
    for n, d in enumerate(docs, start=1):
        data: dict[str, Any] = {"text": d.text, "id": d.id}
        if d.lang:
            data["lang"] = d.lang
        if d.meta:
            data["meta"] = d.meta
        result = [
            {
                "id": f"{n}-{k}",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": _ls_value(s),
            }
            for k, s in enumerate(sorted(d.entities, key=lambda s: (s.start, s.end)))
        ]
        tasks.append({"id": n, "data": data, "annotations": [{"id": n, "result": result}]})
    write_text_atomic(path, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    return len(tasks)


def _ls_value(s: Span) -> dict[str, Any]:
    value: dict[str, Any] = {"start": s.start, "end": s.end, "text": s.text, "labels": [s.label]}
    if s.norm:
        value["norm"] = s.norm
    if s.cluster:
        value["cluster"] = s.cluster
    return value


# --------------------------------------------------------------------------- doccano


def read_doccano(path: str | Path) -> list[Document]:
    p = Path(path)
    docs: list[Document] = []
    for lineno, obj in iter_jsonl(p):
        text = obj.get("text")
        if not isinstance(text, str):
            raise InputError(str(p), "missing or not a string", line=lineno, field="text")
        rid = str(obj.get("id") if obj.get("id") is not None else f"{p.stem}:{lineno}")
        raw = obj.get("label")
        key = "label"
        if raw is None:
            raw, key = obj.get("entities"), "entities"
        if raw is None:
            raw, key = obj.get("labels", []), "labels"
        doc = SourceDocument(
            id=rid,
            text=text,
            lang=obj.get("lang"),
            meta=dict(obj.get("meta") or {}),
            path=str(p),
            line=lineno,
        )
        for i, item in enumerate(raw or []):
            try:
                if isinstance(item, dict):
                    s = int(item.get("start_offset", item.get("start")))
                    e = int(item.get("end_offset", item.get("end")))
                    lab = str(item["label"])
                else:
                    s, e, lab = int(item[0]), int(item[1]), str(item[2])
            except (KeyError, IndexError, TypeError, ValueError):
                raise InputError(
                    str(p),
                    "expected [start, end, label]",
                    line=lineno,
                    record_id=rid,
                    field=f"{key}[{i}]",
                ) from None
            if not 0 <= s < e <= len(text):
                raise InputError(
                    str(p),
                    f"span [{s}, {e}) outside the text",
                    line=lineno,
                    record_id=rid,
                    field=f"{key}[{i}]",
                )
            doc.entities.append(Span.from_text(text, s, e, lab))
        doc.entities.sort(key=lambda s: (s.start, s.end))
        attach_span_data(doc, obj.get("span_data"), str(p), line=lineno, field="span_data")
        docs.append(doc)
    return docs


def write_doccano(docs: Sequence[Document], path: str | Path) -> int:
    records = []
    for d in docs:
        rec: dict[str, Any] = {"id": d.id, "text": d.text}
        if d.lang:
            rec["lang"] = d.lang
        if d.meta:
            rec["meta"] = d.meta
        rec["label"] = [
            [s.start, s.end, s.label] for s in sorted(d.entities, key=lambda s: (s.start, s.end))
        ]
        if span_data(d):
            rec["span_data"] = span_data(d)
        records.append(rec)
    return write_jsonl_atomic(path, records)


# --------------------------------------------------------------------------- spaCy DocBin


def doc_to_spacy(doc: Document, vocab: Any) -> Any:
    """A ``spacy.tokens.Doc`` with exactly ``doc.text`` and the spans as entities.

    Words are the project tokens, split at every span boundary; whitespace is kept as
    spaCy keeps it (one trailing space on a token, any other whitespace as its own token).
    """
    from spacy.tokens import Doc

    offsets = token_offsets(doc.text, doc.lang, doc.entities)
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    text = doc.text
    for s, e in [*offsets, (len(text), len(text))]:
        gap = text[pos:s]
        if gap:
            if words and gap[0] == " " and not spaces[-1]:
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
        if e > s:
            words.append(text[s:e])
            spaces.append(False)
        pos = e
    sdoc = Doc(vocab, words=words, spaces=spaces)
    assert sdoc.text == text
    ents = []
    for sp in sorted(doc.entities, key=lambda s: (s.start, s.end)):
        cs = sdoc.char_span(sp.start, sp.end, label=sp.label)
        where = f"span [{sp.start}, {sp.end}) {sp.text!r}"
        if cs is None:
            raise problem_of(doc, f"{where} is not on token boundaries")
        if ents and cs.start < ents[-1].end:
            raise problem_of(doc, f"{where} overlaps another (a DocBin cannot hold both)")
        ents.append(cs)
    sdoc.ents = ents
    sdoc.user_data["id"] = doc.id
    sdoc.user_data["lang"] = doc.lang
    sdoc.user_data["meta"] = dict(doc.meta)
    if span_data(doc):
        sdoc.user_data["span_data"] = span_data(doc)
    return sdoc


def write_docbin(docs: Sequence[Document], path: str | Path) -> int:
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("xx").vocab
    db = DocBin(store_user_data=True)
    for d in docs:
        db.add(doc_to_spacy(d, vocab))
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = db.to_bytes()
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return len(docs)


def read_docbin(path: str | Path) -> list[Document]:
    import spacy
    from spacy.tokens import DocBin

    p = Path(path)
    try:
        db = DocBin().from_disk(p)
    except (ValueError, OSError) as exc:
        raise InputError(str(p), f"not a spaCy DocBin ({exc})") from None
    docs: list[Document] = []
    for n, sdoc in enumerate(db.get_docs(spacy.blank("xx").vocab)):
        ud = sdoc.user_data or {}
        doc = SourceDocument(
            id=str(ud.get("id") or f"{p.stem}:{n}"),
            text=sdoc.text,
            lang=ud.get("lang"),
            meta=dict(ud.get("meta") or {}),
            path=str(p),
            field=f"[{n}]",
        )
        for ent in sdoc.ents:
            doc.entities.append(Span.from_text(sdoc.text, ent.start_char, ent.end_char, ent.label_))
        attach_span_data(doc, ud.get("span_data"), str(p), field=f"[{n}].span_data")
        docs.append(doc)
    return docs


# --------------------------------------------------------------------------- dispatch


def read_docs(path: str | Path, fmt: str | None = None, **options: Any) -> list[Document]:
    """Read any supported format into documents with character spans."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(p), "no such file")
    fmt = canonical_format(fmt) if fmt else guess_format(p)
    if fmt == "jsonl":
        return read_jsonl(p)
    if fmt == "conll":
        return read_conll(p, options.get("token_col"), options.get("tag_col"))
    if fmt == "labelstudio":
        return read_labelstudio(p, options.get("text_key") or "text")
    if fmt == "doccano":
        return read_doccano(p)
    if fmt == "prodigy":
        from pipeline.training.format_prodigy import read_prodigy

        return read_prodigy(p)
    if fmt == "datasets":
        from pipeline.training.format_datasets import read_datasets

        return read_datasets(p)
    return read_docbin(p)


def write_docs(docs: Sequence[Document], path: str | Path, fmt: str | None = None) -> int:
    """Write documents in any supported format; returns the number of records written."""
    fmt = canonical_format(fmt) if fmt else guess_format(path)
    if fmt == "datasets":
        from pipeline.training.format_datasets import write_datasets

        return write_datasets(docs, path)
    if fmt == "prodigy":
        from pipeline.training.format_prodigy import write_prodigy

        writer = write_prodigy
    else:
        writer = {
            "jsonl": write_jsonl,
            "conll": write_conll,
            "labelstudio": write_labelstudio,
            "doccano": write_doccano,
            "docbin": write_docbin,
        }[fmt]
    n = writer(docs, path)
    readable(path)
    return n


def readable(path: str | Path) -> None:
    """Give a file written through a temporary file the usual permissions (0666 & ~umask)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
