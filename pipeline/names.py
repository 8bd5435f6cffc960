"""The name model shared by the name rules, the name normaliser, the combiner and linking.

What the project knows about person and place names, per language:
- person names (``lang/<lang>/person_names.yaml``): first names, family-name and
  patronymic shapes, titles, roles, cue words (:class:`PersonNames`), and the public
  figures of ``lang/kk/known_persons.yaml`` with their Latin spellings
  (:class:`KnownPersons`);
- nominative forms, lexicon-backed: a word is cut into (stem, ending) readings by
  ``pipeline.inflection.split_candidates`` and a reading is accepted only when its stem is
  known —
  - PLACE / ORG: the gazetteer (``Алматыда`` → ``Алматы``, ``Сауан ауданынан`` →
    ``Сауан ауданы``), else a known head word (``... комитетінен`` → ``... комитеті``);
  - PERSON: the first-name list, the family-name shapes (``-ов``, ``-баев``, ``-ұлы``,
    ``-бай``, ``-хан`` ...), Chinese family names and known public figures
    (``Назарбаевтың`` → ``Назарбаев``, ``Төлеуханның`` → ``Төлеухан``);
  endings that a language keeps outside a span (the English possessive) are always dropped;
- Latin spellings: the gazetteer's English name, a known person's conventional spelling,
  the text itself when it is already Latin, else the transliteration of Kazakh Cyrillic
  (:func:`transliterate`, letter table ``lang/kk/translit.yaml``: ``Назарбаев`` →
  ``Nazarbayev``, ``Еркін Рақышев`` → ``Yerkin Rakyshev``; characters without an entry are
  copied, so it is safe on any string and idempotent on Latin text).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.inflection import inflection_rules, split_candidates
from pipeline.lexicon import Entry, Lexicon, load_lexicon, words
from pipeline.place_heads import place_heads
from pipeline.resources import load_resource

log = logging.getLogger(__name__)

KNOWN_PERSONS = "kk/known_persons.yaml"
_LANG = re.compile(r"[a-z]{2,3}")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def safe_lang(lang: Any) -> str:
    """``lang`` when it looks like a language code, else ``xx`` (no data: nothing known)."""
    return lang if isinstance(lang, str) and _LANG.fullmatch(lang) else "xx"


def _load(path: str) -> dict[str, Any]:
    try:
        data = load_resource(path)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _flat(value: Any) -> list[str]:
    """A list of strings from a list, or from a mapping of lists (grouped name lists)."""
    if isinstance(value, dict):
        return [str(v) for group in value.values() for v in (group or [])]
    if isinstance(value, list | tuple | set):
        return [str(v) for v in value]
    return []


# --- person-name knowledge of one language ----------------------------------------------------


@dataclass(frozen=True)
class PersonNames:
    """The data of ``lang/<lang>/person_names.yaml``, with the look-ups on it."""

    lang: str
    first_names: frozenset[str] = frozenset()
    chinese_surnames: frozenset[str] = frozenset()
    strong_endings: tuple[str, ...] = ()
    weak_endings: tuple[str, ...] = ()
    patronymic_endings: tuple[str, ...] = ()
    min_stem: int = 2
    titles: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    after_cues: frozenset[str] = frozenset()
    bylines: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    demonyms: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    suffixes: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    place_endings: frozenset[str] = frozenset()
    plural_endings: tuple[str, ...] = ()
    min_stem_weak: int = 3
    connectors: frozenset[str] = frozenset()
    apposition_separators: frozenset[str] = frozenset()
    apposition_window: int = 0
    homoglyphs: dict[str, str] = field(default_factory=dict)
    given_name: re.Pattern[str] | None = None
    glyph_table: dict[int, str] = field(default_factory=dict)

    def fold(self, word: str) -> str:
        """Case-folded, with Latin look-alikes inside a Cyrillic word mapped to Cyrillic."""
        low = word.casefold()
        if self.homoglyphs and _CYRILLIC.search(low):
            low = low.translate(self.glyph_table)
        return low

    def is_first_name(self, word: str) -> bool:
        f = self.fold(word)
        if f in self.first_names:
            return True
        return "-" in f and f.split("-", 1)[0] in self.first_names

    def is_chinese_surname(self, word: str) -> bool:
        return self.fold(word) in self.chinese_surnames

    def is_given_name(self, word: str) -> bool:
        """A Chinese given name (syllable check only where the data gives syllables)."""
        return self.given_name is None or bool(self.given_name.fullmatch(self.fold(word)))

    def shape(self, stem: str) -> str | None:
        """``"strong"`` / ``"weak"`` when ``stem`` ends in a family-name shape, else None."""
        f = self.fold(stem.rsplit("-", 1)[-1])
        for strength, endings, least in (
            ("strong", self.strong_endings, self.min_stem),
            ("weak", self.weak_endings, self.min_stem_weak),
        ):
            for ending in endings:
                if f.endswith(ending) and len(f) - len(ending) >= least:
                    return strength
        return None

    def is_plural(self, ending: str) -> bool:
        """Does an inflectional ending start with a plural suffix (-лар, -дер ...)?"""
        e = ending.casefold().lstrip("-")
        return any(e.startswith(p) for p in self.plural_endings)

    def is_patronymic(self, stem: str) -> bool:
        f = self.fold(stem)
        return any(
            f.endswith(e) and len(f) - len(e) >= self.min_stem for e in self.patronymic_endings
        )

    def known_stem(self, stem: str, extra: Iterable[str] = ()) -> bool:
        """Is ``stem`` a possible nominative name word (a reading the analyser may accept)?"""
        if len(stem) < 2 or not stem[:1].isalpha():
            return False
        f = self.fold(stem)
        if f in self.first_names:
            return True
        if extra and f in {self.fold(x) for x in extra}:
            return True
        if f in known_persons().name_words(self.lang):
            return True
        return self.is_first_name(stem) or self.shape(stem) is not None


def _given_name_pattern(spec: Any) -> re.Pattern[str] | None:
    if not isinstance(spec, dict):
        return None
    initials = sorted(_flat(spec.get("initials")), key=len, reverse=True)
    finals = sorted(_flat(spec.get("finals")), key=len, reverse=True)
    if not finals:
        return None
    ini = "|".join(re.escape(i.casefold()) for i in initials)
    fin = "|".join(re.escape(f.casefold()) for f in finals)
    syllable = f"(?:{ini})?(?:{fin})" if ini else f"(?:{fin})"
    return re.compile(f"{syllable}(?:[-'’]?{syllable}){{0,2}}")


def _fset(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.casefold() for v in values)


@lru_cache(maxsize=16)
def load_person_names(path: str, lang: str) -> PersonNames:
    """Load one language's person-name data; a missing file gives empty data."""
    data = _load(path)
    if not data:
        return PersonNames(lang)
    endings = data.get("surname_endings") or {}
    appo = data.get("apposition") or {}
    glyphs = {str(k): str(v) for k, v in (data.get("homoglyphs") or {}).items()}
    names = PersonNames(
        lang=lang,
        first_names=_fset(_flat(data.get("first_names"))),
        chinese_surnames=_fset(_flat(data.get("chinese_surnames"))),
        strong_endings=tuple(e.casefold() for e in _flat(endings.get("strong"))),
        weak_endings=tuple(e.casefold() for e in _flat(endings.get("weak"))),
        patronymic_endings=tuple(e.casefold() for e in _flat(data.get("patronymic_endings"))),
        min_stem=int(data.get("min_stem", 2)),
        titles=_fset(_flat(data.get("titles"))),
        honorifics=_fset(_flat(data.get("honorifics"))),
        roles=_fset(_flat(data.get("roles"))),
        reporting_verbs=_fset(_flat(data.get("reporting_verbs"))),
        after_cues=_fset(_flat(data.get("after_cues"))),
        bylines=_fset(_flat(data.get("bylines"))),
        not_names=_fset(_flat(data.get("not_names"))),
        demonyms=_fset(_flat(data.get("demonyms"))),
        particles=frozenset(_flat(data.get("particles"))),
        suffixes=frozenset(_flat(data.get("suffixes"))),
        not_after=_fset(_flat(data.get("not_after"))),
        not_before=_fset(_flat(data.get("not_before"))),
        place_endings=_fset(_flat(data.get("place_endings"))),
        plural_endings=inflection_rules(lang).plural,
        min_stem_weak=int(data.get("min_stem_weak", data.get("min_stem", 2))),
        connectors=_fset(_flat(data.get("connectors"))),
        apposition_separators=frozenset(_flat(appo.get("separators"))),
        apposition_window=int(appo.get("window") or 0),
        homoglyphs={k.casefold(): v.casefold() for k, v in glyphs.items()},
        given_name=_given_name_pattern(data.get("given_name_syllables")),
        glyph_table=str.maketrans({k.casefold(): v.casefold() for k, v in glyphs.items()}),
    )
    return names


