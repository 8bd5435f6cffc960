"""``python -m pipeline run``: run a config's pipeline over a corpus and write JSONL."""

from __future__ import annotations

import argparse
import logging
import time

from pipeline.config import load_config
from pipeline.engine import Pipeline
from pipeline.errors import ConfigError
from pipeline.io import read_documents, write_jsonl_atomic

HELP = "run the pipeline from a config over a directory of .txt files or a JSONL file"
log = logging.getLogger("pipeline.run")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", required=True, help="pipeline config (configs/default.yaml)")
    p.add_argument(
        "--input", help="directory of .txt files or JSONL file (default: config 'input')"
    )
    p.add_argument("--output", help="output JSONL path (default: config 'output')")
    p.add_argument("--doc-date", help="document date (YYYY[-MM[-DD]]) for resolving relative dates")


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    source = args.input or config.input
    target = args.output or config.output
    if not source:
        raise ConfigError(config.path, "input", "no input: set 'input' or pass --input")
    if not target:
        raise ConfigError(config.path, "output", "no output: set 'output' or pass --output")
    if args.doc_date:
        config.doc_date = args.doc_date
    pipeline = Pipeline(config)
    started = time.perf_counter()
    counts = {"docs": 0, "entities": 0}

    def records():  # noqa: ANN202  generator feeding the atomic writer
        for doc in pipeline.pipe(read_documents(source)):
            counts["docs"] += 1
            counts["entities"] += len(doc.entities)
            yield doc.to_output()

    write_jsonl_atomic(target, records())
    elapsed = time.perf_counter() - started
    log.info(
        "wrote %s: %d documents, %d entities in %.1fs",
        target,
        counts["docs"],
        counts["entities"],
        elapsed,
    )
    return 0
