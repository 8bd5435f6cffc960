"""COUNT normaliser: numbers, mods, ranges and vague counts in both languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise import normalise_spans
from pipeline.normalise.counts import normalise_count
from pipeline.types import Span


def norm(text: str, lang: str | None) -> dict:
    return normalise_count(text, "COUNT", lang, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("бірі", {"value": 1}),
        ("35 мыңға жуық", {"value": 35000, "mod": "APPROX"}),
        ("үш мың", {"value": 3000}),
        ("ондаған", {"value": None, "mod": "VAGUE", "min": 10}),
        ("жүздеген", {"value": None, "mod": "VAGUE", "min": 100}),
        ("мыңдаған", {"value": None, "mod": "VAGUE", "min": 1000}),
        ("ондаған мың", {"value": None, "mod": "VAGUE", "min": 10000}),
        ("170-тей", {"value": 170, "mod": "APPROX"}),
        ("915", {"value": 915}),
        ("екі мыңнан астам", {"value": 2000, "mod": "MORE_THAN"}),
        ("15-і", {"value": 15}),
        ("екі жүз сексен тоғыз мың", {"value": 289000}),
        ("мың жарым", {"value": 1500}),
        ("екі жарым миллион", {"value": 2500000}),
        ("бес-алты", {"value": None, "min": 5, "max": 6}),
        ("бес-алты мың", {"value": None, "min": 5000, "max": 6000}),
        ("5-6", {"value": None, "min": 5, "max": 6}),
        ("шамамен 300", {"value": 300, "mod": "APPROX"}),
        ("100-ден аса", {"value": 100, "mod": "MORE_THAN"}),
        ("кем дегенде 20", {"value": 20, "mod": "MORE_THAN"}),  # spec v2: at least is MORE_THAN
        ("10 мыңға дейін", {"value": 10000, "mod": "AT_MOST"}),
        ("мыңдай", {"value": 1000, "mod": "APPROX"}),
        ("2-еуі", {"value": 2}),
        ("жарты миллион", {"value": 500000}),
        ("бес бүтін оннан үш миллиард", {"value": 5300000000}),
        ("төрттен бірі", {"value": 0.25}),
        ("700-ден 2000-ға дейін", {"value": None, "min": 700, "max": 2000}),
        ("нөл", {"value": 0}),
        ("бір", {"value": 1}),  # read as a number when it is the whole span
    ],
)
def test_kazakh(text, expected):
    assert norm(text, "kk") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thousands", {"value": None, "mod": "VAGUE", "min": 1000}),
        ("Dozens", {"value": None, "mod": "VAGUE", "min": 12}),
        ("dozens", {"value": None, "mod": "VAGUE", "min": 12}),
        ("hundreds", {"value": None, "mod": "VAGUE", "min": 100}),
        ("millions", {"value": None, "mod": "VAGUE", "min": 1000000}),
        ("tens of thousands", {"value": None, "mod": "VAGUE", "min": 10000}),
        ("One", {"value": 1}),
        ("two", {"value": 2}),
        ("twenty-five", {"value": 25}),
        ("one hundred and five", {"value": 105}),
        ("2 million", {"value": 2000000}),
        ("2.5 million", {"value": 2500000}),
        ("5 to 6", {"value": None, "min": 5, "max": 6}),
        ("5 to 6 million", {"value": None, "min": 5000000, "max": 6000000}),
        ("between 5 and 6", {"value": None, "min": 5, "max": 6}),
        ("as many as 2 million", {"value": 2000000, "mod": "AT_MOST"}),
        ("up to 50", {"value": 50, "mod": "AT_MOST"}),
        ("about 300", {"value": 300, "mod": "APPROX"}),
        ("around 40", {"value": 40, "mod": "APPROX"}),
        ("nearly 1,000", {"value": 1000, "mod": "APPROX"}),
        ("more than 7", {"value": 7, "mod": "MORE_THAN"}),
        ("over 7", {"value": 7, "mod": "MORE_THAN"}),
        ("fewer than 7", {"value": 7, "mod": "LESS_THAN"}),
        ("at least 20", {"value": 20, "mod": "MORE_THAN"}),  # spec v2
        ("20 or more", {"value": 20, "mod": "MORE_THAN"}),  # spec v2
        ("a dozen", {"value": 12}),
        ("a hundred", {"value": 100}),
        ("half a million", {"value": 500000}),
        ("zero", {"value": 0}),
        ("0", {"value": 0}),
        ("1.5", {"value": 1.5}),
    ],
)
def test_english(text, expected):
    assert norm(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35 000", 35000),
        ("35,000", 35000),
        ("35.000", 35000),
        ("35\u00a0000", 35000),
        ("35\u202f000", 35000),
        ("1,234,567", 1234567),
        ("1 234 567", 1234567),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("2,5 миллион", 2500000),
        ("999999999999999999999999", 999999999999999999999999),
        ("10 000 000 000 000 000 000", 10**19),
    ],
)
def test_digits_with_separators(text, expected):
    out = normalise_count(text, "COUNT", "kk" if "миллион" in text else "en", None)
    assert out == {"value": expected}
    assert type(out["value"]) is type(expected)  # ints stay ints


def test_whole_values_are_ints():
    assert type(norm("2.5 million", "en")["value"]) is int
    assert type(norm("35 мыңға жуық", "kk")["value"]) is int


def test_money_span_still_reads_its_number():
    # the component never proposes money, but a span from another source is still read
    assert norm("4 million tenge", "en") == {"value": 4000000}


@pytest.mark.parametrize("text", ["", "  ", "1,2,3", "hello", "10:05", "бір-бірімен", "06/27/2022"])
def test_unreadable_gives_empty(text):
    assert norm(text, "en") == {}
    assert norm(text, "kk") == {}


def test_language_unknown_tries_every_lexicon():
    assert norm("үш мың", None) == {"value": 3000}
    assert norm("two", "xx") == {"value": 2}


def test_dispatch_through_normalise_spans():
    spans = [Span(0, 6, "COUNT", "үш мың")]
    assert normalise_spans(spans, "kk", None, ["counts"])[0].norm == {"value": 3000}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.sampled_from(["kk", "en", None, "zz"]))
def test_never_raises(text, lang):
    out = normalise_count(text, "COUNT", lang, None)
    assert isinstance(out, dict)
    if out:
        assert "value" in out
        assert set(out) <= {"value", "mod", "min", "max"}


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 ,.-–:/бірекімыңжүзонжарымбүтіннан")), max_size=40
    )
)
def test_never_raises_on_number_like_text(text):
    assert isinstance(normalise_count(text, "COUNT", "kk", None), dict)
    assert isinstance(normalise_count(text, "COUNT", "en", None), dict)
