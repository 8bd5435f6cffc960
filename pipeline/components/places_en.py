"""``rules.places_en``: English PLACE names that no gazetteer knows, by their shape.

- a lower-case head word after the name describes it and stays outside:
  ``Karzhao village``, ``Qutubi county``, ``the Karasay district`` (spec Clarifications v2);
- a capitalised head word belongs to the name: ``Gongliu County``, ``Changji Hui
  Autonomous Prefecture``, ``Panfilov City``;
- ``the village of Uzynagash``, ``the city of Shymkent``;
- a name before a comma and a country or region of the curated gazetteer:
  ``Uzynaghash, Kazakhstan``;
- one or two capitalised words after a place preposition, ending their phrase:
  ``in Koshmambet, there is``, ``near Targap.`` (scored lower than the rest);
- a line-opening dateline in capitals whose next thing is a comma, a parenthesis or a
  date: ``UZYNAGASH, Kazakhstan``, ``ASTANA (TCA) —``, ``LONDON 1996-08-30`` (not a dash:
  ``SOCCER - LEEDS WIN`` is a headline).

A name inside a hyphenated word is never taken (``Almaty-born``: one word). Head words and
limits live in ``en/name_shapes.yaml``; the gazetteer says what a country or region is.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.components.shapes_en import (
    capitalised_runs,
    core_end,
    doc_words,
    load_shape_data,
    name_word,
    one_space,
    phrase_before,
)
from pipeline.lexicon import load_lexicon
from pipeline.registry import register
from pipeline.types import Document, Span

_DATELINE_NEXT = re.compile(r"\s*(?:,|\(|\d{4}-\d\d-\d\d)")
_BIG_PLACES = ("country", "region")


@register("rules.places_en")
class EnglishPlaceShapes:
    """PLACE from head words, ``the village of X``, ``X, Country`` and datelines.

    Settings: ``shapes`` (the head-word data), ``names`` (the person-name lists whose
    words are never in a place found by shape), ``places`` / ``orgs`` (the gazetteer that
    says which names are countries and regions), ``score``, ``max_words``.
    """

    def __init__(
        self,
        shapes: str = "en/name_shapes.yaml",
        names: str = "en/person_names.yaml",
        places: str = "gazetteer/places.yaml",
        orgs: str = "gazetteer/orgs.yaml",
        score: float = 0.85,
        preposition_score: float = 0.6,
        max_words: int = 4,
    ) -> None:
        self.data = load_shape_data(shapes, names)
        cfg = self.data.places
        self.lower_heads = frozenset(str(w) for w in cfg.get("lower_heads") or [])
        self.cap_heads = frozenset(str(w) for w in cfg.get("cap_heads") or [])
        self.of_heads = frozenset(f"{w} of".casefold() for w in cfg.get("of_heads") or [])
        self.dateline_words = int(cfg.get("dateline_max_words", 3))
        self.prepositions = frozenset(str(w).casefold() for w in cfg.get("prepositions") or [])
        self.lexicon = load_lexicon(places, orgs)
        self.score = score
        self.preposition_score = preposition_score
        self.max_words = max_words

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        if doc.lang != "en" or not doc.text:
            return []
        text = doc.text
        ws = doc_words(text)
        # capitalised heads and demonyms may be in a name ("Changji Hui Autonomous
        # Prefecture"): runs read them as name words; a demonym alone is no place
        bad = self.data.bad - {h.casefold() for h in self.cap_heads} - self.data.demonyms
        found: list[tuple[int, int]] = []
        weak: list[tuple[int, int]] = []
        for first, last in capitalised_runs(text, ws, bad):
            found += self._run(text, ws, first, last)
            weak += self._after_preposition(text, ws, first, last)
        found += self._datelines(text, ws)
        spans = [Span.from_text(text, s, e, "PLACE", "", self.score) for s, e in found]
        strong = set(found)
        spans += [
            Span.from_text(text, s, e, "PLACE", "", self.preposition_score)
            for s, e in weak
            if (s, e) not in strong
        ]
        return spans

    def _after_preposition(self, text: str, ws: list, first: int, last: int) -> list:
        """``in Koshmambet,``: one or two capitalised words after a place preposition,
        ending their phrase (a lower-case word or punctuation next). A weaker cue: it
        scores lower, and a person or organisation found there wins."""
        if last - first > 1 or not first or not phrase_before(text, ws, first, self.prepositions):
            return []
        if any(w.casefold() in self.data.demonyms for _s, _e, w in ws[first : last + 1]):
            return []
        end = ws[last][1]
        if end != core_end(ws[last]):
            return []  # "in Smith's book"
        nxt = last + 1
        if nxt < len(ws) and one_space(text, end, ws[nxt][0]) and ws[nxt][2][:1].isupper():
            return []
        return [(ws[first][0], end)]

    def _run(self, text: str, ws: list, first: int, last: int) -> list[tuple[int, int]]:
        start = ws[first][0]
        n = last - first + 1
        if n > self.max_words:
            return []
        last_word = ws[last][2]
        if last_word in self.cap_heads and n > 1:
            after = last + 1
            if after < len(ws) and one_space(text, ws[last][1], ws[after][0]):
                if name_word(ws[after][2], frozenset()):
                    return []  # "Kansas City Chiefs": another name
            return [(start, core_end(ws[last]))]
        if any(w in self.cap_heads for _s, _e, w in ws[first : last + 1]):
            return []
        if any(w.casefold() in self.data.demonyms for _s, _e, w in ws[first : last + 1]):
            return []  # "Kazakh village", "Uyghur region"
        end = core_end(ws[last])
        nxt = last + 1
        if (
            end == ws[last][1]
            and nxt < len(ws)
            and one_space(text, ws[last][1], ws[nxt][0])
            and ws[nxt][2] in self.lower_heads
        ):
            return [(start, end)]
        if first and phrase_before(text, ws, first, self.of_heads):
            return [(start, end)]
        if end == ws[last][1] and self._before_country(text, ws, last):
            return [(start, end)]
        return []

    def _before_country(self, text: str, ws: list, last: int) -> bool:
        """``X, Kazakhstan``: a comma, then a country or region of the gazetteer."""
        k = last + 1
        if k + 1 >= len(ws) or ws[k][2] != "," or ws[k][0] != ws[last][1]:
            return False
        if not one_space(text, ws[k][1], ws[k + 1][0]):
            return False
        for m in self.lexicon.match(text[ws[k + 1][0] : ws[k + 1][0] + 60], "en")[:1]:
            if m.start == 0 and m.entry.label == "PLACE" and m.entry.kind in _BIG_PLACES:
                return True
        return False

    def _datelines(self, text: str, ws: list) -> list[tuple[int, int]]:
        """Line-opening capitals followed by a comma, a parenthesis or an ISO date."""
        out = []
        k = 0
        while k < len(ws):
            s = ws[k][0]
            if not (s == 0 or text[s - 1] == "\n") or not _caps_word(ws[k][2]):
                k += 1
                continue
            j = k
            while (
                j + 1 < len(ws)
                and j - k + 1 < self.dateline_words
                and one_space(text, ws[j][1], ws[j + 1][0])
                and _caps_word(ws[j + 1][2])
            ):
                j += 1
            if _DATELINE_NEXT.match(text, ws[j][1]):
                out.append((s, ws[j][1]))
            k = j + 1
        return out


def _caps_word(word: str) -> bool:
    return len(word) > 2 and word.isalpha() and word.isupper()
