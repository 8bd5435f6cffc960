"""PERSON from name rules: first-name lists, family-name shapes, cue words and propagation.

One engine for every language; what differs lives in ``lang/<lang>/person_names.yaml``
(first names, Chinese family names, family-name and patronymic endings, titles, roles,
reporting verbs, words that are never names) and ``lang/<lang>/inflection.yaml``
(whether an ending stays inside the span: Kazakh case endings do, the English possessive
does not). A name is a run of capitalised words accepted when
- it starts with a known first name (``Рысбек Сәрсенбаев``, ``Rita Erman``), an initial
  (``R. Sarsenbay``) or a Chinese family name before a given name (``Xi Jinping``);
- its last word has a family-name or patronymic shape (``Kamatan Toktamuratkyzy``);
- a cue word stands next to it: a title or role before (``кинорежиссер Еркін Рақышев``,
  ``President Tokayev``), a reporting verb or apposition after (``X told``,
  ``X, a spokeswoman``), a byline (``by Vladimir Rozanskij``);
- it continues an enumeration of names, or repeats the family name of a name found
  elsewhere in the document (``Karibai said`` after ``Mukhtar Karibai``);
- it is one first name of the optional ``first_name_files`` (large lists without common
  words: ``Suzanne is pregnant``), one first name after a greeting (``Thanks Josh``) or
  alone on its line (``Mark ,``); a first name may take a middle initial
  (``Michael J. McDermott``); in lower-case text two names of ``lower_case_name_files``
  or one before a capitalised word make a name (``jill allen``, ``samantha Fox``).
Capitalised words that are gazetteer places or organisations, function words, titles,
demonyms, months and all-capital words never belong to a name.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from pipeline import languages as language_registry
from pipeline.components.name_words import (
    MAX_BYLINE_PREFIX,
    MAX_CONNECTOR_GAP,
    POSSESSIVES,
    Cues,
    NameWord,
    WordForm,
    alone_on_line,
    gap_ok,
    headline_lines,
    mailbox,
    quoted,
    sentence_initial,
    well_formed,
)
from pipeline.inflection import inflection_rules, split_candidates
from pipeline.layers import get_layer
from pipeline.lexicon import load_lexicon, words
from pipeline.names import (
    PersonNames,
    head_words,
    load_known_persons,
    load_person_names,
    person_norm,
    person_stem,
)
from pipeline.registry import register
from pipeline.resources import load_resource, read_word_list
from pipeline.types import Document, LanguageCode, Span


def _stop_words(lang: str) -> frozenset[str]:
    try:
        from pipeline.tokenize import language_defaults

        return frozenset(w.casefold() for w in language_defaults(lang).stop_words)
    except Exception:  # no spaCy language for this code: no stop words
        return frozenset()


@lru_cache(maxsize=8)
def _name_file(relpath: str) -> frozenset[str]:
    """The folded names of a name list: one name per line, ``#`` comments."""
    return frozenset(name.casefold() for name in read_word_list(relpath))


def _names_path(names: str | dict[str, str], lang: str) -> str:
    """The name file of ``lang``: ``names`` maps languages to files, holds ``{lang}``, or is
    one language's file whose siblings hold the others (kk/person_names.yaml →
    en/person_names.yaml for English)."""
    if isinstance(names, dict):
        return str(names.get(lang) or "")
    if "{lang}" in names:
        return names.format(lang=lang)
    head, sep, rest = names.partition("/")
    if sep and language_registry.known(head):
        return f"{lang}/{rest}"
    return names


