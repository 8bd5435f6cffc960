"""transformers fine-tuning end to end on a tiny random BERT with its own WordPiece tokenizer."""

from __future__ import annotations

import json

import pytest
import yaml

from pipeline.cli import main
from pipeline.tokenize import tokenize
from pipeline.types import Document
from tests.training_helpers import one_torch_thread, tiny_checkpoint, write_doccano  # noqa: F401  (one_torch_thread: autouse)

SENTENCES = [
    ("Рысбек Сәрсенбаев Алматыда сөйледі.", [("Рысбек Сәрсенбаев", "PER"), ("Алматыда", "LOC")]),
    ("Еркін Рақышев Астанаға келді.", [("Еркін Рақышев", "PER"), ("Астанаға", "LOC")]),
    ("Тұрсын ақсақал Шымкентте тұрады.", [("Тұрсын", "PER"), ("Шымкентте", "LOC")]),
    ("Біз Алматыда жиналдық.", [("Алматыда", "LOC")]),
    ("Рысбек Астанаға барды.", [("Рысбек", "PER"), ("Астанаға", "LOC")]),
    ("Бүгін ауа райы жылы.", []),
    ("Еркін Шымкентте тұрады.", [("Еркін", "PER"), ("Шымкентте", "LOC")]),
    ("Олар жиынға келді.", []),
]


def test_sub_word_alignment_labels_first_piece_only(tmp_path):
    from transformers import AutoTokenizer

    from pipeline.training.hf_trainer import encode

    ckpt = tiny_checkpoint(tmp_path / "ckpt", [t for t, _ in SENTENCES])
    tok = AutoTokenizer.from_pretrained(ckpt, local_files_only=True)
    words = ["Сәрсенбаевтар", "Алматыда"]
    enc = encode(tok, [words], [[1, 3]], max_length=32)
    word_ids = tok([words], is_split_into_words=True).word_ids(0)
    labels = enc["labels"][0]
    assert labels[0] == -100 and labels[-1] == -100  # [CLS], [SEP]
    firsts = [
        i for i, w in enumerate(word_ids) if w is not None and (i == 0 or word_ids[i - 1] != w)
    ]
    assert [labels[i] for i in firsts] == [1, 3]
    assert all(labels[i] == -100 for i in range(len(labels)) if i not in firsts)
    assert len(word_ids) > 4  # the first word really is split into several sub-words


def test_fine_tune_tiny_bert_end_to_end(tmp_path):
    ckpt = tiny_checkpoint(tmp_path / "ckpt", [t for t, _ in SENTENCES])
    data = tmp_path / "train.jsonl"
    write_doccano(data, SENTENCES)
    out = tmp_path / "model"
    cfg = {
        "name": "kk-tiny-bert",
        "lang": "kk",
        "backend": "transformers",
        "seed": 1,
        "labels": ["PERSON", "PLACE"],
        "split": {"heldout": 0.25, "dev": 0.0},
        "sources": [
            {
                "name": "doccano",
                "path": str(data),
                "format": "doccano",
                "label_map": {"PER": "PERSON", "LOC": "PLACE"},
            }
        ],
        "transformers": {
            "model": str(ckpt),
            "epochs": 60,
            "batch_size": 2,
            "learn_rate": 0.005,
            "warmup_ratio": 0.0,
            "max_length": 32,
        },
    }
    cfg_path = tmp_path / "tf.yaml"
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    assert main(["train", "--config", str(cfg_path), "--output", str(out)]) == 0

    card = json.loads((out / "model-card.json").read_text(encoding="utf-8"))
    assert card["backend"] == "transformers" and card["base_model"] == str(ckpt)
    assert card["train_rows"] == 6 and card["heldout_rows"] == 2
    assert card["sources"][0]["sha256"] and card["heldout_scores"]["micro"]["support"] > 0
    assert (out / "model-card.md").is_file()
    assert not list(out.glob("optimizer*")) and not list(out.glob("*.pt"))
    saved = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert saved["id2label"]["1"] == "B-PERSON"

    # It has learned its training sentences (seqeval strict over every row).
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from pipeline.training.data import score
    from pipeline.training.hf_trainer import predict_tags

    tok = AutoTokenizer.from_pretrained(out, local_files_only=True)
    model = AutoModelForTokenClassification.from_pretrained(out, local_files_only=True)
    words = [[t.text for t in tokenize(text, "kk")] for text, _ in SENTENCES]
    pred = predict_tags(model, tok, words, max_length=32)
    assert pred[0] == ["B-PERSON", "I-PERSON", "B-PLACE", "O", "O"]
    gold = []
    for text, ents in SENTENCES:
        toks = tokenize(text, "kk")
        tags = ["O"] * len(toks)
        for s, lab in ents:
            start = text.index(s)
            idx = [i for i, t in enumerate(toks) if t.start >= start and t.end <= start + len(s)]
            tags[idx[0]] = "B-" + {"PER": "PERSON", "LOC": "PLACE"}[lab]
            for i in idx[1:]:
                tags[i] = "I-" + tags[idx[0]][2:]
        gold.append(tags)
    assert score(gold, pred, ["PERSON", "PLACE"])["micro"]["f1"] >= 0.8

    # The saved directory is what the ner.transformers component loads.
    ner_tf = pytest.importorskip("pipeline.components.ner_transformers")
    comp = ner_tf.TransformersNER(models={"kk": str(out)})
    text = "Рысбек Сәрсенбаев Алматыда сөйледі."
    spans = comp.propose(Document("x", text, "kk"), tokenize(text, "kk"))
    assert [(s.text, s.label) for s in spans] == [
        ("Рысбек Сәрсенбаев", "PERSON"),
        ("Алматыда", "PLACE"),
    ]


def test_missing_checkpoint_is_a_clear_error(tmp_path, capsys):
    data = tmp_path / "train.jsonl"
    write_doccano(data, SENTENCES)
    cfg = {
        "name": "x",
        "lang": "kk",
        "backend": "transformers",
        "sources": [{"path": str(data), "format": "doccano", "label_map": {"PER": "PERSON"}}],
        "transformers": {"model": str(tmp_path / "no-such-checkpoint")},
    }
    cfg_path = tmp_path / "tf.yaml"
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    assert main(["train", "--config", str(cfg_path)]) == 2
    assert "not a local directory" in capsys.readouterr().err
