"""Cross-document, cross-lingual linking and its scores."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.annotations import read_annotated
from pipeline.cli import main
from pipeline.evaluation.linking import link_scores, score_linking
from pipeline.linking import clusters_of, fold, link
from pipeline.types import Document, Span


def test_bcubed_and_pairwise_hand_computed():
    gold = {("d", 0, 1): "X", ("d", 2, 3): "X", ("d", 4, 5): "X", ("d", 6, 7): "Y"}
    pred = {("d", 0, 1): "1", ("d", 2, 3): "1", ("d", 4, 5): "2", ("d", 6, 7): "2"}
    r = link_scores(gold, pred)
    assert r["bcubed"]["precision"] == pytest.approx(0.75)
    assert r["bcubed"]["recall"] == pytest.approx(2 / 3)
    assert r["pairwise"]["precision"] == pytest.approx(1 / 2)
    assert r["pairwise"]["recall"] == pytest.approx(1 / 3)
    assert (r["gold_clusters"], r["pred_clusters"]) == (2, 2)


def test_missing_prediction_is_a_singleton():
    gold = {("d", 0, 1): "X", ("d", 2, 3): "X"}
    r = link_scores(gold, {("d", 0, 1): "1"})
    assert r["pairwise"]["recall"] == 0.0
    assert r["bcubed"]["precision"] == 1.0


def doc(doc_id, lang, text, *spans):
    ents = []
    for surface, label, norm, *last in spans:
        start = text.rindex(surface) if last else text.index(surface)
        ents.append(Span.from_text(text, start, start + len(surface), label, norm=norm))
    return Document(doc_id, text, lang, {}, ents)


def P(name, latin):
    return {"name": name, "latin": latin}


DOCS = [
    doc(
        "kk1",
        "kk",
        "Рысбек Сәрсенбаев пен Гаухар Құрманәлиева Шыңжаңдағы туыстары туралы айтты. Қайрат Әбдірахманов.",
        ("Рысбек Сәрсенбаев", "PERSON", P("Рысбек Сәрсенбаев", "Rysbek Sarsenbayev")),
        ("Гаухар Құрманәлиева", "PERSON", P("Гаухар Құрманәлиева", "Gaukhar Kurmanaliyeva")),
        ("Шыңжаңдағы", "PLACE", P("Шыңжаң", "Xinjiang")),
        ("Қайрат Әбдірахманов", "PERSON", P("Қайрат Әбдірахманов", "Kairat Abdrakhmanov")),
    ),
    doc(
        "en1",
        "en",
        "Rysbek Sarsenbay and Gaukhar Kurmanalieva spoke about Xinjiang. Kairat Dauitkhan agreed. Sarsenbay left.",
        ("Rysbek Sarsenbay", "PERSON", P("Rysbek Sarsenbay", "Rysbek Sarsenbay")),
        ("Gaukhar Kurmanalieva", "PERSON", P("Gaukhar Kurmanalieva", "Gaukhar Kurmanalieva")),
        ("Xinjiang", "PLACE", P("Xinjiang", "Xinjiang")),
        ("Kairat Dauitkhan", "PERSON", P("Kairat Dauitkhan", "Kairat Dauitkhan")),
        ("Sarsenbay", "PERSON", P("Sarsenbay", "Sarsenbay"), "last"),
    ),
]


def test_cross_lingual_records_with_evidence():
    records = link(DOCS)
    by_latin = {r["name"]["latin"]: r for r in records}
    sars = (
        by_latin["Rysbek Sarsenbay"]
        if "Rysbek Sarsenbay" in by_latin
        else by_latin["Rysbek Sarsenbayev"]
    )
    assert sorted(m["doc"] for m in sars["mentions"]) == ["en1", "en1", "kk1"]
    assert sars["name"]["kk"] == "Рысбек Сәрсенбаев"
    reasons = {e["reason"] for e in sars["evidence"]}
    assert reasons == {"transliteration match", "surname of a full name in the same document"}
    xj = by_latin["Xinjiang"]
    assert xj["gazetteer_id"] == "cn-xinjiang"
    assert xj["name"] == {
        "kk": "Шыңжаң",
        "latin": "Xinjiang",
        "kk_from": "text",
        "latin_from": "gazetteer",
    }
    assert [e["reason"] for e in xj["evidence"]] == ["same gazetteer id"]
    gauk = [r for r in records if r["label"] == "PERSON" and "Gaukhar" in r["name"]["latin"]]
    assert len(gauk) == 1 and len(gauk[0]["mentions"]) == 2
    # two Kairats: a shared first name is not a link
    kairats = [r for r in records if r["name"]["latin"].startswith("Kairat")]
    assert len(kairats) == 2


def test_lone_surname_does_not_link_across_documents():
    a = doc("a", "en", "Karibai said.", ("Karibai", "PERSON", P("Karibai", "Karibai")))
    b = doc(
        "b",
        "en",
        "Mukhtar Karibai said.",
        ("Mukhtar Karibai", "PERSON", P("Mukhtar Karibai", "Mukhtar Karibai")),
    )
    assert len(link([a, b])) == 2


def test_folding_and_person_match():
    assert fold("Kurmanaliyeva") == fold("Kurmanalieva") == ["kurmanalieva"]
    assert fold("Sayragul") == fold("Sairagul")


def test_no_cyrillic_is_made_up_for_latin_only_entities(tmp_path):
    # the reproductions from the issue: these used to get 'Чинесе ембассй', 'Токтамураткйзй'
    text = "Gulnar Toktamuratkyzy went to the Chinese embassy. Reid Standish wrote."
    a = doc(
        "a",
        "en",
        text,
        ("Gulnar Toktamuratkyzy", "PERSON", P("Gulnar Toktamuratkyzy", "Gulnar Toktamuratkyzy")),
        ("Chinese embassy", "ORG", {"name": "Chinese embassy"}),
        ("Reid Standish", "PERSON", P("Reid Standish", "Reid Standish")),
    )
    records = link([a])
    assert [r["name"] for r in records] == [
        {"kk": None, "latin": latin, "kk_from": None, "latin_from": "text"}
        for latin in ("Gulnar Toktamuratkyzy", "Chinese embassy", "Reid Standish")
    ]
    assert all(r["transliterated"] == [] for r in records)
    # and through the command, into entities.jsonl
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        json.dumps({"id": "a", "lang": "en", "text": text, "entities": [
            s.to_dict() for s in a.entities
        ]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "entities.jsonl"
    assert main(["link", "--pred", str(pred), "--output", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert not re.search("[\u0400-\u04ff]", written)
    assert [json.loads(line)["name"]["kk"] for line in written.splitlines()] == [None] * 3


def test_transliterated_latin_forms_are_marked():
    text = "Көктерек ауылдық клубы хабарлады. Жансая Ахметова айтты. Шыңжаңда."
    a = doc(
        "a",
        "kk",
        text,
        ("Көктерек ауылдық клубы", "ORG", {"name": "Көктерек ауылдық клубы"}),
        ("Жансая Ахметова", "PERSON", P("Жансая Ахметова", "Zhansaya Akhmetova")),
        ("Шыңжаңда", "PLACE", P("Шыңжаң", "Xinjiang")),
    )
    org, person, place = link([a])
    # ORG norm has no Latin form: linking transliterates the Kazakh one, and says so
    assert org["name"] == {
        "kk": "Көктерек ауылдық клубы",
        "latin": "Kokterek auyldyk kluby",
        "kk_from": "text",
        "latin_from": "transliteration",
    }
    assert org["transliterated"] == ["latin"]
    assert person["name"]["latin_from"] == "transliteration"
    assert person["transliterated"] == ["latin"]
    # a gazetteer place has its usual English name, not a transliteration (Shynzhang)
    assert place["name"] == {
        "kk": "Шыңжаң",
        "latin": "Xinjiang",
        "kk_from": "text",
        "latin_from": "gazetteer",
    }
    assert place["transliterated"] == []
    # a known person's conventional spelling (the normaliser's name list) is no transliteration
    b = doc(
        "b",
        "kk",
        "Рысбек Сәрсенбаев айтты.",
        ("Рысбек Сәрсенбаев", "PERSON", P("Рысбек Сәрсенбаев", "Rysbek Sarsenbay")),
    )
    (known,) = link([b])
    assert known["name"]["latin_from"] == "name list" and known["transliterated"] == []


def test_gold_linking_scores(repo_root, tmp_path):
    gold = read_annotated(repo_root / "annotations" / "gold.jsonl")
    records = link(gold)
    scores = score_linking(gold, records)
    assert scores["pairwise"]["f1"] >= 0.9, scores
    mentions = clusters_of(records)
    # Шыңжаң and Xinjiang, Рысбек Сәрсенбаев and Rysbek Sarsenbay are each one record
    ids = {}
    for d in gold:
        for s in d.entities:
            if s.cluster in (
                "place:xinjiang",
                "person:rysbek-sarsenbay",
                "person:gaukhar-kurmanalieva",
            ):
                ids.setdefault(s.cluster, set()).add(mentions[(d.id, s.start, s.end)])
    assert all(len(v) == 1 for v in ids.values()), ids
    out = tmp_path / "entities.jsonl"
    assert (
        main(
            ["link", "--pred", str(repo_root / "annotations" / "gold.jsonl"), "--output", str(out)]
        )
        == 0
    )
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(records)
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["mentions"]
