"""Where a result comes from: library versions, the command, the code revision, input
hashes and model cards. One place for the evaluation report, the model cards and
``crossval``."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

# The libraries whose versions decide a result (python is listed first, always).
LIBRARIES: tuple[str, ...] = (
    "spacy",
    "thinc",
    "stanza",
    "transformers",
    "tokenizers",
    "datasets",
    "seqeval",
    "torch",
)


def library_versions(names: tuple[str, ...] = LIBRARIES) -> dict[str, str]:
    """Python's version and each library's (``not installed`` when absent)."""
    out = {"python": platform.python_version()}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def package_version() -> str:
    """``kaznews-pipeline <version>`` (without a version when the package is not installed)."""
    try:
        return f"kaznews-pipeline {metadata.version('kaznews-pipeline')}"
    except metadata.PackageNotFoundError:
        return "kaznews-pipeline"


def now_iso(now: datetime | None = None) -> str:
    """A UTC time to the second, ISO 8601 (``2024-01-01T00:00:00+00:00``)."""
    return (now or datetime.now(UTC)).isoformat(timespec="seconds")


def command_line() -> str:
    """This process's command line, with ``python -m pipeline`` for the module's main."""
    argv = list(sys.argv)
    if argv and argv[0].endswith(("__main__.py", "-m")):
        argv[0] = "python -m pipeline"
    return " ".join(argv)


def git_revision(directory: str | Path | None = None) -> str:
    """The commit the code was run from (``git rev-parse HEAD``), or "" outside git.

    Read-only: no ``describe --dirty`` or ``status``, which may rewrite the index.
    """
    where = Path(directory) if directory is not None else Path(__file__).resolve().parent
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=where,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file, or of a directory's files (a saved dataset): each file's relative
    path and contents, in path order."""
    p = Path(path)
    h = hashlib.sha256()
    files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
    for f in files:
        if p.is_dir():
            h.update(f.relative_to(p).as_posix().encode() + b"\0")
        with f.open("rb") as fh:
            for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def find_model_cards(models_dir: str | Path) -> list[tuple[str, str]]:
    """(path, text) of every ``<models_dir>/*/model-card.json`` or ``.md``, sorted by path."""
    d = Path(models_dir)
    if not d.is_dir():
        return []
    cards = []
    for path in sorted([*d.glob("*/model-card.json"), *d.glob("*/model-card.md")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".json":
            try:
                text = json.dumps(json.loads(text), ensure_ascii=False, indent=2)
            except json.JSONDecodeError:
                pass  # shown as written
        cards.append((str(path), text))
    return cards


@dataclass
class Provenance:
    """What produced a report: inputs, config text, model cards, library versions, date."""

    generated: str
    command: str = ""
    code: str = ""  # git revision of the working tree, when there is one
    inputs: list[tuple[str, str, str]] = field(default_factory=list)  # role, path, sha256
    config_path: str | None = None
    config_text: str | None = None
    model_cards: list[tuple[str, str]] = field(default_factory=list)  # path, text
    versions: dict[str, str] = field(default_factory=dict)


def collect_provenance(
    *,
    gold: str | Path | None = None,
    pred: str | Path | None = None,
    config: str | Path | None = None,
    models_dir: str | Path = "models",
    command: str | None = None,
    now: datetime | None = None,
) -> Provenance:
    """Gather the provenance of a report (``command`` defaults to sys.argv)."""
    inputs = []
    for role, path in (("gold", gold), ("prediction", pred)):
        if path is not None and Path(path).is_file():
            inputs.append((role, str(path), file_sha256(path)))
    config_text = None
    if config is not None:
        config_text = Path(config).read_text(encoding="utf-8", errors="replace")
    if command is None:
        command = shlex.join(sys.argv)
    return Provenance(
        generated=now_iso(now),
        command=command,
        code=git_revision(),
        inputs=inputs,
        config_path=str(config) if config is not None else None,
        config_text=config_text,
        model_cards=find_model_cards(models_dir),
        versions=library_versions(),
    )
