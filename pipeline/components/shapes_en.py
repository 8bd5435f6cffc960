"""What the English name-shape rules share: their data and runs of capitalised words.

Data: ``lang/en/name_shapes.yaml`` (cue and head words of ``rules.persons_en``,
``rules.places_en``, ``rules.orgs_en``) and the word lists of ``en/person_names.yaml``
(titles, demonyms, months and days) that no name found by shape may contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.resources import load_resource

_GAP = re.compile(r"[ \t\u00a0]")
Word = tuple[int, int, str]


@dataclass(frozen=True)
class ShapeData:
    persons: dict[str, Any]
    places: dict[str, Any]
    orgs: dict[str, Any]
    bad: frozenset[str]  # casefolded words never inside a name found by shape
    titles: frozenset[str]
    demonyms: frozenset[str]


def _fold_all(values: Any) -> frozenset[str]:
    return frozenset(str(v).casefold() for v in values or [])


@lru_cache(maxsize=4)
def load_shape_data(
    shapes: str = "en/name_shapes.yaml", names: str = "en/person_names.yaml"
) -> ShapeData:
    """Load the rules' data once (paths relative to ``pipeline/resources``)."""
    from pipeline.tokenize import language_defaults

    data = load_resource(shapes) or {}
    person = load_resource(names) or {}
    stop = frozenset(w.casefold() for w in language_defaults("en").stop_words)
    bad = (
        stop
        | _fold_all(data.get("not_name_words"))
        | _fold_all(person.get("not_names"))
        | _fold_all(person.get("demonyms"))
        | _fold_all(person.get("titles"))
        | _fold_all(person.get("roles"))
        | _fold_all(person.get("reporting_verbs"))
    )
    return ShapeData(
        persons=dict(data.get("persons") or {}),
        places=dict(data.get("places") or {}),
        orgs=dict(data.get("orgs") or {}),
        bad=bad,
        titles=_fold_all(person.get("titles")),
        demonyms=_fold_all(person.get("demonyms")),
    )


def one_space(text: str, a: int, b: int) -> bool:
    """Only spaces (no line break) between offsets a and b, at least one."""
    return b > a and all(_GAP.match(c) for c in text[a:b])


def name_word(word: str, bad: frozenset[str]) -> bool:
    """A capitalised word that may be part of a name: ``Zeinolla``, ``O'Brien``,
    ``Kassym-Jomart``; not ``NASA`` (capitals), not a function word or demonym."""
    core = word.replace("-", "").replace("'", "").replace("’", "")
    if any(not part[:1].isupper() for part in word.split("-")):
        return False  # "Almaty-based", "Almaty-born": a name inside a hyphenated word
    return (
        len(core) > 1
        and core.isalpha()
        and word[0].isupper()
        and any(c.islower() for c in core)
        and word.casefold() not in bad
    )


def capitalised_runs(text: str, ws: list[Word], bad: frozenset[str]) -> list[tuple[int, int]]:
    """(first, last) word indices of runs of name words one space apart."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(ws):
        if not name_word(ws[k][2], bad):
            k += 1
            continue
        j = k
        while (
            j + 1 < len(ws)
            and not possessive(ws[j][2])
            and one_space(text, ws[j][1], ws[j + 1][0])
            and name_word(ws[j + 1][2], bad)
        ):
            j += 1
        runs.append((k, j))
        k = j + 1
    return runs


def possessive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


def core_end(word: Word) -> int:
    """The end of a word without its possessive (``Zeinolla's`` → ``Zeinolla``)."""
    start, end, w = word
    return end - 2 if possessive(w) else end


def sentence_initial(text: str, start: int) -> bool:
    """Does the word at ``start`` open a sentence or a line (after quotes)?"""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘«(":
        i -= 1
    return i < 0 or text[i] in ".!?:\n"


def phrase_before(text: str, ws: list[Word], k: int, phrases: frozenset[str]) -> bool:
    """Is word k preceded (one space, same line) by one of ``phrases`` (1-2 words)?"""
    for n in (2, 1):
        if k - n < 0:
            continue
        if not all(one_space(text, ws[i][1], ws[i + 1][0]) for i in range(k - n, k)):
            continue
        phrase = " ".join(w for _s, _e, w in ws[k - n : k]).casefold()
        if phrase in phrases:
            return True
    # "Author: X" is written with the colon attached
    if k >= 2 and ws[k - 1][2] == ":" and ws[k - 1][0] == ws[k - 2][1]:
        return f"{ws[k - 2][2].casefold()}:" in phrases
    return False


def phrase_after(text: str, ws: list[Word], k: int, phrases: frozenset[str]) -> bool:
    """Is word k followed (one space, same line) by one of ``phrases`` (1-2 words)?"""
    for n in (2, 1):
        if k + n >= len(ws):
            continue
        if not all(one_space(text, ws[i][1], ws[i + 1][0]) for i in range(k, k + n)):
            continue
        phrase = " ".join(w for _s, _e, w in ws[k + 1 : k + 1 + n]).casefold()
        if phrase in phrases:
            return True
    return False
