"""Training sources -> datasets.Dataset: every format, label maps, deterministic splits."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pipeline.errors import ConfigError, InputError
from pipeline.iob import iob2_names
from pipeline.training.config import parse_train_config
from pipeline.training.formats import write_docbin
from pipeline.training.sources import (
    KAZNERD_LABEL_MAP,
    UNER_LABEL_MAP,
    SourceSpec,
    assign_splits,
    dataset_tags,
    load_source_rows,
    load_sources,
    rows_to_dataset,
    split_dataset,
)
from pipeline.types import Document, Span

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
KAZNERD = SHARED / "kaznerd" / "IOB2_valid.txt"
UNER = SHARED / "uner_en" / "en_ewt-ud-dev.iob2"

KK_TEXT = "Қыркүйектің 14-і Алматыда БҰҰ-ның өкілі келді.\nЕкінші жол: «Азаттық» 35 мыңға жуық!"


def _kk_entities(text: str) -> list[dict]:
    def ent(s: str, label: str) -> dict:
        start = text.index(s)
        return {"start": start, "end": start + len(s), "label": label, "text": s}

    return [
        ent("Қыркүйектің 14-і", "DATE"),
        ent("Алматыда", "PLACE"),
        ent("БҰҰ-ның", "ORG"),
        ent("Азаттық", "ORG"),
        ent("35 мыңға жуық", "COUNT"),
    ]


KK_LINE1 = (
    ["Қыркүйектің", "14-і", "Алматыда", "БҰҰ-ның", "өкілі", "келді", "."],
    ["B-DATE", "I-DATE", "B-PLACE", "B-ORG", "O", "O", "O"],
)
KK_LINE2 = (
    ["Екінші", "жол", ":", "«", "Азаттық", "»", "35", "мыңға", "жуық", "!"],
    ["O", "O", "O", "O", "B-ORG", "O", "B-COUNT", "I-COUNT", "I-COUNT", "O"],
)


def _rows(ds) -> list[tuple[list[str], list[str]]]:
    return list(zip(ds["tokens"], dataset_tags(ds), strict=True))


def test_class_label_names_are_iob2_over_project_labels():
    assert iob2_names() == [
        "O",
        "B-PERSON",
        "I-PERSON",
        "B-PLACE",
        "I-PLACE",
        "B-DATE",
        "I-DATE",
        "B-COUNT",
        "I-COUNT",
        "B-ORG",
        "I-ORG",
    ]


def test_project_jsonl_tokenized_by_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    rec = {"id": "d1", "lang": "kk", "text": KK_TEXT, "meta": {}, "entities": _kk_entities(KK_TEXT)}
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    ds, summaries = load_sources([SourceSpec(str(path), "jsonl", name="gold")])
    assert set(ds.column_names) >= {"id", "tokens", "ner_tags", "lang"}
    assert ds.features["ner_tags"].feature.names == iob2_names()
    assert _rows(ds) == [KK_LINE1, KK_LINE2]
    assert ds["id"] == ["d1:0", "d1:1"]
    assert ds["lang"] == ["kk", "kk"]
    assert ds["doc_id"] == ["d1", "d1"]
    assert summaries[0]["entities"] == {"COUNT": 1, "DATE": 1, "ORG": 2, "PLACE": 1}
    whole = load_sources([SourceSpec(str(path), "jsonl", name="gold", segment="document")])[0]
    assert whole["tokens"] == [KK_LINE1[0] + KK_LINE2[0]]


def test_jsonl_language_filter_and_labels_subset(tmp_path):
    path = tmp_path / "gold.jsonl"
    recs = [
        {"id": "k", "lang": "kk", "text": KK_TEXT, "entities": _kk_entities(KK_TEXT)},
        {"id": "e", "lang": "en", "text": "Xi Jinping visited Almaty.", "entities": []},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    ds, _ = load_sources([SourceSpec(str(path), "jsonl", lang="kk")], labels=["PLACE", "DATE"])
    assert ds["doc_id"] == ["k", "k"]
    assert dataset_tags(ds)[0] == ["B-DATE", "I-DATE", "B-PLACE", "O", "O", "O", "O"]
    assert ds.features["ner_tags"].feature.names == ["O", "B-PLACE", "I-PLACE", "B-DATE", "I-DATE"]


def test_span_inside_a_token_splits_the_token(tmp_path):
    path = tmp_path / "d.jsonl"
    text = "Алматыдағы жиын"
    path.write_text(
        json.dumps({"text": text, "label": [[0, 6, "PLACE"]]}, ensure_ascii=False), encoding="utf-8"
    )
    ds, _ = load_sources([SourceSpec(str(path), "doccano", lang="kk")])
    assert _rows(ds) == [(["Алматы", "дағы", "жиын"], ["B-PLACE", "O", "O"])]


def test_conll_kaznerd_layout_with_label_map(tmp_path):
    path = tmp_path / "kaznerd.txt"
    path.write_text(
        "Әрі O\n« O\nҚара B-ART\nсөздерінің I-ART\n» O\n\n"
        "Алматыда B-GPE\nҚытай B-GPE\nШыңжаң B-LOCATION\nаймағы I-LOCATION\n"
        "14 B-CARDINAL\nадам O\nНазарбаев B-PERSON\nI-тен I-GPE\n2017 B-DATE\nжылы I-DATE\n"
        "ҚР B-ORGANISATION\n. O\n",
        encoding="utf-8",
    )
    ds, summaries = load_sources(
        [SourceSpec(str(path), "conll", name="kaznerd", lang="kk", label_map=KAZNERD_LABEL_MAP)]
    )
    assert _rows(ds) == [
        (["Әрі", "«", "Қара", "сөздерінің", "»"], ["O"] * 5),
        (
            [
                "Алматыда",
                "Қытай",
                "Шыңжаң",
                "аймағы",
                "14",
                "адам",
                "Назарбаев",
                "I-тен",
                "2017",
                "жылы",
                "ҚР",
                ".",
            ],
            [
                "B-PLACE",
                "B-PLACE",  # two adjacent entities stay two after mapping
                "B-PLACE",
                "I-PLACE",
                "B-COUNT",
                "O",
                "B-PERSON",
                "B-PLACE",  # a stray I- opens an entity (IOB2 repair)
                "B-DATE",
                "I-DATE",
                "B-ORG",
                "O",
            ],
        ),
    ]
    assert ds["id"] == ["kaznerd:0", "kaznerd:1"]
    assert summaries[0]["label_mapping"]["ART->O"] == 1
    assert summaries[0]["label_mapping"]["LOCATION->PLACE"] == 1


def test_conll_uner_layout(tmp_path):
    path = tmp_path / "uner.iob2"
    path.write_text(
        "# newdoc id = doc-a\n# sent_id = a-1\n# text = where in tampa bay ?\n"
        "1\twhere\tO\t-\t-\n2\tin\tO\t-\t-\n3\ttampa\tB-LOC\t-\tx\n4\tbay\tI-LOC\t-\tx\n5\t?\tO\t-\t-\n\n"
        "# sent_id = a-2\n# text = Bob works at Acme .\n"
        "1\tBob\tB-PER\t-\tx\n2\tworks\tO\t-\t-\n3\tat\tO\t-\t-\n4\tAcme\tB-ORG\t-\tx\n5\t.\tO\t-\t-\n\n"
        "# newdoc id = doc-b\n# sent_id = b-1\n# text = # Paris\n1\t#\tO\t-\t-\n2\tParis\tB-MISC\t-\t-\n",
        encoding="utf-8",
    )
    ds, _ = load_sources(
        [SourceSpec(str(path), "conll", name="uner", lang="en", label_map=UNER_LABEL_MAP)]
    )
    assert _rows(ds) == [
        (["where", "in", "tampa", "bay", "?"], ["O", "O", "B-PLACE", "I-PLACE", "O"]),
        (["Bob", "works", "at", "Acme", "."], ["B-PERSON", "O", "O", "B-ORG", "O"]),
        (["#", "Paris"], ["O", "O"]),
    ]
    assert ds["id"] == ["a-1", "a-2", "b-1"]
    assert ds["doc_id"] == ["doc-a", "doc-a", "doc-b"]
    assert ds["lang"] == ["en"] * 3


def test_conll_docstart_lines_break_documents(tmp_path):
    # wikigold / CoNLL-2003 layout: -DOCSTART- between articles, none before the first
    path = tmp_path / "wiki.iob2"
    path.write_text(
        "Leeds\tB-ORG\nwon\tO\n\nPugh\tB-PER\nscored\tO\n\n-DOCSTART-\tO\n\n"
        "Paris\tB-LOC\n.\tO\n\nJazz\tB-MISC\n\n-DOCSTART-\tO\n\nAcme\tB-ORG\n",
        encoding="utf-8",
    )
    label_map = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORG", "MISC": None}
    ds, summaries = load_sources(
        [SourceSpec(str(path), "conll", name="wiki", lang="en", label_map=label_map)]
    )
    assert _rows(ds) == [
        (["Leeds", "won"], ["B-ORG", "O"]),
        (["Pugh", "scored"], ["B-PERSON", "O"]),
        (["Paris", "."], ["B-PLACE", "O"]),
        (["Jazz"], ["O"]),
        (["Acme"], ["B-ORG"]),
    ]
    assert ds["doc_id"] == ["wiki:0", "wiki:0", "wiki:2", "wiki:2", "wiki:4"]
    assert summaries[0]["documents"] == 3
    # whole documents go to one split
    parts = assign_splits(ds, seed=1, heldout=0.34)
    assert parts[0] == parts[1] and parts[2] == parts[3]


def _label_studio_export(path: Path) -> None:
    text1 = "Рысбек Сәрсенбаев Алматыда сөйледі."
    text2 = "Еркін Рақышев келді."
    tasks = [
        {
            "id": 7,
            "data": {"text": text1},
            "annotations": [
                {"was_cancelled": True, "result": []},
                {
                    "result": [
                        {
                            "from_name": "label",
                            "to_name": "text",
                            "type": "labels",
                            "value": {
                                "start": 0,
                                "end": 17,
                                "text": "Рысбек Сәрсенбаев",
                                "labels": ["PER"],
                            },
                        },
                        {
                            "type": "labels",
                            "value": {
                                "start": 18,
                                "end": 26,
                                "text": "Алматыда",
                                "labels": ["LOC"],
                            },
                        },
                    ]
                },
            ],
        },
        {"id": 8, "data": {"text": text2}, "annotations": []},  # not annotated yet: skipped
        {
            "id": 9,
            "data": {"text": text2},
            "annotations": [
                {
                    "result": [
                        {
                            "value": {
                                "start": 0,
                                "end": 13,
                                "text": "Еркін Рақышев",
                                "labels": ["PER"],
                            }
                        }
                    ]
                }
            ],
        },
    ]
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")


def test_label_studio_export(tmp_path):
    path = tmp_path / "export.json"
    _label_studio_export(path)
    ds, _ = load_sources(
        [
            SourceSpec(
                str(path), "labelstudio", lang="kk", label_map={"PER": "PERSON", "LOC": "PLACE"}
            )
        ]
    )
    assert _rows(ds) == [
        (
            ["Рысбек", "Сәрсенбаев", "Алматыда", "сөйледі", "."],
            ["B-PERSON", "I-PERSON", "B-PLACE", "O", "O"],
        ),
        (["Еркін", "Рақышев", "келді", "."], ["B-PERSON", "I-PERSON", "O", "O"]),
    ]
    assert ds["doc_id"] == ["7", "9"]


def test_label_studio_bad_offsets_name_the_result(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            [
                {
                    "data": {"text": "Алматы"},
                    "annotations": [
                        {
                            "result": [
                                {"value": {"start": 1, "end": 3, "text": "Ал", "labels": ["PLACE"]}}
                            ]
                        }
                    ],
                }
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"result\[0\]"):
        load_source_rows(SourceSpec(str(path), "labelstudio", lang="kk"))


def test_doccano_both_layouts(tmp_path):
    path = tmp_path / "doccano.jsonl"
    t1 = "Xi Jinping visited Almaty."
    t2 = "Thousands left Xinjiang."
    path.write_text(
        json.dumps({"id": 1, "text": t1, "label": [[0, 10, "PERSON"], [19, 25, "PLACE"]]})
        + "\n"
        + json.dumps(
            {
                "text": t2,
                "entities": [
                    {"start_offset": 0, "end_offset": 9, "label": "COUNT"},
                    {"start_offset": 15, "end_offset": 23, "label": "PLACE"},
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    ds, _ = load_sources([SourceSpec(str(path), "doccano", lang="en")])
    assert _rows(ds) == [
        (
            ["Xi", "Jinping", "visited", "Almaty", "."],
            ["B-PERSON", "I-PERSON", "O", "B-PLACE", "O"],
        ),
        (["Thousands", "left", "Xinjiang", "."], ["B-COUNT", "O", "B-PLACE", "O"]),
    ]
    assert ds["lang"] == ["en", "en"]


def test_docbin_source(tmp_path):
    text = "Xi Jinping visited Almaty."
    doc = Document(
        "x",
        text,
        "en",
        {},
        [Span.from_text(text, 0, 10, "PERSON"), Span.from_text(text, 19, 25, "PLACE")],
    )
    path = tmp_path / "train.spacy"
    write_docbin([doc], path)
    ds, _ = load_sources([SourceSpec(str(path), "docbin", lang="en")])
    assert _rows(ds) == [
        (["Xi", "Jinping", "visited", "Almaty", "."], ["B-PERSON", "I-PERSON", "O", "B-PLACE", "O"])
    ]


def _synthetic(n: int, source: str = "s") -> list[dict]:
    return [
        {
            "id": f"{source}{i}",
            "tokens": ["a", "b"],
            "ner_tags": ["O", "O"],
            "lang": "kk",
            "doc_id": f"{source}{i}",
            "source": source,
        }
        for i in range(n)
    ]


def test_split_is_deterministic_exact_and_order_independent():
    rows = _synthetic(200)
    ds = rows_to_dataset(rows)
    a = assign_splits(ds, 13, heldout=0.1, dev=0.05)
    assert a == assign_splits(ds, 13, heldout=0.1, dev=0.05)
    assert a.count("heldout") == 20 and a.count("dev") == 10 and a.count("train") == 170
    assert a != assign_splits(ds, 14, heldout=0.1, dev=0.05)
    shuffled = rows[:]
    random.Random(0).shuffle(shuffled)
    b = assign_splits(rows_to_dataset(shuffled), 13, heldout=0.1, dev=0.05)
    assert {r["id"]: p for r, p in zip(shuffled, b, strict=True)} == {
        r["id"]: p for r, p in zip(rows, a, strict=True)
    }
    # Adding another source leaves this source's held-out part where it was.
    c = assign_splits(rows_to_dataset(rows + _synthetic(50, "t")), 13, heldout={"s": 0.1, "t": 0.0})
    assert [p == "heldout" for p in c[:200]] == [p == "heldout" for p in a]
    parts = split_dataset(ds, 13, heldout=0.1, dev=0.05)
    assert set(parts["heldout"]["id"]).isdisjoint(parts["train"]["id"])
    assert len(parts["train"]) + len(parts["dev"]) + len(parts["heldout"]) == 200


def test_split_keeps_documents_together():
    rows = [dict(r, doc_id=f"d{i // 4}") for i, r in enumerate(_synthetic(40))]
    parts = assign_splits(rows_to_dataset(rows), 5, heldout=0.2)
    by_doc: dict[str, set[str]] = {}
    for r, p in zip(rows, parts, strict=True):
        by_doc.setdefault(r["doc_id"], set()).add(p)
    assert all(len(v) == 1 for v in by_doc.values())
    assert parts.count("heldout") == 8


def _config(**over) -> dict:
    base = {
        "name": "t",
        "lang": "kk",
        "sources": [{"path": "x.txt", "format": "conll", "label_map": "kaznerd"}],
    }
    base.update(over)
    return base


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (_config(epochs=3), "epochs"),
        (_config(spacy={"widht": 3}), "spacy.widht"),
        (_config(spacy={"width": "big"}), "spacy.width"),
        (_config(lang="ru"), "lang"),
        (_config(backend="flair"), "backend"),
        (_config(labels=["PERSON", "MONEY"]), "labels[1]"),
        (_config(split={"heldout": 1.5}), "split.heldout"),
        (_config(sources=[{"path": "x.txt", "format": "conll"}]), "sources[0].label_map"),
        (
            _config(sources=[{"path": "x.txt", "format": "conll", "label_map": {"PER": "PEOPLE"}}]),
            "sources[0].label_map",
        ),
        (
            _config(sources=[{"path": "x.txt", "format": "xml", "label_map": "uner"}]),
            "sources[0].format",
        ),
        (
            _config(
                sources=[{"path": "x.txt", "format": "conll", "label_map": "uner", "lables": 1}]
            ),
            "sources[0].lables",
        ),
        (_config(backend="transformers"), "transformers.model"),
        (_config(notes="one line"), "notes"),
    ],
)
def test_train_config_errors_name_the_key(data, key):
    with pytest.raises(ConfigError) as err:
        parse_train_config(data, "cfg.yaml")
    assert err.value.key == key
    assert f"'{key}'" in str(err.value)


def test_train_config_label_map_and_env_path(monkeypatch):
    monkeypatch.setenv("MY_KAZNERD", "/data/k.txt")
    cfg = parse_train_config(
        _config(
            sources=[
                {
                    "path": "${MY_KAZNERD:-../shared/x.txt}",
                    "format": "conll",
                    "label_map": {"GPE": "PLACE", "NORP": None},
                }
            ]
        ),
        "cfg.yaml",
    )
    assert cfg.sources[0].path == "/data/k.txt"
    assert cfg.sources[0].label_map == {"GPE": "PLACE", "NORP": None}
    assert cfg.sources[0].lang == "kk"
    monkeypatch.delenv("MY_KAZNERD")
    cfg = parse_train_config(
        _config(
            sources=[
                {
                    "path": "${MY_KAZNERD:-../shared/x.txt}",
                    "format": "conll",
                    "label_map": "kaznerd",
                }
            ]
        )
    )
    assert cfg.sources[0].path == "../shared/x.txt"
    assert cfg.sources[0].label_map == KAZNERD_LABEL_MAP


@pytest.mark.shared
@pytest.mark.skipif(
    not KAZNERD.is_file(),
    reason="KazNERD not found at ../shared/kaznerd (training data is not committed)",
)
def test_kaznerd_valid_loads_with_the_project_label_map():
    rows, summary = load_source_rows(
        SourceSpec(str(KAZNERD), "conll", name="kaznerd", lang="kk", label_map=KAZNERD_LABEL_MAP)
    )
    assert len(rows) == 11167
    assert summary["entities"] == {
        "COUNT": 2886,
        "DATE": 2609,
        "ORG": 759,
        "PERSON": 1352,
        "PLACE": 1897,
    }
    assert rows[0]["tokens"][:3] == ["Әрі", "«", "Қара"]


@pytest.mark.shared
@pytest.mark.skipif(
    not UNER.is_file(),
    reason="UNER English-EWT not found at ../shared/uner_en (training data is not committed)",
)
def test_uner_dev_loads_with_the_project_label_map():
    rows, summary = load_source_rows(
        SourceSpec(str(UNER), "conll", name="uner", lang="en", label_map=UNER_LABEL_MAP)
    )
    assert len(rows) == 2001
    assert summary["entities"] == {"ORG": 224, "PERSON": 343, "PLACE": 399}
    assert rows[0]["tokens"][6:8] == ["tampa", "bay"]
    assert rows[0]["ner_tags"][6:8] == ["B-PLACE", "I-PLACE"]


def test_conll_hash_tokens_are_not_comments(tmp_path):
    path = tmp_path / "k.txt"
    path.write_text(
        "# newdoc\n#хэштег O\n# O\nАлматы B-GPE\n\n# a comment line\nОл O\n", encoding="utf-8"
    )
    ds, _ = load_sources([SourceSpec(str(path), "conll", lang="kk", label_map="kaznerd")])
    assert _rows(ds) == [(["#хэштег", "#", "Алматы"], ["O", "O", "B-PLACE"]), (["Ол"], ["O"])]


KAZNERD_IDS = SHARED / "kaznerd" / "IOB2_valid2.txt"


def _item_file(tmp_path: Path) -> Path:
    """A KazNERD-like file with id lines: items 101 (3 sentences), 202 (2), 303 (1)."""
    blocks = [
        ("AID101", "Алматы B-GPE"),
        ("BID101", "Ол O"),
        ("CID101", "Шыңжаң B-GPE"),
        ("AID202", "Қытай B-GPE"),
        ("BID202", "Бүгін O"),
        ("AID303", "Астана B-GPE"),
    ]
    path = tmp_path / "items.txt"
    path.write_text(
        "\n\n".join(f"{rid} O\n{line}\n. O" for rid, line in blocks) + "\n", encoding="utf-8"
    )
    return path


def test_id_lines_are_stripped_and_group_sentences_by_item(tmp_path):
    spec = SourceSpec(
        str(_item_file(tmp_path)),
        "conll",
        lang="kk",
        label_map="kaznerd",
        id_line=True,
        group_pattern=r"^[A-Z]ID(\d+)$",
    )
    rows, summary = load_source_rows(spec)
    assert [r["id"] for r in rows] == ["AID101", "BID101", "CID101", "AID202", "BID202", "AID303"]
    assert [r["doc_id"] for r in rows] == ["101", "101", "101", "202", "202", "303"]
    assert rows[0]["tokens"] == ["Алматы", "."]
    assert rows[0]["ner_tags"] == ["B-PLACE", "O"]
    assert summary["documents"] == 3
    ds, _ = load_sources([spec])
    for seed in range(20):
        parts = assign_splits(ds, seed, heldout=0.34, dev=0.34)
        by_item: dict[str, set[str]] = {}
        for doc, part in zip(ds["doc_id"], parts, strict=True):
            by_item.setdefault(doc, set()).add(part)
        assert all(len(p) == 1 for p in by_item.values()), by_item


def test_id_line_errors_name_the_file_and_line(tmp_path):
    path = tmp_path / "noids.txt"
    path.write_text("Алматы B-GPE\n. O\n", encoding="utf-8")
    spec = SourceSpec(str(path), "conll", lang="kk", label_map="kaznerd", id_line=True)
    with pytest.raises(InputError, match=r"noids\.txt:1, field .id.: expected a sentence id line"):
        load_source_rows(spec)
    spec = SourceSpec(
        str(_item_file(tmp_path)),
        "conll",
        lang="kk",
        label_map="kaznerd",
        id_line=True,
        group_pattern=r"^X(\d+)$",
    )
    with pytest.raises(InputError, match=r"'AID101' does not match group_pattern"):
        load_source_rows(spec)


def test_group_pattern_needs_a_group():
    raw = {
        "name": "m",
        "lang": "kk",
        "sources": [
            {
                "path": "x.txt",
                "format": "conll",
                "label_map": "kaznerd",
                "id_line": True,
                "group_pattern": "^[A-Z]ID\\d+$",
            }
        ],
    }
    with pytest.raises(ConfigError, match=r"sources\[0\]\.group_pattern.*needs one group"):
        parse_train_config(raw, "c.yaml")


@pytest.mark.shared
@pytest.mark.skipif(
    not KAZNERD_IDS.is_file(),
    reason="KazNERD with ids not found at ../shared/kaznerd (training data is not committed)",
)
def test_shipped_kazakh_split_keeps_every_news_item_on_one_side():
    from pipeline.training.config import load_train_config
    from pipeline.training.data import prepare_data

    root = Path(__file__).resolve().parents[1]
    data = prepare_data(load_train_config(root / "configs" / "train" / "kk-spacy.yaml"))
    items = {name: set(split["doc_id"]) for name, split in data.splits.items()}
    assert not items["train"] & items["heldout"]
    assert not items["train"] & items["dev"]
    assert not items["dev"] & items["heldout"]
    assert sum(len(split) for split in data.splits.values()) == 11167
    assert len(items["train"] | items["dev"] | items["heldout"]) == 8549


def test_lang_filter_keeps_unlabelled_records_of_other_languages_out(tmp_path, caplog):
    # the reproduction: Label Studio records have no lang, and 'lang: kk' let them all in
    export = tmp_path / "ls.json"
    tasks = []
    for i, (text, surface) in enumerate(
        [
            ("Алматыда 300 адам наразылық білдірді.", "Алматыда"),
            ("Thousands gathered in Almaty on Monday.", "Almaty"),
            ("Рысбек Сәрсенбаев Астанаға келді.", "Астанаға"),
        ]
    ):
        start = text.index(surface)
        value = {"start": start, "end": start + len(surface), "text": surface, "labels": ["PLACE"]}
        tasks.append(
            {"id": i, "data": {"text": text}, "annotations": [{"result": [{"value": value}]}]}
        )
    export.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    caplog.set_level("WARNING")
    rows, summary = load_source_rows(SourceSpec(str(export), "labelstudio", name="ls", lang="kk"))
    assert [r["tokens"][0] for r in rows] == ["Алматыда", "Рысбек"]
    assert {r["lang"] for r in rows} == {"kk"}
    assert summary["left_out_by_language"] == {"en": 1}
    assert "source ls: left out 1 records not in kk (en 1)" in caplog.text
    rows, summary = load_source_rows(SourceSpec(str(export), "labelstudio", name="ls", lang="en"))
    assert [(r["tokens"][3], r["lang"]) for r in rows] == [("Almaty", "en")]
    assert summary["left_out_by_language"] == {"kk": 2}
    # lang: any keeps every record, each with the language it reads as
    rows, _ = load_source_rows(SourceSpec(str(export), "labelstudio", name="ls"))
    assert [r["lang"] for r in rows] == ["kk", "en", "kk"]


def test_conll_lang_comments_are_respected(tmp_path):
    path = tmp_path / "mixed.conll"
    path.write_text(
        "# newdoc id = a\n# lang = kk\nАлматыда\tB-PLACE\n\n"
        "# newdoc id = b\n# lang = en\nAlmaty\tB-PLACE\n\n"
        "# newdoc id = c\nАстанада\tB-PLACE\n",
        encoding="utf-8",
    )
    rows, summary = load_source_rows(SourceSpec(str(path), "conll", lang="kk", label_map={}))
    assert [r["tokens"] for r in rows] == [["Алматыда"], ["Астанада"]]
    assert summary["left_out_by_language"] == {"en": 1}


def test_overlapping_spans_in_a_source_keep_the_longer(tmp_path, caplog):
    path = tmp_path / "dc.jsonl"
    text = "Қытайдың Тарбағатай аймағы"
    path.write_text(
        json.dumps({"id": 3, "text": text, "label": [[9, 26, "PLACE"], [9, 19, "PLACE"]]},
                   ensure_ascii=False) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    caplog.set_level("WARNING")
    rows, summary = load_source_rows(SourceSpec(str(path), "doccano", name="dc", lang="kk"))
    assert _rows(rows_to_dataset(rows)) == [
        (["Қытайдың", "Тарбағатай", "аймағы"], ["O", "B-PLACE", "I-PLACE"])
    ]
    assert summary["overlapping_spans_dropped"] == 1
    assert f"source dc: {path}:1, id=3: span [9,19) 'Тарбағатай' PLACE overlaps" in caplog.text


def test_prodigy_and_datasets_sources(tmp_path):
    from pipeline.training.formats import write_docs

    text = "Алматыда Рысбек Сәрсенбаев сөйледі."
    doc = Document("d1", text, "kk", {}, [Span.from_text(text, 0, 8, "PLACE"),
                                          Span.from_text(text, 9, 26, "PERSON")])  # fmt: skip
    expected = [(["Алматыда", "Рысбек", "Сәрсенбаев", "сөйледі", "."],
                 ["B-PLACE", "B-PERSON", "I-PERSON", "O", "O"])]  # fmt: skip
    for fmt, name in (("prodigy", "p.jsonl"), ("datasets", "hf")):
        write_docs([doc], tmp_path / name, fmt)
        rows, summary = load_source_rows(SourceSpec(str(tmp_path / name), fmt, lang="kk"))
        assert _rows(rows_to_dataset(rows)) == expected
        assert len(summary["sha256"]) == 64
    # a saved dataset's hash covers its files: another dataset, another hash
    before = load_source_rows(SourceSpec(str(tmp_path / "hf"), "datasets"))[1]["sha256"]
    write_docs([doc, Document("d2", "Бүгін жылы.", "kk")], tmp_path / "hf", "datasets")
    after = load_source_rows(SourceSpec(str(tmp_path / "hf"), "datasets"))[1]["sha256"]
    assert before != after


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_config(seed="13"), "key 'seed': must be an integer, not '13'"),
        (_config(spacy={"epochs": "many"}), "key 'spacy.epochs': must be an integer, not 'many'"),
        (_config(spacy={"dropout": -0.1}), "key 'spacy.dropout': must not be negative, not -0.1"),
        (_config(spacy={"char_embed": "no"}), "key 'spacy.char_embed': must be true or false"),
        (_config(split={"dev": "0.1"}), "key 'split.dev': must be a number from 0 to 1, not '0.1'"),
        (
            _config(
                sources=[{"path": "x.txt", "format": "conll", "label_map": "uner", "limit": 0}]
            ),
            "key 'sources[0].limit': must be a positive integer, not 0",
        ),
        (
            _config(
                sources=[{"path": "x", "format": "conll", "label_map": "uner", "id_line": "yes"}]
            ),
            "key 'sources[0].id_line': must be true or false, not 'yes'",
        ),
        (_config(sources=["x.txt"]), "key 'sources[0]': each source is a mapping"),
    ],
)
def test_train_config_types_are_checked(data, message):
    with pytest.raises(ConfigError) as err:
        parse_train_config(data, "cfg.yaml")
    assert str(err.value).startswith(f"cfg.yaml: {message}")


def test_score_heldout_scores_the_score_labels_and_all_labels(caplog):
    from types import SimpleNamespace

    from pipeline.training.data import score_heldout

    cfg = SimpleNamespace(score_labels=["PERSON"], labels=["PERSON", "ORG"])
    gold = [["B-PERSON", "I-PERSON", "O", "B-ORG"]]
    pred = [["B-PERSON", "I-PERSON", "O", "O"]]
    with caplog.at_level("INFO", logger="pipeline.training.data"):
        scored, everything = score_heldout(cfg, gold, pred)  # type: ignore[arg-type]
    assert set(scored) == {"PERSON", "micro"} and scored["micro"]["f1"] == 1.0
    assert set(everything) == {"PERSON", "ORG", "micro"}
    assert everything["ORG"]["f1"] == 0.0 and round(everything["micro"]["f1"], 3) == 0.667
    assert "held-out micro F1 1.000 over PERSON" in caplog.text