@register("rules.persons")
class PersonRules:
    """PERSON spans from name lists, name shapes and cue words (see the module docstring).

    Settings: ``languages`` (default all), ``score``, ``names`` (the person-name data, see
    ``_names_path``), ``known`` (public figures), ``places`` / ``orgs`` (the gazetteer whose
    entries a name never swallows), ``max_words`` of a name, ``propagate`` (family names
    found once are names everywhere in the document).
    """

    requires = ("words", "gazetteer")

    def __init__(
        self,
        languages: list[LanguageCode] | None = None,
        score: float = 0.75,
        names: str | dict[str, str] = "kk/person_names.yaml",
        known: str = "kk/known_persons.yaml",
        places: str = "gazetteer/places.yaml",
        orgs: str = "gazetteer/orgs.yaml",
        max_words: int = 4,
        propagate: bool = True,
    ) -> None:
        self.languages = languages
        self.score = score
        self.max_words = max_words
        self.propagate = propagate
        self.lexicon = load_lexicon(places, orgs)
        self.known = load_known_persons(known)
        org_heads = (load_resource(orgs) or {}).get("heads") or {} if orgs else {}
        self.data: dict[str, PersonNames] = {}
        self.paths: dict[str, str] = {}
        self.stop: dict[str, frozenset[str]] = {}
        self.heads: dict[str, frozenset[str]] = {}
        self.cue_words: dict[str, frozenset[str]] = {}
        self.role_words: dict[str, frozenset[str]] = {}
        self.lone: dict[str, frozenset[str]] = {}
        self.lower: dict[str, frozenset[str]] = {}
        self.greetings: dict[str, frozenset[str]] = {}
        self.place_prepositions: dict[str, frozenset[str]] = {}
        self._cache: dict[tuple[str, str, frozenset[str] | None], WordForm] = {}
        for lang in languages or list(language_registry.available()):
            path = _names_path(names, lang)
            data = load_person_names(path, lang) if path else PersonNames(lang)
            if not data.first_names and not data.strong_endings:
                continue
            # optional keys: first-name list files (names that are no common words, so a
            # person even alone) and greetings ("Hi", "Thanks") before a name
            raw = load_resource(path) if path else None
            raw = raw if isinstance(raw, dict) else {}
            lone = frozenset().union(*(_name_file(f) for f in raw.get("first_name_files") or []))
            if lone:
                data = replace(data, first_names=data.first_names | lone)
            self.lone[lang] = lone
            # first names trusted in lower-case text too (no foreign words among them)
            self.lower[lang] = frozenset().union(
                *(_name_file(f) for f in raw.get("lower_case_name_files") or [])
            )
            self.greetings[lang] = frozenset(str(g).casefold() for g in raw.get("greetings") or [])
            # a lone first name right after one of these is a town ("around Norman")
            self.place_prepositions[lang] = frozenset(
                str(w).casefold() for w in raw.get("place_prepositions") or []
            )
            self.data[lang] = data
            self.paths[lang] = path
            self.stop[lang] = _stop_words(lang)
            self.cue_words[lang] = (
                data.reporting_verbs | data.after_cues | data.bylines | self.greetings[lang]
            )
            self.role_words[lang] = data.titles | data.roles
            spec = org_heads.get(lang) or {}
            finals = list(spec.get("final") or []) + list(spec.get("after_adjective") or [])
            self.heads[lang] = (
                frozenset(h.casefold() for h in finals) | head_words(lang) | data.not_before
            )

    # --- classification of words ------------------------------------------------------------

    def _lex(self, lang: str, word: str, extra: frozenset[str] = frozenset()) -> WordForm:
        """What a word form tells, whatever the document (cached); ``extra`` (family names
        found in this document, folded) may pick another reading of an inflected word."""
        key = (lang, word, extra if extra else None)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        data = self.data[lang]
        readings = tuple(split_candidates(word, lang))
        stem, cut, closes, ending = word, 0, False, ""
        if not inflection_rules(lang).ending_in_span:
            if len(readings) > 1:  # a clitic (English 's) is never part of the name
                stem, ending = readings[1]
                cut, closes = len(ending), True
        else:
            for r_stem, r_ending in readings:
                if data.is_plural(r_ending) and not data.shape(r_stem):
                    continue  # "Ғалымдардың" is "scientists'", not a plural of Ғалым
                if data.known_stem(r_stem, extra):
                    stem, closes, ending = r_stem, bool(r_ending), r_ending
                    break
        f, fw = data.fold(stem), data.fold(word)
        cap = (
            any(c.isalpha() for c in word)
            and stem[:1].isupper()
            and any(c.islower() for c in stem)
            and not any(c.isdigit() for c in word)
        )
        fn = data.is_first_name(stem)
        forms = frozenset({f, fw} | {data.fold(r) for r, _ in readings})
        bad = bool(
            {f, fw} & self.stop[lang]
            or forms & data.not_names
            or forms & data.demonyms
            or {f, fw} & self.cue_words[lang]
            # a capitalised first name that is also a role word is a name (Азамат)
            or (not (fn and cap) and forms & self.role_words[lang])
        )
        lex = WordForm(
            stem=stem,
            cut=cut,
            closes=closes,
            ending=ending.casefold(),
            cap=cap,
            bad=bad,
            fn=fn,
            cn=data.is_chinese_surname(stem),
            shape=data.shape(stem),
            patro=data.is_patronymic(stem),
            lone=f in self.lone[lang],
            forms=forms,
            folded=f,
            reading_folds=frozenset(data.fold(r) for r, _ in readings),
        )
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = lex
        return lex

    def _classify(
        self,
        text: str,
        lang: str,
        ws: list[tuple[int, int, str]],
        gaz: list[tuple[int, int]],
        headline: Callable[[int], bool],
        extra: frozenset[str],
        first: list[NameWord] | None = None,
    ) -> list[NameWord]:
        """Features of every word; ``extra`` holds family names found elsewhere in the text.

        ``first`` is the classification of the same words without ``extra`` (the first
        pass): its items that ``extra`` cannot change are reused as they are. Only a Chinese
        family name and the word after it are ever changed after they are made (below), so
        those are always made anew."""
        data = self.data[lang]
        known_surnames = self.known.surnames(lang)  # or ``extra``: no union copied per document
        starts = [s for s, _e, _w in ws]
        in_gazetteer: set[int] = set()
        for gs, ge in gaz:  # the words a gazetteer match overlaps
            k = bisect_left(starts, ge) - 1
            while k >= 0 and ws[k][1] > gs:
                in_gazetteer.add(k)
                k -= 1
        out: list[NameWord] = []
        for i, (s, e, w) in enumerate(ws):
            if first is not None and not (out and out[-1].cn) and not (i and first[i - 1].cn):
                old = first[i]
                # a word's folded readings include its stem: ``known`` changes only with them
                if old.kind != "word" or not (old.cn or (extra and old.folded_forms & extra)):
                    out.append(old)  # nothing ``extra`` changes, and never changed later
                    continue
            # an initial: one capital letter directly followed by a dot ("R. Sarsenbay")
            if (
                len(w) == 1
                and w.isupper()
                and i + 1 < len(ws)
                and ws[i + 1][2] == "."
                and ws[i + 1][0] == e
            ):
                out.append(NameWord(i, s, e + 1, e, w, w, "init", True))
                continue
            if w in data.particles:
                out.append(NameWord(i, s, e, e, w, w, "particle", True))
                continue
            if w in data.suffixes:
                out.append(NameWord(i, s, e, e, w, w, "suffix", True))
                continue
            lex = self._lex(lang, w)
            if extra and lex.reading_folds & extra:
                lex = self._lex(lang, w, extra)
            in_gaz = i in in_gazetteer
            item = NameWord(
                i,
                s,
                e,
                e - lex.cut,
                w,
                lex.stem,
                "word",
                ok=lex.cap and not lex.bad and (not in_gaz or lex.fn),
                gaz=in_gaz,
                fn=lex.fn,
                cn=lex.cn,
                shape=lex.shape,
                known=lex.folded in known_surnames or lex.folded in extra,
                closes=lex.closes,
                headline=headline(s),
                initial=sentence_initial(text, s),
                patro=lex.patro,
                lone=lex.lone,
                forms=lex.forms,
                ending=lex.ending,
                folded_forms=lex.reading_folds,
            )
            # A Chinese family name that is also a function word ("He", "Han") before a given name.
            if not item.ok and lex.cap and item.cn and not in_gaz:
                item.ok = None  # type: ignore[assignment]  # decided with the next word
            out.append(item)
        # a one-letter Chinese given name ("Ван И")
        for k, item in enumerate(out[:-1]):
            nxt = out[k + 1]
            if item.cn and item.ok is not False and nxt.kind == "word" and not nxt.ok:
                if len(nxt.text) == 1 and nxt.text.isupper() and not nxt.gaz:
                    nxt.ok = gap_ok(text, item.end, nxt.start)
        # resolve Chinese family names waiting for a given name
        for k, item in enumerate(out):
            if item.ok is None:
                nxt = out[k + 1] if k + 1 < len(out) else None
                item.ok = bool(
                    nxt is not None
                    and nxt.kind == "word"
                    and nxt.ok
                    and gap_ok(text, item.end, nxt.start)
                    and data.is_given_name(nxt.stem)
                )
        return out

    # --- runs and segments ------------------------------------------------------------------

    def _runs(self, text: str, items: list[NameWord]) -> list[list[NameWord]]:
        runs: list[list[NameWord]] = []
        cur: list[NameWord] = []

        def flush() -> None:
            while cur and cur[-1].kind == "particle":
                cur.pop()
            while cur and cur[0].kind in ("particle", "suffix"):
                cur.pop(0)
            if cur:
                runs.append(list(cur))
            cur.clear()

        for item in items:
            if cur and item.start < cur[-1].end:
                continue  # the dot of an initial
            if not item.ok:
                flush()
                continue
            if cur and not gap_ok(text, cur[-1].end, item.start):
                flush()
            if not cur and item.kind in ("particle", "suffix"):
                continue
            cur.append(item)
            if item.closes:
                flush()
        flush()
        return runs

    def _neighbour(self, text: str, items: list[NameWord], k: int, step: int) -> NameWord | None:
        """The word before (step -1) or after (+1) item k, on the same line, spaces between."""
        j = k + step
        if not 0 <= j < len(items):
            return None
        a, b = (items[j], items[k]) if step < 0 else (items[k], items[j])
        if not gap_ok(text, a.end, b.start):
            return None
        return items[j]

    def _cues(self, text: str, lang: str, items: list[NameWord], first: int, last: int) -> Cues:
        data = self.data[lang]
        cues = Cues()
        ws_prev = self._neighbour(text, items, first, -1)
        if ws_prev is not None and ws_prev.text == "." and first >= 2:
            before = items[first - 2]  # "Mr. X": the word before the abbreviation's dot
            ws_prev = before if before.end == ws_prev.start else None
        if ws_prev is not None:
            f = data.fold(ws_prev.text)
            cues.honorific = f in data.honorifics
            cues.title = f in data.titles
            cues.role = f in data.roles
            cues.verb = f in data.reporting_verbs
            cues.not_after = f in data.not_after
            cues.greeting = f in self.greetings.get(lang, frozenset())
            cues.place_prep = f in self.place_prepositions.get(lang, frozenset())
            if f in data.bylines:
                line_start = text.rfind("\n", 0, ws_prev.start) + 1
                # a byline opens its line with a few byline words: "Written by", "Автор:"
                if ws_prev.start - line_start <= MAX_BYLINE_PREFIX:
                    before = words(text[line_start : ws_prev.start])
                    cues.byline = all(data.fold(w) in data.bylines for _s, _e, w in before)
        nxt = self._neighbour(text, items, last, +1)
        if nxt is not None and nxt.text in ("'", "’") and nxt.idx + 1 < len(items):
            s_ = items[nxt.idx + 1]  # "Ray 's Pizza": the apostrophe and the s are two words
            nxt = s_ if s_.start == nxt.end and s_.text == "s" else nxt
        if nxt is not None and nxt.text in POSSESSIVES:
            nxt = self._neighbour(text, items, nxt.idx, +1)  # the word after the possessive
        if nxt is not None:
            f = data.fold(nxt.stem)
            cues.after = f in data.after_cues or f in data.reporting_verbs
            cues.head_after = bool(nxt.forms & self.heads.get(lang, frozenset()))
        if data.apposition_window and not cues.after:
            cues.after = self._apposition(text, lang, items[last].core_end)
        return cues

    def _apposition(self, text: str, lang: str, end: int) -> bool:
        data = self.data[lang]
        rest = text[end : end + 200]
        stripped = rest.lstrip(" \t")
        if not stripped or stripped[0] not in data.apposition_separators:
            return False
        following = words(stripped[1:].split("\n", 1)[0])
        for _s, _e, w in following[: data.apposition_window]:
            if not any(c.isalpha() for c in w):
                return False
            f = data.fold(w)
            if f in data.roles or f in data.reporting_verbs or f in data.titles:
                return True
        return False

    def _salutation(self, text: str, items: list[NameWord], k: int, end: int) -> bool:
        """Does item k follow a line-opening greeting and end its clause ("Hey Vladi ,")?"""
        if k < 1 or not sentence_initial(text, items[k - 1].start):
            return False
        after = text[end : end + 3].lstrip(" \t")
        return not after or after[0] in ",.!?:;\n"

    def _accept(
        self, text: str, lang: str, items: list[NameWord], seg: list[NameWord], whole: bool
    ) -> bool:
        data = self.data[lang]
        names_ = [w for w in seg if w.kind in ("word", "init")]
        if not names_ or len(names_) > self.max_words or seg[-1].kind != "word":
            return False
        first, last = names_[0], names_[-1]
        if any(w.closes for w in seg[:-1]):
            return False
        if any(w.gaz for w in names_[1:]) or (first.gaz and not (len(names_) > 1 and first.fn)):
            return False
        heads = self.heads.get(lang, frozenset())
        if any(w.forms & heads for w in names_):
            return False
        if quoted(text, seg[0].start, last.end) and not mailbox(text, last.end):
            return False  # «Сұңқар», "Altynai": a title or a brand
        if not well_formed(names_):
            return False
        cues = self._cues(text, lang, items, seg[0].idx, seg[-1].idx)
        if cues.head_after:
            return False
        n = len(names_)
        if n >= 2:
            if first.kind == "word" and not first.evidence and names_[1].fn:
                return False  # "Yesterday John Smith": the name starts at the first name
            if first.kind == "init":
                inits = sum(1 for w in names_ if w.kind == "init")
                return inits == 1 or last.evidence  # not "U. S. News"
            if cues.not_after and not (first.cn or last.shape or last.known):
                return False  # "the Rose Revolution", "the Wall Street Journal"
            if first.cn and data.is_given_name(names_[1].stem):
                return n == 2  # a Chinese name is family name + given name, nothing more
            if first.fn:
                if first.headline and not (last.shape or last.known or last.fn):
                    # title-case lines: "Bill Passes Senate" is no name
                    return n == 2 and (cues.title or cues.role or cues.verb)
                return True
            if last.shape or last.known:
                return True
            # cue words alone only for a whole two-word phrase ("Akikat Khaliola, recounted")
            return n == 2 and cues.any and whole
        word = first
        if word.kind != "word" or word.gaz:
            return False
        if cues.honorific:
            return True
        evidence = word.shape is not None or word.fn or word.known
        if (cues.title or cues.greeting) and evidence:
            return True  # "President Tokayev", "Thanks Josh", "Hi Kay"
        if cues.greeting and whole and self._salutation(text, items, seg[0].idx, word.end):
            return True  # a line "Hey Vladi ,": greeting, a capitalised word, punctuation
        if not whole or cues.not_after or cues.place_prep:
            return False
        if word.ending and word.ending in data.place_endings and not word.known:
            return False  # "Аягөздегі": a first name in the locative is a place
        if word.known or word.shape == "strong":
            return True
        if word.fn and not word.initial and not word.headline:
            return True  # a capitalised first name inside a sentence: "Гүлжанның айтуынша"
        if word.lone and not word.headline:
            return True  # a first name that is no common word, even first: "Suzanne is ..."
        if word.fn and alone_on_line(text, word.start, word.end):
            return True  # a signature or a salutation line: "Mark ,"
        return evidence and (cues.role or cues.verb or cues.after or cues.byline)

    def _segments(
        self, text: str, lang: str, items: list[NameWord], run: list[NameWord]
    ) -> list[list[NameWord]]:
        out: list[list[NameWord]] = []
        k = 0
        while k < len(run):
            if run[k].kind in ("particle", "suffix") or (
                run[k].kind == "init" and k > 0 and run[k - 1].kind == "init"
            ):
                k += 1  # a name never starts inside a row of initials
                continue
            found = None
            for m in range(len(run), k, -1):
                seg = run[k:m]
                if self._accept(text, lang, items, seg, whole=(k == 0 and m == len(run))):
                    found = m
                    break
            if found is None:
                k += 1
                continue
            while found < len(run) and run[found].kind == "suffix":
                found += 1
            out.append(run[k:found])
            k = found
        return out

    # --- document-level passes --------------------------------------------------------------

    def _enumerations(
        self, text: str, lang: str, runs: list[list[NameWord]], accepted: list[list[NameWord]]
    ) -> None:
        """Unaccepted capitalised runs joined to a found name by connectors ("X, Y and Z")
        are names too: two or three words in name order, or one first name or family name."""
        data = self.data[lang]
        taken = {id(w) for seg in accepted for w in seg}
        changed = True
        while changed:
            changed = False
            spans = [(seg[0].start, seg[-1].core_end) for seg in accepted]
            for run in runs:
                if any(id(w) in taken for w in run) or any(w.gaz for w in run):
                    continue
                piece = list(run)
                if len(piece) > 1 and not piece[0].evidence and piece[1].fn:
                    piece = piece[1:]  # "Басшылық Қазыбек пен Ғани": the name is Қазыбек
                names_ = [w for w in piece if w.kind == "word"]
                if piece[-1].kind != "word" or not 1 <= len(names_) <= 3:
                    continue
                if len(names_) == 1 and not (names_[0].fn or names_[0].shape):
                    continue
                if not any(w.evidence for w in names_):
                    continue  # "Kelly Cloud, Senior Vice President"
                if not well_formed(names_):
                    continue
                start, end = piece[0].start, piece[-1].core_end
                for s, e in spans:
                    if not (0 < s - end <= MAX_CONNECTOR_GAP or 0 < start - e <= MAX_CONNECTOR_GAP):
                        continue  # only a short gap can be made of connectors alone
                    gap = text[end:s] if s >= end else text[e:start]
                    if "\n" in gap or not gap.strip():
                        continue
                    gw = [data.fold(w) for _, _, w in words(gap)]
                    if gw and all(w in data.connectors for w in gw):
                        accepted.append(piece)
                        taken |= {id(w) for w in piece}
                        changed = True
                        break

    def _surnames(self, lang: str, accepted: list[list[NameWord]]) -> set[str]:
        data = self.data[lang]
        out: set[str] = set()
        for seg in accepted:
            names_ = [w for w in seg if w.kind in ("word", "init")]
            if len(names_) < 2:
                continue
            if names_[0].cn and len(names_) == 2:
                out.add(names_[0].stem)
            else:
                out.add(person_stem(names_[-1].text, lang, (), self.paths[lang]))
        return {s for s in out if len(s) > 1 and data.fold(s) not in data.titles}

    def _find(
        self,
        text: str,
        lang: str,
        ws: list[tuple[int, int, str]],
        gaz: list[tuple[int, int]],
        headline: Callable[[int], bool],
        extra: frozenset[str],
        first: list[NameWord] | None = None,
    ) -> tuple[list[NameWord], list[list[NameWord]], list[list[NameWord]]]:
        """The words' features, their capitalised runs and the names accepted among them."""
        items = self._classify(text, lang, ws, gaz, headline, extra, first)
        runs = self._runs(text, items)
        accepted: list[list[NameWord]] = []
        for run in runs:
            accepted.extend(self._segments(text, lang, items, run))
        self._enumerations(text, lang, runs, accepted)
        self._lower_case(text, lang, items, accepted)
        return items, runs, accepted

    def _lower_case(
        self, text: str, lang: str, items: list[NameWord], accepted: list[list[NameWord]]
    ) -> None:
        """Names in lower-case text ("jill allen", "samantha Fox"): a lower-case first name
        of the name-list files, then another such name or one capitalised name word."""
        lower = self.lower.get(lang)
        if not lower:
            return
        taken = {id(w) for seg in accepted for w in seg}
        alone = {id(seg[0]): seg for seg in accepted if len(seg) == 1}

        def free(w: NameWord) -> bool:
            return (
                w.kind == "word"
                and id(w) not in taken
                and not w.gaz
                and not self._lex(lang, w.text).bad
            )

        k = 0
        while k < len(items) - 1:
            word, nxt = items[k], items[k + 1]
            after = items[k + 2] if k + 2 < len(items) else None
            if (
                word.text in lower
                and word.text.islower()
                and free(word)
                and (free(nxt) or id(nxt) in alone)
                and gap_ok(text, word.end, nxt.start)
                and (
                    (nxt.text in lower and nxt.text.islower())
                    or (nxt.ok and not (after and after.ok and gap_ok(text, nxt.end, after.start)))
                )
            ):
                if id(nxt) in alone:  # "By samantha Fox": the family name was found alone
                    accepted.remove(alone[id(nxt)])
                accepted.append([word, nxt])
                k += 2
                continue
            k += 1

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        lang = doc.lang or "en"
        if self.languages is not None and lang not in self.languages:
            return []
        if lang not in self.data or not doc.text:
            return []
        text = doc.text
        data = self.data[lang]
        gaz = [(m.start, m.end) for m in get_layer(doc, "gazetteer", self.lexicon)]
        ws = get_layer(doc, "words")
        headline = headline_lines(text, ws, self.stop[lang])
        items, runs, accepted = self._find(text, lang, ws, gaz, headline, frozenset())
        surnames = self._surnames(lang, accepted) if self.propagate else set()
        if surnames:
            # second pass: family names found anywhere are known everywhere in the document
            folded = frozenset(data.fold(x) for x in surnames)
            _, runs, accepted = self._find(text, lang, ws, gaz, headline, folded, items)
            surnames |= self._surnames(lang, accepted)
            folded = frozenset(data.fold(x) for x in surnames)
            taken = {id(w) for seg in accepted for w in seg}
            for run in runs:
                word = run[0]
                if len(run) != 1 or id(word) in taken or word.kind != "word" or word.gaz:
                    continue
                if any(data.fold(x) in folded for x, _ in split_candidates(word.text, lang)):
                    accepted.append(run)
        spans = []
        for seg in sorted(accepted, key=lambda x: x[0].start):
            start = seg[0].start
            end = seg[-1].core_end if seg[-1].kind == "word" else seg[-1].end
            norm = person_norm(text[start:end], lang, surnames, self.paths[lang])
            spans.append(Span.from_text(text, start, end, "PERSON", "", self.score, norm))
        return spans
