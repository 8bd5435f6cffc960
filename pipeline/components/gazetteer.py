"""PLACE and ORG from gazetteers, plus organisation-name patterns keyed on head words.

Two gazetteers: the curated one (places.yaml, orgs.yaml: both languages, inflected Kazakh
forms, aliases) and the world one (world_places.yaml: GeoNames cities and ISO 3166-2
subdivisions in English, plus "City, ST" US addresses). Where they overlap the curated
match wins.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from pipeline.inflection import split_candidates
from pipeline.layers import get_layer
from pipeline.lexicon import (
    Entry,
    Lexicon,
    Match,
    WorldPlaces,
    load_lexicon,
    load_world_places,
    words,
    world_place_languages,
)
from pipeline.place_heads import head_end, is_place_head
from pipeline.registry import register
from pipeline.resources import load_resource, load_word_set
from pipeline.types import Document, LanguageCode, Span


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


class OrgPatterns:
    """Organisation names built around a head word (``министрлігі``, ``Bureau``, ``Consulate``)."""

    def __init__(self, heads: dict[str, Any], lexicon: Lexicon) -> None:
        self.heads = heads
        self.lexicon = lexicon

    def find(
        self,
        text: str,
        lang: str,
        places: list[tuple[int, int]] | None = None,
        ws: list[tuple[int, int, str]] | None = None,
    ) -> list[tuple[int, int]]:
        """Organisation spans; ``places`` are the document's place spans (sorted), which
        a Kazakh name may start with; ``ws`` its words, when already cut."""
        cfg = self.heads.get(lang) or {}
        ws = words(text) if ws is None else ws
        if lang == "kk":
            return self._kk(text, ws, cfg, places or [])
        return self._en(text, ws, cfg)

    def _kk(
        self, text: str, ws: list, cfg: dict[str, Any], places: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Kazakh: a head word (any case form) and the words before it back to the first
        capitalised word that is no gazetteer name, over lower-case words that may stand
        inside a name (``inner_words``, ``inner_suffixes``); gazetteer names right before
        it (``ҚР``, ``Қазақстанның``, ``Алматыдағы``) are taken in, a location in front of a
        court or university is not (``separate_location``)."""
        finals = {f.casefold() for f in cfg.get("final", [])}
        bare = {f.casefold() for f in cfg.get("final_bare", [])}
        stops = set(cfg.get("stop_words", []))
        skip = set(cfg.get("leading_skip", []))
        inner = {w.casefold() for w in cfg.get("inner_words", [])}
        suffixes = tuple(cfg.get("inner_suffixes", []))
        separate = {w.casefold() for w in cfg.get("separate_location", [])}
        locative = tuple(cfg.get("location_endings", []))
        max_words = int(cfg.get("max_words", 7))
        outside = set(cfg.get("outside_cases", []))

        def place_outside(word: str) -> bool:
            """A place (or place head) in a case that keeps it out of a name after it."""
            for stem, ending in split_candidates(word, "kk"):
                if ending.lstrip("-") in outside and (
                    self.lexicon.lookup(stem, "kk") is not None or is_place_head(stem, "kk")
                ):
                    return True
            return False

        def head_of(word: str) -> str | None:
            stems = [stem.casefold() for stem, _ in split_candidates(word, "kk")]
            # the possessive reading first: "Елшілігіне" is "Елшілігі" + "не"
            return next((s for s in stems if s in finals), None) or next(
                (s for s in stems if s in bare), None
            )

        def may_stand_inside(word: str) -> bool:
            low = word.casefold()
            if low in inner or head_of(word) is not None or is_place_head(word, "kk"):
                return True
            return any(low.endswith(x) and len(low) > len(x) + 2 for x in suffixes)

        out = []
        for j, (_s, e, w) in enumerate(ws):
            head = head_of(w)
            if head is None:
                continue
            start_idx = j if _is_cap(w) else None
            if head in bare and not (j > 0 and ws[j - 1][2][:1].islower()):
                continue  # a bare head needs a lower-case word of the name before it
            k = j - 1
            while k >= 0 and j - k < max_words:
                prev = ws[k][2]
                gap = text[ws[k][1] : ws[k + 1][0]]
                if gap != " " or not prev[0].isalpha() or prev.lower() in stops or prev in skip:
                    break
                if head in separate and prev.casefold().endswith(locative):
                    break  # "Талдықорған қаласындағы" + "Алматы облыстық сотында"
                if place_outside(prev):
                    break
                if _is_cap(prev):
                    known = self.lexicon.lemmatise(prev, "kk")
                    if k + 1 == start_idx and self._two_bare_names(prev, ws[k + 1][2]):
                        break
                    start_idx = k
                    if known is None and not prev.isupper():
                        break  # a capitalised non-gazetteer word opens the name
                elif not may_stand_inside(prev):
                    break
                k -= 1
            if start_idx is None or (start_idx == j and not w[0].isupper()):
                continue
            if start_idx == j - 1 and self._possessor(ws[start_idx][2]):
                continue  # "Біләштің соты": Bilash's trial, no court of that name
            start = ws[start_idx][0]
            # a place right before the name belongs to it ("ҚР" + "Орталық сайлау
            # комиссиясы", "Алматы облысы" + "Ұйғыр аудандық соты"), except a location in
            # front of a court or university
            for p_start, p_end in places:
                if p_end + 1 == start and text[p_end] == " ":
                    place_text = text[p_start:p_end]
                    located = head in separate and place_text.casefold().endswith(locative)
                    if not located and not self._two_bare_names(place_text, ws[start_idx][2]):
                        start = p_start
                    break
            out.append((start, e))
        return out

    def _possessor(self, word: str) -> bool:
        """A capitalised genitive that is no gazetteer name: a person's (Біләштің)."""
        if self.lexicon.lemmatise(word, "kk") is not None:
            return False
        return any(
            ending in ("ның", "нің", "дың", "дің", "тың", "тің")
            for _stem, ending in split_candidates(word, "kk")
        )

    def _two_bare_names(self, first: str, second: str) -> bool:
        """Two gazetteer names in the nominative in a row ("Қазақстан Қытай Елшілігіне"):
        the first is no part of the second's organisation name."""
        a = self.lexicon.lemmatise(first, "kk")
        b = self.lexicon.lemmatise(second, "kk")
        return a is not None and b is not None and a[0] == first and b[0] == second

    def _en(self, text: str, ws: list, cfg: dict[str, Any]) -> list[tuple[int, int]]:
        out = []
        adjectives = set(cfg.get("adjectives", []))
        after_adj = set(cfg.get("after_adjective", []))
        finals = set(cfg.get("final", []))
        connectors = set(cfg.get("connectors", []))
        drop = set(cfg.get("drop_leading", []))
        for j in range(1, len(ws)):
            if ws[j][2] in after_adj and ws[j - 1][2] in adjectives:
                out.append((ws[j - 1][0], ws[j][1]))
        i = 0
        while i < len(ws):
            if not _is_cap(ws[i][2]) or not ws[i][2][0].isalpha():
                i += 1
                continue
            j = i
            while (
                j + 1 < len(ws)
                and text[ws[j][1] : ws[j + 1][0]] == " "
                and not ws[j][2].endswith(("'s", "’s"))
                and (
                    (_is_cap(ws[j + 1][2]) and ws[j + 1][2][0].isalpha())
                    or ws[j + 1][2] in connectors
                )
            ):
                j += 1
            while j > i and ws[j][2] in connectors:
                j -= 1
            # "the Taiwan Uyghur Association and the Taiwan Friends of Tibet": a name that
            # ends in its head word before "and" is one name, what follows another
            for k in range(i + 1, j):
                if ws[k][2] in finals and ws[k + 1][2] == "and":
                    j = k
                    break
            run = [w for _, _, w in ws[i : j + 1]]
            if any(w in finals for w in run) and len(run) > 1:
                first = i + 1 if run[0] in drop else i
                if first <= j:
                    out.append((ws[first][0], ws[j][1]))
            i = j + 1
        return out


