"""Command line: ``python -m pipeline <command>``; each command is a module in ``pipeline.commands``."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from pipeline.errors import PipelineError, printable

# Each module defines ``add_arguments(parser)``, ``run(args) -> int`` and a ``HELP`` line.
COMMANDS = (
    "run",
    "evaluate",
    "validate",
    "train",
    "crossval",
    "convert",
    "link",
    "report",
    "heldout",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Extract people, places, dates, counts and organisations from Kazakh and English news.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"pipeline.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"pipeline.commands.{name}":
                continue  # command not built yet
            raise
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


class PrintableFormatter(logging.Formatter):
    """Log lines quote ids, paths and texts from the input: escape what a terminal would
    act on (a newline forging a line, ANSI escapes), so one record is one line."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        return printable(super().formatMessage(record))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, handlers=[console])
    try:
        return int(args._run(args) or 0)
    except PipelineError as exc:
        print(f"error: {printable(str(exc))}", file=sys.stderr)
        return 2
