"""Names → nominative form and Latin spelling (PERSON, PLACE) or nominative form (ORG).

A thin adapter over the name model of :mod:`pipeline.names` (lexicon-backed nominative
forms, Latin spellings from the gazetteer, known persons or transliteration).
"""

from __future__ import annotations

import logging
from typing import Any

from pipeline.names import latin_of, person_norm, place_nominative, safe_lang

log = logging.getLogger(__name__)


def normalise_name(text: str, label: str, lang: str, doc_date: str | None = None) -> dict[str, Any]:
    """PERSON / PLACE → ``{"name": nominative, "latin": Latin}``; ORG → ``{"name": nominative}``.

    ``doc_date`` is unused (names do not depend on it). Never raises: an input it cannot
    read gives an empty norm.
    """
    try:
        if not isinstance(text, str) or not text.strip():
            return {}
        lang = safe_lang(lang)
        if label == "PERSON":
            return person_norm(text, lang)
        if label in ("PLACE", "ORG"):
            name, entry = place_nominative(text, lang)
            if label == "ORG":
                return {"name": name}
            return {"name": name, "latin": latin_of(name, entry)}
        return {}
    except Exception:  # a normaliser must never lose a span
        log.exception("name normaliser failed on %r", text)
        return {}