def person_names(lang: str, path: str | None = None) -> PersonNames:
    lang = safe_lang(lang)
    return load_person_names(path or f"{lang}/person_names.yaml", lang)


# --- known public figures ---------------------------------------------------------------------


_TRANSLIT_KEY = (("ž", "zh"), ("š", "sh"), ("č", "ch"), ("zh", "j"), ("kh", "h"), ("q", "k"))


def name_key(name: str) -> str:
    """A loose comparison key for names: case, diacritics, hyphens and common romanisation
    variants (ss/s, zh/j, kh/h, Tokayev/Tokaev, Yerlan/Erlan) are ignored."""
    s = name.casefold()
    for a, b in _TRANSLIT_KEY[:3]:
        s = s.replace(a, b)
    s = "".join(
        c
        for ch in s
        for c in (unicodedata.normalize("NFKD", ch) if ord(ch) < 0x250 else ch)
        if not unicodedata.combining(c)
    )
    s = re.sub(r"[\W_]+", " ", s).strip()
    for a, b in _TRANSLIT_KEY[3:]:
        s = s.replace(a, b)
    s = re.sub(r"(?<=[aeiou])y(?=[aeiou])", "", s)
    s = re.sub(r"\by(?=e)", "", s)
    return re.sub(r"(\w)\1+", r"\1", s)


