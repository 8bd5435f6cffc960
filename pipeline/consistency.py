"""Document-level consistency of names: one pass over the merged spans of a document.

A name recognised once in a document (with a cue, a list entry, a model's confidence) is
recognised in its other mentions, and a type decided once stays decided:

- **labels**: where the same name carries different labels in one document, every
  mention takes the label of its strongest mention (highest score; then the most mentions),
  so a club that ``beat`` someone is not a PLACE elsewhere in the report;
- **mentions**: other occurrences of a recognised name that no span covers become spans
  of its label: the same words (``Pugh`` … ``Pugh``), all capitals (``LONDON``), with a
  possessive left outside in English (``Zeinolla's`` → ``Zeinolla``) or a case ending
  inside in Kazakh (``Назарбаевтың``; whether an ending is inside is the language's
  ``inflection.yaml``);
- **name parts**: the family name or first name of a full PERSON name, alone
  (``Kaken`` after ``Bikamal Kaken``);
- **not names**: a PERSON made only of words that are never names (demonyms, titles:
  ``Irish``, ``Bishop``; the language's ``person_names`` lists) is dropped, whoever
  proposed it.

An occurrence is never taken inside a longer capitalised name (``Pugh`` in ``Pugh
Stadium``), inside a hyphenated word (``Almaty-born``) or in lower case where the name is
capitalised (``will`` for ``Will``). The pass is a pure function of the text, the spans,
the language and the tokens; the engine calls it after merging when the config has a
``consistency`` block (settings: :class:`ConsistencySettings`).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.inflection import inflection_rules, split_candidates
from pipeline.types import Span

_SPACE = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class ConsistencySettings:
    """The ``consistency`` block of a pipeline config."""

    # languages the pass runs in
    languages: tuple[str, ...] = ("en",)
    # labels whose names are unified and propagated
    labels: tuple[str, ...] = ("PERSON", "PLACE", "ORG")
    unify_labels: bool = True
    propagate: bool = True
    # a full PERSON name's first and family names count alone
    name_parts: bool = True
    # shortest name part taken alone, in letters ("Li" alone is too ambiguous)
    min_part_letters: int = 3
    # the longest name, in tokens, looked for
    max_tokens: int = 6
    # score of the spans the pass adds (the merged spans keep theirs)
    score: float = 0.7
    # spans scoring below this are kept but never spread (weak cues: "in Firefox")
    min_anchor_score: float = 0.65
    # per language, words never taken as a PERSON name alone (titles, roles, demonyms,
    # months), casefolded; the config reads them from ``person_names`` files
    not_names: Mapping[str, frozenset[str]] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _stop_words(lang: str) -> frozenset[str]:
    from pipeline.tokenize import blank_nlp

    return frozenset(w.casefold() for w in blank_nlp(lang).Defaults.stop_words)


def _letters(s: str) -> int:
    return sum(c.isalpha() for c in s)


def _all_caps(s: str) -> bool:
    return _letters(s) >= 2 and not any(c.islower() for c in s)


def _capitalised(s: str) -> bool:
    return s[:1].isupper()


def _key(span: Span, lang: str) -> str:
    """A span's name key: its nominative (``norm.name``) where known, else its text."""
    return _stem_key(str(span.norm.get("name") or span.text), lang)


def _stem_key(text: str, lang: str) -> str:
    """The key of a name: casefolded, spaces collapsed, an English possessive dropped."""
    key = _SPACE.sub(" ", text).casefold()
    if not inflection_rules(lang).ending_in_span:
        for _stem, ending in split_candidates(key, lang)[1:]:
            return key[: len(key) - len(ending)]
    return key


def _base(text: str, lang: str) -> str:
    """``text`` without an ending the language keeps outside a span (English 's)."""
    if inflection_rules(lang).ending_in_span:
        return text
    readings = split_candidates(text, lang)
    return readings[1][0] if len(readings) > 1 else text


