"""Data files (YAML, word lists), read by one loader.

A path's first part may be a language's code (``kk/dates.yaml``): the file is then the
language's own, in its folder (:mod:`pipeline.languages`, ``pipeline/lang/<code>/``).
Shared, language-independent data (gazetteers, langid settings and the profiles of
languages the pipeline does not process) is in ``pipeline/resources``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.settings import SafeLoader

RESOURCE_DIR = Path(__file__).resolve().parent


def resource_path(relpath: str | Path) -> Path:
    """A resource file's path: ``<code>/<file>`` in the folder of language ``<code>``;
    otherwise relative to ``pipeline/resources``, or absolute."""
    path = Path(relpath)
    if path.is_absolute():
        return path
    if len(path.parts) > 1:
        from pipeline import languages

        if languages.known(path.parts[0]):
            return languages.resource_path(path.parts[0], Path(*path.parts[1:]))
    return RESOURCE_DIR / path


@lru_cache(maxsize=64)
def load_resource(relpath: str) -> Any:
    """Load a YAML resource by its path for :func:`resource_path`.

    The parsed content is kept in the on-disk cache (:mod:`pipeline.cache`): PyYAML
    resolves every scalar in Python, which took a third of a second for the person-name
    files alone. A file of a kind with a model (:mod:`pipeline.resource_models`) is checked
    against it: a wrong key or type is a ConfigError naming the file and the key."""
    from pipeline.cache import cached
    from pipeline.resource_models import check_resource

    path = resource_path(relpath)
    data = cached("yaml", [path], lambda: _parse_yaml(path), SafeLoader.__name__)
    check_resource(path.name, data, shown_path(path))
    return data


def shown_path(path: Path) -> str:
    """A data file's path as a user reads it (relative to the package when inside it)."""
    try:
        return str(Path("pipeline") / path.relative_to(RESOURCE_DIR.parent))
    except ValueError:
        return str(path)


def _parse_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=SafeLoader)


def read_word_list(relpath: str | Path) -> list[str]:
    """The entries of a word list (one per line, ``#`` comments, blank lines), in order."""
    with resource_path(relpath).open(encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=16)
def load_word_set(relpath: str) -> frozenset[str]:
    """The case-folded entries of a word list; empty when ``relpath`` is empty or missing."""
    if not relpath or not resource_path(relpath).is_file():
        return frozenset()
    return frozenset(w.casefold() for w in read_word_list(relpath))
