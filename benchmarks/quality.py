"""The README's quality table in one command: gold set, KazNERD and English held-out parts.

Usage: python benchmarks/quality.py [--config configs/default.yaml]   (or: make quality)
Runs the config over the corpus and scores it against annotations/gold.jsonl (both
languages and each one), then over the held-out parts of the KazNERD and UNER training
configs (rows whose data is missing are marked skipped, with the reason), and writes
benchmarks/results/quality.json and quality.md. seqeval strict IOB2 throughout.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LABELS = ["PERSON", "PLACE", "DATE", "COUNT"]
HELDOUT = [
    ("KazNERD held-out", "configs/train/kk-spacy.yaml"),
    ("English held-out (UNER documents, wikigold articles)", "configs/train/en-spacy.yaml"),
]


def gold_rows(config_path: str) -> list[dict[str, Any]]:
    from pipeline.annotations import read_annotated
    from pipeline.config import load_config
    from pipeline.engine import Pipeline
    from pipeline.evaluation.scoring import evaluate_documents
    from pipeline.io import read_documents

    config = load_config(config_path)
    pipeline = Pipeline(config)
    pred = [pipeline(doc) for doc in read_documents(ROOT / "corpus")]
    result = evaluate_documents(read_annotated(ROOT / "annotations/gold.jsonl"), pred)
    rows = [
        {
            "measured_on": "gold set, both languages",
            "f1": {lab: round(result["per_label"][lab]["f1"], 3) for lab in LABELS}
            | {"micro": round(result["headline"]["f1"], 3)},
            "support": result["headline"]["support"],
        }
    ]
    for lang, block in result["per_language"].items():
        rows.append(
            {
                "measured_on": f"gold set, {'Kazakh' if lang == 'kk' else 'English'}",
                "f1": {lab: round(block["per_label"][lab]["f1"], 3) for lab in LABELS}
                | {"micro": round(block["headline"]["f1"], 3)},
                "support": block["headline"]["support"],
            }
        )
    return rows


def heldout_row(name: str, config_path: str, train_config: str) -> dict[str, Any]:
    from pipeline.commands.heldout import score_split
    from pipeline.config import load_config
    from pipeline.engine import Pipeline
    from pipeline.training.config import load_train_config
    from pipeline.training.data import prepare_data

    tcfg = load_train_config(ROOT / train_config)
    missing = [s.path for s in tcfg.sources if not Path(s.path).exists()]
    if missing:
        return {"measured_on": name, "skipped": f"data not found: {', '.join(missing)}"}
    split = prepare_data(tcfg).splits["heldout"]
    scores = score_split(Pipeline(load_config(config_path)), split, tcfg)
    return {
        "measured_on": f"{name} ({len(split)} sentences; {', '.join(tcfg.score_labels)})",
        "f1": {k: round(v["f1"], 3) for k, v in scores.items()},
        "support": scores["micro"]["support"],
    }


def render(rows: list[dict[str, Any]], config: str) -> str:
    lines = [
        f"# Quality of `{config}`",
        "",
        "seqeval strict IOB2; micro over PERSON, PLACE, DATE, COUNT (English held-out: PERSON, PLACE).",
        "",
        "| measured on | PERSON | PLACE | DATE | COUNT | micro | entities |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "skipped" in r:
            lines.append(f"| {r['measured_on']} | skipped: {r['skipped']} | | | | | |")
            continue
        cells = [f"{r['f1'][k]:.3f}" if k in r["f1"] else "" for k in [*LABELS, "micro"]]
        cells[-1] = f"**{cells[-1]}**"
        lines.append(f"| {r['measured_on']} | {' | '.join(cells)} | {r['support']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="configs/default.yaml")
    parser.add_argument("--output", default="benchmarks/results/quality")
    args = parser.parse_args()
    from pipeline.io import write_text_atomic

    started = time.perf_counter()
    rows = gold_rows(args.config)
    rows += [heldout_row(name, args.config, tc) for name, tc in HELDOUT]
    result = {
        "config": args.config,
        "rows": rows,
        "seconds": round(time.perf_counter() - started, 1),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    write_text_atomic(f"{args.output}.json", json.dumps(result, indent=2) + "\n")
    md = render(rows, args.config)
    write_text_atomic(f"{args.output}.md", md)
    print(md, end="")
    print(f"wrote {args.output}.json and {args.output}.md")


if __name__ == "__main__":
    main()