@dataclass
class KnownPersons:
    by_key: dict[str, str] = field(default_factory=dict)  # full-name key → Latin
    surname_latin: dict[str, str] = field(default_factory=dict)  # family-name key → Latin
    written_surnames: dict[str, frozenset[str]] = field(default_factory=dict)  # lang → folded
    written_words: dict[str, frozenset[str]] = field(default_factory=dict)  # lang → folded

    def latin(self, name: str) -> str | None:
        """The conventional Latin spelling of a known person's full name or family name."""
        key = name_key(name)
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        parts = key.split()
        if len(parts) > 2 and f"{parts[0]} {parts[-1]}" in self.by_key:
            return self.by_key[f"{parts[0]} {parts[-1]}"]
        if len(parts) == 1:
            return self.surname_latin.get(key)
        return None

    def surnames(self, lang: str) -> frozenset[str]:
        """Case-folded nominative family names of known persons as written in ``lang``."""
        return self.written_surnames.get(lang, frozenset())

    def name_words(self, lang: str) -> frozenset[str]:
        """Case-folded nominative words of known persons' names as written in ``lang``."""
        return self.written_words.get(lang, frozenset())


@lru_cache(maxsize=4)
def load_known_persons(path: str = KNOWN_PERSONS) -> KnownPersons:
    data = _load(path)
    known = KnownPersons()
    written: dict[str, set[str]] = {}
    all_words: dict[str, set[str]] = {}
    for raw in data.get("persons") or []:
        if not isinstance(raw, dict) or not raw.get("latin"):
            continue
        latin = str(raw["latin"])
        family_first = bool(raw.get("family_first"))
        latin_words = latin.split()
        latin_surname = latin_words[0] if family_first else latin_words[-1]
        for lang, variants in raw.items():
            if lang in ("latin", "family_first"):
                continue
            for variant in _flat(variants) + ([latin] if lang == "en" else []):
                key = name_key(variant)
                if not key:
                    continue
                known.by_key.setdefault(key, latin)
                vwords = variant.split()
                all_words.setdefault(str(lang), set()).update(w.casefold() for w in vwords)
                if len(vwords) < 2:
                    continue
                surname = vwords[0] if family_first else vwords[-1]
                known.surname_latin.setdefault(name_key(surname), latin_surname)
                written.setdefault(str(lang), set()).add(surname.casefold())
    known.written_surnames = {lang: frozenset(v) for lang, v in written.items()}
    known.written_words = {lang: frozenset(v) for lang, v in all_words.items()}
    return known


