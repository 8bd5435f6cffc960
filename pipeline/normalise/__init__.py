"""Normalisers fill ``span.norm``: DATE → TIMEX3 value, COUNT → number, names → nominative + Latin.

Each normaliser is a pure function of (span text, language, document date), and of the
span's reading when the proposing component left one (``Span.reading``: the date and count
normalisers then do not read the text again); this module only dispatches by label. A
normaliser that cannot interpret a span leaves an empty norm.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

from pipeline.types import Span

log = logging.getLogger(__name__)

# The built-in normalisers: name (config ``normalise:``) -> (labels, "module:function").
BUILTIN: dict[str, tuple[tuple[str, ...], str]] = {
    "dates": (("DATE",), "pipeline.normalise.dates:normalise_date"),
    "counts": (("COUNT",), "pipeline.normalise.counts:normalise_count"),
    "names": (("PERSON", "PLACE", "ORG"), "pipeline.normalise.names:normalise_name"),
}
# More come from installed packages, as components do: the entry point's name is the
# normaliser's name and its value ``module:function``; the function carries the labels it
# normalises as ``function.labels`` (``[project.entry-points."kaznews.normalisers"]
# upper = "my_package.norms:upper"``). A built-in name cannot be taken over.
ENTRY_POINT_GROUP = "kaznews.normalisers"


def _plugins() -> dict[str, str]:
    found = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return {name: target for name, target in sorted(found.items()) if name not in BUILTIN}


def available() -> tuple[str, ...]:
    """Every normaliser a config may name: the built-in ones, then the installed ones."""
    return (*BUILTIN, *_plugins())


def _load(target: str) -> Callable[..., dict[str, Any]] | None:
    module, _, func = target.partition(":")
    try:
        return getattr(importlib.import_module(module), func)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None


def _function(name: str) -> tuple[tuple[str, ...], Callable[..., dict[str, Any]] | None]:
    """The labels and function of a normaliser (``None``: its module is not installed)."""
    if name in BUILTIN:
        labels, target = BUILTIN[name]
        return labels, _load(target)
    fn = _load(_plugins()[name])
    labels = tuple(getattr(fn, "labels", ())) if fn is not None else ()
    if fn is not None and not labels:
        raise ValueError(f"normaliser '{name}' ({_plugins()[name]}) declares no labels")
    return labels, fn


def normalise_spans(
    spans: list[Span], lang: str, doc_date: str | None, enabled: list[str]
) -> list[Span]:
    """Fill ``norm`` for each span whose label has an enabled normaliser; keep existing norms."""
    by_label: dict[str, Callable[..., dict[str, Any]]] = {}
    for name in enabled:
        labels, fn = _function(name)
        if fn is None:
            continue
        for label in labels:
            by_label[label] = fn
    for span in spans:
        fn = by_label.get(span.label)
        if fn is None or span.norm:
            continue
        # a span's own reading (left by the component that proposed it) saves a re-read
        extra = {"reading": span.reading} if span.reading is not None else {}
        try:
            span.norm = fn(span.text, span.label, lang, doc_date, **extra) or {}
        except Exception:  # a normaliser bug must not lose the span
            log.exception("normaliser failed on %r", span.text)
            span.norm = {}
    return spans
