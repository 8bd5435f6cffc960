"""``python -m pipeline link``: resolve entities across documents and languages."""

from __future__ import annotations

import argparse

from pipeline.annotations import read_annotated
from pipeline.io import write_jsonl_atomic
from pipeline.linking import link

HELP = "link PERSON, PLACE and ORG mentions across documents and scripts into entities.jsonl"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pred", required=True, help="predictions JSONL from `run` (or a gold JSONL)")
    p.add_argument("--output", required=True, help="entities JSONL to write")


def run(args: argparse.Namespace) -> int:
    docs = read_annotated(args.pred)
    records = link(docs)
    n = write_jsonl_atomic(args.output, records)
    mentions = sum(len(r["mentions"]) for r in records)
    print(f"wrote {args.output}: {n} entities from {mentions} mentions")
    return 0
