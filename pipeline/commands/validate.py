"""``python -m pipeline validate``: check annotation or prediction JSONL files."""

from __future__ import annotations

import argparse
import sys

from pipeline.annotations import read_annotated
from pipeline.io import read_documents
from pipeline.validate import validate_records

HELP = "check annotation or prediction files (offsets, texts, overlaps, labels, norms, ids)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="JSONL files to check")
    p.add_argument(
        "--texts",
        metavar="PATH",
        help="where prediction texts come from: a gold JSONL, an input JSONL or a directory of .txt",
    )
    p.add_argument(
        "--annotations-only",
        action="store_true",
        help="annotations without norms yet (e.g. from `convert`): check everything else, "
        "and a norm only where one is given",
    )


def _load_texts(path: str) -> dict[str, str]:
    try:
        return {d.id: d.text for d in read_documents(path)}
    except Exception:  # a gold file has entities, read it as annotations
        return {d.id: d.text for d in read_annotated(path)}


def run(args: argparse.Namespace) -> int:
    texts = _load_texts(args.texts) if args.texts else None
    total = 0
    for path in args.paths:
        problems = validate_records(
            path, texts=texts, require_norm=False if args.annotations_only else None
        )
        for prob in problems:
            print(prob, file=sys.stdout)
        total += len(problems)
        if not problems:
            print(f"{path}: ok", file=sys.stderr)
    return 1 if total else 0