def _in_hyphenated_word(text: str, start: int, end: int) -> bool:
    """Is text[start:end] joined by a hyphen to a word before or after it?"""
    before = start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum()
    return before or after


def _uncovered(new: list[Match], old: list[Match]) -> list[Match]:
    """The matches of ``new`` that overlap none of ``old`` (which do not overlap each other)."""
    spans = sorted((o.start, o.end) for o in old)
    ends = [e for _s, e in spans]
    out = []
    for m in new:
        j = bisect_right(ends, m.start)  # the first old match ending after m starts
        if j == len(spans) or spans[j][0] >= m.end:
            out.append(m)
    return out


_NEWLINE = re.compile("\n")


def _title_word(w: str) -> bool:
    return len(w) > 1 and w[0].isupper() and w[1:].islower() and w.isalpha()


def _opens_sentence(text: str, ws: list[tuple[int, int, str]], k: int) -> bool:
    start = ws[k][0]
    before = text[max(0, start - 64) : start].rstrip(" \t\"'“‘(")  # a bounded look back
    return not before or before[-1] in ".!?:\n"


def _headline(text: str, offset: int, line_starts: list[int], seen: dict[int, bool]) -> bool:
    """Is ``offset`` on a line whose words are nearly all title-case (a headline)?

    ``line_starts`` are the offsets where the document's lines start; ``seen`` caches the
    answer per line within one document.
    """
    k = bisect_right(line_starts, offset) - 1
    lo = line_starts[k]
    if lo not in seen:
        hi = line_starts[k + 1] - 1 if k + 1 < len(line_starts) else len(text)
        line = text[lo:hi]
        line_words = [w for _, _, w in words(line) if w.isalpha()]
        caps = sum(w[0].isupper() for w in line_words)
        # a headline is short: a long line is running text, whatever its capitals
        seen[lo] = 3 <= len(line_words) <= 30 and caps >= 0.8 * len(line_words)
    return seen[lo]


