"""COUNT normaliser: span -> ``{"value": number}`` plus ``mod`` / ``min`` / ``max``.

A span proposed by ``rules.counts`` carries its reading; any other span is read by the
same grammar (:mod:`pipeline.grammar`), leniently (``4 million tenge`` still reads
4000000): ``35 мыңға жуық`` -> ``{"value": 35000, "mod": "APPROX"}``, ``5 to 6`` ->
``{"value": None, "min": 5, "max": 6}``, ``dozens`` -> ``{"value": None, "mod": "VAGUE",
"min": 12}``, ``екі жүз сексен тоғыз мың`` -> 289000.
"""

from __future__ import annotations

import logging
from typing import Any

from pipeline.grammar import CountReading, read_count

log = logging.getLogger(__name__)


def normalise_count(
    text: str,
    label: str = "COUNT",
    lang: str | None = None,
    doc_date: str | None = None,
    reading: CountReading | None = None,
) -> dict[str, Any]:
    """The number of a COUNT span, or ``{}`` when it cannot be read (never raises).

    ``reading`` is the component's reading of the span (then the text is not read again).
    """
    try:
        if isinstance(reading, CountReading):
            return reading.norm()
        if not isinstance(text, str) or not text.strip():
            return {}
        got = read_count(text, lang)
        return {} if got is None else got.norm()
    except Exception:  # a normaliser must never lose a span
        log.debug("normalise_count failed on %r", text, exc_info=True)
        return {}
