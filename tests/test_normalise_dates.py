"""DATE normaliser: TIMEX3 values resolved against the document date, in both languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise import normalise_spans
from pipeline.normalise.dates import normalise_date
from pipeline.types import Span


def value(text: str, lang: str, doc_date: str | None = None, **kw) -> dict:
    return normalise_date(text, "DATE", lang, doc_date, **kw)


@pytest.mark.parametrize(
    ("text", "doc_date", "expected"),
    [
        ("Қыркүйектің 14-і", "2018-09-14", {"value": "2018-09-14", "type": "date"}),
        ("Қыркүйектің 14-і", "2018", {"value": "2018-09-14", "type": "date"}),
        ("Қыркүйектің 14-і", None, {"value": "XXXX-09-14", "type": "date"}),
        ("Қыркүйектің 12-сі күні", "2018-09-14", {"value": "2018-09-12", "type": "date"}),
        ("2017 жылдың сәуір айынан", "2018-09-14", {"value": "2017-04", "type": "date"}),
        ("2017 жылдың сәуірінен бастап", "2019", {"value": "2017-04", "type": "date"}),
        ("Биыл мамыр айында", "2018-09-14", {"value": "2018-05", "type": "date"}),
        ("Биыл", "2018-09-14", {"value": "2018", "type": "date"}),
        ("Былтыр", "2018-09-14", {"value": "2017", "type": "date"}),
        ("Былтыр", "2019", {"value": "2018", "type": "date"}),
        ("Былтыр", None, {"value": "XXXX", "type": "date"}),
        ("Тамызда", "2018-09-14", {"value": "2018-08", "type": "date"}),
        ("2018 жылдың басынан бері", "2019", {"value": "2018", "type": "date", "mod": "START"}),
        ("Кеше", "2018-03-01", {"value": "2018-02-28", "type": "date"}),
        ("Бүгін", "2018-09-14", {"value": "2018-09-14", "type": "date"}),
        ("өткен жылы", "2018-09-14", {"value": "2017", "type": "date"}),
        ("келесі айда", "2018-12-14", {"value": "2019-01", "type": "date"}),
        ("екі жылдан бері", "2019", {"value": "P2Y", "type": "duration"}),
        ("сегіз айлық", None, {"value": "P8M", "type": "age"}),
        ("төрт жастағы", None, {"value": "P4Y", "type": "age"}),
        ("3 жыл", None, {"value": "P3Y", "type": "duration"}),
        ("10 күн", None, {"value": "P10D", "type": "duration"}),
        ("бірнеше жылдан бері", None, {"value": "PXY", "type": "duration"}),
        ("5 жыл бұрын", "2019-05-01", {"value": "2014", "type": "date"}),
        ("1990-шы жылдары", None, {"value": "199", "type": "date"}),
        ("екі мың он жетінші жылы", None, {"value": "2017", "type": "date"}),
        ("14.09.2018", None, {"value": "2018-09-14", "type": "date"}),
        ("жыл сайын", None, {"value": "P1Y", "type": "set", "quant": "EVERY"}),
    ],
)
def test_kazakh(text, doc_date, expected):
    assert value(text, "kk", doc_date) == expected


@pytest.mark.parametrize(
    ("text", "doc_date", "expected"),
    [
        ("December 14", "2021-12-14", {"value": "2021-12-14", "type": "date"}),
        ("December 14", None, {"value": "XXXX-12-14", "type": "date"}),
        # a month well after the publication month is last year's
        ("December 14", "2022-01-05", {"value": "2021-12-14", "type": "date"}),
        ("March 12", "2021-03-12", {"value": "2021-03-12", "type": "date"}),
        ("July 2021", "2021-12-14", {"value": "2021-07", "type": "date"}),
        ("14 December 2021", None, {"value": "2021-12-14", "type": "date"}),
        ("2017", "2021-12-14", {"value": "2017", "type": "date"}),
        ("06/27/2022", "2022-06-27", {"value": "2022-06-27", "type": "date"}),
        ("23/07/2020", None, {"value": "2020-07-23", "type": "date"}),
        ("01/06/2022", None, {"value": "2022-01-06", "type": "date"}),  # month first
        ("2022-06-27", None, {"value": "2022-06-27", "type": "date"}),
        ("3-year-old", None, {"value": "P3Y", "type": "age"}),
        ("two years old", None, {"value": "P2Y", "type": "age"}),
        ("310 days", None, {"value": "P310D", "type": "duration"}),
        ("the past 500 days", None, {"value": "P500D", "type": "duration"}),
        ("more than a month", None, {"value": "P1M", "type": "duration", "mod": "MORE_THAN"}),
        ("one day", None, {"value": "P1D", "type": "duration"}),
        ("two weeks", None, {"value": "P2W", "type": "duration"}),
        ("recent months", None, {"value": "PXM", "type": "duration"}),
        ("yesterday", "2021-03-01", {"value": "2021-02-28", "type": "date"}),
        ("yesterday", "2021-03", {"value": "XXXX-XX-XX", "type": "date"}),
        ("today", "2021-03", {"value": "2021-03", "type": "date"}),
        ("last year", "2021-12-14", {"value": "2020", "type": "date"}),
        ("last week", "2021-01-02", {"value": "2020-W52", "type": "date"}),
        ("five years ago", "2021-12-14", {"value": "2016", "type": "date"}),
        ("five years ago", None, {"value": "XXXX", "type": "date"}),
        ("the 1990s", None, {"value": "199", "type": "date"}),
        ("summer 2020", None, {"value": "2020-SU", "type": "date"}),
        ("Monday", "2021-12-14", {"value": "2021-12-13", "type": "date"}),
        ("Monday", None, {"value": "XXXX-WXX-1", "type": "date"}),
        ("last December", "2021-03-12", {"value": "2020-12", "type": "date"}),
        ("mid-October", "2023-04-18", {"value": "2023-10", "type": "date"}),
        ("the age of 62", None, {"value": "P62Y", "type": "age"}),
        # relative to the date the narrative is at; alone, to the document date
        ("three weeks later", None, {"value": "XXXX-WXX", "type": "date"}),
        ("three weeks later", "2021-12-14", {"value": "2022-W01", "type": "date"}),
    ],
)
def test_english(text, doc_date, expected):
    assert value(text, "en", doc_date) == expected


def test_english_leading_prepositions_are_ignored():
    assert value("since July 2021", "en") == {"value": "2021-07", "type": "date"}
    assert value("On December 14", "en", "2021") == {"value": "2021-12-14", "type": "date"}


def test_numeric_order_hint():
    assert value("01/06/2022", "en", numeric_order="DMY") == {"value": "2022-06-01", "type": "date"}
    assert value("01/06/2022", "en", numeric_order="MDY") == {"value": "2022-01-06", "type": "date"}
    # a first field above 12 is always a day, whatever the hint
    assert value("23/07/2020", "en", numeric_order="MDY") == {"value": "2020-07-23", "type": "date"}
    # Kazakh writes day first
    assert value("01/06/2022", "kk") == {"value": "2022-06-01", "type": "date"}


def test_language_unknown_tries_every_lexicon():
    assert value("Тамызда", None, "2018-09-14") == {"value": "2018-08", "type": "date"}
    assert value("December 14", "xx", "2021") == {"value": "2021-12-14", "type": "date"}


@pytest.mark.parametrize(
    "text",
    ["", "   ", "hello", "31/02/2020", "13/13/2020", "бір топ", "10:05", "0", "\x00\n"],
)
def test_unreadable_gives_empty(text):
    assert value(text, "en") == {}
    assert value(text, "kk") == {}


@pytest.mark.parametrize("doc_date", [None, "", "garbage", "2021-13-40", "20", 2021, "2021-02-30"])
def test_odd_document_dates_never_crash(doc_date):
    assert value("December 14", "en", doc_date)["value"].endswith("-12-14")
    assert value("Былтыр", "kk", doc_date)["type"] == "date"


def test_dispatch_through_normalise_spans():
    spans = [Span(0, 6, "DATE", "Былтыр"), Span(7, 10, "COUNT", "екі")]
    out = normalise_spans(spans, "kk", "2019", ["dates"])
    assert out[0].norm == {"value": "2018", "type": "date"}
    assert out[1].norm == {}


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=60),
    st.sampled_from(["kk", "en", None, "zz"]),
    st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["2021", "2021-03", "2021-03-12"])),
)
def test_never_raises(text, lang, doc_date):
    out = normalise_date(text, "DATE", lang, doc_date)
    assert isinstance(out, dict)
    if out:
        assert {"value", "type"} <= set(out) <= {"value", "type", "mod", "min", "max", "quant"}
        assert out["type"] in {"date", "duration", "age", "set"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/.-: ажылDecember14айынан")), max_size=30))
def test_never_raises_on_date_like_text(text):
    assert isinstance(normalise_date(text, "DATE", "kk", "2018-09-14"), dict)
    assert isinstance(normalise_date(text, "DATE", "en", None), dict)
