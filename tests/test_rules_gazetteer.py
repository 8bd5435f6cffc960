"""The gazetteer rules (pipeline.components.gazetteer): curated and world places, exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.components.gazetteer import GazetteerRules
from pipeline.lexicon import load_world_places
from pipeline.types import Document


@pytest.fixture(scope="module")
def rules() -> GazetteerRules:
    return GazetteerRules()


def found(rules: GazetteerRules, text: str, lang: str = "en") -> list[tuple[str, str, str]]:
    """(text, label, latin) of every proposed span, checking offsets on the way."""
    out = []
    for s in sorted(rules.propose(Document("t", text, lang), []), key=lambda s: s.start):
        assert s.text == text[s.start : s.end]
        out.append((s.text, s.label, (s.norm or {}).get("latin", "")))
    return out


def places(rules: GazetteerRules, text: str, lang: str = "en") -> list[str]:
    return [t for t, label, _ in found(rules, text, lang) if label == "PLACE"]


# --- the world gazetteer ------------------------------------------------------------------


def test_world_cities_and_subdivisions(rules):
    assert places(rules, "How long does it take from Delhi to Mumbai?") == ["Delhi", "Mumbai"]
    assert places(rules, "Houseboat in Kerala is a good option.") == ["Kerala"]
    assert found(rules, "Moving back to Calgary in about a month.") == [
        ("Calgary", "PLACE", "Calgary")
    ]


def test_accents_are_folded_and_alternate_names_kept(rules):
    # ISO 3166-2 writes Bihār; GeoNames knows Trivandrum as an alternate name
    assert found(rules, "He comes from Bihar.") == [("Bihar", "PLACE", "Bihar")]
    assert found(rules, "beach resorts in Trivandrum") == [
        ("Trivandrum", "PLACE", "Thiruvananthapuram")
    ]


def test_lower_case_names_match_unless_they_are_english_words(rules):
    assert places(rules, "a foreigner living in malaysia, privacy in kerala") == [
        "malaysia",
        "kerala",
    ]
    # Nice, Reading, Mobile and Split are cities, but also words
    assert places(rules, "a nice place for reading, split the bill on mobile") == []
    assert places(rules, "Nice weather today.") == []


def test_places_that_are_first_names_need_a_cue(rules):
    assert places(rules, "Laura and Austin came over.") == []
    assert places(rules, "other flower shops around Norman.") == ["Norman"]
    assert places(rules, "I moved to Austin last year.") == ["Austin"]


def test_us_state_codes_after_a_city(rules):
    assert places(rules, "my favorite store in Lawrence , KS") == ["Lawrence", "KS"]
    assert places(rules, "in or around the Chillicothe, OH area") == ["Chillicothe", "OH"]
    # the city before the code need not be in the gazetteer
    assert places(rules, "we live in Smallville, KS now") == ["Smallville", "KS"]
    # capitals only, and never inside an all-capitals stretch
    assert places(rules, "CALL ME , OR ELSE") == []
    assert places(rules, "Yes, or no?") == []


def test_a_place_inside_a_longer_name_is_dropped(rules):
    assert places(rules, "Anthony Shadid of the Washington Post reveals") == []
    assert places(rules, "We are going to the Chicago Symphony Orchestra.") == []
    assert places(rules, "at the Hyatt Regency Houston, Imperial Ballroom") == []


def test_a_place_grows_by_a_head_word_or_a_prefix(rules):
    assert places(rules, "Rockets fired from the Gaza Strip.") == ["Gaza Strip"]
    assert places(rules, "flew the flag of South Vietnam") == ["South Vietnam"]
    assert places(rules, "near Fresno County") == ["Fresno County"]


def test_neighbouring_places_and_headlines_are_kept(rules):
    assert places(rules, "There's a Miramar California too.") == ["Miramar", "California"]
    # a sentence-initial capitalised word is no name around the place
    assert places(rules, "Visiting Houston was fun.") == ["Houston"]
    # on a title-case line (a headline) every word is capitalised
    assert places(rules, "Floods Hit Houston Suburbs Overnight\nMore later.") == ["Houston"]


def test_curated_entries_win_over_the_world_table(rules):
    assert found(rules, "She moved to Almaty.") == [("Almaty", "PLACE", "Almaty")]
    assert places(rules, "the Gulf of Mexico") == ["Gulf of Mexico"]


def test_the_world_table_is_english_only_and_can_be_switched_off():
    no_world = GazetteerRules(world=None)
    assert places(no_world, "from Delhi to Mumbai") == []
    assert places(no_world, "from Almaty to Astana") == ["Almaty", "Astana"]
    kk = GazetteerRules()
    assert places(kk, "Мумбай мен Дели", "kk") == []


def test_a_bad_row_in_the_world_table_names_file_and_line(tmp_path: Path):
    table = tmp_path / "w.tsv"
    table.write_text("# header\nDelhi\tgn:1\tcity\tDelhi\t100\t\nMumbai\tgn:2\tcity\n")
    settings = tmp_path / "w.yaml"
    settings.write_text(f"table: {table}\nlanguages: [en]\n")
    with pytest.raises(ValueError, match=r"w\.tsv:3: expected 6 tab-separated columns"):
        load_world_places(str(settings))


def test_min_population_leaves_small_towns_out(tmp_path: Path):
    table = tmp_path / "w.tsv"
    table.write_text(
        "Bigtown\tgn:1\tcity\tBigtown\t500000\t\nSmallton\tgn:2\tcity\tSmallton\t900\t\n"
    )
    settings = tmp_path / "w.yaml"
    settings.write_text(f"table: {table}\nmin_population: 1000\n")
    rules = GazetteerRules(world=str(settings))
    assert places(rules, "from Bigtown to Smallton") == ["Bigtown"]


def test_a_component_for_other_languages_does_not_load_the_world_table():
    assert GazetteerRules(languages=["kk"]).world is None
    assert GazetteerRules(languages=["kk", "en"]).world is not None


# --- Kazakh places with head words and organisation names ------------------------------


def orgs(rules: GazetteerRules, text: str) -> list[str]:
    return [t for t, label, _ in found(rules, text, "kk") if label == "ORG"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ол Шымкент қаласының тұрғыны.", ["Шымкент қаласының"]),
        ("Текелі қаласында тұратын әйел.", ["Текелі қаласында"]),
        (
            "Ол Іле қазақ автономиялы облысы Алтай аймағынан келген.",
            ["Іле қазақ автономиялы облысы", "Алтай аймағынан"],
        ),
        ("Алматы облысының Панфилов ауданына қарасты.", ["Алматы облысының", "Панфилов ауданына"]),
        ("Алматыдағы жиын.", ["Алматыдағы"]),  # no head word: the name alone
        ("Алматы қала әкімі келді.", ["Алматы"]),  # "қала" without the possessive is no head
    ],
)
def test_kazakh_head_words_are_inside_the_place(rules, text, expected):
    assert places(rules, text, "kk") == expected


def test_generated_districts_and_their_towns(rules):
    assert found(rules, "Жаңақорған ауданында жиын өтті.", "kk") == [
        ("Жаңақорған ауданында", "PLACE", "Janakorgan District")
    ]
    assert places(rules, "Ол Зайсанда тұрады.", "kk") == ["Зайсанда"]
    # a district name that is also an ordinary word ("келесі" = "next") is no place alone
    assert places(rules, "Келесі орталық мамандарды дайындайды.", "kk") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Кеше ҚР Орталық сайлау комиссиясы хабарлады.", ["ҚР Орталық сайлау комиссиясы"]),
        ("Қазақстан Қытай Елшілігіне нота жолдайды.", ["Қытай Елшілігіне"]),
        ("Алматыдағы Қытай консулдығы алдында тұрды.", ["Алматыдағы Қытай консулдығы"]),
        (
            "Талдықорған қаласындағы Алматы облыстық сотында қаралды.",
            ["Алматы облыстық сотында"],
        ),
        ("Алматы облысы Ұйғыр аудандық соты үкім шығарды.", ["Алматы облысы Ұйғыр аудандық соты"]),
        (
            "Ол Алматы қаласы мамандандырылған ауданаралық сотта сөйледі.",
            ["Алматы қаласы мамандандырылған ауданаралық сотта"],
        ),
        ("Ахметов Асқар Серікұлы сотқа шақырылды.", []),  # "to court": no name
        ("Бишімбаев неліктен алқабилер сотына барды.", []),  # ordinary words are no name
        ("Мысалы, Алматы облысында әкімшілік полиция жұмыс істейді.", []),  # "in the region"
        ("Серікжан Біләштің соты басталды.", []),  # Bilash's trial: a person's genitive
    ],
)
def test_kazakh_organisation_names(rules, text, expected):
    assert orgs(rules, text) == expected
