"""DATE normaliser: span text -> ``{"value": TIMEX3, "type": date|duration|age|set}``.

The text is read by the same engine that finds dates (``pipeline.components.patterns``),
leniently (a bare ``2017`` or ``May`` is read as a year or a month), and resolved against
the document date: ``Қыркүйектің 14-і`` -> ``2018-09-14`` for a 2018 document, ``XXXX-09-14``
with no document date; ``Былтыр`` -> the year before; ``екі жылдан бері`` -> ``P2Y``.
"""

from __future__ import annotations

import logging
from typing import Any

from pipeline.components.patterns import best_match, find_dates, lexicons_for, resolve_date

log = logging.getLogger(__name__)


def normalise_date(
    text: str,
    label: str = "DATE",
    lang: str | None = None,
    doc_date: str | None = None,
    numeric_order: str | None = None,
) -> dict[str, Any]:
    """The TIMEX3 value of a DATE span, or ``{}`` when nothing can be read (never raises).

    ``numeric_order`` (``"DMY"`` or ``"MDY"``) says how to read an ambiguous numeric date such
    as ``01/06/2022``; without it the language default applies (month first in English, day
    first in Kazakh), and a first field above 12 always means day first.
    """
    try:
        if not isinstance(text, str) or not text.strip():
            return {}
        best = None
        best_lex = None
        for lex in lexicons_for(lang):
            m = best_match(find_dates(text, lex, strict=False, sets=True))
            if m is not None and (best is None or m.end - m.start > best.end - best.start):
                best, best_lex = m, lex
        if best is None:
            return {}
        return resolve_date(dict(best.info), doc_date, best_lex, numeric_order)
    except Exception:  # a normaliser must never lose a span
        log.debug("normalise_date failed on %r", text, exc_info=True)
        return {}
