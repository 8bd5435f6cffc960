"""``rules.counts``: exact COUNT spans in Kazakh and English, and what is not a count."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.components.counts import CountRules
from pipeline.registry import get_factory
from pipeline.types import Document


@pytest.fixture(scope="module")
def rules() -> CountRules:
    return CountRules()


def found(rules: CountRules, text: str, lang: str) -> list[tuple]:
    return [(s.start, s.end, s.text) for s in rules.propose(Document("t", text, lang), [])]


def at(text: str, *phrases: str) -> list[tuple]:
    out, pos = [], 0
    for p in phrases:
        start = text.index(p, pos)
        out.append((start, start + len(p), p))
        pos = start + len(p)
    return out


# Spans and values of examples, and negatives: tests/corpus/<lang>/*.yaml
# (tests/test_grammar_corpus.py).


def test_registered_and_configurable():
    comp = get_factory("rules.counts")(languages=["kk"], score=0.4)
    (span,) = comp.propose(Document("t", "үш мың адам", "kk"), [])
    assert (span.label, span.source, span.score, span.norm) == ("COUNT", "rules.counts", 0.4, {})
    assert comp.propose(Document("t", "two people", "en"), []) == []


def test_unknown_language_and_empty_text(rules):
    assert rules.propose(Document("t", "two people", "fr"), []) == []
    assert rules.propose(Document("t", "", "kk"), []) == []


def test_malformed_digits_are_not_counts(rules):
    assert found(rules, "codes 1,2,3 here", "en") == []


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("бірекімыңжүзон -–,.%$0123456789оneтwoadozens")), max_size=80
    )
)
def test_offsets_property(text):
    for lang in ("kk", "en"):
        doc = Document("t", text, lang)
        for span in CountRules().propose(doc, []):
            assert span.text == doc.text[span.start : span.end]
            assert span.text and span.text == span.text.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_offsets_property_any_text(text):
    for lang in ("kk", "en"):
        doc = Document("t", text, lang)
        for span in CountRules().propose(doc, []):
            assert span.text == doc.text[span.start : span.end]
