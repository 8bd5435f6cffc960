"""Generic head words that belong to a place name: ``Шымкент`` + ``қаласының``.

The annotation spec puts a Kazakh head word that follows a place name inside the PLACE
span (``Сауан ауданы``, ``Алматы қаласында``, ``Іле қазақ автономиялы облысы``). The
heads and the words that may stand between name and head are data
(``heads`` in ``gazetteer/places.yaml``); a head is recognised in any case form by the
inflection analyser, which proposes its possessive nominative stem (``қаласында`` →
``қаласы`` + ``нда``). The gazetteer applies this to its matches and the evidence
combiner to the model's places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.inflection import split_candidates
from pipeline.resources import load_resource

_WORD = re.compile(r"\w+(?:-\w+)*")
# At most this many words (modifiers and the head) are read after a name.
_MAX_WORDS = 4


@dataclass(frozen=True)
class PlaceHeads:
    finals: frozenset[tuple[str, ...]]  # head word sequences, casefolded
    modifiers: frozenset[str]
    longest: int
    same_place: frozenset[str] = frozenset()  # heads that name the place itself

    def __bool__(self) -> bool:
        return bool(self.finals)


@lru_cache(maxsize=8)
def place_heads(lang: str, places: str = "gazetteer/places.yaml") -> PlaceHeads:
    """The head words of ``lang`` from the ``heads`` block of ``places``."""
    spec = ((load_resource(places) or {}).get("heads") or {}).get(lang) or {}
    if not isinstance(spec, dict):
        spec = {"final": spec}
    finals = frozenset(tuple(h.casefold().split()) for h in spec.get("final") or [])
    modifiers = frozenset(m.casefold() for m in spec.get("modifiers") or [])
    same = frozenset(h.casefold() for h in spec.get("same_place") or [])
    return PlaceHeads(finals, modifiers, max((len(f) for f in finals), default=0), same)


def _is_head(words: list[str], lang: str, heads: PlaceHeads) -> bool:
    """Do ``words`` (the last one in any case form) spell a head word sequence?"""
    *first, last = [w.casefold() for w in words]
    for stem, _ending in split_candidates(last, lang):
        if (*first, stem) in heads.finals:
            return True
    return False


def head_end(text: str, end: int, lang: str, places: str = "gazetteer/places.yaml") -> int:
    """Where a place name ending at ``end`` ends once its head word is taken in.

    Returns ``end`` unchanged when no head follows. Between the name and the head only
    single spaces and the configured modifiers may stand; the head is a lower-case word.
    """
    heads = place_heads(lang, places)
    if not heads:
        return end
    following: list[tuple[int, str]] = []
    pos = end
    for _ in range(_MAX_WORDS):
        if text[pos : pos + 1] != " ":
            break
        m = _WORD.match(text, pos + 1)
        if m is None or not m.group()[:1].islower():
            break
        following.append((m.end(), m.group()))
        pos = m.end()
    for k in range(len(following)):
        words = [w for _e, w in following[: k + 1]]
        for n in range(1, min(heads.longest, len(words)) + 1):
            lead, head = words[:-n], words[-n:]
            if all(w.casefold() in heads.modifiers for w in lead) and _is_head(head, lang, heads):
                return following[k][0]
        if words[-1].casefold() not in heads.modifiers and k + 1 >= heads.longest:
            break
    return end


def is_place_head(word: str, lang: str = "kk", places: str = "gazetteer/places.yaml") -> bool:
    """Is ``word`` a one-word place head in some case form (``қаласының``)?"""
    heads = place_heads(lang, places)
    return bool(heads) and _is_head([word], lang, heads)
