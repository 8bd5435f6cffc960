"""Cross-validation: leave-one-document-out over a gold file, k-fold over a CoNLL source."""

from __future__ import annotations

import json

import yaml

from pipeline.cli import main
from pipeline.training.config import parse_train_config
from pipeline.training.crossval import cross_validate, render_markdown

DOCS = [
    (
        "d1",
        "kk",
        "Қыркүйектің 14-і Алматыда жиын өтті.\nРысбек Сәрсенбаев сөз сөйледі.\nАстанада үш мың адам жиналды.",
        [
            ("Қыркүйектің 14-і", "DATE"),
            ("Алматыда", "PLACE"),
            ("Рысбек Сәрсенбаев", "PERSON"),
            ("Астанада", "PLACE"),
            ("үш мың", "COUNT"),
        ],
    ),
    (
        "d2",
        "kk",
        "Тамыздың 5-і Астанада кездесу болды.\nЕркін Рақышев Алматыға келді.\nШымкентте екі мың адам тұрады.",
        [
            ("Тамыздың 5-і", "DATE"),
            ("Астанада", "PLACE"),
            ("Еркін Рақышев", "PERSON"),
            ("Алматыға", "PLACE"),
            ("Шымкентте", "PLACE"),
            ("екі мың", "COUNT"),
        ],
    ),
    (
        "d3",
        "kk",
        "Қыркүйектің 20-сы Шымкентте той болды.\nТұрсын ақсақал Алматыда тұрады.\nАстанаға бес мың адам келді.",
        [
            ("Қыркүйектің 20-сы", "DATE"),
            ("Шымкентте", "PLACE"),
            ("Тұрсын", "PERSON"),
            ("Алматыда", "PLACE"),
            ("Астанаға", "PLACE"),
            ("бес мың", "COUNT"),
        ],
    ),
]


def _write_gold(path) -> None:
    lines = []
    for did, lang, text, ents in DOCS:
        spans, pos = [], 0
        for s, label in ents:
            start = text.index(s, pos)
            spans.append({"start": start, "end": start + len(s), "label": label, "text": s})
            pos = start + len(s)
        lines.append(
            json.dumps(
                {"id": did, "lang": lang, "text": text, "meta": {}, "entities": spans},
                ensure_ascii=False,
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_leave_one_document_out_cli(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    _write_gold(gold)
    out = tmp_path / "cv"
    assert main(["crossval", "--gold", str(gold), "--epochs", "4", "--output", str(out)]) == 0
    report = json.loads((out / "crossval.json").read_text(encoding="utf-8"))
    assert report["mode"] == "loo"
    assert [f["fold"] for f in report["folds"]] == ["d1", "d2", "d3"]
    for fold in report["folds"]:
        assert fold["test_rows"] == 3 and fold["train_rows"] == 6 and fold["test_docs"] == 1
        assert set(fold["scores"]) >= {"PERSON", "PLACE", "DATE", "COUNT", "micro"}
        assert 0.0 <= fold["scores"]["micro"]["f1"] <= 1.0
    supports = [f["scores"]["micro"]["support"] for f in report["folds"]]
    assert supports == [5, 6, 6]
    assert report["aggregate"]["pooled"]["micro"]["support"] == 17
    assert report["aggregate"]["folds"] == 3
    md = (out / "crossval.md").read_text(encoding="utf-8")
    assert "leave-one-document-out" in md and "| d2 | kk |" in md
    printed = capsys.readouterr().out
    assert "d1: P" in printed and "pooled" in printed


def test_loo_with_extra_source_and_kfold_over_conll(tmp_path):
    gold = tmp_path / "gold.jsonl"
    _write_gold(gold)
    conll = tmp_path / "extra.txt"
    sents = [
        "Алматыда B-GPE\nжиын O\nөтті O\n. O",
        "Рысбек B-PERSON\nкелді O\n. O",
        "Астанада B-GPE\nүш B-CARDINAL\nмың I-CARDINAL\nадам O\n. O",
        "Шымкентте B-GPE\nтой O\n. O",
        "Еркін B-PERSON\nРақышев I-PERSON\nкелді O\n. O",
        "Тамыздың B-DATE\n5-і I-DATE\nкездесу O\n. O",
    ]
    conll.write_text("\n\n".join(sents) + "\n", encoding="utf-8")
    data = {
        "name": "cv",
        "lang": "kk",
        "seed": 3,
        "split": {"heldout": 0.0, "dev": 0.0},
        "sources": [
            {"name": "extra", "path": str(conll), "format": "conll", "label_map": "kaznerd"},
            {"name": "gold", "path": str(gold), "format": "jsonl"},
        ],
        "spacy": {
            "width": 32,
            "depth": 1,
            "hidden_width": 16,
            "epochs": 2,
            "rows": [500, 100, 200, 100],
        },
    }
    cfg = parse_train_config(data, "cv.yaml")
    loo = cross_validate(cfg, mode="loo")
    assert [f["fold"] for f in loo["folds"]] == ["d1", "d2", "d3"]
    assert all(f["train_rows"] == 6 + 6 for f in loo["folds"])  # 2 gold docs + 6 CoNLL sentences
    kfold = cross_validate(cfg, mode="kfold", k=3)
    assert [f["fold"] for f in kfold["folds"]] == ["extra-fold1", "extra-fold2", "extra-fold3"]
    assert sorted(f["test_rows"] for f in kfold["folds"]) == [2, 2, 2]
    assert all(f["train_rows"] == 4 + 9 for f in kfold["folds"])  # other folds + the gold rows
    assert "3-fold" in render_markdown(kfold)
    again = cross_validate(cfg, mode="kfold", k=3)
    assert [f["scores"] for f in again["folds"]] == [f["scores"] for f in kfold["folds"]]


def test_crossval_config_errors_are_reported(tmp_path, capsys):
    cfg = tmp_path / "c.yaml"
    conll = tmp_path / "x.txt"
    conll.write_text("Алматы B-GPE\n", encoding="utf-8")
    cfg.write_text(
        yaml.safe_dump(
            {
                "name": "c",
                "lang": "kk",
                "sources": [{"path": str(conll), "format": "conll", "label_map": "kaznerd"}],
            }
        ),
        encoding="utf-8",
    )
    assert main(["crossval", "--config", str(cfg), "--output", str(tmp_path / "o")]) == 2
    assert "project JSONL" in capsys.readouterr().err
