"""Offsets are sacred: every span's text equals the document slice, whatever the input."""

from __future__ import annotations

import unicodedata

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import load_config
from pipeline.engine import Pipeline
from pipeline.io import read_documents
from pipeline.spans import clean_span
from pipeline.types import LABELS, Document

PIECES = [
    "Алматыда",
    "Қытайдың",
    "14-і",
    "170-тей",
    "БҰҰ-ның",
    "Рысбек Сәрсенбаев",
    "екі мыңнан астам",
    "Қыркүйектің",
    "Kazakhstan's",
    "December 14",
    "5 to 6",
    "R. Sarsenbay",
    "“",
    "”",
    "«",
    "»",
    "\n",
    "  ",
    " - ",
    "—",
    "’s",
    "35 000",
    "06/27/2022",
    "U.S.",
    "Шыңжаңдағы",
    "as many as 2 million",
    # invisible and combining characters, at and inside words
    "\ufeff",
    "\u200d",
    "\u200b",
    "Алматы\u200d",
    "\u200bАстана",
    "Астана\u0301",
    "e\u0301",
    "\u0301",
    "\ufeffAlmaty\ufeff",
    "👨\u200d👩",
]
# For random text: letters, spaces, format characters, combining marks, emoji, flags.
ALPHABET = "aAяӘқ .,\n\ufeff\u200b\u200c\u200d\u0301\u0308\u20dd👍🏽🇰🇿"
MARKS = ("Mn", "Mc", "Me")


@pytest.fixture(scope="module")
def pipeline(repo_root_module):
    return Pipeline(load_config(repo_root_module / "configs" / "rules-only.yaml"))


@pytest.fixture(scope="module")
def repo_root_module():
    from pathlib import Path

    return Path(__file__).resolve().parents[1]


def clean_edges(text: str, start: int, end: int) -> None:
    """A span never starts or ends with an invisible character, nor cuts a character."""
    assert 0 <= start < end <= len(text)
    first, last = text[start], text[end - 1]
    assert not first.isspace() and unicodedata.category(first) not in ("Cf", "Cc", *MARKS)
    assert not last.isspace() and unicodedata.category(last) not in ("Cf", "Cc")
    assert end == len(text) or unicodedata.category(text[end]) not in MARKS
    bounds = {m.start() for m in regex.finditer(r"\X", text)} | {len(text)}
    assert start in bounds
    assert end in bounds or unicodedata.category(text[end]) == "Cf"  # a trimmed joiner


def check(doc: Document) -> None:
    previous_end = -1
    for s in doc.entities:
        assert doc.text[s.start : s.end] == s.text
        assert s.label in LABELS
        assert s.start >= previous_end, "spans overlap or are out of order"
        clean_edges(doc.text, s.start, s.end)
        previous_end = s.end


def test_corpus_offsets(pipeline, repo_root_module):
    docs = list(pipeline.pipe(read_documents(repo_root_module / "corpus")))
    assert len(docs) == 5 and all(d.entities for d in docs)
    for d in docs:
        check(d)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=25),
    lang=st.sampled_from(["kk", "en", None]),
)
def test_arbitrary_text_offsets(pipeline, parts, lang):
    doc = Document("x", " ".join(parts), lang)
    check(pipeline(doc))


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=30), data=st.data())
def test_clean_span_edges(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    edges = clean_span(text, start, end)
    clusters = [(m.start(), m.end()) for m in regex.finditer(r"\X", text)]
    # Characters that begin inside the span with something visible: the span keeps them.
    visible = [
        (cs, ce)
        for cs, ce in clusters
        if start <= cs < end
        and not text[cs].isspace()
        and unicodedata.category(text[cs])[0] in "LNPS"
    ]
    if edges is None:
        assert visible == []
        return
    s, e = edges
    clean_edges(text, s, e)
    assert visible and s <= visible[0][0] and e >= visible[-1][0] + 1
    assert start <= s and e <= min(ce for cs, ce in clusters if ce >= end)
    assert clean_span(text, s, e) == (s, e)  # idempotent
