"""Command line: ``python -m pipeline <command>``; each command is a module in ``pipeline.commands``.

Only the module of the command being run is imported (with what it needs): a command
line that runs ``validate`` never imports spaCy, seqeval or the training code. The list
of commands with their help lines (``--help``) is read from the modules' ``HELP``
constants without importing them.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import importlib.util
import logging
import sys
from pathlib import Path

from pipeline.errors import PipelineError, printable
from pipeline.version import __version__

# Each module defines ``add_arguments(parser)``, ``run(args) -> int`` and a ``HELP`` line.
COMMANDS = (
    "run",
    "evaluate",
    "validate",
    "export",
    "train",
    "crossval",
    "convert",
    "link",
    "report",
    "heldout",
)
_GLOBAL_FLAGS = {"-v", "--verbose"}
# Commands that close, flush and fsync every output before they return: run as a
# program, they end without the interpreter's teardown (see pipeline.startup.exit_now).
_EXIT_FAST = {"run"}


def help_line(name: str) -> str | None:
    """A command module's ``HELP`` constant, read from its source (not imported)."""
    spec = importlib.util.find_spec(f"pipeline.commands.{name}")
    if spec is None or spec.origin is None:
        return None  # command not built yet
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "HELP" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    return ""


def _command_in(argv: list[str]) -> str | None:
    """The command named on a command line (the first word that is not a global flag)."""
    for word in argv:
        if word in _GLOBAL_FLAGS:
            continue
        return word if word in COMMANDS else None
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; ``command``'s module is imported to add its arguments (every command's
    when None and ``--help`` lists them)."""
    prog = "python -m pipeline" if sys.argv[0].endswith("__main__.py") else "kaznews"
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Extract people, places, dates, counts and organisations from Kazakh and English news.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    parser.add_argument("--version", action="version", version=f"kaznews-pipeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        if command is not None and name != command:
            sub.add_parser(name)  # listed as a choice; its arguments are not needed
            continue
        text = help_line(name)
        if text is None:
            continue
        p = sub.add_parser(name, help=text, description=text)
        if name == command:
            module = importlib.import_module(f"pipeline.commands.{name}")
            module.add_arguments(p)
            p.set_defaults(_run=module.run)
    return parser


class PrintableFormatter(logging.Formatter):
    """Log lines quote ids, paths and texts from the input: escape what a terminal would
    act on (a newline forging a line, ANSI escapes), so one record is one line."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        return printable(super().formatMessage(record))


def main(argv: list[str] | None = None) -> int:
    """Run a command line (``sys.argv`` when None: the program itself)."""
    as_program = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _command_in(argv)
    try:
        parser = build_parser(command)  # may read the language folders (--lang choices)
    except PipelineError as exc:
        print(f"error: {printable(str(exc))}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, handlers=[console])
    try:
        code = int(args._run(args) or 0)
    except PipelineError as exc:
        print(f"error: {printable(str(exc))}", file=sys.stderr)
        return 2
    if as_program and code == 0 and command in _EXIT_FAST and _nothing_left_running():
        from pipeline.startup import exit_now

        exit_now(code)
    return code


def _nothing_left_running() -> bool:
    """No other thread that is not a daemon, and no child process."""
    import multiprocessing
    import threading

    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    return not any(not t.daemon for t in others) and not multiprocessing.active_children()
