"""``python -m pipeline convert``: annotations between project JSONL, CoNLL IOB2, spaCy
DocBin, Label Studio and doccano."""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from pipeline.errors import ConfigError
from pipeline.training.formats import FORMATS, canonical_format, map_labels, read_docs, write_docs
from pipeline.training.sources import resolve_label_map

HELP = "convert annotations between jsonl, conll (IOB2), docbin, labelstudio and doccano"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--from", dest="src_format", required=True, help=f"input format: {', '.join(FORMATS)}"
    )
    p.add_argument(
        "--to", dest="dst_format", required=True, help=f"output format: {', '.join(FORMATS)}"
    )
    p.add_argument("input", help="input file")
    p.add_argument("output", help="output file (written atomically)")
    p.add_argument(
        "--label-map",
        help="map labels on the way: a preset (kaznerd, uner) or a YAML file {SRC: DST or null}",
    )
    p.add_argument("--lang", help="language to set on records that have none (kk, en)")


def _label_map(value: str | None) -> dict[str, str | None] | None:
    if not value:
        return None
    path = Path(value)
    raw: object = value
    if path.is_file():
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        return resolve_label_map(raw)
    except ValueError as exc:
        raise ConfigError(value, "--label-map", str(exc)) from None


def run(args: argparse.Namespace) -> int:
    try:
        src = canonical_format(args.src_format)
        dst = canonical_format(args.dst_format)
    except ValueError as exc:
        raise ConfigError("<command line>", "--from/--to", str(exc)) from None
    docs = read_docs(args.input, src)
    if args.lang:
        for d in docs:
            d.lang = d.lang or args.lang
    docs = map_labels(docs, _label_map(args.label_map))
    n = write_docs(docs, args.output, dst)
    ents = sum(len(d.entities) for d in docs)
    print(
        f"converted {len(docs)} documents ({ents} entities) from {src} to {dst}: {args.output} ({n} records)"
    )
    return 0
