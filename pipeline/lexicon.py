"""Gazetteer lexicon: places and organisations with their variants in both languages.

Loading (YAML files plus CLDR country names from Babel) is kept apart from matching.
Matching works on words, lets the last word of a Kazakh name carry inflectional endings
(``Алматыда``, ``Тарбағатай аймағына``, ``БҰҰ-ның``) and strips an English possessive
(``Kazakhstan's`` → ``Kazakhstan``); the span keeps or drops the ending as the language's
morphology table (``morphology.yaml``) says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import languages
from pipeline.cache import cached
from pipeline.inflection import inflection_rules, split_candidates
from pipeline.layers import get_layer, provider
from pipeline.morphology import table_path
from pipeline.resources import load_resource, read_word_list, resource_path
from pipeline.types import Document

# Words: initialisms with dots (U.S.), words with inner hyphens, slashes or apostrophes,
# then any other single non-space character.
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-/'’]\w+)*|\S")


@dataclass
class Entry:
    id: str
    label: str  # PLACE or ORG
    latin: str
    kind: str = ""
    names: dict[str, list[str]] = field(default_factory=dict)
    context_before: dict[str, list[str]] = field(default_factory=dict)

    def canonical(self, lang: str) -> str:
        variants = self.names.get(lang) or self.names.get("en") or [self.latin]
        return variants[0]


@dataclass
class Match:
    start: int
    end: int
    entry: Entry
    variant: str  # the nominative variant matched (without the ending)


# (variant words, variant, entry, ending) of a variant that may start at a word
Candidate = tuple[tuple[str, ...], str, Entry, str]


def words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


@provider("words")
def document_words(doc: Document) -> list[tuple[int, int, str]]:
    """The ``words`` layer: the document's words as the name rules and gazetteers read them."""
    return words(doc.text)


@provider("gazetteer")
def document_matches(doc: Document, lexicon: Lexicon) -> list[Match]:
    """The ``gazetteer`` layer of one lexicon: its matches in the document (never change
    the list: every component that asks gets the same one)."""
    return lexicon.match_words(doc.text, get_layer(doc, "words"), doc.lang or "en")


class Lexicon:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        # (lang, first word) → list of (variant words, entry); a single-word variant's
        # first word is also its last, so lookups try the word's stems too.
        self._index: dict[tuple[str, str], list[tuple[tuple[str, ...], str, Entry]]] = {}
        # name look-ups, built on the first lookup or lemmatise (the world gazetteer only
        # ever matches: its tables are never built, nor stored in the cache)
        self._names: tuple[dict[tuple[str, str], Entry], dict[str, Entry]] | None = None
        # word -> its candidates (_candidates), so that a word's readings are worked out
        # once, not at every occurrence; bounded, never pickled
        self._cands: dict[tuple[str, str], list[Candidate]] = {}
        for entry in entries:
            for lang, variants in entry.names.items():
                for variant in variants:
                    toks = tuple(w for _, _, w in words(variant))
                    if not toks:
                        continue
                    self._index.setdefault((lang, toks[0]), []).append((toks, variant, entry))
        for key in self._index:
            self._index[key].sort(key=lambda item: -len(item[0]))

    def _name_tables(self) -> tuple[dict[tuple[str, str], Entry], dict[str, Entry]]:
        """(language, folded variant) → entry, and folded variant → entry (first wins)."""
        if self._names is None:
            by_name: dict[tuple[str, str], Entry] = {}
            any_lang: dict[str, Entry] = {}
            for entry in self.entries:
                for lang, variants in entry.names.items():
                    for variant in variants:
                        if any(True for _ in words(variant)):
                            by_name.setdefault((lang, variant.casefold()), entry)
                            any_lang.setdefault(variant.casefold(), entry)
            self._names = (by_name, any_lang)
        return self._names

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_names": None, "_cands": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._cands = {}

    def lookup(self, name: str, lang: str) -> Entry | None:
        """The entry whose variant in ``lang`` (or any language) is exactly ``name``."""
        key = name.casefold()
        by_name, any_lang = self._name_tables()
        return by_name.get((lang, key)) or any_lang.get(key)

    def lemmatise(self, word: str, lang: str) -> tuple[str, Entry] | None:
        """Nominative reading of an inflected single word found in the lexicon."""
        by_name = self._name_tables()[0]
        for stem, _ending in split_candidates(word, lang):
            entry = by_name.get((lang, stem.casefold()))
            if entry is not None:
                return stem, entry
        return None

    def match(self, text: str, lang: str) -> list[Match]:
        """Longest non-overlapping matches, left to right (a whole document's are its
        ``gazetteer`` layer, computed once for every component that reads them)."""
        return self.match_words(text, words(text), lang)

    def match_words(self, text: str, ws: list[tuple[int, int, str]], lang: str) -> list[Match]:
        """:meth:`match` over the text's words ``ws`` (see :func:`words`)."""
        rules = inflection_rules(lang)
        out: list[Match] = []
        i = 0
        cands = self._cands
        while i < len(ws):
            if cands.get((lang, ws[i][2])) == []:  # a word known to start no name (most words)
                i += 1
                continue
            found = self._match_at(text, ws, i, lang, rules.ending_in_span)
            if found is None:
                i += 1
                continue
            match, n_words = found
            out.append(match)
            i += n_words
        return out

    def _candidates(self, lang: str, word: str) -> list[Candidate]:
        """(variant words, variant, entry, ending) for variants starting at ``word``
        (worked out once per word form; never change the list)."""
        key = (lang, word)
        found = self._cands.get(key)
        if found is None:
            if len(self._cands) > 100_000:
                self._cands.clear()
            found = self._cands[key] = self._find_candidates(lang, word)
        return found

    def _find_candidates(self, lang: str, word: str) -> list[Candidate]:
        out = []
        for stem, ending in split_candidates(word, lang):
            # the word as written first, then its title case (a fixed order: a set's
            # would change with the process's string hashing)
            keys = (stem, stem.title()) if _all_caps(stem) and stem.title() != stem else (stem,)
            for key in keys:
                for toks, variant, entry in self._index.get((lang, key), []):
                    if len(toks) > 1 and ending:
                        continue  # only the last word of a name inflects
                    out.append((toks, variant, entry, ending))
        exact = [(t, v, e, "") for t, v, e in self._index.get((lang, word), []) if len(t) > 1]
        return out + exact

    def _match_at(
        self, text: str, ws: list[tuple[int, int, str]], i: int, lang: str, keep_ending: bool
    ) -> tuple[Match, int] | None:
        best: tuple[Match, int] | None = None
        for toks, variant, entry, ending in self._candidates(lang, ws[i][2]):
            n = len(toks)
            if i + n > len(ws):
                continue
            end_char = ws[i][1]
            if n == 1:
                if not _same_word(ws[i][2], toks[0], ending):
                    continue
            else:
                ok = all(ws[i + k][2] == toks[k] for k in range(1, n - 1))
                if not ok:
                    continue
                last = ws[i + n - 1][2]
                readings = split_candidates(last, lang)
                ending = next((e for s, e in readings if s == toks[-1]), None)
                if ending is None:
                    continue
                # the words of a name are separated by single spaces only
                if any(text[ws[i + k][1] : ws[i + k + 1][0]] != " " for k in range(n - 1)):
                    continue
                end_char = ws[i + n - 1][1]
            if not keep_ending and ending:
                end_char -= len(ending)
            before = entry.context_before.get(lang)
            if before and (i == 0 or ws[i - 1][2].lower() not in before):
                continue
            m = Match(ws[i][0], end_char, entry, variant)
            if best is None or (m.end - m.start) > (best[0].end - best[0].start):
                best = (m, n)
        return best


