"""``python -m pipeline evaluate``: score a prediction file against the gold set."""

from __future__ import annotations

import argparse
import json

from pipeline.annotations import read_annotated
from pipeline.evaluation.linking import score_linking
from pipeline.evaluation.report import render_console, write_report
from pipeline.evaluation.scoring import evaluate_documents
from pipeline.types import LABELS

HELP = "score predictions against gold annotations (seqeval strict IOB2, spans, normalisation)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", required=True, help="gold JSONL (annotations/gold.jsonl)")
    p.add_argument("--pred", required=True, help="prediction JSONL written by `run`")
    p.add_argument("--report", metavar="DIR", help="write report.json and report.md here")
    p.add_argument(
        "--entities", help="entities JSONL from `link`: adds B-cubed and pairwise linking scores"
    )


def run(args: argparse.Namespace) -> int:
    gold = read_annotated(args.gold, labels=LABELS)
    pred = read_annotated(args.pred, texts={d.id: d.text for d in gold})
    result = evaluate_documents(gold, pred)
    if args.entities:
        result["linking"] = score_linking(
            gold,
            [json.loads(line) for line in open(args.entities, encoding="utf-8") if line.strip()],
        )
    print(render_console(result))
    if args.report:
        json_path, md_path = write_report(result, args.report)
        print(f"wrote {json_path} and {md_path}")
    return 0