def known_persons() -> KnownPersons:
    return load_known_persons(KNOWN_PERSONS)


# --- nominative forms -------------------------------------------------------------------------


def _last_word(text: str) -> tuple[int, int, str] | None:
    ws = [w for w in words(text) if any(c.isalpha() for c in w[2])]
    return ws[-1] if ws else None


def _tidy(text: str) -> str:
    return " ".join(text.split())


def person_stem(word: str, lang: str, extra: Iterable[str] = (), path: str | None = None) -> str:
    """Nominative of the last word of a person name: ``Назарбаевтың`` → ``Назарбаев``."""
    readings = split_candidates(word, lang)
    if not inflection_rules(lang).ending_in_span:
        # Endings a language keeps outside a span (English 's) are never part of a name.
        return readings[1][0] if len(readings) > 1 else word
    data = person_names(lang, path)
    extra = tuple(extra)
    for stem, _ending in readings:
        if data.known_stem(stem, extra):
            return stem
    return word


def person_nominative(
    text: str, lang: str, extra: Iterable[str] = (), path: str | None = None
) -> str:
    """Nominative of a person name; only its last word inflects."""
    lang = safe_lang(lang)
    last = _last_word(text)
    if last is None:
        return _tidy(text)
    start, end, word = last
    return _tidy(text[:start] + person_stem(word, lang, extra, path) + text[end:])


@lru_cache(maxsize=4)
def head_words(lang: str) -> frozenset[str]:
    """Generic head words of place and organisation names (ауданы, облысы, министрлігі,
    Республикасы ...): the last words shared by several gazetteer names, the organisation
    heads of ``gazetteer/orgs.yaml`` and any ``heads`` list of ``gazetteer/places.yaml``."""
    lexicon = load_lexicon()
    counts: Counter[str] = Counter()
    for entry in lexicon.entries:
        for variant in entry.names.get(lang, []):
            ws = [w for _, _, w in words(variant)]
            if len(ws) > 1 and ws[-1][:1].isalpha():
                counts[ws[-1].casefold()] += 1
    heads = {w for w, n in counts.items() if n >= 2 and lexicon.lookup(w, lang) is None}
    for path in ("gazetteer/orgs.yaml", "gazetteer/places.yaml"):
        spec = (_load(path).get("heads") or {}).get(lang)
        if isinstance(spec, dict):
            heads |= {h.casefold() for h in _flat(spec.get("final"))}
        else:
            heads |= {h.casefold() for h in _flat(spec)}
    return frozenset(heads)


def _variant(entry: Entry, name: str) -> str:
    """The gazetteer's own spelling of ``name`` (``NUR-SULTAN`` → ``Nur-Sultan``)."""
    key = name.casefold()
    for variants in entry.names.values():
        for v in variants:
            if v.casefold() == key:
                return v
    return name


