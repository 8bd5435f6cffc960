"""A pathological token (200,000 characters) costs linear time: the rules finish and still
find what stands around it. Asserts on results; the timing is benchmarks/long_documents.py."""

from __future__ import annotations

import pytest

from pipeline.components.counts import CountRules
from pipeline.components.dates import DateRules
from pipeline.normalise.counts import normalise_count
from pipeline.normalise.dates import normalise_date
from pipeline.types import Document

N = 200_000


def spans(text: str, lang: str) -> list[tuple[str, str]]:
    doc = Document("long", text, lang)
    found = DateRules().propose(doc, []) + CountRules().propose(doc, [])
    return sorted((s.label, s.text) for s in found)


@pytest.mark.parametrize(
    ("lang", "token"),
    [
        ("kk", "жылдан" * (N // 6)),  # a unit word with an ending, repeated: every cut an ending
        ("kk", "мың" * (N // 3)),  # a number stem repeated
        ("kk", "бес-" * (N // 4) + "алты"),  # thousands of hyphenated parts
        ("en", "year" * (N // 4)),
        ("en", "twenty-" * (N // 7) + "one"),
        ("en", "x" * N),
    ],
    ids=["kk-unit", "kk-number", "kk-hyphens", "en-unit", "en-hyphens", "en-letters"],
)
def test_a_200000_character_word_is_no_date_or_count_and_the_rest_is_read(lang, token):
    assert len(token) >= N - 7
    before = "Ол 2019 жылы 500 адам" if lang == "kk" else "In 2019, 500 people"
    expected = (
        [("COUNT", "500"), ("DATE", "2019 жылы")]
        if lang == "kk"
        else [("COUNT", "500"), ("DATE", "2019")]
    )
    assert spans(f"{before} {token} келді.", lang) == expected


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_a_200000_digit_number_is_no_count(lang):
    text = "1" * N + " адам" if lang == "kk" else "1" * N + " people"
    assert spans(text, lang) == []
    assert normalise_count("1" * N, "COUNT", lang) == {}
    assert normalise_date("1" * N, "DATE", lang) == {}


def test_digits_with_a_200000_letter_ending():
    text = "2019-" + "жыл" * (N // 3) + " 5 адам"
    assert spans(text, "kk") == [("COUNT", "5")]
