"""The document-level consistency pass: names found once are found in their other mentions,
and a type decided once stays decided."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import parse_config
from pipeline.consistency import ConsistencySettings, consistent_spans
from pipeline.errors import ConfigError
from pipeline.tokenize import tokenize
from pipeline.types import Span

EN = ConsistencySettings(
    languages=("en", "kk"), not_names={"en": frozenset({"bishop", "president", "irish"})}
)


def span(text: str, needle: str, label: str, score: float = 0.8, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.from_text(text, start, start + len(needle), label, "test", score)


def run(text: str, spans: list[Span], lang: str = "en", settings=EN) -> list[tuple]:
    out = consistent_spans(text, spans, lang, tokenize(text, lang), settings)
    for s in out:
        assert s.text == text[s.start : s.end]
    return [(s.text, s.label, s.start) for s in out]


def test_a_surname_found_once_is_found_again_and_in_capitals():
    text = "Mr Pugh said he was pleased. Later, Pugh thanked the fans.\nPUGH'S VERDICT: good"
    out = run(text, [span(text, "Pugh", "PERSON")])
    # in a line of capitals the name is one capitalised word among others: not taken
    assert out == [("Pugh", "PERSON", 3), ("Pugh", "PERSON", 36)]
    text = "Mr Pugh said he was pleased.\nPUGH: I am pleased."
    out = run(text, [span(text, "Pugh", "PERSON")])
    assert out == [("Pugh", "PERSON", 3), ("PUGH", "PERSON", 29)]


def test_name_parts_of_a_full_name_alone_with_the_possessive_outside():
    text = "When Bikamal Kaken's husband vanished, Kaken went to Almaty. Bikamal wept."
    out = run(text, [span(text, "Bikamal Kaken", "PERSON"), span(text, "Almaty", "PLACE", 0.9)])
    assert out == [
        ("Bikamal Kaken", "PERSON", 5),
        ("Kaken", "PERSON", 39),
        ("Almaty", "PLACE", 53),
        ("Bikamal", "PERSON", 61),
    ]


def test_a_type_decided_once_stays_decided():
    # the club that plays (a strong ORG) is no PLACE elsewhere in the report
    text = "Wigan beat Leeds 2-1. Fans in Wigan cheered, and Wigan stay third."
    spans = [
        span(text, "Wigan", "ORG", 0.95),
        span(text, "Leeds", "ORG", 0.95),
        span(text, "Wigan", "PLACE", 0.9, nth=1),
        span(text, "Wigan", "PLACE", 0.9, nth=2),
    ]
    assert run(text, spans) == [
        ("Wigan", "ORG", 0),
        ("Leeds", "ORG", 11),
        ("Wigan", "ORG", 30),
        ("Wigan", "ORG", 49),
    ]


def test_no_mention_inside_a_longer_name_a_hyphenated_word_or_lower_case():
    text = "Will Pugh spoke. Pugh Stadium is full; pro-Pugh fans will cheer. Australia First"
    spans = [span(text, "Will Pugh", "PERSON"), span(text, "Australia", "PLACE", 0.9)]
    # "Pugh Stadium" is another name, "pro-Pugh" a hyphenated word, "will" a verb;
    # a place already found keeps its one span
    assert run(text, spans) == [("Will Pugh", "PERSON", 0), ("Australia", "PLACE", 65)]


def test_titles_and_function_words_are_never_spread():
    text = "Bishop Garrigan came. The Bishop spoke. The school of Garrigan."
    out = run(text, [span(text, "Bishop Garrigan", "PERSON")])
    assert out == [("Bishop Garrigan", "PERSON", 0), ("Garrigan", "PERSON", 54)]


def test_kazakh_mentions_keep_their_case_endings():
    text = "Нұрсұлтан Назарбаев келді. Назарбаевтың сөзі. Назарбаевқа хат жазды."
    s = span(text, "Нұрсұлтан Назарбаев", "PERSON")
    s.norm = {"name": "Нұрсұлтан Назарбаев"}
    out = run(text, [s], lang="kk")
    assert out == [
        ("Нұрсұлтан Назарбаев", "PERSON", 0),
        ("Назарбаевтың", "PERSON", 27),
        ("Назарбаевқа", "PERSON", 46),
    ]


def test_languages_outside_the_setting_pass_through():
    text = "Pugh came. Pugh went."
    only_kk = ConsistencySettings(languages=("kk",))
    assert run(text, [span(text, "Pugh", "PERSON")], settings=only_kk) == [("Pugh", "PERSON", 0)]


def test_config_block_is_validated_and_reads_the_name_lists():
    cfg = parse_config(
        {
            "components": ["rules.gazetteer"],
            "consistency": {"languages": ["en"], "person_names": {"en": "en/person_names.yaml"}},
        },
        "c.yaml",
    )
    assert cfg.consistency.languages == ("en",)
    assert {"president", "chinese", "said"} <= cfg.consistency.not_names["en"]
    assert parse_config({"components": ["rules.gazetteer"]}, "c.yaml").consistency is None


@pytest.mark.parametrize(
    "block, message",
    [
        ({"spread": True}, "key 'consistency.spread': unknown setting; allowed: labels, languages"),
        ({"labels": ["CITY"]}, "key 'consistency.labels[0]': unknown label 'CITY'"),
        ({"languages": ["ru"]}, "key 'consistency.languages[0]': unknown language 'ru'"),
        ({"score": 2}, "key 'consistency.score': must be a number from 0 to 1, not 2"),
        ({"name_parts": "yes"}, "key 'consistency.name_parts': must be true or false"),
        ({"person_names": {"en": "en/nope.yaml"}}, "key 'consistency.person_names.en': resource"),
        ("on", "key 'consistency': must be a mapping of settings, true or false"),
    ],
)
def test_bad_consistency_settings_name_the_key(block, message):
    with pytest.raises(ConfigError) as exc:
        parse_config({"components": ["rules.gazetteer"], "consistency": block}, "c.yaml")
    assert message in str(exc.value)


def test_a_person_made_only_of_words_that_are_never_names_is_dropped():
    text = "He holds Irish and Canadian passports, said Bishop Garrigan."
    spans = [span(text, "Irish", "PERSON"), span(text, "Bishop Garrigan", "PERSON")]
    assert run(text, spans) == [("Bishop Garrigan", "PERSON", 44)]


def test_spans_keep_their_reading_and_cluster_so_a_date_keeps_its_sentence_tense():
    # The date normaliser runs after this pass and uses the reading the rule left (with the
    # sentence's tense: "will meet on Monday" is the next Monday); a copy without it made
    # the normaliser read "Monday" alone and pick the last one.
    text = "Pugh will meet Lee on Monday. Pugh said so."
    monday = span(text, "Monday", "DATE", 1.0)
    monday.reading = object()
    pugh = span(text, "Pugh", "PERSON")
    pugh.cluster = "pugh-1"
    out = consistent_spans(text, [pugh, monday], "en", tokenize(text, "en"), EN)
    assert [(s.text, s.label, s.start) for s in out] == [
        ("Pugh", "PERSON", 0),
        ("Monday", "DATE", 22),
        ("Pugh", "PERSON", 30),
    ]
    assert out[1].reading is monday.reading and out[1] is not monday
    assert out[0].cluster == "pugh-1"


def test_the_default_config_resolves_a_weekday_by_its_sentence_tense():
    from pipeline import load

    nlp = load(str(Path(__file__).resolve().parents[1] / "configs" / "default.yaml"))
    doc = nlp(
        "Officials met on Sunday. The two sides will meet again on Monday.",
        lang="en",
        meta={"date": "1998-03-22"},
    )
    assert [(e.text, e.norm) for e in doc.entities if e.label == "DATE"] == [
        ("Sunday", {"value": "1998-03-22", "type": "date"}),
        ("Monday", {"value": "1998-03-23", "type": "date"}),
    ]
