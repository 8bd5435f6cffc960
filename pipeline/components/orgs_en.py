"""``rules.orgs_en``: English organisation names by their shape and context.

- a name and the acronym of its initials after it are one organisation, twice: ``the
  Republican Operational Headquarters (ROH)`` → ``Republican Operational Headquarters``,
  ``ROH`` (function words are skipped: ``Committee for State Security (CSS)``);
- a dateline's agency in parentheses: ``ASTANA (TCA) —``, ``Taipei, Nov. 3 (CNA)``;
- an acronym after a cue: ``sources told RFA``, ``an interview with CNA``;
- an embassy or consulate with its location is one organisation (spec Clarifications v2):
  ``the Chinese Embassy in Astana``;
- a sports team named after a city or region: ``Leeds beat Everton 2-1`` → two ORG (a
  country's national team stays a PLACE). These spans score 0.95, above the gazetteer's,
  so that the consistency pass turns the club's other mentions in the document to ORG.

Cue words live in ``en/name_shapes.yaml``; the gazetteer says what a place is.
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
from pipeline.lexicon import WorldPlaces, load_lexicon, load_world_places
from pipeline.registry import register
from pipeline.types import Document, Span

_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}s?$")
_PAREN_ACRONYM = re.compile(r" ?\(([A-Z][A-Z&]{1,7})\)")
_SENTENCE_END = re.compile(r"[a-z]{3,}[.!?] ")
_SCORE = re.compile(r"\s+\d{1,2}\s*[-–:]\s*\d{1,2}\b")


@register("rules.orgs_en")
class EnglishOrgShapes:
    """ORG from acronym definitions, datelines, cues, located embassies and sports teams.

    Settings: ``shapes`` (the cue data), ``names`` (the person-name lists), ``places`` /
    ``orgs`` / ``world`` (the gazetteers), ``score``, ``team_score``.
    """

    def __init__(
        self,
        shapes: str = "en/name_shapes.yaml",
        names: str = "en/person_names.yaml",
        places: str = "gazetteer/places.yaml",
        orgs: str = "gazetteer/orgs.yaml",
        world: str | None = "gazetteer/world_places.yaml",
        score: float = 0.85,
        team_score: float = 0.95,
    ) -> None:
        self.data = load_shape_data(shapes, names)
        cfg = self.data.orgs
        self.skip = frozenset(str(w).casefold() for w in cfg.get("acronym_skip") or [])
        self.dateline_chars = int(cfg.get("dateline_chars", 60))
        self.acronym_after = frozenset(str(w).casefold() for w in cfg.get("acronym_after") or [])
        self.not_acronyms = frozenset(str(w) for w in cfg.get("not_acronyms") or [])
        self.located = tuple(str(w) for w in cfg.get("located_heads") or [])
        self.result_verbs = tuple(str(w).casefold() for w in cfg.get("result_verbs") or [])
        self.lexicon = load_lexicon(places, orgs)
        self._world_settings = world  # the world gazetteer loads with the first English text
        self._world: WorldPlaces | None = None
        self.score = score
        self.team_score = team_score

    @property
    def world(self) -> WorldPlaces | None:
        if self._world is None and self._world_settings:
            self._world = load_world_places(self._world_settings)
        return self._world

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        if doc.lang != "en" or not doc.text:
            return []
        text = doc.text
        ws = doc_words(text)
        found: list[tuple[int, int, float]] = []
        found += self._acronym_definitions(text, ws)
        found += self._datelines(text)
        found += self._cued_acronyms(text, ws)
        found += self._located(text)
        found += self._teams(text, ws)
        return [Span.from_text(text, s, e, "ORG", "", score) for s, e, score in found]

    # --- acronyms -------------------------------------------------------------------------

    def _acronym_definitions(self, text: str, ws: list) -> list[tuple[int, int, float]]:
        out = []
        for m in _PAREN_ACRONYM.finditer(text):
            acro = m.group(1)
            if acro in self.not_acronyms:
                continue
            # the words before the parenthesis, back to as many initials as the acronym has
            k = _word_ending_at(ws, m.start())
            if k is None:
                continue
            letters, first = [], k
            while first >= 0 and len(letters) < len(acro):
                w = ws[first][2]
                if w.casefold() in self.skip:
                    first -= 1
                    continue
                if not w[:1].isupper() or not w[:1].isalpha():
                    break
                letters.insert(0, w[0])
                first -= 1
            first += 1
            while first <= k and ws[first][2].casefold() in self.skip:
                first += 1
            if "".join(letters) != acro or first > k:
                continue
            start, end = ws[first][0], ws[k][1]
            if "\n" in text[start:end] or self._is_place(text[start:end]):
                continue
            out.append((start, end, self.score))
            out.append((m.start(1), m.end(1), self.score))
        return out

    def _datelines(self, text: str) -> list[tuple[int, int, float]]:
        """``ASTANA (TCA) —``, ``Taipei, Nov. 3 (CNA)``: an acronym in parentheses after
        the opening words of a line, a place in capitals or a date, before any sentence."""
        out = []
        line_start = 0
        for line in text.split("\n"):
            m = _PAREN_ACRONYM.search(line[: self.dateline_chars])
            if m and m.group(1) not in self.not_acronyms:
                before = line[: m.start()].strip()
                first = before.split(" ")[0].strip(",") if before else ""
                opens = (len(first) > 2 and first.isupper()) or any(c.isdigit() for c in before)
                if opens and not _SENTENCE_END.search(before):
                    out.append((line_start + m.start(1), line_start + m.end(1), self.score))
            line_start += len(line) + 1
        return out

    def _cued_acronyms(self, text: str, ws: list) -> list[tuple[int, int, float]]:
        out = []
        for k, (s, e, w) in enumerate(ws):
            if not _ACRONYM.match(w) or w in self.not_acronyms or self._is_place(w):
                continue
            if k and phrase_before(text, ws, k, self.acronym_after):
                out.append((s, e, self.score))
        return out

    # --- embassies ------------------------------------------------------------------------

    def _located(self, text: str) -> list[tuple[int, int, float]]:
        """``Chinese Embassy in Astana``: capitalised words, the head, ``in`` and a place."""
        out = []
        for head in self.located:
            for m in re.finditer(rf"\b{re.escape(head)} in ", text):
                start = _capitalised_back(text, m.start())
                if start is None:
                    continue
                rest = text[m.end() : m.end() + 60]
                place = self.lexicon.match(rest, "en")[:1]
                if place and place[0].start == 0 and place[0].entry.label == "PLACE":
                    out.append((start, m.end() + place[0].end, self.score))
        return out

    # --- sports ---------------------------------------------------------------------------

    def _teams(self, text: str, ws: list) -> list[tuple[int, int, float]]:
        """Teams named after a city or region, next to a result verb or a score."""
        out = []
        runs = capitalised_runs(text, ws, self.data.bad)
        index = {first: last for first, last in runs}
        for first, last in runs:
            end = core_end(ws[last])
            if end != ws[last][1]:
                continue
            verb = self._verb_after(text, end)
            if verb is None and not _SCORE.match(text, end):
                continue
            home = self._club_place(text[ws[first][0] : end])
            other = None
            if verb is not None:
                k = _word_starting_at(ws, verb)
                if k is not None and k in index:
                    other = (ws[k][0], core_end(ws[index[k]]))
            elif _SCORE.match(text, end):
                continue  # "Leeds 2" alone is no result; a table line is "Leeds 2 Everton 1"
            if not home and not (other and self._club_place(text[other[0] : other[1]])):
                continue
            if self._country(text[ws[first][0] : end]) or (
                other and self._country(text[other[0] : other[1]])
            ):
                continue  # national teams: the spec keeps country names places
            out.append((ws[first][0], end, self.team_score))
            if other:
                out.append((other[0], other[1], self.team_score))
        return out

    def _verb_after(self, text: str, end: int) -> int | None:
        """The offset of the word after a result verb that follows ``end``, if any."""
        rest = text[end : end + 40]
        for verb in self.result_verbs:
            if rest.casefold().startswith(f" {verb} "):
                return end + len(verb) + 2
        return None

    def _places(self, name: str, whole: bool = True) -> list[Any]:
        """Places of the gazetteers that are all of ``name`` (or open it)."""
        found = [m for m in self.lexicon.match(name, "en") if m.entry.label == "PLACE"]
        if not found and self.world is not None:
            found = self.world.lexicon.match(name, "en")
        return [m for m in found if m.start == 0 and (m.end == len(name) or not whole)]

    def _is_place(self, name: str) -> bool:
        return bool(self._places(name))

    def _club_place(self, name: str) -> bool:
        """A team named after a city or region: ``Leeds``, ``Manchester United``."""
        return any(m.entry.kind != "country" for m in self._places(name, whole=False))

    def _country(self, name: str) -> bool:
        return any(m.entry.kind == "country" for m in self._places(name))


def _word_ending_at(ws: list, offset: int) -> int | None:
    for k in range(len(ws) - 1, -1, -1):
        if ws[k][1] == offset:
            return k
        if ws[k][1] < offset:
            return None
    return None


def _word_starting_at(ws: list, offset: int) -> int | None:
    from bisect import bisect_left

    k = bisect_left([w[0] for w in ws], offset)
    return k if k < len(ws) and ws[k][0] == offset else None


def _capitalised_back(text: str, end: int) -> int | None:
    """The start of the run of capitalised words (or ``U.S.``) that ends before ``end``."""
    start = None
    pos = end
    while pos > 0 and text[pos - 1] == " ":
        j = pos - 1
        i = j
        while i > 0 and not text[i - 1].isspace():
            i -= 1
        word = text[i:j]
        if not word or not (name_word(word, frozenset({"the", "a", "an"})) or word.isupper()):
            break
        start, pos = i, i
        if one_space(text, i - 1, i) is False:
            break
    return start
