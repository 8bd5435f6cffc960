"""Lexicon-backed inflection analysis: split a word into (stem, ending) candidates.

The endings come from the language's morphology table (:mod:`pipeline.morphology`,
``pipeline/lang/<lang>/morphology.yaml``); callers accept a
candidate only when its stem is in a lexicon (gazetteer, name list), so the analyser
never cuts suffixes blindly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.morphology import morphology


@dataclass(frozen=True)
class Inflection:
    endings: tuple[str, ...]  # longest first
    alternation: dict[str, str]
    hyphen_allowed: bool
    ending_in_span: bool
    plural: tuple[str, ...] = ()  # the plural endings among them
    vowels: frozenset[str] = frozenset()  # the letters before which the alternation applies

    @property
    def ending_set(self) -> frozenset[str]:
        return _ending_set(self.endings)

    @property
    def max_len(self) -> int:
        return len(self.endings[0]) if self.endings else 0


@lru_cache(maxsize=8)
def _ending_set(endings: tuple[str, ...]) -> frozenset[str]:
    return frozenset(endings)


@lru_cache(maxsize=8)
def inflection_rules(lang: str) -> Inflection:
    morph = morphology(lang)
    case = set(morph.analyser_slot("case"))
    possessive = morph.analyser_slot("possessive")
    plural = morph.analyser_slot("plural")
    after_possessive = morph.analyser_slot("case_after_possessive")
    endings: set[str] = case | set(possessive) | set(plural)
    # A stem may already end in a possessive (ауданы, министрлігі): its case forms follow it.
    endings |= set(after_possessive)
    for poss in possessive:
        endings |= {poss + c for c in after_possessive}
    for pl in plural:
        endings |= {pl + c for c in case}
        for poss in possessive:
            endings.add(pl + poss)
            endings |= {pl + poss + c for c in after_possessive}
    endings.discard("")
    return Inflection(
        endings=tuple(sorted(endings, key=len, reverse=True)),
        alternation=morph.unvoicing,
        hyphen_allowed=morph.hyphen_allowed,
        ending_in_span=morph.ending_in_span,
        plural=plural,
        vowels=frozenset(morph.vowels),
    )


def split_candidates(word: str, lang: str) -> list[tuple[str, str]]:
    """All (stem, ending) readings of ``word``, the uninflected reading first.

    ``Алматыда`` → [("Алматыда", ""), ("Алматы", "да"), ...]; ``БҰҰ-ның`` → [..., ("БҰҰ", "-ның")].
    Cached: news text repeats its words, and every rule asks for the same readings.
    """
    return list(_split_cached(word, lang))


@lru_cache(maxsize=200_000)
def _split_cached(word: str, lang: str) -> tuple[tuple[str, str], ...]:
    rules = inflection_rules(lang)
    out: list[tuple[str, str]] = [(word, "")]
    lower = word.lower()
    endings = rules.ending_set  # once: the property hashes the whole tuple of endings
    # Try each ending length once (longest first) instead of every ending in turn.
    for k in range(min(rules.max_len, len(word) - 2), 0, -1):
        ending = lower[-k:]
        if ending not in endings:
            continue
        stem = word[: len(word) - k]
        if stem.endswith("-"):
            if not rules.hyphen_allowed:
                continue
            out.append((stem[:-1], "-" + ending))
            continue
        out.append((stem, ending))
        if ending[0] in rules.vowels and stem[-1] in rules.alternation:
            out.append((stem[:-1] + rules.alternation[stem[-1]], ending))
    return tuple(out)
