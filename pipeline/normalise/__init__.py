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
from typing import Any

from pipeline.types import Span

log = logging.getLogger(__name__)

# normaliser name (config ``normalise:``) → (labels, module, function)
NORMALISERS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "dates": (("DATE",), "pipeline.normalise.dates", "normalise_date"),
    "counts": (("COUNT",), "pipeline.normalise.counts", "normalise_count"),
    "names": (("PERSON", "PLACE", "ORG"), "pipeline.normalise.names", "normalise_name"),
}


def _function(name: str) -> Callable[..., dict[str, Any]] | None:
    _labels, module, func = NORMALISERS[name]
    try:
        return getattr(importlib.import_module(module), func)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None


def normalise_spans(
    spans: list[Span], lang: str, doc_date: str | None, enabled: list[str]
) -> list[Span]:
    """Fill ``norm`` for each span whose label has an enabled normaliser; keep existing norms."""
    by_label: dict[str, Callable[..., dict[str, Any]]] = {}
    for name in enabled:
        fn = _function(name)
        if fn is None:
            continue
        for label in NORMALISERS[name][0]:
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