@dataclass
class _Name:
    surface: str  # as written in its strongest mention
    label: str
    norm: dict[str, Any]
    part: bool = False  # a part of a longer PERSON name


def consistent_spans(
    text: str,
    spans: Sequence[Span],
    lang: str,
    tokens: Sequence[Any],
    settings: ConsistencySettings,
) -> list[Span]:
    """The merged ``spans`` of one document made consistent (see the module docstring).

    ``tokens`` are the document's tokens (``start``, ``end``, ``text``); new spans cover
    whole tokens. Spans of other labels pass through unchanged; the result never overlaps.
    """
    if lang not in settings.languages:
        return list(spans)
    not_names = settings.not_names.get(lang, frozenset())
    # copies keep everything of the span, its reading too: a date normalised later from its
    # reading keeps the sentence's tense and anchor, from its text alone it would not
    out = [
        dataclasses.replace(s, norm=dict(s.norm))
        for s in spans
        # "Irish", "Bishop": a PERSON made only of words that are never names is none
        if not (s.label == "PERSON" and _only_not_names(s.text, lang, not_names))
    ]
    named = [s for s in out if s.label in settings.labels]
    if settings.unify_labels:
        _unify(named, lang)
    anchors = [s for s in named if s.score >= settings.min_anchor_score]
    if settings.propagate and anchors:
        out += _propagate(text, out, anchors, lang, tokens, settings)
    return sorted(out, key=lambda s: (s.start, s.end))


def _only_not_names(text: str, lang: str, not_names: frozenset[str]) -> bool:
    words = [_stem_key(w, lang) for w in text.split()]
    return bool(not_names) and all(w in not_names for w in words)


def _unify(named: list[Span], lang: str) -> None:
    """Give every mention of a name the label of its strongest mention."""
    groups: dict[str, list[Span]] = defaultdict(list)
    for s in named:
        groups[_key(s, lang)].append(s)
    for group in groups.values():
        labels = {s.label for s in group}
        if len(labels) < 2:
            continue
        counts = Counter(s.label for s in group)
        best = max(group, key=lambda s: (s.score, counts[s.label]))
        tied = [
            lab
            for lab in labels
            if lab != best.label
            and max(s.score for s in group if s.label == lab) == best.score
            and counts[lab] == counts[best.label]
        ]
        if tied:
            continue  # no evidence either way: leave the mentions as they are
        for s in group:
            if s.label != best.label:
                s.label, s.norm = best.label, dict(best.norm)


def _names(named: list[Span], lang: str, settings: ConsistencySettings) -> dict[str, _Name]:
    """The names of the document by key; a full name wins over a part of another name."""
    stop = _stop_words(lang)
    not_names = settings.not_names.get(lang, frozenset())
    names: dict[str, _Name] = {}
    strongest: dict[str, float] = {}
    for s in sorted(named, key=lambda s: -s.score):
        for surface in dict.fromkeys([_base(s.text, lang), str(s.norm.get("name") or "")]):
            key = _stem_key(surface, lang)
            if not surface or key in stop or _letters(key) < 2 or not _capitalised(surface):
                continue
            if s.label == "PERSON" and key in not_names:
                continue  # "Bishop": a title the model took for a name
            if key not in names or s.score > strongest[key]:
                names[key] = _Name(_SPACE.sub(" ", surface), s.label, dict(s.norm))
                strongest[key] = s.score
    if not settings.name_parts:
        return names
    for s in named:
        words = str(s.norm.get("name") or s.text).split()
        if s.label != "PERSON" or len(words) < 2:
            continue
        for w in words:
            key = _stem_key(w, lang)
            if (
                key in names
                or key in stop
                or key in not_names
                or _letters(w) < settings.min_part_letters
                or not _capitalised(w)
                or not w.replace("-", "").replace("'", "").isalpha()
            ):
                continue
            names[key] = _Name(_base(w, lang), "PERSON", {}, part=True)
    return names


