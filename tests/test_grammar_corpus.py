"""The example corpora (tests/corpus/<lang>/{dates,counts}.yaml) drive span and value tests.

Each example runs through ``rules.dates`` and ``rules.counts``, merged (dates first) and
normalised as the pipeline does; the spans of the file's label must be exactly the
expected ones, in text order, with the expected values. See tests/corpus/README.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ConfigDict

from pipeline.components.counts import CountRules
from pipeline.components.dates import DateRules
from pipeline.merge import merge_spans
from pipeline.normalise import normalise_spans
from pipeline.types import Document

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = {"dates": "DATE", "counts": "COUNT"}


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    date: Any = "default"
    settings: dict[str, Any] = {}
    expect: list[tuple[Any, Any]]


class CorpusFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document_date: Any = None
    examples: list[Example] = []
    negatives: list[str] = []


def _date(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def _load() -> list[tuple[str, str, str, CorpusFile]]:
    out = []
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        for name, label in FILES.items():
            path = folder / f"{name}.yaml"
            data = CorpusFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
            out.append((folder.name, label, str(path.relative_to(CORPUS.parent)), data))
    return out


CORPORA = _load()
EXAMPLES = [
    pytest.param(lang, label, f, ex, id=f"{f}:{k}")
    for lang, label, f, data in CORPORA
    for k, ex in enumerate(data.examples)
]
NEGATIVES = [
    pytest.param(lang, label, text, id=f"{f}:neg{k}")
    for lang, label, f, data in CORPORA
    for k, text in enumerate(data.negatives)
]
DEFAULT_DATES = {f: _date(data.document_date) for _, _, f, data in CORPORA}
_COMPONENTS: dict[tuple, tuple[DateRules, CountRules]] = {}


def run(text: str, lang: str, doc_date: str | None, settings: dict[str, Any]) -> list:
    key = tuple(sorted(settings.items()))
    if key not in _COMPONENTS:
        _COMPONENTS[key] = (DateRules(**settings), CountRules())
    dates, counts = _COMPONENTS[key]
    doc = Document("t", text, lang, {"date": doc_date} if doc_date else {})
    spans = merge_spans(
        dates.propose(doc, []) + counts.propose(doc, []),
        "priority",
        ["rules.dates", "rules.counts"],
    )
    return normalise_spans(spans, lang, doc_date, ["dates", "counts"])


def expected_spans(text: str, expect: list[tuple[Any, Any]]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for phrase, _ in expect:
        phrase = str(phrase)
        start = text.index(phrase, pos)
        out.append((start, start + len(phrase), phrase))
        pos = start + len(phrase)
    return out


def expected_norm(label: str, value: Any, got: dict[str, Any]) -> tuple[Any, Any]:
    """(expected, actual) as compared: a mapping is the whole norm, a scalar its value."""
    if isinstance(value, dict):
        want = {k: _date(v) if label == "DATE" else v for k, v in value.items()}
        return want, got
    if label == "DATE":
        return str(_date(value)), got.get("value")
    return {"value": value}, got


@pytest.mark.parametrize(("lang", "label", "file", "example"), EXAMPLES)
def test_example(lang, label, file, example):
    doc_date = DEFAULT_DATES[file] if example.date == "default" else _date(example.date)
    spans = [s for s in run(example.text, lang, doc_date, example.settings) if s.label == label]
    assert [(s.start, s.end, s.text) for s in spans] == expected_spans(example.text, example.expect)
    for span, (_, value) in zip(spans, example.expect, strict=True):
        want, got = expected_norm(label, value, span.norm)
        assert got == want, span.text


@pytest.mark.parametrize(("lang", "label", "text"), NEGATIVES)
def test_negative(lang, label, text):
    assert [s.text for s in run(text, lang, None, {}) if s.label == label] == []


def test_every_language_has_both_corpora_with_negatives():
    langs = {lang for lang, *_ in CORPORA}
    assert langs == {"kk", "en"}
    for *_, f, data in CORPORA:
        assert data.examples and data.negatives, f
