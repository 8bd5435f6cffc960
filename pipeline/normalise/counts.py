"""COUNT normaliser: span text -> ``{"value": number}`` plus ``mod`` / ``min`` / ``max``.

Read by the same engine that finds counts (``pipeline.components.patterns``), leniently
(``4 million tenge`` still reads 4000000): ``35 мыңға жуық`` -> ``{"value": 35000, "mod":
"APPROX"}``, ``5 to 6`` -> ``{"value": None, "min": 5, "max": 6}``, ``dozens`` ->
``{"value": None, "mod": "VAGUE", "min": 12}``, ``екі жүз сексен тоғыз мың`` -> 289000.
"""

from __future__ import annotations

import logging
from typing import Any

from pipeline.components.patterns import best_match, count_norm, find_counts, lexicons_for

log = logging.getLogger(__name__)


def normalise_count(
    text: str, label: str = "COUNT", lang: str | None = None, doc_date: str | None = None
) -> dict[str, Any]:
    """The number of a COUNT span, or ``{}`` when it cannot be read (never raises)."""
    try:
        if not isinstance(text, str) or not text.strip():
            return {}
        best = None
        for lex in lexicons_for(lang):
            m = best_match(find_counts(text, lex, strict=False))
            if m is not None and (best is None or m.end - m.start > best.end - best.start):
                best = m
        if best is None:
            return {}
        return count_norm(best.info)
    except Exception:  # a normaliser must never lose a span
        log.debug("normalise_count failed on %r", text, exc_info=True)
        return {}