def fit_to_longer_names(
    text: str,
    ws: list[tuple[int, int, str]],
    matches: list[Match],
    rules: dict[str, frozenset[str]],
) -> list[Match]:
    """Fit place matches to the title-case names around them (see world_places.yaml).

    ``ws`` are the text's words. ``South Vietnam``, ``Orange County``: the place grows by
    a prefix or head word; ``Washington Post``, ``Hyatt Regency Houston``: the place is
    inside another name and is dropped.
    """
    heads = rules.get("head_words", frozenset())
    prefixes = rules.get("prefix_words", frozenset())
    function = rules.get("function_words", frozenset())
    index = {start: k for k, (start, _e, _w) in enumerate(ws)}
    starts = [start for start, _e, _w in ws]
    covered = set()  # indices of words inside some match
    for m in matches:
        k = max(bisect_right(starts, m.start) - 1, 0)
        while k < len(ws) and ws[k][0] < m.end:
            if m.start < ws[k][1]:
                covered.add(k)
            k += 1
    out = []
    headlines: dict[int, bool] = {}
    line_starts = [0] + [nl.end() for nl in _NEWLINE.finditer(text)]
    for m in matches:
        i = index.get(m.start)
        if (
            i is None
            or m.entry.label != "PLACE"
            or _headline(text, m.start, line_starts, headlines)
        ):
            out.append(m)
            continue
        j = i
        while j + 1 < len(ws) and ws[j + 1][0] < m.end:
            j += 1
        start, end, inside = m.start, m.end, False
        nxt = j + 1 if j + 1 < len(ws) and text[ws[j][1] : ws[j + 1][0]] == " " else None
        prv = i - 1 if i > 0 and text[ws[i - 1][1] : ws[i][0]] == " " else None
        if nxt is not None and m.end == ws[j][1]:
            word = ws[nxt][2]
            if word in heads and nxt not in covered:
                end = ws[nxt][1]
            elif _title_word(word) and word not in function and nxt not in covered:
                inside = True
        if prv is not None:
            word = ws[prv][2]
            if word in prefixes and prv not in covered:
                start = ws[prv][0]
            elif (
                _title_word(word)
                and word not in function
                and prv not in covered
                and not _opens_sentence(text, ws, prv)
            ):
                inside = True
        if inside:
            continue
        if (start, end) != (m.start, m.end):
            name = text[start:end]
            m = Match(start, end, Entry("", "PLACE", name, m.entry.kind), name)
        out.append(m)
    return out


def state_code_matches(
    text: str, ws: list[tuple[int, int, str]], world: WorldPlaces
) -> list[Match]:
    """US addresses: ``Lawrence, KS``, ``Chillicothe , OH`` → the city and the state.

    A state code counts only in capitals, after a title-case word and an optional comma,
    and not inside an all-capitals stretch ("CALL ME , OR ELSE"). ``ws``: the text's words.
    """
    out: list[Match] = []
    for k, (start, end, w) in enumerate(ws):
        entry = world.state_codes.get(w)
        if entry is None or k == 0:
            continue
        if k + 1 < len(ws) and _is_cap(ws[k + 1][2]) and ws[k + 1][2].isupper():
            continue
        j = k - 1
        if ws[j][2] == ",":
            j -= 1
        if j < 0:
            continue
        city = ws[j][2]
        if not _title_word(city):
            continue
        if text[ws[j][1] : start].strip() not in ("", ","):
            continue
        # the city's name: the run of title-case words ending at j, at most three
        first = j
        while (
            first > 0
            and j - first < 2
            and text[ws[first - 1][1] : ws[first][0]] == " "
            and _title_word(ws[first - 1][2])
        ):
            first -= 1
        city_name = text[ws[first][0] : ws[j][1]]
        out.append(
            Match(ws[first][0], ws[j][1], Entry(city_name, "PLACE", city_name, "city"), city_name)
        )
        out.append(Match(start, end, entry, w))
    return out


