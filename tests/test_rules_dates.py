"""``rules.dates``: exact DATE spans in Kazakh and English, negatives, resources, gold set."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.components.counts import CountRules
from pipeline.components.dates import DateRules
from pipeline.merge import merge_spans
from pipeline.normalise import normalise_spans
from pipeline.registry import get_factory
from pipeline.resources import RESOURCE_DIR, load_resource
from pipeline.types import Document

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "annotations" / "gold.jsonl"


@pytest.fixture(scope="module")
def rules() -> DateRules:
    return DateRules()


def found(rules: DateRules, text: str, lang: str, doc_date: str | None = None) -> list[tuple]:
    doc = Document("t", text, lang, {"date": doc_date} if doc_date else {})
    return [(s.start, s.end, s.text) for s in rules.propose(doc, [])]


def at(text: str, *phrases: str) -> list[tuple]:
    """Expected spans: each phrase at its first occurrence after the previous one."""
    out, pos = [], 0
    for p in phrases:
        start = text.index(p, pos)
        out.append((start, start + len(p), p))
        pos = start + len(p)
    return out


# ----------------------------------------------------------------------------- Kazakh

KK_CASES = [
    ("Қыркүйектің 14-і Алматыда бір топ қазақ жиналды.", ["Қыркүйектің 14-і"]),
    ("Хабар 2017 жылдың сәуір айынан тарай бастады.", ["2017 жылдың сәуір айынан"]),
    ("Деректер 2017 жылдың сәуірінен бастап түсіп жатыр", ["2017 жылдың сәуірінен бастап"]),
    ("Қыркүйектің 12-сі күні Алматыда жиын өтті", ["Қыркүйектің 12-сі күні"]),
    ("Биыл мамыр айында министр жауап берді.", ["Биыл мамыр айында"]),
    ("Тамызда газет мақала жариялады", ["Тамызда"]),
    ("Былтыр Астанада құрылтай өтті.", ["Былтыр"]),
    ("Бүгін жиын өтті. Кеше ол келді. Ертең сайлау.", ["Бүгін", "Кеше", "Ертең"]),
    ("Өткен жылы келді, келесі жылы кетеді.", ["Өткен жылы", "келесі жылы"]),
    ("2018 жылдың басынан бері рұқсат берілді", ["2018 жылдың басынан бері"]),
    ("әйелі екі жылдан бері қайта алмай отыр", ["екі жылдан бері"]),
    ("Ол сегіз айлық баласы мен төрт жастағы ұлын айтты", ["сегіз айлық", "төрт жастағы"]),
    ("Құрылыс 3 жыл созылды, тағы 10 күн қалды.", ["3 жыл", "10 күн"]),
    ("2020 жылғы 14 қыркүйекте сайлау өтті", ["2020 жылғы 14 қыркүйекте"]),
    ("Заң 14.09.2018 күшіне енді", ["14.09.2018"]),
    ("Бұл 1990-шы жылдары болды", ["1990-шы жылдары"]),
    ("бірнеше жылдан бері күтіп жүр", ["бірнеше жылдан бері"]),
    ("соңғы екі жылда өсті", ["соңғы екі жылда"]),
    ("Жоба 2025-ке дейін созылады", ["2025-ке дейін"]),
    ("екі мың он жетінші жылы басталды", ["екі мың он жетінші жылы"]),
    ("осыдан 5 жыл бұрын болған", ["5 жыл бұрын"]),
    ("Наурыздың 5-і мен 14-і аралығында жарыс өтеді", ["Наурыздың 5-і мен 14-і аралығында"]),
    ("Биыл қаңтар-мамыр айларында 45 мыңнан астам адам", ["Биыл қаңтар-мамыр айларында"]),
    ("Ол он жеті жасында әскерге кетті", ["он жеті жасында"]),
    ("Өткен аптада 40-тан аса азамат ұсталды", ["Өткен аптада"]),
    ("Оқиға 15 маусымда, сағат 14:30 шамасында болды", ["15 маусымда"]),
    # Latin look-alike letters inside Kazakh words (homoglyphs): Қыркүйектiң with a Latin i
    ("Қыркүйектiң 14-i Алматыда", ["Қыркүйектiң 14-i"]),
]

KK_NEGATIVE = [
    "Бірақ осы күнге дейін үнсіз отыр",  # fixed phrase "so far"
    "35 мыңға жуық қазақ мекендейді",  # a count
    "бір топ қазақ жиналды",
    "Маусымда ойыншылар жаттықты",  # маусым "season" alone is ambiguous
    "Екінші маусымда қатысушылар аспаптарды қолданады",
    "маусымда 6 адам келді",
    "Бұл спорт кешені ашылды",  # кешені "its complex", not кеше "yesterday"
    "жетпіс бес жылдығына арналған",  # an anniversary
    "200 айлық есептік көрсеткіш",  # a money unit
    "бір айта кететін жайт",
    "Ел Президенті Тамыз конференциясында сөйледі",  # a capitalised month mid-sentence: a name
    "Сағат 10:05 кезінде",
]


@pytest.mark.parametrize(("text", "phrases"), KK_CASES)
def test_kazakh_dates(rules, text, phrases):
    assert found(rules, text, "kk") == at(text, *phrases)


@pytest.mark.parametrize("text", KK_NEGATIVE)
def test_kazakh_non_dates(rules, text):
    assert found(rules, text, "kk") == []


# ----------------------------------------------------------------------------- English

EN_CASES = [
    ("On December 14, supporters gathered.", ["December 14"]),
    ("He has been missing since July 2021. We do not know", ["July 2021"]),
    ("He is married with a 3-year-old son", ["3-year-old"]),
    ("a two-year-old girl", ["two-year-old"]),
    ("the persecution, which began in 2017, has eased", ["2017"]),
    ("protesting for 310 days, said", ["310 days"]),
    ("06/27/2022, 10.01 Send to a friend", ["06/27/2022"]),
    ("after 500 days of public actions", ["500 days"]),
    ("over the past 500 days, authorities fined", ["the past 500 days"]),
    ("In recent months, there has been some outflow", ["recent months"]),
    ("picketing for more than a month over relatives", ["more than a month"]),
    ("told reporters on March 12 that", ["March 12"]),
    ("came one day after the embassy posted", ["one day"]),
    ("who fled China in April 2018 and", ["April 2018"]),
    ("It lasted two weeks. Five years ago it began.", ["two weeks", "Five years ago"]),
    ("14 December 2021 and the 14th of May, 2020", ["14 December 2021", "the 14th of May, 2020"]),
    ("yesterday, today, tomorrow", ["yesterday", "today", "tomorrow"]),
    ("last year and next month and this week", ["last year", "next month", "this week"]),
    ("Published 2022-06-27 at noon", ["2022-06-27"]),
    ("in the 1990s and mid-2017 and early 2018", ["the 1990s", "mid-2017", "early 2018"]),
    ("In May they left", ["May"]),
    ("On Tuesday, March 9, he left", ["Tuesday, March 9"]),
    ("from 2017 to 2019", ["2017", "2019"]),
    ("several years later", ["several years later"]),
    ("23/07/2020 09:55", ["23/07/2020"]),
    ("results are due in mid-October", ["mid-October"]),
    ("WHO said in its 2023 report", ["2023"]),
    ("released at the age of 62; she died aged 90", ["the age of 62", "aged 90"]),
    ("The vote is set for Sept. 30, 2023, in the capital", ["Sept. 30, 2023"]),
    ("drew 3.4 million spectators over 29 days", ["over 29 days"]),
    ("in the coming weeks", ["the coming weeks"]),
]

EN_NEGATIVE = [
    "Almaty: 500th day of protest",  # an ordinal
    "at 10:05 and 10.01 they met",  # clock times
    "It may be true; they march on.",
    "To date, the group has been fined.",
    "They gather every day.",  # a set (off by default)
    "the first and third Wednesdays of each month",
    "the Winter Olympics in Beijing",
    "Dozens of people came; 2000 people died.",
    "twice a day",
]


@pytest.mark.parametrize(("text", "phrases"), EN_CASES)
def test_english_dates(rules, text, phrases):
    assert found(rules, text, "en") == at(text, *phrases)


@pytest.mark.parametrize("text", EN_NEGATIVE)
def test_english_non_dates(rules, text):
    assert found(rules, text, "en") == []


def test_sets_are_proposed_only_when_enabled():
    text = "They gather every day."
    assert found(DateRules(sets=True), text, "en") == at(text, "every day")
    assert found(DateRules(), "жыл сайын өтеді", "kk") == []
    assert found(DateRules(sets=True), "жыл сайын өтеді", "kk") == at(
        "жыл сайын өтеді", "жыл сайын"
    )


# ----------------------------------------------------------------------------- component


def test_registered_and_configurable():
    comp = get_factory("rules.dates")(languages=["en"], score=0.5)
    doc = Document("t", "since July 2021", "en")
    (span,) = comp.propose(doc, [])
    assert (span.label, span.source, span.score) == ("DATE", "rules.dates", 0.5)
    assert comp.propose(Document("t", "Былтыр", "kk"), []) == []  # language not enabled


def test_unknown_language_and_empty_text(rules):
    assert rules.propose(Document("t", "December 14", "de"), []) == []
    assert rules.propose(Document("t", "December 14", None), []) == []
    assert rules.propose(Document("t", "", "en"), []) == []


def test_numeric_dates_follow_the_documents_day_first_dates(rules):
    text = "06/27/2022, 10.01\nSee also\nA\n01/06/2022 10:05\nB\n23/07/2020 09:55\n"
    doc = Document("t", text, "en", {"date": "2022-06-27"})
    spans = {s.text: s for s in rules.propose(doc, [])}
    assert set(spans) == {"06/27/2022", "01/06/2022", "23/07/2020"}
    # the ambiguous one takes the order of its nearest unambiguous neighbour (day first)
    assert spans["01/06/2022"].norm == {"value": "2022-06-01", "type": "date"}
    assert spans["06/27/2022"].norm == {}  # unambiguous: left to the normaliser


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("аәбқңөүіыж 0123456789-./,:ТМDMay Jan2017жыл")), max_size=80
    )
)
def test_offsets_property(text):
    for lang in ("kk", "en"):
        doc = Document("t", text, lang)
        for span in DateRules().propose(doc, []):
            assert span.text == doc.text[span.start : span.end]
            assert span.text and span.text == span.text.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_offsets_property_any_text(text):
    for lang in ("kk", "en"):
        doc = Document("t", text, lang)
        for span in DateRules().propose(doc, []):
            assert span.text == doc.text[span.start : span.end]


# ----------------------------------------------------------------------------- resources


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_month_names_agree_with_babel(lang):
    months = load_resource(f"{lang}/calendar.yaml")["months"]
    babel = {n: name.lower() for n, name in Locale(lang).months["format"]["wide"].items()}
    assert {v: k for k, v in months.items()} == babel


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_calendar_files_are_what_the_script_writes(lang):
    """calendar.yaml is generated from CLDR: committed and regenerated must agree."""
    spec = importlib.util.spec_from_file_location(
        "build_calendar_names", ROOT / "scripts" / "build_calendar_names.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = RESOURCE_DIR / lang / "calendar.yaml"
    assert path.read_text(encoding="utf-8") == module.calendar_yaml(lang)


def test_resource_words_are_strings():
    """YAML 1.1 turns bare no/yes/on/off into booleans: every listed word must stay a string."""

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                assert not isinstance(key, bool), where
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for item in node:
                assert not isinstance(item, bool), f"{where}: {item!r}"
                walk(item, where)

    for lang in ("kk", "en"):
        for name in ("calendar", "months", "dates", "counts"):
            path = RESOURCE_DIR / lang / f"{name}.yaml"
            walk(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    walk(yaml.safe_load((RESOURCE_DIR / "en" / "numbers.yaml").read_text()), "en/numbers")


# ----------------------------------------------------------------------------- gold set


def _gold_scores():
    dates, counts = DateRules(), CountRules()
    stats = {label: {"gold": 0, "pred": 0, "tp": 0, "norm": 0} for label in ("DATE", "COUNT")}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        doc = Document(rec["id"], rec["text"], rec["lang"], rec.get("meta") or {})
        spans = merge_spans(
            dates.propose(doc, []) + counts.propose(doc, []),
            "priority",
            ["rules.dates", "rules.counts"],
        )
        spans = normalise_spans(spans, doc.lang, doc.meta.get("date"), ["dates", "counts"])
        for label, st_ in stats.items():
            gold = {(e["start"], e["end"]): e for e in rec["entities"] if e["label"] == label}
            pred = {(s.start, s.end): s for s in spans if s.label == label}
            st_["gold"] += len(gold)
            st_["pred"] += len(pred)
            for key in gold.keys() & pred.keys():
                st_["tp"] += 1
                st_["norm"] += gold[key]["norm"] == pred[key].norm
    return stats


@pytest.mark.skipif(not GOLD.exists(), reason="no gold set")
def test_gold_set_span_recall_precision_and_norms():
    stats = _gold_scores()
    for label, norm_floor in (("DATE", 0.90), ("COUNT", 0.95)):
        s = stats[label]
        recall, precision = s["tp"] / s["gold"], s["tp"] / max(s["pred"], 1)
        assert recall >= 0.9, (label, s)
        assert precision >= 0.85, (label, s)
        assert s["norm"] / max(s["tp"], 1) >= norm_floor, (label, s)


# ----------------------------------------------------------------------------- held-out data

KAZNERD = (
    Path(__import__("os").environ.get("PIPELINE_SHARED", ROOT.parent / "shared"))
    / "kaznerd"
    / "IOB2_valid.txt"
)


def _kaznerd_sentences(path: Path):
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sent:
                yield sent
            sent = []
            continue
        word, _, tag = line.rpartition(" ")
        sent.append((word, tag))
    if sent:
        yield sent


@pytest.mark.shared
@pytest.mark.skipif(not KAZNERD.exists(), reason="../shared/kaznerd not available")
def test_kaznerd_held_out_overlap():
    """Rules never tuned on a sentence of it: DATE / CARDINAL mentions of KazNERD valid.

    KazNERD's boundaries differ from the gold scheme (it leaves бастап, күні, айында outside)
    and it marks bare бір and recurring sets, so the floors are on overlap, well below the
    measured values (DATE precision 0.997 / recall 0.86, COUNT precision 0.87 / recall 0.93).
    """
    dates, counts = DateRules(), CountRules()
    found = {"DATE": [0, 0, 0, 0], "COUNT": [0, 0, 0, 0]}  # gold, pred, pred hit, gold hit
    seen: set[str] = set()
    for sent in _kaznerd_sentences(KAZNERD):
        text, offs = "", []
        for word, _ in sent:
            text += " " if text else ""
            offs.append((len(text), len(text) + len(word)))
            text += word
        if text in seen:
            continue
        seen.add(text)
        gold: dict[str, list[tuple[int, int]]] = {"DATE": [], "COUNT": []}
        i = 0
        while i < len(sent):
            tag = sent[i][1]
            if tag.startswith("B-") and tag[2:] in ("DATE", "CARDINAL"):
                j = i + 1
                while j < len(sent) and sent[j][1] == "I-" + tag[2:]:
                    j += 1
                gold["DATE" if tag[2:] == "DATE" else "COUNT"].append((offs[i][0], offs[j - 1][1]))
                i = j
            else:
                i += 1
        doc = Document("k", text, "kk")
        spans = merge_spans(
            dates.propose(doc, []) + counts.propose(doc, []),
            "priority",
            ["rules.dates", "rules.counts"],
        )
        for label, f in found.items():
            pred = [(s.start, s.end) for s in spans if s.label == label]
            f[0] += len(gold[label])
            f[1] += len(pred)
            f[2] += sum(any(a < gb and ga < b for ga, gb in gold[label]) for a, b in pred)
            f[3] += sum(any(a < pb and pa < b for pa, pb in pred) for a, b in gold[label])
    for label, (p_floor, r_floor) in {"DATE": (0.95, 0.75), "COUNT": (0.8, 0.85)}.items():
        g, p, ph, gh = found[label]
        assert ph / p >= p_floor, (label, found[label])
        assert gh / g >= r_floor, (label, found[label])
