"""Lexical attributes for Kazakh: ``like_num`` over digits and inflected number words.

Number words come from ``pipeline/lang/kk/numbers.yaml`` (shared with the count
rules), their endings from the morphology table (``morphology.yaml``, ``number_endings``).
A word is number-like when it is exactly ``stem + ending`` with ``stem`` a
number stem and ``ending`` one of the listed inflectional endings; there is no prefix
matching, so ``бірақ``, ``бесік``, ``алтын``, ``елдер`` are not numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.attrs import LIKE_NUM

from pipeline.morphology import morphology
from pipeline.resources import load_resource

NUMBERS_RESOURCE = "kk/numbers.yaml"

_STEM_SECTIONS = ("units", "tens", "multipliers", "collective")

DATES_RESOURCE = "kk/dates.yaml"
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_DIGITS_WITH_ENDING_RE = re.compile(r"^\d+(?:[.,]\d+)*-[а-яёәғқңөұүһі]+$")


@lru_cache(maxsize=1)
def load_numbers() -> dict[str, Any]:
    """The parsed ``numbers.yaml`` (cached); see the file for its keys."""
    data = load_resource(NUMBERS_RESOURCE)
    if not isinstance(data, dict):
        raise ValueError(f"{NUMBERS_RESOURCE}: expected a mapping at the top level")
    return data


@lru_cache(maxsize=1)
def number_stems() -> dict[str, int | None]:
    """Every number stem (units, tens, multipliers, zero, collective) with its value."""
    data = load_numbers()
    stems: dict[str, int | None] = {}
    for section in _STEM_SECTIONS:
        for stem, value in (data.get(section) or {}).items():
            stems[str(stem)] = value
    for stem in data.get("zero") or []:
        stems[str(stem)] = 0
    return stems


@lru_cache(maxsize=1)
def _endings() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    data = load_numbers()
    endings = frozenset(morphology("kk").number_endings)
    ordinals = tuple(sorted((str(s) for s in data.get("ordinal_suffixes") or []), key=len))
    not_numbers = frozenset(str(w).lower() for w in data.get("not_numbers") or [])
    return endings, ordinals, not_numbers


@lru_cache(maxsize=1)
def _longest_stem() -> int:
    return max((len(stem) for stem in number_stems()), default=0)


def normalise_word(text: str) -> str:
    """Lower-case ``text`` and, when it contains Cyrillic, map Latin look-alikes to Cyrillic."""
    lowered = text.lower()
    if _CYRILLIC_RE.search(lowered):
        lowered = lowered.translate(_homoglyphs())
    return lowered


@lru_cache(maxsize=1)
def _homoglyphs() -> dict[int, str]:
    """Latin letters that Kazakh web text uses in place of their Cyrillic look-alikes
    ("Cаясаттанушы" with a Latin C, "бiр" with a Latin i): the date and number grammar's
    table (``kk/dates.yaml`` ``homoglyphs``), so that both readers of number words map the
    same letters."""
    return str.maketrans(dict(load_resource(DATES_RESOURCE).get("homoglyphs") or {}))


def _valid_ending(ending: str) -> bool:
    endings, ordinals, _ = _endings()
    if ending in endings:
        return True
    # An ordinal may take a further ending: біріншіден, екіншісі.
    return any(
        ending.startswith(suffix) and ending[len(suffix) :] in endings for suffix in ordinals
    )


def split_number_word(text: str) -> tuple[str, str] | None:
    """Split a Kazakh number word into ``(stem, ending)``, or ``None`` if it is not one.

    ``мыңға`` -> ``("мың", "ға")``; ``ондаған`` -> ``("он", "даған")``;
    ``бірақ`` / ``үшін`` -> ``None``. The longest matching stem wins.
    """
    word = normalise_word(text)
    _, _, not_numbers = _endings()
    if not word or word in not_numbers:
        return None
    stems = number_stems()
    # No stem is longer than the longest listed one: cutting only there keeps the work
    # per word bounded (a 100,000-letter "word" must not cost 100,000 slices).
    for cut in range(min(len(word), _longest_stem()), 0, -1):
        stem = word[:cut]
        if stem in stems and _valid_ending(word[cut:]):
            return stem, word[cut:]
    return None


def is_ordinal(text: str) -> bool:
    """True for ordinal number words (``бірінші``, ``оныншы``, ``екіншісі``)."""
    parts = split_number_word(text)
    if parts is None:
        return False
    _, ordinals, _ = _endings()
    return any(parts[1].startswith(suffix) for suffix in ordinals)


def number_word_value(text: str) -> int | None:
    """The value of a single number word's stem (``мыңға`` -> 1000), else ``None``."""
    parts = split_number_word(text)
    if parts is None:
        return None
    return number_stems().get(parts[0])


def _is_digit_number(text: str) -> bool:
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    if _DIGITS_WITH_ENDING_RE.match(text):
        return True
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        return num.isdigit() and denom.isdigit()
    return False


def like_num(text: str) -> bool:
    """spaCy ``LIKE_NUM`` for Kazakh.

    True for digits (``35,000``, ``2.5``, ``1/2``), digits with a hyphenated ending
    (``14-і``, ``170-тей``), inflected number words (``мыңға``, ``екеу``, ``ондаған``),
    and hyphenated pairs of different number words (``бір-екі``, ``бес-алты``).
    """
    if not text:
        return False
    if _is_digit_number(normalise_word(text)):
        return True
    if split_number_word(text) is not None:
        return True
    if "-" in text:
        parts = text.split("-")
        splits = [split_number_word(part) for part in parts]
        if len(parts) < 2 or any(s is None for s in splits):
            return False
        stems = [s[0] for s in splits if s is not None]
        # бір-бірімен "with each other" repeats its stem; бір-екі "one or two" does not.
        bare_heads = all(s is not None and s[1] == "" for s in splits[:-1])
        return bare_heads and len(set(stems)) == len(stems)
    return False


LEX_ATTRS = {LIKE_NUM: like_num}
