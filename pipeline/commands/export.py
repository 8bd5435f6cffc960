"""``python -m pipeline export``: the mentions and linked entities of a run as CSV and XLSX."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

HELP = "write the mentions and linked entities of a run as spreadsheets (CSV with BOM, XLSX)"
FORMATS = ("csv", "xlsx")
log = logging.getLogger("pipeline.export")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pred", required=True, help="predictions JSONL from `run` (or a gold JSONL)")
    p.add_argument(
        "--texts",
        metavar="PATH",
        help="the run's input (JSONL or a directory of .txt), for the context column; "
        "without it the context column is empty (a gold JSONL carries its texts)",
    )
    p.add_argument(
        "--entities",
        metavar="PATH",
        help="entities JSONL from `link` (default: link the predictions now)",
    )
    p.add_argument(
        "--out", default="outputs/export", help="directory to write to (default: %(default)s)"
    )
    p.add_argument(
        "--format",
        nargs="+",
        choices=FORMATS,
        default=list(FORMATS),
        help="mentions.csv and entities.csv, and/or export.xlsx with both sheets (default: both)",
    )
    p.add_argument(
        "--context", type=int, default=60, metavar="N", help="characters of context on each side"
    )


def run(args: argparse.Namespace) -> int:
    from pipeline.annotations import read_annotated
    from pipeline.commands.validate import _load_texts
    from pipeline.export import entity_ids, entity_table, mention_table, write_csv, write_xlsx
    from pipeline.io import iter_jsonl

    texts = _load_texts(args.texts) if args.texts else None
    docs = read_annotated(args.pred, texts)
    if texts is None and not any(d.text for d in docs):
        log.warning("no --texts: the context column is empty")
    if args.entities:
        records = [obj for _, obj in iter_jsonl(args.entities)]
    else:
        from pipeline.linking import link

        records = link(docs)
    mentions = mention_table(docs, entity_ids(records), args.context)
    entities = entity_table(records)
    out = Path(args.out)
    written = []
    if "csv" in args.format:
        written.append(write_csv(mentions, out / "mentions.csv"))
        written.append(write_csv(entities, out / "entities.csv"))
    if "xlsx" in args.format:
        written.append(write_xlsx([mentions, entities], out / "export.xlsx"))
    print(
        f"wrote {', '.join(str(p) for p in written)}: "
        f"{len(mentions.rows)} mentions, {len(entities.rows)} entities"
    )
    return 0
