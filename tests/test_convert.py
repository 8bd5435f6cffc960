"""Conversions between project JSONL, CoNLL IOB2, spaCy DocBin, Label Studio and doccano."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.training.formats import (
    FORMATS,
    iter_conll,
    read_docs,
    read_labelstudio,
    write_docs,
)
from pipeline.types import Document, Span

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
KAZNERD = SHARED / "kaznerd" / "IOB2_valid.txt"
EXT = {
    "jsonl": "jsonl",
    "conll": "conll",
    "docbin": "spacy",
    "labelstudio": "json",
    "doccano": "jsonl",
    "prodigy": "jsonl",
    "datasets": "hf",  # a directory
}


def _doc(did: str, lang: str, text: str, ents: list[tuple], meta: dict | None = None) -> Document:
    """Spans from (surface, label[, norm[, cluster]]) in text order."""
    spans = []
    pos = 0
    for s, label, *extra in ents:
        start = text.index(s, pos)
        span = Span.from_text(text, start, start + len(s), label, norm=extra[0] if extra else None)
        span.cluster = extra[1] if len(extra) > 1 else None
        spans.append(span)
        pos = start + len(s)
    return Document(did, text, lang, meta or {}, spans)


DOCS = [
    _doc(
        "000_kk",
        "kk",
        "Қыркүйектің 14-і Алматыда Қытайдың Тарбағатай аймағы БҰҰ-ның адам құқығын қорғау "
        "комитетінен араша сұрады.\nЖиынды ұйымдастырушылардың бірі Әбілхайыр Төлеуханның "
        'айтуынша, 35 мыңға жуық қазақ "саяси лагерьге" кетті\n\n  Азаттық  хабарлады. ',
        [
            ("Қыркүйектің 14-і", "DATE", {"value": "2018-09-14", "type": "date"}),
            ("Алматыда", "PLACE", {"name": "Алматы", "latin": "Almaty"}, "place:almaty"),
            ("Қытайдың", "PLACE"),
            ("Тарбағатай аймағы", "PLACE"),
            ("БҰҰ-ның адам құқығын қорғау комитетінен", "ORG"),
            ("бірі", "COUNT"),
            ("Әбілхайыр Төлеуханның", "PERSON"),
            ("35 мыңға жуық", "COUNT"),
            ("Азаттық", "ORG"),
        ],
        {"date": "2018-09-14"},
    ),
    _doc(
        "003_en",
        "en",
        "On December 14, R. Sarsenbay told RFE/RL that 5 to 6 people 😀 left Xinjiang.\n"
        "Thousands\tremain in Central Asia since July 2021.",
        [
            ("December 14", "DATE"),
            ("R. Sarsenbay", "PERSON", {}, "person:rysbek-sarsenbay"),
            ("RFE/RL", "ORG"),
            ("5 to 6", "COUNT"),
            ("Xinjiang", "PLACE"),
            ("Thousands", "COUNT"),
            ("Central Asia", "PLACE"),
            ("July 2021", "DATE"),
        ],
        {"date": None},
    ),
    _doc("empty", "en", "Nothing to see here.", []),
]


def _key(docs: list[Document]) -> list[tuple]:
    return [
        (
            d.id,
            d.lang,
            d.text,
            d.meta,
            [(s.start, s.end, s.label, s.text, s.norm, s.cluster) for s in d.entities],
        )
        for d in docs
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_text_exact_spans_norms_and_clusters(tmp_path, fmt):
    path = tmp_path / f"docs.{EXT[fmt]}"
    write_docs(DOCS, path, fmt)
    back = read_docs(path, fmt)
    assert _key(back) == _key(DOCS)
    assert back[0].entities[1].norm == {"name": "Алматы", "latin": "Almaty"}
    assert back[0].entities[1].cluster == "place:almaty"
    for d in back:
        assert all(d.text[s.start : s.end] == s.text for s in d.entities)


@pytest.mark.parametrize(("src", "dst"), list(itertools.permutations(FORMATS, 2)))
def test_cli_convert_between_every_pair(tmp_path, src, dst, capsys):
    a = tmp_path / f"a.{EXT[src]}"
    b = tmp_path / f"b.{EXT[dst]}"
    c = tmp_path / "c.jsonl"
    write_docs(DOCS, a, src)
    assert main(["convert", "--from", src, "--to", dst, str(a), str(b)]) == 0
    assert main(["convert", "--from", dst, "--to", "jsonl", str(b), str(c)]) == 0
    assert _key(read_docs(c, "jsonl")) == _key(DOCS)
    assert "converted 3 documents (17 entities)" in capsys.readouterr().out


def test_conll_output_is_iob2_token_lines(tmp_path):
    path = tmp_path / "d.conll"
    write_docs(DOCS[:1], path, "conll")
    sents = list(iter_conll(path))
    assert sents[0].comments["newdoc"] == "000_kk"
    assert sents[0].tokens[:5] == ["Қыркүйектің", "14-і", "Алматыда", "Қытайдың", "Тарбағатай"]
    assert sents[0].tags[:6] == ["B-DATE", "I-DATE", "B-PLACE", "B-PLACE", "B-PLACE", "I-PLACE"]
    assert [len(s.tokens) for s in sents][2] == 0  # the blank line is kept as an empty sentence


def test_conll_without_text_comments_joins_tokens(tmp_path):
    path = tmp_path / "k.txt"
    path.write_text(
        "Алматыда B-GPE\nжиын O\n. O\n\nРысбек B-PERSON\nСәрсенбаев I-PERSON\n", encoding="utf-8"
    )
    out = tmp_path / "k.jsonl"
    assert (
        main(
            [
                "convert",
                "--from",
                "conll",
                "--to",
                "jsonl",
                "--label-map",
                "kaznerd",
                "--lang",
                "kk",
                str(path),
                str(out),
            ]
        )
        == 0
    )
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in recs] == ["Алматыда жиын .", "Рысбек Сәрсенбаев"]
    assert recs[0]["entities"] == [{"start": 0, "end": 8, "label": "PLACE", "text": "Алматыда"}]
    assert recs[1]["entities"] == [
        {"start": 0, "end": 17, "label": "PERSON", "text": "Рысбек Сәрсенбаев"}
    ]
    assert recs[0]["lang"] == "kk"


def test_label_studio_utf16_offsets_are_fixed(tmp_path):
    text = "😀 Алматыда"
    path = tmp_path / "ls.json"
    task = {
        "data": {"text": text},
        "annotations": [
            {
                "result": [
                    {"value": {"start": 3, "end": 11, "text": "Алматыда", "labels": ["PLACE"]}}
                ]
            }
        ],
    }
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    (doc,) = read_labelstudio(path)
    assert (doc.entities[0].start, doc.entities[0].end) == (2, 10)


def test_unknown_format_is_a_clear_error(tmp_path, capsys):
    a = tmp_path / "a.jsonl"
    write_docs(DOCS, a, "jsonl")
    assert main(["convert", "--from", "jsonl", "--to", "brat", str(a), str(tmp_path / "b")]) == 2
    assert "unknown format 'brat'" in capsys.readouterr().err


@pytest.mark.shared
@pytest.mark.skipif(
    not KAZNERD.is_file(),
    reason="KazNERD not found at ../shared/kaznerd (training data is not committed)",
)
def test_kaznerd_sample_through_label_studio_keeps_tokens_and_tags(tmp_path):
    lines = KAZNERD.read_text(encoding="utf-8").split("\n\n")[:300]
    sample = tmp_path / "sample.txt"
    sample.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    ls = tmp_path / "ls.json"
    back = tmp_path / "back.conll"
    assert (
        main(
            [
                "convert",
                "--from",
                "conll",
                "--to",
                "labelstudio",
                "--lang",
                "kk",
                str(sample),
                str(ls),
            ]
        )
        == 0
    )
    assert main(["convert", "--from", "labelstudio", "--to", "conll", str(ls), str(back)]) == 0
    orig = [(s.tokens, s.tags) for s in iter_conll(sample)]
    again = [(s.tokens, s.tags) for s in iter_conll(back)]
    # Tokens come back from the project tokenizer: where it agrees with KazNERD's
    # tokenization (almost everywhere), tokens and tags are identical.
    same = sum(a == b for a, b in zip(orig, again, strict=True))
    assert same >= 0.97 * len(orig)
    chars = [
        (d.text, [(s.start, s.end, s.label) for s in d.entities])
        for d in read_docs(sample, "conll")
    ]
    chars2 = [
        (d.text, [(s.start, s.end, s.label) for s in d.entities])
        for d in read_docs(ls, "labelstudio")
    ]
    assert {d.lang for d in read_docs(ls, "labelstudio")} == {"kk"}
    assert chars == chars2


# --------------------------------------------------------------------------- what convert fixes


def _ls_task(text: str, spans: list[tuple[str, str]], **data) -> dict:
    result = []
    for surface, label in spans:
        start = text.index(surface)
        value = {"start": start, "end": start + len(surface), "text": surface, "labels": [label]}
        result.append({"value": value, "from_name": "label", "to_name": "text", "type": "labels"})
    return {"data": {"text": text, **data}, "annotations": [{"result": result}]}


def test_overlapping_spans_keep_the_longer_and_say_so(tmp_path, capsys):
    # the reproduction: an export with nested spans crashed `--to docbin` with spaCy's E1010
    text = "Қытайдың Тарбағатай аймағы Алматыда."
    ls = tmp_path / "export.json"
    task = _ls_task(
        text,
        [("Тарбағатай аймағы", "PLACE"), ("Тарбағатай", "PLACE"), ("Алматыда", "PLACE")],
        id="t7",
    )
    ls.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.spacy"
    assert main(["convert", "--from", "labelstudio", "--to", "docbin", str(ls), str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"warning: {ls}, id=t7, field '[0]': span [9,19) 'Тарбағатай' PLACE overlaps "
        "[9,26) 'Тарбағатай аймағы' PLACE: kept the longer, dropped it"
    ]
    assert "1 overlapping spans dropped (the longer kept)" in captured.out
    (doc,) = read_docs(out, "docbin")
    assert [(s.start, s.end, s.text) for s in doc.entities] == [
        (9, 26, "Тарбағатай аймағы"),
        (27, 35, "Алматыда"),
    ]
    # doccano has lines: the message names the line
    dc = tmp_path / "dc.jsonl"
    dc.write_text(
        json.dumps({"text": "x"}) + "\n"
        + json.dumps({"id": 5, "text": text, "label": [[9, 26, "PLACE"], [20, 35, "PLACE"]]},
                     ensure_ascii=False) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    assert (
        main(["convert", "--from", "doccano", "--to", "conll", str(dc), str(tmp_path / "c")]) == 0
    )
    err = capsys.readouterr().err
    assert f"warning: {dc}:2, id=5: span [20,35) 'аймағы Алматыда' PLACE overlaps [9,26)" in err


def test_label_map_keeps_only_project_labels(tmp_path, capsys):
    conll = tmp_path / "k.txt"
    conll.write_text(
        "Алматыда B-GPE\n5 B-MONEY\nтеңге I-MONEY\nқазақ B-NORP\nРысбек B-PERSON\n"
        "жиналды O\n\n1990 B-DATE\nжылы I-DATE\n3 B-CARDINAL\nадам O\nБҰҰ B-ORGANISATION\n",
        encoding="utf-8",
    )
    out = tmp_path / "k.jsonl"
    args = ["convert", "--from", "conll", "--to", "jsonl", "--label-map", "kaznerd"]
    assert main([*args, "--lang", "kk", str(conll), str(out)]) == 0
    summary = capsys.readouterr().out
    assert "2 entities with non-project labels dropped (MONEY 1, NORP 1)" in summary
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [[(e["text"], e["label"]) for e in r["entities"]] for r in recs] == [
        [("Алматыда", "PLACE"), ("Рысбек", "PERSON")],
        [("1990 жылы", "DATE"), ("3", "COUNT"), ("БҰҰ", "ORG")],
    ]
    # converted annotations have no norm yet: validate them as annotations only
    assert main(["validate", str(out)]) == 1
    assert "field 'norm' missing" in capsys.readouterr().out
    assert main(["validate", "--annotations-only", str(out)]) == 0
    # a norm that is given is still checked
    recs[1]["entities"][0]["norm"] = {"value": "in 1990"}
    out.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", "utf-8")
    assert main(["validate", "--annotations-only", str(out)]) == 1
    assert "norm.value 'in 1990' is not a TIMEX3 value for DATE" in capsys.readouterr().out


def test_records_get_a_language_detected_or_given(tmp_path, capsys):
    ls = tmp_path / "export.json"
    tasks = [
        _ls_task("Кеше Алматыда 300 адам наразылық білдірді.", [("Алматыда", "PLACE")], id="kk1"),
        _ls_task("Thousands gathered in Almaty on Monday.", [("Almaty", "PLACE")], id="en1"),
        _ls_task("2019 — 300", [], id="digits"),
        _ls_task("Вчера в Алматы собрались люди.", [], id="ru1"),
    ]
    ls.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["convert", "--from", "labelstudio", "--to", "jsonl", str(ls), str(out)]) == 0
    captured = capsys.readouterr()
    langs = [json.loads(line)["lang"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert langs == ["kk", "en", None, None]
    assert captured.err.splitlines() == [
        f"warning: {ls}, id=digits, field '[2]': no lang (none detected): "
        "give --lang or set lang in the data",
        f"warning: {ls}, id=ru1, field '[3]': no lang (the text reads as ru): "
        "give --lang or set lang in the data",
    ]
    assert "lang detected for 2 (en 1, kk 1); 2 records without a language" in captured.out
    # --lang is the user's word for records without one; a disagreement is reported
    assert main(["convert", "--from", "labelstudio", "--to", "jsonl", "--lang", "kk", str(ls),
                 str(out)]) == 0  # fmt: skip
    captured = capsys.readouterr()
    langs = [json.loads(line)["lang"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert langs == ["kk", "kk", "kk", "kk"]
    assert captured.err.splitlines() == [
        f"warning: {ls}, id=en1, field '[1]': lang set to kk (--lang), but the text reads as en"
    ]


# --------------------------------------------------------------------------- Prodigy, datasets


def test_prodigy_tasks_have_tokens_and_token_indices(tmp_path):
    path = tmp_path / "p.jsonl"
    write_docs(DOCS[:1], path, "prodigy")
    task = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert task["id"] == "000_kk" and task["answer"] == "accept" and task["lang"] == "kk"
    place = task["spans"][1]
    assert (place["start"], place["end"], place["label"]) == (17, 25, "PLACE")
    assert task["tokens"][place["token_start"]]["text"] == "Алматыда"
    assert place["token_start"] == place["token_end"] == 2
    assert place["norm"] == {"name": "Алматы", "latin": "Almaty"}
    assert task["tokens"][0] == {"text": "Қыркүйектің", "start": 0, "end": 11, "id": 0, "ws": True}


def test_prodigy_export_token_spans_and_rejected_answers(tmp_path, caplog):
    text = "Rysbek Sarsenbay spoke in Almaty."
    tokens = [
        {"text": t, "start": text.index(t), "end": text.index(t) + len(t), "id": i}
        for i, t in enumerate(["Rysbek", "Sarsenbay", "spoke", "in", "Almaty", "."])
    ]
    lines = [
        # spans given by token indices only, as some recipes write them
        {"text": text, "tokens": tokens, "meta": {"id": "m1"},
         "spans": [{"token_start": 0, "token_end": 1, "label": "PERSON"},
                   {"start": 26, "end": 32, "label": "PLACE"}], "answer": "accept"},
        {"text": "Rejected.", "spans": [], "answer": "reject"},
        {"text": "No answer field.", "spans": []},
    ]  # fmt: skip
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    caplog.set_level("WARNING")
    docs = read_docs(path, "prodigy")
    assert [d.id for d in docs] == ["m1", "export:3"]
    assert [(s.text, s.label) for s in docs[0].entities] == [
        ("Rysbek Sarsenbay", "PERSON"),
        ("Almaty", "PLACE"),
    ]
    assert "left out 1 tasks answered reject" in caplog.text
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "b", "text": "abc", "spans": [{"start": 1, "end": 9,
                   "label": "ORG"}]}) + "\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(InputError, match=r"bad.jsonl:1, id=b, field 'spans\[0\]': span \[1, 9\)"):
        read_docs(bad, "prodigy")


def test_datasets_dict_has_class_label_tags(tmp_path):
    from datasets import ClassLabel, load_from_disk

    out = tmp_path / "hf"
    assert main(["convert", "--from", "jsonl", "--to", "datasets", str(_jsonl(tmp_path)), str(out)]) == 0  # fmt: skip
    data = load_from_disk(str(out))
    assert list(data) == ["train"]
    ds = data["train"]
    feature = ds.features["ner_tags"].feature
    assert isinstance(feature, ClassLabel)
    assert feature.names[:5] == ["O", "B-PERSON", "I-PERSON", "B-PLACE", "I-PLACE"]
    row = ds[0]
    assert row["id"] == "000_kk:0" and row["tokens"][:3] == ["Қыркүйектің", "14-і", "Алматыда"]
    assert [feature.names[i] for i in row["ner_tags"][:4]] == ["B-DATE", "I-DATE", "B-PLACE", "B-PLACE"]  # fmt: skip
    # an existing directory that is not a saved dataset is not overwritten
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep", encoding="utf-8")
    assert main(["convert", "--from", "jsonl", "--to", "datasets", str(_jsonl(tmp_path)), str(other)]) == 2  # fmt: skip
    assert (other / "notes.txt").read_text(encoding="utf-8") == "keep"


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    write_docs(DOCS, path, "jsonl")
    return path


def test_foreign_datasets_dict_reads_every_split(tmp_path):
    # the shape of conll2003 & co.: ids, tokens, integer ClassLabel tags, no text
    from datasets import ClassLabel, Dataset, DatasetDict, Features, List, Value

    names = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
    features = Features(
        {"id": Value("string"), "tokens": List(Value("string")),
         "ner_tags": List(ClassLabel(names=names))}
    )  # fmt: skip

    def split(rows):
        return Dataset.from_dict(
            {"id": [r[0] for r in rows], "tokens": [r[1] for r in rows],
             "ner_tags": [r[2] for r in rows]}, features=features,
        )  # fmt: skip

    DatasetDict(
        {
            "test": split([("t0", ["Astana", "."], [3, 0])]),
            "train": split([("a0", ["Rysbek", "Sarsenbay", "spoke", "."], [1, 2, 0, 0])]),
        }
    ).save_to_disk(str(tmp_path / "foreign"))
    docs = read_docs(tmp_path / "foreign", "datasets")
    assert [(d.id, d.text) for d in docs] == [
        ("a0", "Rysbek Sarsenbay spoke ."),
        ("t0", "Astana ."),
    ]
    assert [(s.text, s.label) for d in docs for s in d.entities] == [
        ("Rysbek Sarsenbay", "PER"),
        ("Astana", "LOC"),
    ]
    # and through convert with a label map, into the project's labels
    out = tmp_path / "out.jsonl"
    assert main(["convert", "--from", "hf", "--to", "jsonl", "--label-map", "uner", "--lang", "en",
                 str(tmp_path / "foreign"), str(out)]) == 0  # fmt: skip
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [e["label"] for r in recs for e in r["entities"]] == ["PERSON", "PLACE"]
