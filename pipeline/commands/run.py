"""``python -m pipeline run``: run a config's pipeline over a corpus and write JSONL.

Streaming, parallel (``--workers``), distributed (``--engine dask``), resumable
(``--resume``) and atomic; see ``pipeline.batch`` and docs/batch.md.
"""

from __future__ import annotations

import argparse
import logging
import sys

from pipeline.batch import OutputPaths, options_from_config, run_batch
from pipeline.config import ENGINES, ON_ERROR, load_config, parse_workers
from pipeline.errors import ConfigError
from pipeline.validate import date_problem

HELP = (
    "run the pipeline from a config over .txt directories or files, JSONL files (.jsonl.gz "
    "too) or standard input"
)
log = logging.getLogger("pipeline.run")


def _workers(value: str) -> int | str:
    try:
        return parse_workers(value, "--workers", "workers")
    except ConfigError:
        raise argparse.ArgumentTypeError(
            f"must be a positive integer or 'auto', not {value!r}"
        ) from None


def _date(value: str) -> str:
    why = date_problem(value)
    if why:
        raise argparse.ArgumentTypeError(f"{value!r} {why}")
    return value


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, not {value!r}")
    return int(value)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", required=True, help="pipeline config (configs/default.yaml)")
    p.add_argument(
        "--input",
        action="append",
        metavar="PATH",
        help="directory of .txt files, a .txt file (one document), a JSONL file (.jsonl or "
        ".jsonl.gz), or - for JSONL on standard input; repeat for several, read in order "
        "(default: config 'input')",
    )
    p.add_argument(
        "--output",
        help="output JSONL path, or - for standard output (no rejects or summary file, no "
        "--resume; logs go to standard error) (default: config 'output')",
    )
    p.add_argument(
        "--doc-date",
        type=_date,
        help="document date (YYYY[-MM[-DD]]) for resolving relative dates",
    )
    p.add_argument(
        "--workers",
        type=_workers,
        metavar="N",
        help="worker processes, or 'auto' (one per CPU); each loads the models once "
        "(default: config 'workers', else 1)",
    )
    p.add_argument(
        "--engine",
        choices=ENGINES,
        help="local: this machine; dask: a Dask cluster (default: config 'engine', else local)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (tcp://host:8786); implies --engine dask "
        "(default: config 'scheduler', else a local cluster of --workers processes)",
    )
    p.add_argument(
        "--on-error",
        choices=ON_ERROR,
        help="bad input record: fail (stop, exit 2) or skip (to <output>.rejects.jsonl) "
        "(default: config 'on_error', else fail)",
    )
    p.add_argument(
        "--max-chars",
        type=_positive,
        metavar="N",
        help="reject documents longer than N characters (default: config 'max_chars', "
        "else 2000000)",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run of the same config, input and output",
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="no progress and no summary; warnings only"
    )


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    if args.doc_date:
        config.doc_date = args.doc_date
    engine = args.engine
    if args.scheduler and engine is None:
        engine = "dask"
    if args.scheduler and engine == "local":
        raise ConfigError("--scheduler", "engine", "--scheduler needs --engine dask")
    opts = options_from_config(
        config,
        inputs=args.input,
        output=args.output,
        engine=engine,
        workers=args.workers,
        scheduler=args.scheduler,
        on_error=args.on_error,
        max_chars=args.max_chars,
        resume=args.resume,
        progress="off" if args.quiet else "auto",
    )
    if not opts.inputs:
        raise ConfigError(config.path, "input", "no input: set 'input' or pass --input")
    if not opts.output:
        raise ConfigError(config.path, "output", "no output: set 'output' or pass --output")
    try:
        summary = run_batch(config, opts)
    except KeyboardInterrupt:
        work = OutputPaths.for_output(opts.output).work
        if (work / "manifest.json").exists():
            print(f"interrupted: rerun with --resume to continue ({work})", file=sys.stderr)
        else:
            print("interrupted", file=sys.stderr)
        return 130
    if not args.quiet:
        log.info("%s", format_summary(summary))
    return 0


def format_summary(s: dict) -> str:
    """One line for the console; the full summary is in <output>.summary.json."""
    notes = []
    if s["empty_text"]:
        notes.append(f"{s['empty_text']} empty")
    if s["unsupported_language"]:
        notes.append(f"{s['unsupported_language']} in an unsupported language")
    docs = f"{s['documents']:,} documents" + (f" ({', '.join(notes)})" if notes else "")
    text = f"wrote {s['output']}: {docs}, {s['entities']:,} entities"
    if s["rejected"]:
        kinds = ", ".join(f"{k} {n}" for k, n in s["rejected_by_kind"].items())
        text += f"; {s['rejected']:,} rejected ({kinds})"
        text += f" → {s['rejects_file']}" if s["rejects_file"] else ""
    if s.get("skipped_files"):
        text += f"; {s['skipped_files']:,} files that are not .txt passed over"
    if s.get("empty_inputs"):
        text += f"; no records in {', '.join(s['empty_inputs'])}"
    engine = s["engine"]
    text += f"; {s['elapsed_s']:.1f}s, {s['docs_per_s'] or 0:.1f} docs/s"
    text += f" ({engine['name']}, {engine['workers']} worker{'s' * (engine['workers'] != 1)})"
    if s["resumed_after"]:
        text += f"; resumed after {s['resumed_after']:,} records"
    return text
