"""DATE normaliser: span -> ``{"value": TIMEX3, "type": date|duration|age|set}``.

A span proposed by ``rules.dates`` carries its reading; any other span (a model's) is read
by the same grammar (:mod:`pipeline.grammar`), leniently (a bare ``2017`` or ``May`` is
read as a year or a month). Either is resolved against the document date:
``Қыркүйектің 14-і`` -> ``2018-09-14`` for a 2018 document, ``XXXX-09-14`` with no document
date; ``Былтыр`` -> the year before; ``екі жылдан бері`` -> ``P2Y``.
"""

from __future__ import annotations

import logging
from typing import Any

from pipeline.grammar import DateReading, lexicon, read_date, resolve

log = logging.getLogger(__name__)


def normalise_date(
    text: str,
    label: str = "DATE",
    lang: str | None = None,
    doc_date: str | None = None,
    numeric_order: str | None = None,
    reading: DateReading | None = None,
) -> dict[str, Any]:
    """The TIMEX3 value of a DATE span, or ``{}`` when nothing can be read (never raises).

    ``reading`` is the component's reading of the span (then the text is not read again).
    ``numeric_order`` (``"DMY"`` or ``"MDY"``) says how to read an ambiguous numeric date such
    as ``01/06/2022``; without it the language default applies (month first in English, day
    first in Kazakh), and a first field above 12 always means day first.
    """
    try:
        if isinstance(reading, DateReading):
            value = resolve(reading, doc_date, lexicon(lang), numeric_order)
            return value.norm() if value is not None else {}
        if not isinstance(text, str) or not text.strip():
            return {}
        got = read_date(text, lang)
        if got is None:
            return {}
        value = resolve(got[0], doc_date, got[1], numeric_order)
        return value.norm() if value is not None else {}
    except Exception:  # a normaliser must never lose a span
        log.debug("normalise_date failed on %r", text, exc_info=True)
        return {}
