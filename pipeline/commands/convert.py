"""``python -m pipeline convert``: annotations between project JSONL, CoNLL IOB2, spaCy
DocBin, Label Studio, doccano, Prodigy and Hugging Face ``datasets``.

On the way, overlapping spans are resolved (the longer kept), labels mapped (``--label-map``:
non-project labels dropped) and records without ``lang`` given one (``--lang``, or detected);
each change is one line on stderr naming file, line, id and span, and the summary counts them
(:mod:`pipeline.training.conversion`). Norms and cluster ids travel in every format.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from pipeline.errors import ConfigError
from pipeline.languages import available as available_languages
from pipeline.training.conversion import (
    Changes,
    apply_label_map,
    assign_languages,
    drop_overlaps,
)
from pipeline.training.formats import FORMATS, canonical_format, read_docs, write_docs
from pipeline.training.sources import resolve_label_map

HELP = (
    "convert annotations between jsonl, conll (IOB2), docbin, labelstudio, doccano, "
    "prodigy and datasets"
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--from", dest="src_format", required=True, help=f"input format: {', '.join(FORMATS)}"
    )
    p.add_argument(
        "--to", dest="dst_format", required=True, help=f"output format: {', '.join(FORMATS)}"
    )
    p.add_argument("input", help="input file (a directory for datasets)")
    p.add_argument("output", help="output file, written atomically (a directory for datasets)")
    p.add_argument(
        "--label-map",
        help="map labels on the way: a preset (kaznerd, uner) or a YAML file {SRC: DST or null}; "
        "labels it does not name are kept only if they are project labels",
    )
    p.add_argument(
        "--lang",
        choices=available_languages(),
        help="language of records that have none (default: detected from the text)",
    )


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
    label_map = _label_map(args.label_map)
    docs = read_docs(args.input, src)
    changes = Changes()
    docs = apply_label_map(docs, label_map, changes)
    docs = drop_overlaps(docs, changes)
    docs = assign_languages(docs, args.lang, changes)
    for line in changes.problems:
        print(f"warning: {line}", file=sys.stderr)
    n = write_docs(docs, args.output, dst)
    ents = sum(len(d.entities) for d in docs)
    summary = changes.summary()
    print(
        f"converted {len(docs)} documents ({ents} entities) from {src} to {dst}: "
        f"{args.output} ({n} records)" + (f"; {summary}" if summary else "")
    )
    return 0
