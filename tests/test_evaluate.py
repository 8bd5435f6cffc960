"""The evaluator on hand-computed cases."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.evaluation.scoring import (
    evaluate_documents,
    score_sequences,
    shared_tokens,
)
from pipeline.iob import spans_to_tags
from pipeline.types import Document, Span

TEXT = "Rysbek Sarsenbay spoke in Almaty on December 14 to 35 people."


def span(start, end, label, norm=None):
    return Span.from_text(TEXT, start, end, label, norm=norm or {})


GOLD = [
    span(0, 16, "PERSON"),
    span(26, 32, "PLACE"),
    span(36, 47, "DATE", {"value": "2021-12-14"}),
    span(51, 53, "COUNT", {"value": 35}),
]


def test_strict_and_default_modes_differ():
    # An entity opened by I- is accepted by seqeval's default (conlleval) mode,
    # rejected by strict IOB2.
    y_true = [["B-PER", "I-PER", "O"]]
    y_pred = [["I-PER", "I-PER", "O"]]
    default = score_sequences(y_true, y_pred, mode=None)
    strict = score_sequences(y_true, y_pred, mode="strict")
    assert default["micro"]["f1"] == pytest.approx(1.0)
    assert strict["micro"]["f1"] == pytest.approx(0.0)


def test_shared_tokens_split_at_span_boundaries():
    spans = [Span.from_text("Almaty's mayor", 0, 6, "PLACE")]
    assert shared_tokens("Almaty's mayor", [spans]) == [(0, 6), (6, 8), (9, 14)]
    assert spans_to_tags([(0, 6), (6, 8), (9, 14)], spans) == ["B-PLACE", "O", "O"]


def test_hand_computed_scores():
    pred = [
        span(0, 6, "PERSON"),  # boundary error: FP and FN
        span(26, 32, "PLACE"),
        span(36, 47, "DATE", {"value": "XXXX-12-14"}),  # right span, wrong value
        span(51, 53, "COUNT", {"value": 35}),
        span(57, 60, "ORG"),  # spurious ORG: not in the headline
    ]
    gold_doc = Document("d1", TEXT, "en", {}, GOLD)
    pred_doc = Document("d1", TEXT, "en", {}, pred)
    r = evaluate_documents([gold_doc], [pred_doc])
    # headline over PERSON, PLACE, DATE, COUNT: 3 correct of 4 predicted, 4 gold
    assert r["headline"]["precision"] == pytest.approx(3 / 4)
    assert r["headline"]["recall"] == pytest.approx(3 / 4)
    assert r["headline"]["f1"] == pytest.approx(3 / 4)
    assert r["per_label"]["PERSON"]["f1"] == 0.0
    assert r["per_label"]["PLACE"]["f1"] == pytest.approx(1.0)
    # ORG on its own line: one false positive, no gold
    assert r["org"]["precision"] == 0.0
    # all five labels: 3 correct of 5 predicted, 4 gold
    assert r["per_label"]["micro"]["precision"] == pytest.approx(3 / 5)
    assert r["per_label"]["micro"]["recall"] == pytest.approx(3 / 4)
    assert r["per_language"]["en"]["headline"]["f1"] == pytest.approx(3 / 4)
    assert r["per_document"]["d1"]["headline"]["recall"] == pytest.approx(3 / 4)
    assert r["span_exact"]["mission_micro"]["precision"] == pytest.approx(3 / 4)
    assert r["normalisation"]["DATE"] == {"matched": 1, "correct": 0, "accuracy": 0.0}
    assert r["normalisation"]["COUNT"] == {"matched": 1, "correct": 1, "accuracy": 1.0}
    kinds = sorted(e["kind"] for e in r["errors"])
    assert kinds == ["FN-boundary", "FP", "FP-boundary"]


def test_macro_averages_labels_with_support():
    gold_doc = Document("d1", TEXT, "en", {}, GOLD)
    pred_doc = Document("d1", TEXT, "en", {}, [span(26, 32, "PLACE")])
    r = evaluate_documents([gold_doc], [pred_doc])
    # PLACE F1 1, the other three 0 → macro F1 0.25
    assert r["per_label"]["macro"]["f1"] == pytest.approx(0.25)


def test_missing_prediction_scored_as_empty_with_warning():
    gold_doc = Document("d1", TEXT, "en", {}, GOLD)
    r = evaluate_documents([gold_doc], [])
    assert r["headline"]["recall"] == 0.0
    assert r["warnings"] == ["no prediction for document 'd1': scored as empty"]


def test_evaluate_command_writes_reports(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    gold.write_text(
        json.dumps(
            {"id": "d1", "lang": "en", "text": TEXT, "entities": [s.to_dict() for s in GOLD]}
        )
        + "\n",
        encoding="utf-8",
    )
    pred.write_text(
        json.dumps({"id": "d1", "lang": "en", "entities": [s.to_dict() for s in GOLD]}) + "\n",
        encoding="utf-8",
    )
    assert (
        main(
            ["evaluate", "--gold", str(gold), "--pred", str(pred), "--report", str(tmp_path / "r")]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "HEADLINE micro-F1 (PERSON, PLACE, DATE, COUNT): 1.000" in out
    report = json.loads((tmp_path / "r" / "report.json").read_text())
    assert report["headline"]["f1"] == 1.0
    assert "# Evaluation report" in (tmp_path / "r" / "report.md").read_text()


def test_unknown_predicted_labels_are_ignored_with_warning():
    gold_doc = Document("d1", TEXT, "en", {}, GOLD)
    pred_doc = Document("d1", TEXT, "en", {}, [*GOLD, span(57, 60, "MISC")])
    r = evaluate_documents([gold_doc], [pred_doc])
    assert r["headline"]["f1"] == pytest.approx(1.0)
    assert r["warnings"] == ["document 'd1': ignored predicted labels MISC"]