def place_nominative(
    text: str, lang: str, lexicon: Lexicon | None = None
) -> tuple[str, Entry | None]:
    """Nominative of a place or organisation name and its gazetteer entry, if any."""
    lang = safe_lang(lang)
    lexicon = lexicon or load_lexicon()
    text = _tidy(text)
    last = _last_word(text)
    if last is None:
        return text, None
    start, end, word = last
    prefix, suffix = text[:start], text[end:]
    readings = split_candidates(word, lang)
    for stem, _ending in readings:
        candidate = prefix + stem
        entry = lexicon.lookup(candidate, lang)
        if entry is not None:
            return _variant(entry, candidate), entry
    heads = head_words(lang)
    # the shortest ending first: "комитетінен" is "комитеті" + "нен", not "комитет" + "інен"
    for stem, ending in sorted(readings, key=lambda r: len(r[1])):
        if stem.casefold() in heads and (ending or prefix):
            # "Алматы қаласы" is Almaty: the gazetteer entry of the name before the head
            same = stem.casefold() in place_heads(lang).same_place and prefix.strip()
            entry = lexicon.lookup(prefix.strip(), lang) if same else None
            if ending or entry is not None:
                return prefix + stem, entry
    if not inflection_rules(lang).ending_in_span and len(readings) > 1:
        return prefix + readings[1][0], None
    return prefix + word + suffix, None


# --- Latin spellings ----------------------------------------------------------------------------


def latin_of(name: str, entry: Entry | None = None) -> str:
    """The Latin spelling of a (nominative) name."""
    if not _CYRILLIC.search(name):
        return name
    if entry is not None and entry.latin:
        return entry.latin
    return transliterate(name)


def person_norm(
    text: str, lang: str, extra: Iterable[str] = (), path: str | None = None
) -> dict[str, str]:
    name = person_nominative(text, lang, extra, path)
    latin = known_persons().latin(name) or latin_of(name)
    return {"name": name, "latin": latin}


# --- transliteration --------------------------------------------------------------------------


TRANSLIT_TABLE = "kk/translit.yaml"


@dataclass(frozen=True)
class _Rule:
    default: str
    initial: str | None = None
    final: str | None = None
    after_chars: str = ""
    after_value: str | None = None


@lru_cache(maxsize=4)
def _rules(table: str = TRANSLIT_TABLE) -> dict[str, _Rule]:
    try:
        data: dict[str, Any] = load_resource(table) or {}
    except (OSError, ValueError):
        return {}
    letters = {str(k).lower(): str(v or "") for k, v in (data.get("letters") or {}).items()}
    rules = {k: _Rule(v) for k, v in letters.items()}
    for key, ctx in (data.get("context") or {}).items():
        key = str(key).lower()
        ctx = ctx or {}
        after = ctx.get("after") or {}
        rules[key] = _Rule(
            default=letters.get(key, key),
            initial=ctx.get("initial"),
            final=ctx.get("final"),
            after_chars=str(after.get("chars") or "").lower(),
            after_value=after.get("value"),
        )
    return rules


def _value(rule: _Rule, prev: str, nxt: str) -> str:
    if rule.initial is not None and not prev.isalpha():
        return rule.initial
    if rule.final is not None and not nxt.isalpha():
        return rule.final
    if rule.after_value is not None and prev and prev.lower() in rule.after_chars:
        return rule.after_value
    return rule.default


def transliterate(text: str) -> str:
    """Kazakh Cyrillic ``text`` in Latin letters; other characters are kept as they are."""
    if not isinstance(text, str) or not text:
        return "" if not isinstance(text, str) else text
    rules = _rules()
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        rule = rules.get(ch.lower())
        if rule is None:
            out.append(ch)
            continue
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < n else ""
        value = _value(rule, prev, nxt)
        if ch.isupper() and value:
            # Inside an all-capitals word (ЖҰМАЛЫ) the whole value is upper-case.
            upper_word = (nxt.isalpha() and nxt.isupper()) or (
                prev.isalpha() and prev.isupper() and not (nxt.isalpha() and nxt.islower())
            )
            value = value.upper() if upper_word else value[0].upper() + value[1:]
        out.append(value)
    return "".join(out)
