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


KK_CASES = [
    ("Жиынды ұйымдастырушылардың бірі Әбілхайыр", ["бірі"]),
    ("35 мыңға жуық қазақ мекендейтін аудан", ["35 мыңға жуық"]),
    ('"саяси лагерьге" кеткен үш мың адамның аты-жөні', ["үш мың"]),
    ("Дөрбілжін ауданынан келген ондаған қазақ", ["ондаған"]),
    ("дәл қазір 170-тей этникалық қазақ туралы", ["170-тей"]),
    ("екі баласының азаматы екенін айтты", ["екі"]),
    ("туыстарынан 915 өтініш түскені", ["915"]),
    ("тарабы екі мыңнан астам қазақтың кетуіне", ["екі мыңнан астам"]),
    ("ұсталған 29 қазақстандықтың 15-і бостандыққа шыққан", ["29", "15-і"]),
    ("екі жүз сексен тоғыз мың адам", ["екі жүз сексен тоғыз мың"]),
    ("жүздеген адам, мыңдаған тұрғын", ["жүздеген", "мыңдаған"]),
    ("бес-алты адам келді", ["бес-алты"]),
    ("5-6 мың адам келді", ["5-6 мың"]),
    ("35 000 адам жиналды", ["35 000"]),
    ("шамамен 300 адам, 100-ден аса адам", ["шамамен 300", "100-ден аса"]),
    ("1000-ға тарта адам, жүз мыңнан астамы", ["1000-ға тарта", "жүз мыңнан астамы"]),
    ("жарты миллион тұрғын", ["жарты миллион"]),
    ("халықтың үштен екісі қатысты", ["үштен екісі"]),
    ("Олардың біреуі келді", ["біреуі"]),
    ("Өткен жылы 500 адам келді", ["500"]),  # the year is a DATE, the count stands
    ("2018 жылы 500 адам келді", ["500"]),
    ("Жиынға елуге жуық адам қатысты", ["елуге жуық"]),
    ("Елімізде 1 200 адамнан вирус анықталды", ["1 200"]),
]

KK_NEGATIVE = [
    "бір топ қазақстандық бас қосты",  # the indefinite article
    "Орталық Азиядағы мемлекеттер бір-бірімен ауызбірлік танытуы керек",
    "Бірақ тиісті органдарға айтып, сонымен бірге жазып жатыр",
    "4 миллион теңге айыппұл салынды",  # money
    "100 доллар, 90 пайыз, 50% өсті",  # money, percent
    "1990-шы жылдары, бірінші орын",  # a decade (DATE), an ordinal
    "2017 жылы ашылды",  # a year
    "екі жылдан бері күтіп отыр",  # a duration
    "бірнеше азаматтың босап шыққаны белгілі",
    "сағат 8-де басталды, кешкі сегізге дейін",  # clock times
    "ұзындығы 5 км, салмағы 10 тонна",  # measures
    "«Хабар 24» арнасы хабарлады",  # a number inside a name
    "жетпіс бес жылдығына арналған",  # an anniversary
    "мөлшерлемені 9,5 пайызға дейін көтерді",
    "Бюджетке 2,3 трлн теңге түсті",
]


@pytest.mark.parametrize(("text", "phrases"), KK_CASES)
def test_kazakh_counts(rules, text, phrases):
    assert found(rules, text, "kk") == at(text, *phrases)


@pytest.mark.parametrize("text", KK_NEGATIVE)
def test_kazakh_non_counts(rules, text):
    assert found(rules, text, "kk") == []


EN_CASES = [
    ("“Thousands of Kazakhs are imprisoned in China", ["Thousands"]),
    ("One of the participants, Akikat Khaliola", ["One"]),
    ("his mother and two little brothers", ["two"]),
    ("Dozens of ethnic Kazakhs from China", ["Dozens"]),
    ("it became obvious that dozens of ethnic Kazakhs", ["dozens"]),
    ("according to which, one country cannot interfere", ["one"]),
    ("there are 5 to 6 ethnic Kazakhs stuck", ["5 to 6"]),
    ("who was one of the first individuals", ["one"]),
    ("as many as 2 million Uyghurs", ["as many as 2 million"]),
    ("about 300 people, nearly 1,000 detainees", ["about 300", "nearly 1,000"]),
    ("at least 20 and up to 50 and more than 7", ["at least 20", "up to 50", "more than 7"]),
    ("twenty-five people and one hundred and five people", ["twenty-five", "one hundred and five"]),
    ("a dozen eggs and a hundred men", ["a dozen", "a hundred"]),
    ("up from several hundred, then a few thousand", ["several hundred", "a few thousand"]),
    ("tens of thousands of people", ["tens of thousands"]),
    ("hundreds of thousands fled", ["hundreds of thousands"]),
    ("2.5 million people and 35,000 protesters", ["2.5 million", "35,000"]),
    ("between 5 and 10 people, one or two people", ["between 5 and 10", "one or two"]),
    ("In 2019, 1,500 people came. 2000 people died.", ["1,500", "2000"]),
    ("half a million people", ["half a million"]),
    ("Some 15 million children are out of school", ["Some 15 million"]),
    ("won 210 of the 450 seats", ["210", "450"]),
]

EN_NEGATIVE = [
    "fined about 4 million tenge by the authorities",  # money
    "more than 90 percent of such people",  # percent
    "Almaty: 500th day of protest",  # ordinal
    "06/27/2022, 10.01 Send to a friend",  # a date and a clock time
    "at 10:05 they met",
    "a teacher at the Sanzhy regional Number 2 Middle school",  # part of a name
    "World War 2 and Windows 10 and COVID-19",
    "16x9 Image",
    "It costs $5 million.",
    "no one knows; they helped one another; the one who left",
    "He is married with a 3-year-old son",  # an age (DATE)
    "came one day after the embassy",  # a duration (DATE)
    "the first and third Wednesdays",
    "It happened in 2017.",
    "several times, many people",
    "several people came a few days later",  # several, a few: only before a number
    "a 5 km walk lasting 3 hours",
    "Sales fell 12% to $4.3 billion and €2bn",
    "Inflation rose to 6.5 percent",
]


@pytest.mark.parametrize(("text", "phrases"), EN_CASES)
def test_english_counts(rules, text, phrases):
    assert found(rules, text, "en") == at(text, *phrases)


@pytest.mark.parametrize("text", EN_NEGATIVE)
def test_english_non_counts(rules, text):
    assert found(rules, text, "en") == []


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
