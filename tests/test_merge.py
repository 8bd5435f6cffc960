"""The merger's overlap policies."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.merge import merge_spans
from pipeline.types import Span

TEXT = "the Chinese Consulate in Almaty"


def s(start, end, label, source, score):
    return Span.from_text(TEXT, start, end, label, source, score)


CANDIDATES = [
    s(4, 21, "ORG", "rules.gazetteer", 0.8),  # Chinese Consulate
    s(4, 11, "PLACE", "ner.spacy", 0.95),  # Chinese (wrong)
    s(25, 31, "PLACE", "ner.spacy", 0.7),  # Almaty
    s(25, 31, "PLACE", "rules.gazetteer", 0.9),  # Almaty, same span
    s(0, 21, "ORG", "ner.spacy", 0.6),  # the Chinese Consulate
]


def texts(spans):
    return [(x.text, x.label, x.source) for x in spans]


def test_priority_policy():
    out = merge_spans(CANDIDATES, "priority", ["rules.gazetteer", "ner.spacy"])
    assert texts(out) == [
        ("Chinese Consulate", "ORG", "rules.gazetteer"),
        ("Almaty", "PLACE", "rules.gazetteer"),
    ]


def test_score_policy():
    out = merge_spans(CANDIDATES, "score", ["rules.gazetteer", "ner.spacy"])
    assert texts(out) == [("Chinese", "PLACE", "ner.spacy"), ("Almaty", "PLACE", "rules.gazetteer")]


def test_longest_policy():
    out = merge_spans(CANDIDATES, "longest", ["ner.spacy", "rules.gazetteer"])
    assert texts(out) == [
        ("the Chinese Consulate", "ORG", "ner.spacy"),
        ("Almaty", "PLACE", "ner.spacy"),
    ]


def test_unknown_policy():
    with pytest.raises(ValueError, match="unknown merge policy 'vote'"):
        merge_spans(CANDIDATES, "vote")


def test_output_never_overlaps_and_is_sorted():
    out = merge_spans(CANDIDATES, "priority", [])
    assert all(a.end <= b.start for a, b in zip(out, out[1:], strict=False))


def test_engine_uses_the_language_order():
    from pipeline.config import parse_config
    from pipeline.engine import Pipeline
    from pipeline.types import Document

    def labels(order_by_language):
        cfg = parse_config(
            {
                # without the world gazetteer, whose English rules would drop a place
                # inside a longer name by themselves
                "components": [{"name": "rules.gazetteer", "world": None}, "rules.persons"],
                "merge": {
                    "order": ["rules.gazetteer", "rules.persons"],
                    "order_by_language": order_by_language,
                },
            }
        )
        doc = Pipeline(cfg)(Document("d", "Nursultan Nazarbayev spoke in Almaty.", "en"))
        return [(s.text, s.label) for s in doc.entities]

    # gazetteer first: "Nursultan" is a variant of Astana
    assert labels({})[0] == ("Nursultan", "PLACE")
    # persons first in English only
    assert labels({"en": ["rules.persons", "rules.gazetteer"]}) == [
        ("Nursultan Nazarbayev", "PERSON"),
        ("Almaty", "PLACE"),
    ]


def _naive_merge(spans, policy, order):
    """The definition: rank by the policy's key, accept greedily what overlaps nothing."""
    rank = {name: i for i, name in enumerate(order)}
    key = {
        "priority": lambda s: (rank.get(s.source, len(rank)), -len(s), -s.score, s.start),
        "score": lambda s: (-s.score, rank.get(s.source, len(rank)), -len(s), s.start),
        "longest": lambda s: (-len(s), rank.get(s.source, len(rank)), -s.score, s.start),
    }[policy]
    accepted = []
    for cand in sorted(spans, key=key):
        if len(cand) > 0 and not any(cand.overlaps(a) for a in accepted):
            accepted.append(cand)
    return sorted(accepted, key=lambda s: (s.start, s.end))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 60),
            st.integers(0, 8),
            st.sampled_from(["a", "b", "c"]),
            st.sampled_from([0.5, 0.8, 0.9]),
        ),
        max_size=30,
    ),
    st.sampled_from(["priority", "score", "longest"]),
)
def test_merge_equals_the_greedy_definition(raw, policy):
    spans = [Span(a, a + n, "PLACE", "x" * n, source=src, score=sc) for a, n, src, sc in raw]
    got = merge_spans(spans, policy, ["b", "a", "c"])
    assert [(x.start, x.end, x.source) for x in got] == [
        (x.start, x.end, x.source) for x in _naive_merge(spans, policy, ["b", "a", "c"])
    ]
