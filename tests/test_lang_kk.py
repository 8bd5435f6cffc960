"""The Kazakh spaCy language ``kk`` (pipeline.lang.kk): tokenizer, like_num, round trip."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline.lang.kk  # noqa: F401  registers "kk"
from pipeline.lang.kk import Kazakh
from pipeline.lang.kk.lex_attrs import (
    is_ordinal,
    like_num,
    load_numbers,
    number_word_value,
    split_number_word,
)
from pipeline.lang.kk.stop_words import STOP_WORDS
from pipeline.morphology import morphology

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("kk")


def words(nlp, text: str) -> list[str]:
    return [t.text for t in nlp.make_doc(text) if not t.is_space]


def assert_offsets(doc, text: str) -> None:
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text


# --- registration ---------------------------------------------------------------------


def test_blank_kk_is_kazakh(nlp):
    assert isinstance(nlp, Kazakh)
    assert nlp.lang == "kk"
    assert spacy.util.get_lang_class("kk") is Kazakh


# --- tokenization: exact token lists ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus/000: dates with hyphenated endings, abbreviation + case ending
        ("Қыркүйектің 14-і Алматыда", ["Қыркүйектің", "14-і", "Алматыда"]),
        (
            "Қыркүйектің 12-сі күні Алматыда",
            ["Қыркүйектің", "12-сі", "күні", "Алматыда"],
        ),
        (
            "Бізде дәл қазір 170-тей этникалық қазақ",
            ["Бізде", "дәл", "қазір", "170-тей", "этникалық", "қазақ"],
        ),
        (
            "Қазақстан билігі мен БҰҰ-ның адам құқығын",
            ["Қазақстан", "билігі", "мен", "БҰҰ-ның", "адам", "құқығын"],
        ),
        (
            'Сауан ауданынан "саяси лагерьге" кеткен үш мың адамның аты-жөні анықталған',
            [
                "Сауан",
                "ауданынан",
                '"',
                "саяси",
                "лагерьге",
                '"',
                "кеткен",
                "үш",
                "мың",
                "адамның",
                "аты-жөні",
                "анықталған",
            ],
        ),
        (
            "Шыңжаңдағы қуғын-сүргін туралы мақалаға жазған",
            ["Шыңжаңдағы", "қуғын-сүргін", "туралы", "мақалаға", "жазған"],
        ),
        (
            'Бірақ осы күнге дейін үнсіз отыр" деп айыптады.',
            ["Бірақ", "осы", "күнге", "дейін", "үнсіз", "отыр", '"', "деп", "айыптады", "."],
        ),
        (
            'Министр жауабында: "Бізде дәл қазір',
            ["Министр", "жауабында", ":", '"', "Бізде", "дәл", "қазір"],
        ),
        (
            'кейін "Қытай азаматтығынан шығу заңдылығын бұзған болуы ықтимал" деген',
            [
                "кейін",
                '"',
                "Қытай",
                "азаматтығынан",
                "шығу",
                "заңдылығын",
                "бұзған",
                "болуы",
                "ықтимал",
                '"',
                "деген",
            ],
        ),
        # corpus/001: dialogue dash at line start, hyphenated word, 15-і
        (
            "ұсыныс айтты.\n - Орталық Азиядағы мемлекеттер бір-бірімен ауызбірлік",
            [
                "ұсыныс",
                "айтты",
                ".",
                "-",
                "Орталық",
                "Азиядағы",
                "мемлекеттер",
                "бір-бірімен",
                "ауызбірлік",
            ],
        ),
        (" - Орталық Азиядағы", ["-", "Орталық", "Азиядағы"]),
        (
            "кім де кім санасады, - дейді Расул Жұмалы.",
            ["кім", "де", "кім", "санасады", ",", "-", "дейді", "Расул", "Жұмалы", "."],
        ),
        (
            "ұсталған 29 қазақстандықтың 15-і бостандыққа шыққаны туралы хабарлаған.",
            [
                "ұсталған",
                "29",
                "қазақстандықтың",
                "15-і",
                "бостандыққа",
                "шыққаны",
                "туралы",
                "хабарлаған",
                ".",
            ],
        ),
        (
            "2018 жылдың басынан бері қытай тарабы екі мыңнан астам қазақтың",
            [
                "2018",
                "жылдың",
                "басынан",
                "бері",
                "қытай",
                "тарабы",
                "екі",
                "мыңнан",
                "астам",
                "қазақтың",
            ],
        ),
        # full stop after a Kazakh-specific letter (қ is missing from spaCy's classes)
        ("қазақ.", ["қазақ", "."]),
        ("Ол қазақ. Бұл өзбек.", ["Ол", "қазақ", ".", "Бұл", "өзбек", "."]),
        ("Ұлыбританиядағы елшісі Лю Сяомин.", ["Ұлыбританиядағы", "елшісі", "Лю", "Сяомин", "."]),
        ("сөз.Келесі", ["сөз", ".", "Келесі"]),
        # guillemets and other quotes
        ("«Азаттық»", ["«", "Азаттық", "»"]),
        ("«Азаттық» радиосы", ["«", "Азаттық", "»", "радиосы"]),
        ("“Азаттық” „Азаттық“", ["“", "Азаттық", "”", "„", "Азаттық", "“"]),
        ("‘сақ’ 'сақ'", ["‘", "сақ", "’", "'", "сақ", "'"]),
        ('кейін"Қытай', ["кейін", '"', "Қытай"]),
        # dashes, ellipsis, brackets, punctuation
        ("Алматы — Астана", ["Алматы", "—", "Астана"]),
        ("Алматы—Астана", ["Алматы", "—", "Астана"]),
        ("2018–2019 жылдары", ["2018", "–", "2019", "жылдары"]),
        ("10-15 адам", ["10", "-", "15", "адам"]),
        ("деді…", ["деді", "…"]),
        ("(БҰҰ) [сөз]", ["(", "БҰҰ", ")", "[", "сөз", "]"]),
        ("бар; жоқ! Неге? Иә:", ["бар", ";", "жоқ", "!", "Неге", "?", "Иә", ":"]),
        ("-Сәлем, - деді.", ["-", "Сәлем", ",", "-", "деді", "."]),
        # hyphenated number endings and abbreviations with case endings
        (
            "2018-жылы 1990-шы 5-ке 100-ден",
            ["2018-жылы", "1990-шы", "5-ке", "100-ден"],
        ),
        ("(14-і)", ["(", "14-і", ")"]),
        ("14-і.", ["14-і", "."]),
        ("ҚР-ның АҚШ-тың ЕО-ға", ["ҚР-ның", "АҚШ-тың", "ЕО-ға"]),
        ("«БҰҰ-ның»", ["«", "БҰҰ-ның", "»"]),
        # Latin, URLs, numbers, times, dates
        ("The Financial Times газеті", ["The", "Financial", "Times", "газеті"]),
        (
            "https://www.azattyq.org/a/29492853.html сайтында",
            ["https://www.azattyq.org/a/29492853.html", "сайтында"],
        ),
        ("35 000 адам", ["35", "000", "адам"]),
        ("35,000 2.5", ["35,000", "2.5"]),
        ("Сағат 10.01 кезінде", ["Сағат", "10.01", "кезінде"]),
        ("06/27/2022 күні", ["06/27/2022", "күні"]),
        # abbreviations
        ("2017 ж. сәуір", ["2017", "ж.", "сәуір"]),
        ("қалалар т.б. жерлер", ["қалалар", "т.б.", "жерлер"]),
    ],
)
def test_tokens(nlp, text, expected):
    doc = nlp.make_doc(text)
    assert_offsets(doc, text)
    assert [t.text for t in doc if not t.is_space] == expected


def test_kazakh_letters_lowercase_split_full_stop(nlp):
    for word in ("ақ", "бағ", "құл", "сөз", "әке", "күң", "шаһ", "ілі"):
        assert words(nlp, word + ".") == [word, "."]


def test_initial_keeps_its_full_stop(nlp):
    assert words(nlp, "Н. Назарбаев") == ["Н.", "Назарбаев"]


CORPUS_CASES = [
    ("000_", "Қыркүйектің 14-і Алматыда Қытайдың Тарбағатай аймағы"),
    ("001_", " - Орталық Азиядағы мемлекеттер бір-бірімен"),
]


@pytest.mark.parametrize(("prefix", "snippet"), CORPUS_CASES)
def test_corpus_documents(nlp, prefix, snippet):
    paths = sorted(CORPUS.glob(prefix + "*.txt"))
    if not paths:
        pytest.skip("corpus file not present")
    text = paths[0].read_text(encoding="utf-8")
    assert snippet in text
    doc = nlp.make_doc(text)
    assert_offsets(doc, text)
    toks = [t.text for t in doc if not t.is_space]
    for whole in ("14-і", "12-сі", "170-тей", "БҰҰ-ның", "аты-жөні", "қуғын-сүргін"):
        if whole in text:
            assert whole in toks
    for whole in ("15-і", "бір-бірімен"):
        if whole in text:
            assert whole in toks
    # no token glues a word to a quote, comma or final full stop
    for tok in toks:
        if len(tok) > 1:
            assert not tok.endswith((".", ",", '"', ":")), tok
            assert not tok.startswith(('"', "-")), tok


# --- like_num ---------------------------------------------------------------------------

NUMBER_WORDS = [
    "бір",
    "екі",
    "үш",
    "төрт",
    "бес",
    "алты",
    "жеті",
    "сегіз",
    "тоғыз",
    "он",
    "жиырма",
    "отыз",
    "қырық",
    "елу",
    "алпыс",
    "жетпіс",
    "сексен",
    "тоқсан",
    "жүз",
    "мың",
    "миллион",
    "миллиард",
    "нөл",
]


@pytest.mark.parametrize(
    "word",
    NUMBER_WORDS
    + [
        "мыңға",
        "екеу",
        "жүзден",
        "ондаған",
        "мыңдаған",
        "мыңнан",
        "оннан",
        "жүздеген",
        "екеуі",
        "алтау",
        "бірінші",
        "оныншы",
        "жиырмасыншы",
        "Бір",
        "ЕКІ",
        "бір-екі",
        "бес-алты",
    ],
)
def test_like_num_number_words(word):
    assert like_num(word)


@pytest.mark.parametrize(
    "text",
    ["14-і", "12-сі", "170-тей", "15-і", "2018-жылы", "1990-шы", "5-ке", "100-ден"]
    + ["2017", "35,000", "2.5", "10.01", "1/2", "+5", "-3"],
)
def test_like_num_digits(text):
    assert like_num(text)


@pytest.mark.parametrize(
    "word",
    [
        "бірақ",
        "Бірақ",
        "бірге",
        "онда",
        "Онда",
        "оны",
        "оның",
        "ондай",
        "бірден",
        "біреу",
        "елдер",
        "алтын",
        "жүзеге",
        "бесік",
        "үшін",
        "бірнеше",
        "бір-бірімен",
        "Жетісу",
        "қазақ",
        "",
        "-",
        "14-",
        "COVID-19",
    ],
)
def test_like_num_rejects(word):
    assert not like_num(word)


def test_like_num_on_tokens(nlp):
    doc = nlp("Сауан ауданынан 35 мыңға жуық қазақ, бірақ ондаған адам бірге келді")
    assert [t.text for t in doc if t.like_num] == ["35", "мыңға", "ондаған"]


def test_split_and_value():
    assert split_number_word("мыңға") == ("мың", "ға")
    assert split_number_word("ондаған") == ("он", "даған")
    assert split_number_word("бірақ") is None
    assert number_word_value("жүзден") == 100
    assert number_word_value("екеу") == 2
    assert number_word_value("нөл") == 0
    assert number_word_value("алтын") is None
    assert is_ordinal("бірінші")
    assert is_ordinal("біріншіден")
    assert not is_ordinal("бірі")
    assert not is_ordinal("мыңға")


def test_numbers_yaml_structure():
    data = load_numbers()
    for key in (
        "units",
        "tens",
        "multipliers",
        "zero",
        "collective",
        "ordinal_suffixes",
        "not_numbers",
    ):
        assert key in data, key
    assert data["units"]["бір"] == 1
    assert data["tens"]["тоқсан"] == 90
    assert data["multipliers"]["миллиард"] == 1_000_000_000
    assert data["zero"] == ["нөл"]
    assert data["collective"]["тоғызау"] == 9
    assert "оныншы" not in data["collective"]
    assert set(data["ordinal_suffixes"]) >= {"ыншы", "інші", "ншы", "нші"}
    assert "" in morphology("kk").number_endings
    assert {"үшін", "бірақ"} <= set(data["not_numbers"])


def test_stop_words(nlp):
    for word in ("және", "мен", "бен", "пен", "бұл", "осы", "олар", "үшін", "деп", "туралы"):
        assert word in STOP_WORDS
    doc = nlp("Бұл туралы және")
    assert all(t.is_stop for t in doc)
    assert not nlp("Алматы")[0].is_stop


# --- round trip -------------------------------------------------------------------------

ROUND_TRIP_TEXT = (
    "Қыркүйектің 14-і Алматыда БҰҰ-ның адам құқығын қорғау комитетінен араша сұрады. "
    '"саяси лагерьге" «Азаттық» 170-тей 2017 ж. т.б.\n - Орталық Азиядағы қазақ.'
)


def test_round_trip_to_disk(nlp, tmp_path):
    path = tmp_path / "kk_blank"
    nlp.to_disk(path)
    loaded = spacy.load(path)
    assert isinstance(loaded, Kazakh)
    assert loaded.lang == "kk"
    original = [(t.text, t.idx, t.like_num) for t in nlp(ROUND_TRIP_TEXT)]
    reloaded = [(t.text, t.idx, t.like_num) for t in loaded(ROUND_TRIP_TEXT)]
    assert reloaded == original


def test_round_trip_with_component(tmp_path):
    nlp = spacy.blank("kk")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "kk_sent")
    loaded = spacy.load(tmp_path / "kk_sent")
    assert loaded.pipe_names == ["sentencizer"]
    doc = loaded("Ол қазақ. Бұл өзбек.")
    assert [s.text for s in doc.sents] == ["Ол қазақ.", "Бұл өзбек."]


def test_tokenizer_bytes_round_trip(nlp):
    other = spacy.blank("kk")
    other.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in other(ROUND_TRIP_TEXT)] == [t.text for t in nlp(ROUND_TRIP_TEXT)]


# --- offsets property -------------------------------------------------------------------

_ALPHABET = (
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
    "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ"
    "abcxyzABCXYZ0123456789"
    " \n\t  .,;:!?…-–—«»\"“”„‘’'()[]/%№+"
)


@lru_cache(maxsize=1)
def _shared_nlp():
    return spacy.blank("kk")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80) | st.text(max_size=40))
def test_offsets_hold_for_arbitrary_text(text):
    doc = _shared_nlp().make_doc(text)
    assert_offsets(doc, text)
    assert doc.text == text


def test_like_num_on_a_very_long_word_is_false_and_tries_only_stem_length_cuts():
    # spaCy computes like_num for every new word; a 200,000-letter word must not be sliced
    # at every position (that made the Kazakh tokenizer quadratic in a token's length).
    from pipeline.lang.kk import lex_attrs

    word = "қазақ" * 40_000
    assert lex_attrs.like_num(word) is False
    assert lex_attrs.split_number_word("мыңдаған") == ("мың", "даған")
    assert lex_attrs._longest_stem() < 20
