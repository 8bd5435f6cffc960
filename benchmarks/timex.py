"""TempEval-3 Task A figures (strict, relaxed, type, value F1) on TimeML-derived JSONL.

Usage:
  python benchmarks/timex.py [--config configs/timeml.yaml] [--part dev|heldout|all]
                             [--input IN.jsonl] [--gold GOLD.jsonl] [--errors]

Input and gold default to ``$PIPELINE_SHARED/tempeval3/`` (``tbaq_input.jsonl``: ``{"id",
"text", "lang", "meta": {"date"}}``; ``tbaq_gold.jsonl``: ``{"id", "timexes": [{"start",
"end", "text", "type", "value"}]}``, see that folder's README). The documents are split
once by a fixed seed: ``dev`` (80 %, for development) and ``heldout`` (20 %, scored only to
report); ``all`` is both. Runs the config's pipeline on each document (DATE spans only),
maps each span to a TIMEX3 (``norm.type`` -> TimeML type, ``norm.value``) and scores it
against the gold TIMEX3, with and without clock times (TIME; the project's spec leaves
them out of DATE). Writes ``benchmarks/results/timex-<config>-<part>.json`` and ``.md``;
``--errors`` also lists misses, false alarms and wrong values in the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("PIPELINE_SHARED", ROOT.parent / "shared"))
HELDOUT_SHARE = 0.2
SEED = 12


def _records(path: Path) -> dict[str, dict]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[rec["id"]] = rec
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="configs/timeml.yaml")
    parser.add_argument("--part", choices=["dev", "heldout", "all"], default="dev")
    parser.add_argument("--input", default=str(SHARED / "tempeval3" / "tbaq_input.jsonl"))
    parser.add_argument("--gold", default=str(SHARED / "tempeval3" / "tbaq_gold.jsonl"))
    parser.add_argument("--errors", action="store_true", help="list every error in the JSON")
    parser.add_argument("--output-dir", default=str(ROOT / "benchmarks" / "results"))
    args = parser.parse_args()

    from pipeline.config import load_config
    from pipeline.engine import Pipeline
    from pipeline.evaluation.timex import (
        TIMEML_TYPES,
        Timex,
        TimexCounts,
        score_document,
        split_ids,
        without_type,
    )
    from pipeline.io import write_text_atomic
    from pipeline.types import Document

    for path in (args.input, args.gold):
        if not Path(path).is_file():
            sys.exit(f"timex: {path}: not found (set PIPELINE_SHARED or pass --input/--gold)")
    inputs, golds = _records(Path(args.input)), _records(Path(args.gold))
    dev, held = split_ids(golds, HELDOUT_SHARE, SEED)
    ids = {"dev": dev, "heldout": held, "all": dev + held}[args.part]

    pipeline = Pipeline(load_config(args.config))
    totals = {"with_time": TimexCounts(), "without_time": TimexCounts()}
    started = time.perf_counter()
    for doc_id in sorted(ids):
        rec = inputs[doc_id]
        doc = pipeline(Document(doc_id, rec["text"], rec.get("lang", "en"), rec.get("meta") or {}))
        system = [
            Timex(
                s.start,
                s.end,
                TIMEML_TYPES.get(str(s.norm.get("type")), "DATE"),
                str(s.norm.get("value")),
                s.text,
            )
            for s in doc.entities
            if s.label == "DATE"
        ]
        gold = [
            Timex(t["start"], t["end"], t["type"], t["value"], t["text"])
            for t in golds[doc_id]["timexes"]
        ]
        totals["with_time"].add(score_document(doc_id, gold, system))
        totals["without_time"].add(score_document(doc_id, *without_type(gold, system)))
    seconds = time.perf_counter() - started

    figures = {k: {n: round(v, 4) for n, v in c.figures().items()} for k, c in totals.items()}
    result = {
        "config": args.config,
        "part": args.part,
        "documents": len(ids),
        "split": {"heldout_share": HELDOUT_SHARE, "seed": SEED},
        "figures": figures,
        "seconds": round(seconds, 2),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if args.errors:
        c = totals["with_time"]
        result["errors"] = {
            "misses": c.misses,
            "false_alarms": c.false_alarms,
            "wrong_values": c.wrong_values,
        }
    stem = f"timex-{Path(args.config).stem}-{args.part}"
    out_dir = Path(args.output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out_dir / f"{stem}.json", json.dumps(result, indent=2) + "\n")
    lines = [
        f"TempEval-3 Task A, {args.config}, {args.part} part ({len(ids)} documents)",
        "",
        "| gold | TIMEX3 | strict F1 | relaxed F1 (P / R) | type F1 | value F1 | value acc. |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, f in figures.items():
        lines.append(
            f"| {key.replace('_', ' ')} | {f['gold']} | {f['strict_f1']:.3f} | "
            f"{f['relaxed_f1']:.3f} ({f['relaxed_precision']:.3f} / {f['relaxed_recall']:.3f}) | "
            f"{f['type_f1']:.3f} | {f['value_f1']:.3f} | {f['value_accuracy']:.3f} |"
        )
    write_text_atomic(out_dir / f"{stem}.md", "\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"wrote {out_dir / stem}.json and .md")


if __name__ == "__main__":
    main()
