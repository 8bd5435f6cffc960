"""The evidence combiner (merge.policy: evidence): each repair and the tiers, exact spans."""

from __future__ import annotations

import pytest

from pipeline.combine import STEPS, EvidenceCombiner
from pipeline.config import parse_config
from pipeline.errors import ConfigError
from pipeline.types import Document, Span

MODEL = "ner.spacy"


def span(text: str, part: str, label: str, source: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span.from_text(text, start, start + len(part), label, source)


def combine(
    text: str, proposals: list[Span], lang: str = "kk", **settings
) -> list[tuple[str, str, str]]:
    doc = Document("d", text, lang)
    order = [MODEL, "rules.dates", "rules.counts", "rules.persons", "rules.gazetteer"]
    out = EvidenceCombiner(**settings).combine(doc, proposals, order)
    return [(s.text, s.label, s.source) for s in sorted(out, key=lambda s: s.start)]


def test_sentence_initial_common_word_is_cut_off_a_model_name():
    text = "Сотта Ержан Тоқтарұлы сөз сөйледі."
    got = combine(text, [span(text, "Сотта Ержан Тоқтарұлы", "PERSON", MODEL)])
    assert got == [("Ержан Тоқтарұлы", "PERSON", MODEL)]


def test_a_month_taken_for_an_organisation_is_dropped_and_the_rule_date_stands():
    text = "Мамырдың 3-і күні тағы жиын өтті."
    proposals = [
        span(text, "Мамырдың", "ORG", MODEL),
        span(text, "3-і", "COUNT", MODEL),
        span(text, "Мамырдың 3-і", "DATE", "rules.dates"),
    ]
    assert combine(text, proposals) == [("Мамырдың 3-і", "DATE", "rules.dates")]
    # without the rule date, the model's ORG is still dropped (an ordinary word alone)
    assert combine(text, proposals[:1]) == []


def test_a_first_name_that_is_an_ordinary_word_needs_more_than_a_sentence_start():
    # Шара: a given name and "measure"; Азамат: a name and "citizen"; Кенже: "youngest"
    for text, part in [
        ("Шара алынды.", "Шара"),
        ("Азаматтар шешім күткен.", "Азаматтар"),
        ("Кенжесі бір жаста.", "Кенжесі"),
    ]:
        assert combine(text, [span(text, part, "PERSON", MODEL)]) == []
    # named elsewhere in the document, mid-sentence: the name stands
    text = "Шара келді. Кеше Шара Нұрбекова айтты."
    assert combine(text, [span(text, "Шара", "PERSON", MODEL)]) == [("Шара", "PERSON", MODEL)]


def test_a_first_name_opening_a_sentence_is_kept():
    text = "Ержан Тоқтарұлы сөз сөйледі."
    got = combine(text, [span(text, "Ержан Тоқтарұлы", "PERSON", MODEL)])
    assert got == [("Ержан Тоқтарұлы", "PERSON", MODEL)]


def test_a_common_word_inside_a_sentence_is_not_cut():
    text = "Кеше Сотта Ержан сөйледі."  # not sentence-initial: left to the model
    got = combine(text, [span(text, "Сотта Ержан", "PERSON", MODEL)])
    assert got == [("Сотта Ержан", "PERSON", MODEL)]


def test_a_latin_word_glued_to_a_kazakh_name_is_cut():
    text = "Серік Досанұлы Instagram парақшасында жазды."
    got = combine(text, [span(text, "Серік Досанұлы Instagram", "PERSON", MODEL)])
    assert got == [("Серік Досанұлы", "PERSON", MODEL)]


def test_a_model_span_holding_two_gazetteer_places_gives_way_to_them():
    text = "Ол Қытай Шыңжаңдағы лагерьлерде болған."
    proposals = [
        span(text, "Қытай Шыңжаңдағы", "PLACE", MODEL),
        span(text, "Қытай", "PLACE", "rules.gazetteer"),
        span(text, "Шыңжаңдағы", "PLACE", "rules.gazetteer"),
    ]
    assert combine(text, proposals) == [
        ("Қытай", "PLACE", "rules.gazetteer"),
        ("Шыңжаңдағы", "PLACE", "rules.gazetteer"),
    ]


def test_a_first_name_the_model_calls_a_place_becomes_a_person():
    text = "Күләш пен Бақытжамал да келді."
    proposals = [span(text, "Күләш", "PLACE", MODEL), span(text, "Бақытжамал", "PERSON", MODEL)]
    assert combine(text, proposals) == [
        ("Күләш", "PERSON", MODEL),
        ("Бақытжамал", "PERSON", MODEL),
    ]


def test_a_gazetteer_place_the_model_calls_a_person_becomes_a_place():
    text = "Олар Шыңжаңнан келді."
    proposals = [
        span(text, "Шыңжаңнан", "PERSON", MODEL),
        span(text, "Шыңжаңнан", "PLACE", "rules.gazetteer"),
    ]
    repaired = EvidenceCombiner().repair(Document("d", text, "kk"), proposals)
    assert [(s.text, s.label, s.source) for s in repaired] == [
        ("Шыңжаңнан", "PLACE", "rules.gazetteer"),
        ("Шыңжаңнан", "PLACE", MODEL),
    ]


def test_a_model_place_takes_its_head_word_in():
    text = "Ол Зайсан қаласында тұрады."
    got = combine(text, [span(text, "Зайсан", "PLACE", MODEL)])
    assert got == [("Зайсан қаласында", "PLACE", MODEL)]


def test_a_name_that_names_a_road_is_no_person():
    text = "Ежелгі Жібек жолы бойында қалалар болған. Абай даңғылында жиналды."
    proposals = [span(text, "Жібек", "PERSON", MODEL), span(text, "Абай", "PERSON", MODEL)]
    assert combine(text, proposals) == []
    text = "Жібек жолға шықты."  # "жолға" (onto the road) is no named road
    assert combine(text, [span(text, "Жібек", "PERSON", MODEL)]) == [("Жібек", "PERSON", MODEL)]


def test_a_model_count_needs_a_rule_number():
    text = "бір топ қазақстандық азамат 300 адам жинады."
    proposals = [
        span(text, "бір", "COUNT", MODEL),
        span(text, "300", "COUNT", MODEL),
        span(text, "300", "COUNT", "rules.counts"),
    ]
    assert combine(text, proposals) == [("300", "COUNT", "rules.counts")]
    kept = combine(text, proposals[:2], steps=[s for s in STEPS if s != "counts_need_rules"])
    assert kept == [("бір", "COUNT", MODEL), ("300", "COUNT", MODEL)]


def test_rule_dates_cover_the_model_fragments_of_one_date():
    text = "Мамыр айының 2-сі күні қамауға алынған."
    proposals = [
        span(text, "Мамыр", "DATE", MODEL),
        span(text, "2-сі", "COUNT", MODEL),
        span(text, "Мамыр айының 2-сі", "DATE", "rules.dates"),
    ]
    assert combine(text, proposals) == [("Мамыр айының 2-сі", "DATE", "rules.dates")]


def test_model_first_tiers_keep_rule_dates_over_the_models_fragments():
    text = "2016 жылы сәуір айында, 2019 ж. 14 тамыз күні және 2017 жылдан бастап 5 адам."
    model_first = {"tiers": [[MODEL], ["rules.dates", "rules.counts"]]}
    proposals = [
        span(text, "2016 жылы", "DATE", MODEL),  # two pieces of one date
        span(text, "сәуір", "DATE", MODEL),
        span(text, "2016 жылы сәуір айында", "DATE", "rules.dates"),
        span(text, "14", "COUNT", MODEL),  # a piece of another label
        span(text, "2019 ж. 14 тамыз", "DATE", "rules.dates"),
        span(text, "2017 жылдан", "DATE", MODEL),  # one span of the label: a dispute
        span(text, "2017 жылдан бастап", "DATE", "rules.dates"),
        span(text, "5", "COUNT", MODEL),
        span(text, "5", "COUNT", "rules.counts"),
    ]
    assert combine(text, proposals, **model_first) == [
        ("2016 жылы сәуір айында", "DATE", "rules.dates"),
        ("2019 ж. 14 тамыз", "DATE", "rules.dates"),
        ("2017 жылдан", "DATE", MODEL),
        ("5", "COUNT", MODEL),
    ]


def test_a_rule_name_wins_a_boundary_dispute_and_the_model_adds_what_no_rule_found():
    text = "Алматы қаласында тұратын Сапила Тақабай айтты."
    proposals = [
        span(text, "Алматы", "PLACE", MODEL),
        span(text, "Алматы қаласында", "PLACE", "rules.gazetteer"),
        span(text, "Сапила Тақабай", "PERSON", MODEL),
    ]
    assert combine(text, proposals) == [
        ("Алматы қаласында", "PLACE", "rules.gazetteer"),
        ("Сапила Тақабай", "PERSON", MODEL),
    ]


def test_english_tiers_rules_first_then_the_model():
    text = "Pugh met officials of the United States Department in Almaty on May 3."
    proposals = [
        span(text, "United States Department", "ORG", MODEL),
        span(text, "United States", "PLACE", "rules.gazetteer"),
        span(text, "Pugh", "PERSON", MODEL),
        span(text, "Almaty on May", "PLACE", MODEL),
        span(text, "Almaty", "PLACE", "rules.gazetteer"),
        span(text, "May 3", "DATE", "rules.dates"),
    ]
    assert combine(text, proposals, lang="en") == [
        ("Pugh", "PERSON", MODEL),
        ("United States", "PLACE", "rules.gazetteer"),
        ("Almaty", "PLACE", "rules.gazetteer"),
        ("May 3", "DATE", "rules.dates"),
    ]


def test_english_repairs_with_exact_spans():
    # two gazetteer places glued by the model give way to them
    text = "Talks between Kazakhstan China officials ended."
    proposals = [
        span(text, "Kazakhstan China", "PLACE", MODEL),
        span(text, "Kazakhstan", "PLACE", "rules.gazetteer"),
        span(text, "China", "PLACE", "rules.gazetteer"),
    ]
    assert combine(text, proposals, lang="en") == [
        ("Kazakhstan", "PLACE", "rules.gazetteer"),
        ("China", "PLACE", "rules.gazetteer"),
    ]
    # a first name the model calls a place; a gazetteer place it calls a person
    text = "Josh flew to Kerala on Monday."
    proposals = [
        span(text, "Josh", "PLACE", MODEL),
        span(text, "Kerala", "PERSON", MODEL),
        span(text, "Kerala", "PLACE", "rules.gazetteer"),
    ]
    repaired = EvidenceCombiner().repair(Document("d", text, "en"), proposals)
    assert sorted((s.text, s.label, s.source) for s in repaired) == [
        ("Josh", "PERSON", MODEL),
        ("Kerala", "PLACE", MODEL),
        ("Kerala", "PLACE", "rules.gazetteer"),
    ]
    # a model count no rule knows; a Cyrillic word glued to a Latin name
    text = "One of them, Tokayev Тоқаев, said 300 people came."
    proposals = [
        span(text, "One", "COUNT", MODEL),
        span(text, "Tokayev Тоқаев", "PERSON", MODEL),
        span(text, "300", "COUNT", "rules.counts"),
    ]
    assert combine(text, proposals, lang="en") == [
        ("Tokayev", "PERSON", MODEL),
        ("300", "COUNT", "rules.counts"),
    ]


def test_english_script_check_leaves_latin_names_alone():
    text = "Qalybek Tursynbaiuly spoke to RFE/RL."
    got = combine(text, [span(text, "Qalybek Tursynbaiuly", "PERSON", MODEL)], lang="en")
    assert got == [("Qalybek Tursynbaiuly", "PERSON", MODEL)]


def test_steps_can_be_switched_off():
    text = "Сотта Ержан Тоқтарұлы сөз сөйледі."
    proposals = [span(text, "Сотта Ержан Тоқтарұлы", "PERSON", MODEL)]
    assert combine(text, proposals, steps=[]) == [("Сотта Ержан Тоқтарұлы", "PERSON", MODEL)]


def test_unknown_step_is_refused():
    with pytest.raises(ValueError, match="unknown step 'guess'"):
        EvidenceCombiner(steps=["guess"])


def _config(merge: dict) -> dict:
    return {
        "components": [{"name": "rules.dates"}, {"name": "rules.counts"}],
        "merge": merge,
    }


def test_config_takes_evidence_settings():
    cfg = parse_config(
        _config(
            {
                "policy": "evidence",
                "evidence": {"tiers": [["rules.dates"], ["rules.counts"]], "steps": []},
            }
        ),
        "c.yaml",
    )
    assert cfg.merge_policy == "evidence"
    assert cfg.merge_evidence == {"tiers": [["rules.dates"], ["rules.counts"]], "steps": []}


@pytest.mark.parametrize(
    ("merge", "message"),
    [
        (
            {"policy": "priority", "evidence": {}},
            "c.yaml: key 'merge.evidence': only with merge.policy: evidence",
        ),
        (
            {"policy": "evidence", "evidence": {"trust": 1}},
            "c.yaml: key 'merge.evidence.trust': unknown setting; allowed: common_words, "
            "models, steps, tiers",
        ),
        (
            {"policy": "evidence", "evidence": {"steps": ["guess"]}},
            "c.yaml: key 'merge.evidence.steps[0]': unknown step 'guess'",
        ),
        (
            {"policy": "evidence", "evidence": {"tiers": [["rules.persons"]]}},
            "c.yaml: key 'merge.evidence.tiers[0][0]': 'rules.persons' is not one of this "
            "config's components",
        ),
    ],
)
def test_config_errors_name_the_key(merge, message):
    with pytest.raises(ConfigError) as err:
        parse_config(_config(merge), "c.yaml")
    assert str(err.value).startswith(message)
