"""``python -m pipeline report``: a self-contained HTML evaluation report (plus report.json)."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from pipeline.annotations import read_annotated
from pipeline.errors import InputError, printable
from pipeline.evaluation.html import write_html_report
from pipeline.evaluation.report import write_report
from pipeline.evaluation.scoring import evaluate_documents
from pipeline.provenance import collect_provenance
from pipeline.types import LABELS

HELP = "write an HTML evaluation report (charts, documents with marked entities, errors)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", required=True, help="gold JSONL (annotations/gold.jsonl)")
    p.add_argument("--pred", required=True, help="prediction JSONL written by `run`")
    p.add_argument("--config", help="the config that produced --pred (its text is shown)")
    p.add_argument(
        "--out",
        metavar="DIR",
        default="outputs/report",
        help="write report.html, report.json and report.md here (default: outputs/report)",
    )
    p.add_argument(
        "--models",
        metavar="DIR",
        default="models",
        help="look for model cards in DIR/*/model-card.json or .md (default: models)",
    )
    p.add_argument("--title", default="Evaluation report", help="page title")


def _command_line(args: argparse.Namespace) -> str:
    """The command as it could be typed again (whatever called ``main``)."""
    words = ["python", "-m", "pipeline", "report", "--gold", args.gold, "--pred", args.pred]
    if args.config:
        words += ["--config", args.config]
    words += ["--out", str(args.out), "--models", str(args.models)]
    if args.title != "Evaluation report":
        words += ["--title", args.title]
    return shlex.join(words)


def run(args: argparse.Namespace) -> int:
    if args.config and not Path(args.config).is_file():
        raise InputError(args.config, "no such config file")
    gold = read_annotated(args.gold, labels=LABELS)
    pred = read_annotated(args.pred, texts={d.id: d.text for d in gold})
    result = evaluate_documents(gold, pred)
    provenance = collect_provenance(
        gold=args.gold,
        pred=args.pred,
        config=args.config,
        models_dir=args.models,
        command=_command_line(args),
    )
    json_path, _ = write_report(result, args.out)
    html_path = write_html_report(
        result, gold, pred, args.out, provenance=provenance, title=args.title
    )
    h = result["headline"]
    print(
        f"headline micro-F1 ({', '.join(h['labels'])}): {h['f1']:.3f}; "
        f"ORG F1: {result['org']['f1']:.3f}"
    )
    for w in result["warnings"]:
        print(f"warning: {printable(w)}")  # warnings quote document ids
    print(f"wrote {html_path} and {json_path}")
    return 0