def _propagate(
    text: str,
    spans: list[Span],
    named: list[Span],
    lang: str,
    tokens: Sequence[Any],
    settings: ConsistencySettings,
) -> list[Span]:
    names = _names(named, lang, settings)
    if not names:
        return []
    ending_in_span = inflection_rules(lang).ending_in_span
    stop = _stop_words(lang)
    covered = sorted((s.start, s.end) for s in spans)
    taken: list[tuple[int, int]] = []
    added: list[Span] = []
    n_tok = len(tokens)
    max_words = max(len(n.surface.split()) for n in names.values())
    i = 0
    while i < n_tok:
        if not tokens[i].text[:1].isupper():
            i += 1  # every name is capitalised (or in capitals): most tokens start none
            continue
        found = None
        # longest run first: "Bikamal Kaken" before "Kaken"
        for n in range(min(settings.max_tokens, n_tok - i, 2 * max_words + 2), 0, -1):
            first, last = tokens[i], tokens[i + n - 1]
            if "\n" in text[first.start : last.end]:
                continue
            run = text[first.start : last.end]
            for stem, ending in split_candidates(run, lang):
                name = names.get(_SPACE.sub(" ", stem).casefold())
                if name is None or not _same_case(stem, name.surface):
                    continue
                end = last.end if ending_in_span else last.end - len(ending)
                found = (first.start, end, name, n)
                break
            if found:
                break
        if found is None:
            i += 1
            continue
        start, end, name, n = found
        if (
            not _overlaps(covered, start, end)
            and not _overlaps(taken, start, end)
            and not _hyphenated(text, start, end)
            and not _inside_longer_name(text, tokens, i, i + n - 1, covered, stop)
        ):
            norm = {} if name.part else dict(name.norm)
            added.append(
                Span.from_text(text, start, end, name.label, "consistency", settings.score, norm)
            )
            taken.append((start, end))
            taken.sort()
        i += n
    return added


def _same_case(occurrence: str, surface: str) -> bool:
    """``Pugh`` for ``Pugh``, ``PUGH`` for ``Pugh``; never ``will`` for ``Will``."""
    occ = _SPACE.sub(" ", occurrence)
    return occ == surface or (_all_caps(occ) and occ.casefold() == surface.casefold())


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of ``ranges`` (sorted, never overlapping each other)?"""
    k = bisect_left(ranges, (end, end)) - 1
    return k >= 0 and ranges[k][1] > start


def _hyphenated(text: str, start: int, end: int) -> bool:
    """Is text[start:end] part of a hyphenated word (``Almaty-born``, ``pro-Pugh``)?"""
    before = start >= 2 and text[start - 1] in "-‐" and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] in "-‐" and text[end + 1].isalnum()
    return before or after


def _inside_longer_name(
    text: str,
    tokens: Sequence[Any],
    first: int,
    last: int,
    covered: list[tuple[int, int]],
    stop: frozenset[str],
) -> bool:
    """Is the run of tokens first..last next to another capitalised word of the same name
    (one space apart, not itself a span, not a function word)?"""
    for k, gap_start, gap_end in (
        (first - 1, tokens[first - 1].end if first else 0, tokens[first].start),
        (last + 1, tokens[last].end, tokens[last + 1].start if last + 1 < len(tokens) else 0),
    ):
        if not 0 <= k < len(tokens):
            continue
        word = tokens[k].text
        if not _SPACE.fullmatch(text[gap_start:gap_end] or "x"):
            continue  # punctuation or a line break between: another phrase
        if not (_capitalised(word) and word[:1].isalpha()):
            continue
        if _overlaps(covered, tokens[k].start, tokens[k].end):
            continue  # a name of its own next to this one ("Almaty Kazakhstan")
        if k < first and word.casefold() in stop:
            continue  # a capitalised function word before: "When Pugh arrived"
        return True
    return False
