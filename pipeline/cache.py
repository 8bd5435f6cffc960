"""An on-disk cache of compiled resources (lexicons built from gazetteer files), keyed by
the content of everything they are built from.

The key is a hash of the files' bytes (the data files and the modules that build and
define the objects), the package version and the Python version: editing a gazetteer or
the code that reads it makes a new entry, never a stale hit. The cache lives in
``$KAZNEWS_CACHE`` or ``~/.cache/kaznews`` (``$XDG_CACHE_HOME/kaznews``);
``KAZNEWS_CACHE=off`` turns it off. A cache that cannot be written, or an entry that
cannot be read, is passed over: the resource is built as if there were no cache.
Entries are pickles written by this code into the user's own cache directory.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

CACHE_ENV = "KAZNEWS_CACHE"
T = TypeVar("T")


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: building or unpickling a lexicon makes hundreds
    of thousands of objects and no garbage, and the collector's passes over them took
    a third of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is off."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() in ("off", "0", "none", "false"):
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kaznews"


def content_key(kind: str, sources: Iterable[Path], extra: str = "") -> str:
    """A hash of ``kind``, ``extra``, the versions and every source file's bytes."""
    from pipeline.version import __version__

    digest = hashlib.sha256()
    for part in (kind, extra, __version__, sys.version):
        digest.update(part.encode("utf-8") + b"\0")
    for path in sources:
        digest.update(str(path.name).encode("utf-8") + b"\0")
        digest.update(Path(path).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def cached(kind: str, sources: Iterable[Path], build: Callable[[], T], extra: str = "") -> T:
    """``build()``'s result, from the cache when an entry for these sources exists."""
    folder = cache_dir()
    if folder is None:
        with no_gc():
            return build()
    sources = list(sources)
    try:
        key = content_key(kind, sources, extra)
    except OSError:  # a source that cannot be read: the build will say so
        return build()
    # one slot per resource (kind, extra and source paths): a new version of its files
    # replaces the entry of the old one instead of piling up beside it
    slot = hashlib.sha256(
        "\0".join([kind, extra, *(str(p) for p in sources)]).encode("utf-8")
    ).hexdigest()[:10]
    path = folder / f"{kind}-{slot}-{key}.pickle"
    try:
        with path.open("rb") as fh, no_gc():
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged entry: build again and replace it
        log.debug("cache entry %s unreadable (%s); rebuilding", path, exc)
    with no_gc():
        value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{kind}-{slot}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("cache %s not writable (%s); not caching %s", folder, exc, kind)
    return value