@lru_cache(maxsize=65_536)
def _all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _same_word(text_word: str, variant_word: str, ending: str) -> bool:
    stem = text_word[: len(text_word) - len(ending)] if ending else text_word
    if ending.startswith("-"):
        stem = text_word[: len(text_word) - len(ending)]
    return stem == variant_word or (_all_caps(stem) and stem.title() == variant_word.title())


def _entries_from(data: dict[str, Any], label: str) -> list[Entry]:
    out = []
    for raw in data.get("entries", []):
        names = {lang: list(raw.get(lang) or []) for lang in languages.available()}
        out.append(
            Entry(
                id=str(raw["id"]),
                label=label,
                latin=str(raw.get("latin") or (names["en"] or [raw["id"]])[0]),
                kind=str(raw.get("kind", "")),
                names=names,
                context_before=dict(raw.get("context_before") or {}),
            )
        )
    return out


def _entries_from_table(relpath: str, label: str) -> list[Entry]:
    """Entries of a generated table: ``id, kind, latin, kk, en`` (variants ``|``-separated)."""
    out = []
    for line in read_word_list(relpath):
        cols = line.split("\t")
        if len(cols) != 5:
            raise ValueError(f"{relpath}: expected 5 tab-separated columns in {line!r}")
        ident, kind, latin, kk, en = cols
        names = {"kk": [v for v in kk.split("|") if v], "en": [v for v in en.split("|") if v]}
        out.append(Entry(id=ident, label=label, latin=latin, kind=kind, names=names))
    return out


def _cldr_countries() -> list[Entry]:
    from babel import Locale

    en, kk = Locale("en"), Locale("kk")
    out = []
    for code, en_name in en.territories.items():
        if not (len(code) == 2 and code.isalpha()) or code in ("ZZ", "EU", "EZ", "UN", "QO"):
            continue
        kk_name = kk.territories.get(code)
        out.append(
            Entry(
                id=code,
                label="PLACE",
                latin=en_name,
                kind="country",
                names={"en": [en_name], "kk": [kk_name] if kk_name else []},
            )
        )
    return out


def _merge(base: list[Entry], extra: list[Entry]) -> list[Entry]:
    by_id = {e.id: e for e in base}
    for e in extra:
        if e.id in by_id:
            old = by_id[e.id]
            for lang, variants in e.names.items():
                merged = list(variants) + [v for v in old.names.get(lang, []) if v not in variants]
                old.names[lang] = merged
            old.latin, old.kind = e.latin, e.kind or old.kind
            old.context_before = e.context_before or old.context_before
        else:
            by_id[e.id] = e
    return list(by_id.values())


