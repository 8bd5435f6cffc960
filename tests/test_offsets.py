"""Offsets are sacred: every span's text equals the document slice, whatever the input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import load_config
from pipeline.engine import Pipeline
from pipeline.io import read_documents
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
]


@pytest.fixture(scope="module")
def pipeline(repo_root_module):
    return Pipeline(load_config(repo_root_module / "configs" / "rules-only.yaml"))


@pytest.fixture(scope="module")
def repo_root_module():
    from pathlib import Path

    return Path(__file__).resolve().parents[1]


def check(doc: Document) -> None:
    previous_end = -1
    for s in doc.entities:
        assert doc.text[s.start : s.end] == s.text
        assert s.label in LABELS
        assert s.start >= previous_end, "spans overlap or are out of order"
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
