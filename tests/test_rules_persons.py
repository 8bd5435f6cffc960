"""The PERSON rules (pipeline.components.persons): exact spans in Kazakh and English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.components.persons import PersonRules
from pipeline.registry import factory_settings, get_factory
from pipeline.types import Document

GOLD = Path(__file__).resolve().parents[1] / "annotations" / "gold.jsonl"


@pytest.fixture(scope="module")
def rules() -> PersonRules:
    return PersonRules()


def spans(rules: PersonRules, text: str, lang: str) -> list[tuple[int, int, str]]:
    doc = Document("t", text, lang)
    out = rules.propose(doc, [])
    for s in out:
        assert s.text == text[s.start : s.end]
        assert s.label == "PERSON"
    return [(s.start, s.end, s.text) for s in out]


# --- registration -----------------------------------------------------------------------


def test_registered_with_its_settings():
    assert get_factory("rules.persons") is PersonRules
    allowed, required = factory_settings("rules.persons")
    assert {"languages", "score", "names"} <= allowed
    assert not required


# --- Kazakh: exact spans ----------------------------------------------------------------

KK_CASES = [
    # corpus/000: a first name + a family name with its genitive ending, inside the span
    (
        "Жиынды ұйымдастырушылардың бірі Әбілхайыр Төлеуханның айтуынша, 35 мыңға жуық "
        "қазақ мекендейтін Сауан ауданынан келген.",
        [(32, 53, "Әбілхайыр Төлеуханның")],
    ),
    # role words as cues, never inside the span
    (
        "Алматыда өткен жиынға қоғамдық белсенді Рысбек Сәрсенбаев пен кинорежиссер "
        "Еркін Рақышев те келді",
        [(40, 57, "Рысбек Сәрсенбаев"), (75, 88, "Еркін Рақышев")],
    ),
    (
        "Былтыр Астанада өткен құрылтайда Өмірхан Алтын бұл мәселені Қазақстан президенті "
        "Нұрсұлтан Назарбаевтың алдында көтерген.",
        [(33, 46, "Өмірхан Алтын"), (81, 103, "Нұрсұлтан Назарбаевтың")],
    ),
    (
        "Тамызда The Financial Times газеті этникалық қазақ Сайрагүл Сауытбайдың хикаясын "
        "баяндады.",
        [(51, 71, "Сайрагүл Сауытбайдың")],
    ),
    # a Chinese name in Cyrillic after a role word
    ("Қытайдың Ұлыбританиядағы елшісі Лю Сяомин мақалаға жауап жазды.", [(32, 41, "Лю Сяомин")]),
    # corpus/001: an enumeration with roles (the first one typed with a Latin C)
    (
        "Cаясаттанушы Расул Жұмалы, журналист Марат Тоқашбаев, режиссер Еркін Рақышев, "
        "ақын Қазыбек Иса және басқалар қатысты",
        [
            (13, 25, "Расул Жұмалы"),
            (37, 52, "Марат Тоқашбаев"),
            (63, 76, "Еркін Рақышев"),
            (83, 94, "Қазыбек Иса"),
        ],
    ),
    (
        "Жиынға қатысқандардың бірі Қайрат Дәуітхан есімді азамат әйелінің жағдайын айтты",
        [(27, 42, "Қайрат Дәуітхан")],
    ),
    # invented: a title before a hyphenated first name; a place right after the name
    (
        "Президент Қасым-Жомарт Тоқаев Астанада шетелдік инвесторлармен кездесті.",
        [(10, 29, "Қасым-Жомарт Тоқаев")],
    ),
    (
        "Әсел Жанұзақова мен Бақытжан Сағынтаевтың кездесуі Алматыда өтті.",
        [(0, 15, "Әсел Жанұзақова"), (20, 41, "Бақытжан Сағынтаевтың")],
    ),
    # family name first, with a patronymic
    ("Ахметов Асқар Серікұлы сотқа шақырылды.", [(0, 22, "Ахметов Асқар Серікұлы")]),
    # an initial
    ("Бұл туралы Р. Сәрсенбаев мәлімдеді.", [(11, 24, "Р. Сәрсенбаев")]),
    # a family name found once is a person alone later, with its case ending
    (
        "Сайрагүл Сауытбай Швецияда тұрады. Сауытбайдың айтуынша, лагерьлер жабылмаған.",
        [(0, 17, "Сайрагүл Сауытбай"), (35, 46, "Сауытбайдың")],
    ),
    # a known public figure's family name alone
    ("Тоқаев бұл туралы Ақордада айтты.", [(0, 6, "Тоқаев")]),
]


@pytest.mark.parametrize(("text", "expected"), KK_CASES)
def test_kazakh_spans(rules, text, expected):
    assert spans(rules, text, "kk") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Министр жауабында Қазақстан азаматтары туралы айтты.",  # a title alone
        "Назарбаев Университеті жаңа бағдарлама ашты.",  # an organisation named after him
        "Ш. Уәлиханов атындағы университет студенттері жиналды.",  # "named after"
        "Президент Әкімшілігі хабарлады.",  # a title before an institution
        "Алматыда Қытайдың Тарбағатай аймағы Сауан ауданынан көшіп келген қазақтар жиналды.",
        "Қыркүйектің 14-і Алматыда жиын өтті. Былтыр Астанада құрылтай болды.",
        "«Сұңқар» тұрғын үй кешені салынды.",  # a quoted name is a title or a brand
        "Ол Дәулет аулында тұрады.",  # a first name before a place head word
        "Белсенділер хат жазды. Ғалымдардың пікірінше, бұл дұрыс.",
    ],
)
def test_kazakh_negatives(rules, text):
    assert spans(rules, text, "kk") == []


def test_kazakh_norm_from_the_component(rules):
    doc = Document("t", "Қазақстан президенті Нұрсұлтан Назарбаевтың алдында көтерген.", "kk")
    (span,) = rules.propose(doc, [])
    assert span.norm == {"name": "Нұрсұлтан Назарбаев", "latin": "Nursultan Nazarbayev"}


def test_propagated_family_name_gets_its_nominative(rules):
    # Жұмалы has no family-name shape: only the document tells that Жұмалының is Жұмалы + ның
    text = "Расул Жұмалы келді. Жұмалының айтуынша, бәрі жақсы."
    doc = Document("t", text, "kk")
    out = rules.propose(doc, [])
    assert [(s.start, s.end, s.text) for s in out] == [
        (0, 12, "Расул Жұмалы"),
        (20, 29, "Жұмалының"),
    ]
    assert out[1].norm == {"name": "Жұмалы", "latin": "Zhumaly"}


# --- English: exact spans ---------------------------------------------------------------

EN_CASES = [
    # corpus/002: patronymics, apposition, a double space
    (
        "Rysbek Sarsenbay, a well-known public figure and a politician,  Kamatan "
        "Toktamuratkyzy, the mother of the innocently detained Garapa Nasiollauly, took part.",
        [
            (0, 16, "Rysbek Sarsenbay"),
            (64, 86, "Kamatan Toktamuratkyzy"),
            (126, 144, "Garapa Nasiollauly"),
        ],
    ),
    # an initial; the title stays outside
    (
        "Politician R. Sarsenbay added that poets, writers and intellectuals have been "
        "persecuted in China recently.",
        [(11, 23, "R. Sarsenbay")],
    ),
    # propagation; the possessive stays outside
    (
        'Mukhtar Karibai told reporters in Nur-Sultan on March 12. "We asked," Karibai said. '
        "Karibai's statement came one day later.",
        [(0, 15, "Mukhtar Karibai"), (70, 77, "Karibai"), (84, 91, "Karibai")],
    ),
    (
        "He appealed to Kazakhstan's President Kasym-Žomart Tokaev, reiterating his demand.",
        [(38, 57, "Kasym-Žomart Tokaev")],
    ),
    (
        "They showed a photograph of Xi Jinping and the flag of Kazakhstan.",
        [(28, 38, "Xi Jinping")],
    ),
    # a byline on its own line
    (
        "Almaty: 500th day of protest\n\nby Vladimir Rozanskij\n\nDemonstration in front of "
        "the Chinese consulate. Like the Uyghurs, the Kazakh minority is also sent to lagers.",
        [(33, 51, "Vladimir Rozanskij")],
    ),
    # a reporting verb after an apposition is the only cue
    (
        "One of the participants, Akikat Khaliola, recounted that his father died in a "
        "Chinese prison.",
        [(25, 40, "Akikat Khaliola")],
    ),
    ('"We will not stop," said Aigerim Nurlanovna.', [(25, 43, "Aigerim Nurlanovna")]),
    # an enumeration of names
    (
        "Such writers as Nagyz Mukhammetuly, Kabyken Zeinurain, Kalysbek Babanuly and "
        "Nurbak Bigazin have been arrested.",
        [
            (16, 34, "Nagyz Mukhammetuly"),
            (36, 53, "Kabyken Zeinurain"),
            (55, 72, "Kalysbek Babanuly"),
            (77, 91, "Nurbak Bigazin"),
        ],
    ),
    (
        "China In Eurasia is a newsletter by correspondent Reid Standish in which he builds "
        "on local reporting.",
        [(50, 63, "Reid Standish")],
    ),
    ("Mr. Karimov declined to comment.", [(4, 11, "Karimov")]),
    ("Yesterday John Smith arrived in Almaty.", [(10, 20, "John Smith")]),
    (
        "Chinese Foreign Ministry spokesman Wang Wenbin told a press briefing.",
        [(35, 46, "Wang Wenbin")],
    ),
    (
        "Ursula von der Leyen and Giovanni Paolo II were mentioned.",
        [(0, 20, "Ursula von der Leyen"), (25, 42, "Giovanni Paolo II")],
    ),
    ("Tokayev said the country would not extradite them.", [(0, 7, "Tokayev")]),
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_english_spans(rules, text, expected):
    assert spans(rules, text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "The President said the Uyghurs and Kazakhs in Xinjiang were safe.",
        "Uyghurs",
        "President",
        "The Kremlin said it would respond.",
        "Nazarbayev University hosted the conference.",
        "Nur-Sultan Wants China 'To Help Resolve Issues' Raised By Ethnic Kazakhs From Xinjiang",
        "Bill Passes Senate Despite Protests In Almaty",
        "The Wall Street Journal reported that Beijing had denied the claims.",
        "Kazakhstan's Foreign Ministry says it has asked Chinese authorities for help.",
        "On March 10, U.S. Embassy officials met with other ethnic Kazakhs.",
        "RFE/RL's Kazakh Service offers informed and accurate reporting.",
        "Dozens of ethnic Kazakhs from China have been picketing the Chinese Consulate.",
        "Thousands of Kazakhs are imprisoned in China.",
    ],
)
def test_english_negatives(rules, text):
    assert spans(rules, text, "en") == []


def test_possessive_outside_and_norm(rules):
    text = "Mukhtar Karibai spoke. Karibai's statement came later."
    out = rules.propose(Document("t", text, "en"), [])
    assert [(s.start, s.end, s.text) for s in out] == [
        (0, 15, "Mukhtar Karibai"),
        (23, 30, "Karibai"),
    ]
    assert out[1].norm == {"name": "Karibai", "latin": "Karibai"}


def test_known_person_latin_in_english(rules):
    text = "He appealed to President Kasym-Žomart Tokaev."
    (span,) = rules.propose(Document("t", text, "en"), [])
    assert span.norm == {"name": "Kasym-Žomart Tokaev", "latin": "Kassym-Jomart Tokayev"}


# --- settings and odd input -------------------------------------------------------------


def test_languages_setting_and_unknown_language():
    only_kk = PersonRules(languages=["kk"])
    assert only_kk.propose(Document("t", "Mukhtar Karibai said so.", "en"), []) == []
    rules = PersonRules()
    assert rules.propose(Document("t", "Mukhtar Karibai said so.", "de"), []) == []
    assert rules.propose(Document("t", "", "kk"), []) == []


def test_score_setting():
    out = PersonRules(score=0.5).propose(Document("t", "Mukhtar Karibai said so.", "en"), [])
    assert [s.score for s in out] == [0.5]


# --- the gold set -----------------------------------------------------------------------


def _gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]


def test_gold_person_precision_and_recall(rules):
    counts: dict[str, list[int]] = {}
    for doc in _gold():
        gold = {(e["start"], e["end"]) for e in doc["entities"] if e["label"] == "PERSON"}
        pred = {
            (s.start, s.end)
            for s in rules.propose(Document(doc["id"], doc["text"], doc["lang"]), [])
        }
        c = counts.setdefault(doc["lang"], [0, 0, 0])
        c[0] += len(pred & gold)
        c[1] += len(pred)
        c[2] += len(gold)
    assert set(counts) == {"kk", "en"}
    for lang, (tp, n_pred, n_gold) in counts.items():
        assert tp / n_gold >= 0.9, (lang, tp, n_gold)
        assert tp / n_pred >= 0.85, (lang, tp, n_pred)


# --- properties -------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі")
    + list("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯӘҒҚҢӨҰҮҺІ")
    + list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZŽ")
    + list(" \n.,;:'’\"«»-()0123456789")
)
_WORDS = st.sampled_from(
    [
        "Назарбаевтың",
        "Еркін",
        "Рақышев",
        "Лю",
        "Сяомин",
        "Mukhtar",
        "Karibai's",
        "R.",
        "Xi",
        "Jinping",
        "said",
        "President",
        "Алматыда",
        "Kazakhstan's",
        "белсенді",
        "II",
        "von",
        "мен",
        ",",
        ".",
        "\n",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(_ALPHABET, max_size=120),
        st.lists(_WORDS, max_size=25).map(" ".join),
    ),
    st.sampled_from(["kk", "en"]),
)
def test_spans_are_slices_and_never_overlap(text, lang):
    rules = _shared_rules()
    out = sorted(rules.propose(Document("p", text, lang), []), key=lambda s: s.start)
    for s in out:
        assert 0 <= s.start < s.end <= len(text)
        assert s.text == text[s.start : s.end]
        assert s.text == s.text.strip()
        assert isinstance(s.norm.get("name"), str) and isinstance(s.norm.get("latin"), str)
    for a, b in zip(out, out[1:], strict=False):
        assert a.end <= b.start


_RULES: list[PersonRules] = []


def _shared_rules() -> PersonRules:
    if not _RULES:
        _RULES.append(PersonRules())
    return _RULES[0]


def test_names_setting_forms():
    text = "Mukhtar Karibai said so."
    for names in (
        "kk/person_names.yaml",
        "{lang}/person_names.yaml",
        {"en": "en/person_names.yaml"},
    ):
        out = PersonRules(names=names).propose(Document("t", text, "en"), [])
        assert [(s.start, s.end) for s in out] == [(0, 15)]
    assert (
        PersonRules(names={"kk": "kk/person_names.yaml"}).propose(Document("t", text, "en"), [])
        == []
    )


# --- English web text: lone first names, middle initials, signatures ---------------------

WEB_CASES = [
    # a first name of the name-list files, no English word, alone or opening a sentence
    ("Suzanne is pregnant .", [(0, 7, "Suzanne")]),
    ("Renee ,", [(0, 5, "Renee")]),
    ("Phillip", [(0, 7, "Phillip")]),
    ("Jason and the boys can come .", [(0, 5, "Jason")]),
    # a greeting before a name: never part of it, and a cue
    ("Thanks Josh !", [(7, 11, "Josh")]),
    ("Hi Kay ,", [(3, 6, "Kay")]),
    ("Thanks again Nina .", [(13, 17, "Nina")]),
    # a line made of a greeting and one capitalised word
    ("Hey Vladi ,", [(4, 9, "Vladi")]),
    # a first name that is also an English word, alone on a signature line
    ("Mark ,", [(0, 4, "Mark")]),
    # first name + middle initial + family name is one name
    ("Michael J. McDermott mjmcdermott@hotmail.com", [(0, 20, "Michael J. McDermott")]),
    ("Bush nominated Jennifer M. Anderson for a term .", [(15, 35, "Jennifer M. Anderson")]),
    # the name stops before signature words
    ("John Staikos Direct Dial : 203.961.7523", [(0, 12, "John Staikos")]),
    ("Kelly Cloud , Senior Vice President of CCNG , agreed .", [(0, 11, "Kelly Cloud")]),
    # an e-mail display name in quotes is a person, not a title
    ('Email : " Ryan Reynolds " < rr@example.com >', [(10, 23, "Ryan Reynolds")]),
    # lower-case text: two first names, or a first name and a capitalised family name
    ("jill allen finishes her exam today", [(0, 10, "jill allen")]),
    ("By samantha Fox", [(3, 15, "samantha Fox")]),
]


@pytest.mark.parametrize(("text", "expected"), WEB_CASES)
def test_english_web_spans(rules, text, expected):
    assert spans(rules, text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        # first names that are common English words are no person alone
        "Will you come tomorrow ?",
        "Hope this helps .",
        "Grace is a virtue .",
        "Rose petals were everywhere .",
        # storms, office titles, institutions, seas
        "In the wake of Hurricane Katrina , housing became scarce .",
        "the Department of Housing and Urban Development said",
        "the price of Brent North Sea crude rose",
        "residents of St. Thomas Housing Development",
        # a greeting before a word that is no person; planets
        "Hello World !",
        "Mercury and Venus are in conjunction .",
        # lower-case words that are first names only in other languages
        "a logical fallacy , post hoc ergo propter hoc",
        "max speed",
    ],
)
def test_english_web_negatives(rules, text):
    assert spans(rules, text, "en") == []


def test_name_files_extend_the_hand_written_lists():
    """``first_name_files`` add names that stand alone; ordinary words are not among them."""
    r = PersonRules()
    assert "смағұл" in r.lone["kk"] and r.data["kk"].is_first_name("Смағұл")
    assert "ақпан" not in r.lone["kk"]  # a given name, but also "February"
    assert r.lower["kk"] == frozenset()
    assert "suzanne" in r.lone["en"] and "will" not in r.lone["en"]
    assert r.data["en"].is_first_name("Suzanne")


# --- businesses and towns that bear a first name --------------------------------------


def test_a_first_name_before_a_business_word_is_no_person(rules):
    assert spans(rules, "Ray's Pizza is just around the corner.", "en") == []
    # tokenised text writes the possessive apart
    assert spans(rules, "Britt 's Pizza is long gone .", "en") == []
    assert spans(rules, "Ray said the pizza was late.", "en") == [(0, 3, "Ray")]


def test_a_lone_first_name_after_a_place_preposition_is_no_person(rules):
    assert spans(rules, "other flower shops around Norman .", "en") == []
    assert spans(rules, "my favorite store in Lawrence , KS", "en") == []
    assert spans(rules, "I spoke to Norman yesterday.", "en") == [(11, 17, "Norman")]


# --- the second pass reuses the first ---------------------------------------------------

SECOND_PASS_TEXTS = [
    ("Расул Жұмалы келді. Жұмалының айтуынша, бәрі жақсы.", "kk"),
    ("Wang Wenbin spoke first. He Ping and Ван И came later; Wang said so.", "en"),
    ("Mr. Li Wei met Han Zheng. Li told He Ping that Zheng agreed.", "en"),
    ("Ping He arrived. Then He Ping left, and Han Ping He stayed with Wei.", "en"),
    ("Ван И келді. Кейін Ли Ван мен И Ван кетті; Ванның айтуынша, бәрі жақсы.", "kk"),
]


@pytest.mark.parametrize(
    ("text", "lang"), SECOND_PASS_TEXTS + [(d["text"], d["lang"]) for d in _gold()]
)
def test_second_pass_reuses_only_what_the_family_names_cannot_change(rules, text, lang):
    from pipeline.components.name_words import headline_lines
    from pipeline.layers import get_layer

    doc = Document("t", text, lang)
    gaz = [(m.start, m.end) for m in get_layer(doc, "gazetteer", rules.lexicon)]
    ws = get_layer(doc, "words")
    headline = headline_lines(text, ws, rules.stop[lang])
    first, _runs, accepted = rules._find(text, lang, ws, gaz, headline, frozenset())
    extra = frozenset(rules.data[lang].fold(x) for x in rules._surnames(lang, accepted))
    assert extra, "every text here names a person with a family name"
    fresh = rules._classify(text, lang, ws, gaz, headline, extra)
    reused = rules._classify(text, lang, ws, gaz, headline, extra, first)
    assert reused == fresh  # every feature, ``ok`` included, as a fresh second pass
    assert any(a is b for a, b in zip(reused, first, strict=True))
    changed = [a.idx for a, b in zip(reused, first, strict=True) if a is not b]
    assert changed
    for k in changed:  # made anew: the family names found, and Chinese names
        word = reused[k]
        prev = reused[k - 1] if k else None
        assert word.folded_forms & extra or word.cn or (prev and prev.cn)
