"""Language detection for the two supported languages: Kazakh (Cyrillic) and English."""

from __future__ import annotations

import re

from pipeline.resources import load_resource

_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """Return ``"kk"``, ``"en"``, another code for a recognisably other language, or None.

    Kazakh: mostly Cyrillic letters with some Kazakh-only letters (Cyrillic without
    them is taken as Russian, ``"ru"``). English: mostly Latin letters and enough
    English function words. None for an empty or letterless text.
    """
    res = load_resource("langid.yaml")
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    cyr = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if cyr / len(letters) >= res["min_cyrillic_share"]:
        kazakh = set(res["kazakh_letters"])
        return "kk" if any(c in kazakh for c in letters) else "ru"
    latin = sum(1 for c in letters if c.isascii())
    if latin / len(letters) < 0.5:
        return "und"
    words = [w.lower() for w in _WORD.findall(text)]
    function_words = set(res["english_function_words"])
    share = sum(1 for w in words if w in function_words) / max(len(words), 1)
    if share >= res["min_english_function_share"] or len(words) < 4:
        return "en"
    return "und"
