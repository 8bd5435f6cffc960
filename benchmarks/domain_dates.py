"""DATE and COUNT on the annotated news passages of the domain dev set, per language.

Usage: python benchmarks/domain_dates.py [--config configs/default.yaml] [--gold GOLD.jsonl]
                                         [--errors]

Gold defaults to ``$PIPELINE_SHARED/domain_dev/gold.jsonl`` (20 Kazakh and 20 English
passages annotated under the spec with its Clarifications v2). Runs the config on each
passage (its ``meta.date`` as the document date) and scores with the project's evaluator
(seqeval, strict IOB2, over the shared tokenization): F1 of DATE and COUNT per language,
and normalisation accuracy on exactly matched spans. Writes
``benchmarks/results/domain-dates-<config>.json``; ``--errors`` adds each DATE/COUNT error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("PIPELINE_SHARED", ROOT.parent / "shared"))
LABELS = ("DATE", "COUNT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="configs/default.yaml")
    parser.add_argument("--gold", default=str(SHARED / "domain_dev" / "gold.jsonl"))
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--output-dir", default=str(ROOT / "benchmarks" / "results"))
    args = parser.parse_args()
    if not Path(args.gold).is_file():
        sys.exit(f"domain_dates: {args.gold}: not found (set PIPELINE_SHARED or pass --gold)")

    from pipeline.annotations import read_annotated
    from pipeline.config import load_config
    from pipeline.engine import Pipeline
    from pipeline.evaluation.scoring import evaluate_documents
    from pipeline.io import write_text_atomic
    from pipeline.types import Document

    gold = read_annotated(args.gold)
    pipeline = Pipeline(load_config(args.config))
    pred = [pipeline(Document(g.id, g.text, g.lang, dict(g.meta))) for g in gold]
    result: dict = {"config": args.config, "gold": Path(args.gold).name, "languages": {}}
    for lang in sorted({g.lang for g in gold}):
        ids = {g.id for g in gold if g.lang == lang}
        scores = evaluate_documents(
            [g for g in gold if g.id in ids], [p for p in pred if p.id in ids]
        )
        row = {}
        for label in LABELS:
            block = scores["per_label"][label]
            norm = scores["normalisation"][label]
            row[label] = {
                "f1": round(block["f1"], 3),
                "precision": round(block["precision"], 3),
                "recall": round(block["recall"], 3),
                "support": block["support"],
                "norm_accuracy": None if norm["accuracy"] is None else round(norm["accuracy"], 3),
                "norm_matched": norm["matched"],
            }
            print(f"{lang} {label}: {row[label]}")
        result["languages"][lang] = row
        if args.errors:
            result.setdefault("errors", {})[lang] = [
                e for e in scores["errors"] if e.get("label") in LABELS
            ] + [m for m in scores["norm_mismatches"] if m["label"] in LABELS]
    result["date"] = datetime.now(UTC).isoformat(timespec="seconds")
    out = Path(args.output_dir) / f"domain-dates-{Path(args.config).stem}.json"
    write_text_atomic(out, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