@register("rules.gazetteer")
class GazetteerRules:
    """Gazetteer look-up of places and organisations in both languages."""

    requires = ("words", "gazetteer")

    def __init__(
        self,
        places: str = "gazetteer/places.yaml",
        orgs: str = "gazetteer/orgs.yaml",
        world: str | None = "gazetteer/world_places.yaml",
        languages: list[LanguageCode] | None = None,
        score: float = 0.9,
        pattern_score: float = 0.8,
        common_words: dict[LanguageCode, str] | None = None,
        place_heads: bool = True,
    ) -> None:
        self.lexicon = load_lexicon(places, orgs)
        self.places = places
        # a head word after a place is inside its span (the spec); false for KazNERD's
        # convention ("Алматы" + "қаласында")
        self.place_heads = place_heads
        # language -> ordinary words: a generated (GeoNames) one-word name that is one of
        # them is no place ("Келесі" is "next", not the Келес district)
        self.common_words = dict(
            common_words if common_words is not None else {"kk": "kk/common_words.txt"}
        )
        org_data = load_resource(orgs) if orgs else {}
        self.patterns = OrgPatterns(org_data.get("heads") or {}, self.lexicon)
        self.languages = languages
        # the world table takes a second to load: not for a component none of whose
        # languages it serves, and only when the first document it serves arrives
        serves = world and (languages is None or set(languages) & set(world_place_languages(world)))
        self._world_settings = world if serves else None
        self._world: WorldPlaces | None = None
        self.world_languages = world_place_languages(world) if serves else ()
        self.score = score
        self.pattern_score = pattern_score

    @property
    def world(self) -> WorldPlaces | None:
        """The world gazetteer (loaded on first use), or None when the component has none."""
        if self._world is None and self._world_settings:
            self._world = load_world_places(self._world_settings)
        return self._world

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        lang = doc.lang or "en"
        if self.languages is not None and lang not in self.languages:
            return []
        spans = []
        matches = list(get_layer(doc, "gazetteer", self.lexicon))
        if lang in self.world_languages and self.world is not None:
            ws = get_layer(doc, "words")
            matches += _uncovered(get_layer(doc, "gazetteer", self.world.lexicon), matches)
            if self.world.inside_names:
                matches = fit_to_longer_names(doc.text, ws, matches, self.world.inside_names)
            if self.world.state_codes:
                matches += _uncovered(state_code_matches(doc.text, ws, self.world), matches)
        common = load_word_set(self.common_words.get(lang, "")) if self.common_words else set()
        if lang == "en":
            # spec Clarifications v2: a name inside a hyphenated word is not marked
            # ("U.S.-educated", "Almaty-born")
            matches = [m for m in matches if not _in_hyphenated_word(doc.text, m.start, m.end)]
        for m in matches:
            if (
                m.entry.id.startswith("gn:")
                and doc.text[m.start : m.end].casefold() in common
                and " " not in doc.text[m.start : m.end]
            ):
                continue  # a generated district name that is also an ordinary word (Келесі)
            end = m.end
            norm = {"name": m.variant}
            if m.entry.label == "PLACE":
                norm["latin"] = m.entry.latin
                # a head word after the nominative name belongs to it (Алматы қаласында);
                # the name normaliser then reads the whole span
                if self.place_heads and doc.text[m.start : m.end] == m.variant:
                    end = head_end(doc.text, m.end, lang, self.places)
                    if end != m.end:
                        norm = {}
            spans.append(
                Span.from_text(doc.text, m.start, end, m.entry.label, "", self.score, norm)
            )
        places = sorted((s.start, s.end) for s in spans if s.label == "PLACE")
        for start, end in self.patterns.find(doc.text, lang, places, get_layer(doc, "words")):
            if lang == "en" and _in_hyphenated_word(doc.text, start, end):
                continue
            spans.append(Span.from_text(doc.text, start, end, "ORG", "", self.pattern_score))
        return spans