# The modules whose code builds a lexicon or defines what it holds: part of its cache key.
_CODE = (
    Path(__file__),
    Path(__file__).with_name("inflection.py"),
    Path(__file__).with_name("morphology.py"),
)


def load_lexicon(
    places: str = "gazetteer/places.yaml", orgs: str = "gazetteer/orgs.yaml"
) -> Lexicon:
    """Load the place and organisation gazetteers (paths relative to pipeline/resources).

    One lexicon per pair of files in a process, however the arguments are passed, and a
    compiled copy in the on-disk cache (:mod:`pipeline.cache`)."""
    return _load_lexicon(str(places or ""), str(orgs or ""))


@lru_cache(maxsize=8)
def _load_lexicon(places: str, orgs: str) -> Lexicon:
    sources = [resource_path(p) for p in (places, orgs) if p]
    # the entries hold a name list per language: the languages there are are part of the key
    extra = f"{places}|{orgs}|babel {_babel_version()}|{','.join(languages.available())}"
    # the analyser's endings are the languages' morphology tables
    tables = [t for code in languages.available() if (t := table_path(code)) is not None]
    return cached(
        "lexicon", [*sources, *tables, *_CODE], lambda: _build_lexicon(places, orgs), extra
    )


def _babel_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("babel")
    except PackageNotFoundError:
        return "none"


def _build_lexicon(places: str, orgs: str) -> Lexicon:
    place_data = load_resource(places) if places else {"entries": []}
    org_data = load_resource(orgs) if orgs else {"entries": []}
    entries: list[Entry] = []
    if place_data.get("countries_from_cldr"):
        entries = _cldr_countries()
    entries = _merge(entries, _entries_from(place_data, "PLACE"))
    for relpath in place_data.get("entry_files") or []:
        entries = _merge(entries, _entries_from_table(relpath, "PLACE"))
    entries += _entries_from(org_data, "ORG")
    return Lexicon(entries)


@dataclass(frozen=True)
class WorldPlaces:
    """The world gazetteer: a lexicon of its names plus the US state codes."""

    lexicon: Lexicon
    languages: tuple[str, ...]
    state_codes: dict[str, Entry]  # "OH" → Ohio; empty when the setting is off
    inside_names: dict[str, frozenset[str]]  # head_words, prefix_words, function_words


def world_table_rows(path: Path, min_population: int = 0) -> list[list[str]]:
    """The rows of a world gazetteer table (name, id, kind, latin, population, flags) of
    places of at least ``min_population`` people."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 6 or not cols[4].isdigit():
                raise ValueError(
                    f"{path}:{lineno}: expected 6 tab-separated columns "
                    "(name, id, kind, latin, population, flags)"
                )
            if int(cols[4]) >= min_population:
                rows.append(cols)
    return rows


def world_place_languages(settings: str = "gazetteer/world_places.yaml") -> tuple[str, ...]:
    """The languages a world gazetteer serves (its settings' ``languages``; English)."""
    return tuple(load_resource(settings).get("languages") or ["en"])


@lru_cache(maxsize=4)
def load_world_places(settings: str = "gazetteer/world_places.yaml") -> WorldPlaces:
    """Load the world gazetteer described by a settings file (relative to pipeline/resources);
    a compiled copy is kept in the on-disk cache (:mod:`pipeline.cache`)."""
    cfg = load_resource(settings)
    sources = [resource_path(settings), resource_path(cfg["table"]), *_CODE]
    return cached("world", sources, lambda: _build_world_places(settings), settings)


def _build_world_places(settings: str) -> WorldPlaces:
    cfg = load_resource(settings)
    table = resource_path(cfg["table"])
    languages = world_place_languages(settings)
    cues = [w.lower() for w in cfg.get("cue_before") or []]
    grouped: dict[tuple[str, bool], Entry] = {}
    codes: dict[str, Entry] = {}
    for name, pid, kind, latin, _pop, flags in world_table_rows(
        table, int(cfg.get("min_population", 0))
    ):
        flag_set = set(flags.split(",")) if flags else set()
        if kind == "state_code":
            codes[name] = Entry(pid, "PLACE", latin, kind, {"en": [name]})
            continue
        needs_cue = "cue" in flag_set
        entry = grouped.get((pid, needs_cue))
        if entry is None:
            context = {lang: cues for lang in languages} if needs_cue else {}
            names: dict[str, list[str]] = {lang: [] for lang in languages}
            entry = Entry(pid, "PLACE", latin, kind, names, context)
            grouped[(pid, needs_cue)] = entry
        for lang in languages:
            entry.names[lang].append(name)
            if "lower" in flag_set:
                entry.names[lang].append(name.lower())
    return WorldPlaces(
        Lexicon(list(grouped.values())),
        languages,
        codes if cfg.get("state_codes") else {},
        {key: frozenset(ws) for key, ws in (cfg.get("inside_names") or {}).items()},
    )
