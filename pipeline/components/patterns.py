"""One pattern engine for DATE and COUNT: tokens, per-language lexicons, number parsing, matchers.

Used by the components ``rules.dates`` and ``rules.counts`` (to find spans) and by the
normalisers ``pipeline.normalise.dates`` and ``pipeline.normalise.counts`` (to read a span's
value), so that what is found and how it is read can never disagree.

Everything language-specific is data, read from ``pipeline/resources/<lang>/``:
``months.yaml``, ``dates.yaml``, ``numbers.yaml`` and ``counts.yaml``. The code below knows
only language-neutral shapes (a number, a unit, a month, a day, a year, an approximator, ...).

Matching works on the raw text: :func:`scan` cuts it into number, word and punctuation tokens
with exact offsets, a :class:`Lexicon` analyses words as ``stem + ending`` against the YAML
tables, and the matchers (:func:`find_dates`, :func:`find_counts`) try the shapes at each
token, keep the longest and return :class:`Match` objects carrying both the character span
and a structured reading (``info``) that :func:`resolve_date` / :func:`count_norm` turn into
the normalised value.

``strict`` matching (the components) adds the context checks that keep precision (a bare
``May`` is not a month, ``4 million tenge`` is money, bare ``бір`` is an article); lenient
matching (the normalisers) reads whatever the span text allows.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.resources import load_resource

# ----------------------------------------------------------------------------- tokens

_HYPHENS = "-\u2010\u2011"
_TOKEN_RE = re.compile(
    r"(?P<num>\d+(?:[.,:/]\d+)*)(?P<suf>["
    + _HYPHENS
    + r"'’]?[^\W\d_]+(?:["
    + _HYPHENS
    + r"][^\W\d_]+)*)?"
    r"|(?P<word>[^\W\d_]+(?:[" + _HYPHENS + r"'’][^\W\d_]+)*)"
    r"|(?P<punct>\S)"
)
_SPACE_SEPARATORS = (" ", "\u00a0", "\u202f", "\u2009")
_DASHES = {"-", "\u2010", "\u2011", "\u2013"}


@dataclass(frozen=True)
class Tok:
    """A token with exact offsets. ``low`` is the lower-cased (homoglyph-mapped) text."""

    start: int
    end: int
    text: str
    kind: str  # "num" | "word" | "punct"
    low: str
    num: str = ""  # the digits of a number token ("06/27/2022", "35", "2.5")
    suf: str = ""  # letters after the digits, lower-cased, without a leading hyphen
    hyph: bool = False  # the suffix was written after a hyphen (14-і, 3-year-old)


def scan(text: str, lex: Lexicon | None = None) -> list[Tok]:
    """Cut ``text`` into number, word and punctuation tokens (never raises)."""
    toks: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        s, e = m.start(), m.end()
        raw = m.group(0)
        if m.group("num") is not None:
            suf = m.group("suf") or ""
            hyph = bool(suf) and suf[0] in _HYPHENS + "'’"
            if hyph:
                suf = suf[1:]
            low_suf = lex.norm_suffix(suf) if lex else suf.lower()
            toks.append(Tok(s, e, raw, "num", raw.lower(), m.group("num"), low_suf, hyph))
        elif m.group("word") is not None:
            toks.append(Tok(s, e, raw, "word", lex.norm(raw) if lex else raw.lower()))
        else:
            toks.append(Tok(s, e, raw, "punct", raw))
    return toks


# ----------------------------------------------------------------------------- lexicon


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _as_list(value: Any) -> list:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


class _Phrases(list):
    """Word-tuple phrases, longest first, indexed by their first word."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        super().__init__(sorted(set(phrases), key=len, reverse=True))
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for ph in self:
            self.by_first.setdefault(ph[0], []).append(ph)


def _phrases(items: Iterable[Any]) -> _Phrases:
    """YAML phrases ("more than") as word tuples, longest first."""
    return _Phrases(tuple(str(p).lower().split()) for p in items if str(p).strip())


def _num(value: Any) -> int | float:
    """A YAML number as an exact ``int`` when whole (1000000, 1e9), else ``float``."""
    f = float(value)
    return int(f) if f.is_integer() else f


def _load(relpath: str) -> dict:
    try:
        data = load_resource(relpath)
    except FileNotFoundError:
        return {}
    return data if isinstance(data, dict) else {}


class Lexicon:
    """Everything the engine knows about one language, read from its YAML files."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        months = _load(f"{lang}/months.yaml")
        dates = _load(f"{lang}/dates.yaml")
        numbers = _load(f"{lang}/numbers.yaml")
        counts = _load(f"{lang}/counts.yaml")
        self.ok = bool(dates or numbers)
        self._homoglyphs = str.maketrans(
            {str(k): str(v) for k, v in _as_dict(dates.get("homoglyphs")).items()}
        )
        self._native = re.compile(r"[\u0400-\u04FF]") if self._homoglyphs else None
        self._homoglyph_chars = {str(k) for k in _as_dict(dates.get("homoglyphs"))}

        # --- inflection: the set of endings for calendar and unit words
        infl = _as_dict(dates.get("inflection"))
        deriv = [str(x) for x in _as_list(infl.get("derivation"))] or [""]
        plural = [str(x) for x in _as_list(infl.get("plural"))] or [""]
        poss = [str(x) for x in _as_list(infl.get("possessive"))]
        case = [str(x) for x in _as_list(infl.get("case"))]
        case_poss = [str(x) for x in _as_list(infl.get("case_after_possessive"))]
        attributive = [str(x) for x in _as_list(infl.get("attributive"))]
        self.alternation = {str(k): str(v) for k, v in _as_dict(infl.get("alternation")).items()}
        self.voicing = {v: k for k, v in self.alternation.items()}
        self.vowels = str(infl.get("vowels") or "")
        tails = {""} | set(case)
        for p in poss:
            tails.add(p)
            tails.update(p + c for c in case_poss)
        for a in attributive:
            tails.add(a)
            tails.update(a + c for c in case)
        self.endings = frozenset(
            self._join(self._join(d, pl), t) for d in deriv for pl in plural for t in tails
        )
        self.plural_marks = tuple(p for p in plural if p)
        self.derivations = tuple(d for d in deriv if d)

        # --- months
        self.months = {str(k).lower(): int(v) for k, v in _as_dict(months.get("months")).items()}
        self.months.update(
            {str(k).lower(): int(v) for k, v in _as_dict(months.get("aliases")).items()}
        )
        self.month_abbr = {
            str(k).lower(): int(v) for k, v in _as_dict(months.get("abbreviations")).items()
        }
        self.abbr_dot_required = str(months.get("abbreviation_dot", "optional")) == "required"
        self.month_ambiguous = {str(x).lower() for x in _as_list(months.get("ambiguous"))}
        self.month_capitalised = bool(months.get("capitalised", False))

        # --- calendar words
        self.year_words = dict.fromkeys(str(x).lower() for x in _as_list(dates.get("year_words")))
        self.year_abbr = {str(x).lower() for x in _as_list(dates.get("year_abbreviations"))}
        self.month_words = dict.fromkeys(str(x).lower() for x in _as_list(dates.get("month_words")))
        self.day_words = dict.fromkeys(str(x).lower() for x in _as_list(dates.get("day_words")))
        yr = _as_list(dates.get("year_range")) or [1000, 2100]
        byr = _as_list(dates.get("bare_year_range")) or [1900, 2100]
        self.year_range = (int(yr[0]), int(yr[-1]))
        self.bare_year_range = (int(byr[0]), int(byr[-1]))
        self.year_context = {str(x).lower() for x in _as_list(dates.get("year_context_before"))}
        self.numeric_orders = {
            str(k): str(v).upper() for k, v in _as_dict(dates.get("numeric_dates")).items()
        }
        self.weekdays = {str(k).lower(): int(v) for k, v in _as_dict(dates.get("weekdays")).items()}
        self.weekday_ambiguous = {str(x).lower() for x in _as_list(dates.get("weekdays_ambiguous"))}
        self.seasons = {str(k).lower(): str(v) for k, v in _as_dict(dates.get("seasons")).items()}
        sae = dates.get("season_alone_endings")
        self.season_alone_endings = None if sae is None else {str(x) for x in _as_list(sae)}
        self.relative: dict[str, dict[str, int]] = {}
        self.relative_endings: dict[str, set[str]] = {}
        for k, v in _as_dict(dates.get("relative")).items():
            v = _as_dict(v)
            self.relative[str(k).lower()] = {
                str(a): int(b) for a, b in v.items() if a in ("year", "day")
            }
            if "endings" in v:
                self.relative_endings[str(k).lower()] = {str(x) for x in _as_list(v["endings"])}
        self.year_postpositions = {
            str(x).lower() for x in _as_list(dates.get("year_postpositions"))
        }
        self.rel_det = {
            str(k).lower(): int(v) for k, v in _as_dict(dates.get("relative_determiners")).items()
        }
        self.units: dict[str, dict[str, Any]] = {}
        for k, v in _as_dict(dates.get("units")).items():
            v = _as_dict(v)
            self.units[str(k).lower()] = {
                "unit": str(v.get("unit", "")),
                "type": str(v.get("type", "duration")),
                "age_derivations": {str(x) for x in _as_list(v.get("age_derivations"))},
                "endings": None if "endings" not in v else {str(x) for x in _as_list(v["endings"])},
                "not_endings": {str(x) for x in _as_list(v.get("not_endings"))},
            }
        self.not_unit_words = {str(x).lower() for x in _as_list(dates.get("not_unit_words"))}
        self.not_after_unit = dict.fromkeys(
            (str(x).lower() for x in _as_list(dates.get("not_after_unit"))), True
        )
        self.month_day_endings = (
            None
            if dates.get("month_day_endings") is None
            else {str(x) for x in _as_list(dates.get("month_day_endings"))}
        )
        self.seasons_ambiguous = {str(x).lower() for x in _as_list(dates.get("seasons_ambiguous"))}
        self.duration_postpositions = {
            str(x).lower() for x in _as_list(dates.get("duration_postpositions"))
        }
        self.half_amounts = _phrases(_as_list(dates.get("half_amounts")))
        self.amount_approx = {str(x).lower() for x in _as_list(dates.get("amount_approximators"))}
        self.date_range_connectors = {
            str(x).lower() for x in _as_list(dates.get("date_range_connectors"))
        }
        self.dur_mods = _phrases(_as_list(dates.get("duration_modifiers")))
        self.vague_amounts = _phrases(_as_list(dates.get("vague_amounts")))
        self.recent = {str(x).lower() for x in _as_list(dates.get("recent"))}
        self.postpositions = {str(x).lower() for x in _as_list(dates.get("postpositions"))}
        self.ago = {str(x).lower() for x in _as_list(dates.get("ago"))}
        self.age_after = {str(x).lower() for x in _as_list(dates.get("age_after"))}
        self.age_before = _phrases(_as_list(dates.get("age_before")))
        self.later = {str(x).lower() for x in _as_list(dates.get("later"))}
        self.parts = {str(k).lower(): str(v) for k, v in _as_dict(dates.get("parts")).items()}
        self.premods = {str(x).lower() for x in _as_list(dates.get("premodifiers"))}
        self.day_articles = {str(x).lower() for x in _as_list(dates.get("day_articles"))}
        self.day_connectors = {str(x).lower() for x in _as_list(dates.get("day_connectors"))}
        self.date_articles = {str(x).lower() for x in _as_list(dates.get("articles"))}
        self.article_triggers = {str(x).lower() for x in _as_list(dates.get("article_triggers"))}
        self.set_after = {str(x).lower() for x in _as_list(dates.get("set_after"))}
        self.set_before = {str(x).lower() for x in _as_list(dates.get("set_before"))}
        self.not_dates = _phrases(_as_list(dates.get("not_dates")))

        # --- numbers
        self.num_stems: dict[str, tuple[str, float]] = {}
        for cat in ("units", "teens", "tens", "multipliers", "collective"):
            for k, v in _as_dict(numbers.get(cat)).items():
                try:
                    value = _num(v)
                except (TypeError, ValueError, OverflowError):
                    continue
                kind = {"units": "unit", "teens": "teen", "tens": "ten", "collective": "unit"}.get(
                    cat, "mult"
                )
                self.num_stems[str(k).lower()] = (kind, value)
        for k in _as_list(numbers.get("zero")):
            self.num_stems[str(k).lower()] = ("zero", 0.0)
        self.ordinal_words = {
            str(k).lower(): _num(v) for k, v in _as_dict(numbers.get("ordinals")).items()
        }
        self.num_endings = frozenset(str(x) for x in _as_list(numbers.get("number_endings"))) | {""}
        self.ordinal_suffixes = tuple(
            sorted(
                {str(x) for x in _as_list(numbers.get("ordinal_suffixes"))},
                key=len,
                reverse=True,
            )
        )
        self.digit_ordinal_suffixes = tuple(
            sorted(
                set(self.ordinal_suffixes)
                | {str(x) for x in _as_list(counts.get("digit_ordinal_suffixes"))},
                key=len,
                reverse=True,
            )
        )
        self.not_numbers = {str(x).lower() for x in _as_list(numbers.get("not_numbers"))}

        # --- counts
        self.hyphen_mode = str(counts.get("hyphen", "compound"))
        self.connectors = {str(x).lower() for x in _as_list(counts.get("connectors"))}
        self.half = {str(x).lower() for x in _as_list(counts.get("half"))}
        self.mult_abbr = {
            str(k).lower(): _num(v)
            for k, v in _as_dict(counts.get("multiplier_abbreviations")).items()
        }
        self.num_articles = {str(x).lower() for x in _as_list(counts.get("articles"))}
        self.approx_before_mods = {
            tuple(str(k).lower().split()): str(v)
            for k, v in _as_dict(counts.get("approximators_before")).items()
        }
        self.approx_before = _Phrases(self.approx_before_mods)
        self.approx_after: list[tuple[tuple[str, ...], str | None, str | None]] = []
        for k, v in _as_dict(counts.get("approximators_after")).items():
            v = _as_dict(v)
            mod = v.get("mod")
            self.approx_after.append(
                (tuple(str(k).lower().split()), None if mod is None else str(mod), v.get("case"))
            )
        self.approx_after.sort(key=lambda t: len(t[0]), reverse=True)
        self.half_prefix = {str(x).lower() for x in _as_list(counts.get("half_prefix"))}
        self.decimal_marks = {str(x).lower() for x in _as_list(counts.get("decimal_marks"))}
        self.case_ranges = [_as_dict(x) for x in _as_list(counts.get("case_ranges"))]
        self.case_fractions = [_as_dict(x) for x in _as_list(counts.get("case_fractions"))]
        self.case_endings = {
            str(k): {str(x) for x in _as_list(v)}
            for k, v in _as_dict(counts.get("case_endings")).items()
        }
        self.ending_mods = sorted(
            ((str(k), str(v)) for k, v in _as_dict(counts.get("ending_mods")).items()),
            key=lambda kv: len(kv[0]),
            reverse=True,
        )
        self.vague = {str(k).lower(): _num(v) for k, v in _as_dict(counts.get("vague")).items()}
        self.vague_needs_mult = {
            str(k).lower(): _num(v)
            for k, v in _as_dict(counts.get("vague_needs_multiplier")).items()
        }
        self.vague_connectors = {str(x).lower() for x in _as_list(counts.get("vague_connectors"))}
        self.range_connectors = {str(x).lower() for x in _as_list(counts.get("range_connectors"))}
        self.range_prefixes = {
            str(k).lower(): str(v).lower()
            for k, v in _as_dict(counts.get("range_prefixes")).items()
        }
        self.not_count_after: set[str] = set()
        not_after_phrases: list[tuple[str, ...]] = []
        for group in _as_dict(counts.get("not_count_after")).values():
            for w in _as_list(group):
                w = str(w).lower()
                if " " in w:
                    not_after_phrases.append(tuple(w.split()))
                else:
                    self.not_count_after.add(w)
        self.not_count_after_phrases = _Phrases(not_after_phrases)
        self.not_count_after_table = dict.fromkeys(self.not_count_after, True)
        self.not_count_before = sorted(
            {str(x).lower() for x in _as_list(counts.get("not_count_before"))},
            key=len,
            reverse=True,
        )
        self.capitalised_is_name = bool(counts.get("capitalised_word_is_name", False))
        self.pronoun_contexts = {
            str(k).lower(): (
                _phrases(_as_list(_as_dict(v).get("before"))),
                _phrases(_as_list(_as_dict(v).get("after"))),
            )
            for k, v in _as_dict(counts.get("pronoun_contexts")).items()
        }
        self.article_words = {str(x).lower() for x in _as_list(counts.get("article_words"))}
        self.extra_words = {
            str(k).lower(): _num(v) for k, v in _as_dict(counts.get("extra_words")).items()
        }
        self.digit_endings = self.num_endings | {
            str(x) for x in _as_list(counts.get("digit_endings"))
        }
        self.particles = {str(x).lower() for x in _as_list(counts.get("particles"))}
        self.approx_after_words = {ph[0]: 1 for ph, _, _ in self.approx_after if len(ph) == 1}

        # lookup caches: only for the tables above, which live as long as the lexicon
        self._split_cache: dict[tuple[int, str], tuple[str, str] | None] = {}
        self._persistent = {id(v) for v in vars(self).values() if isinstance(v, dict)}
        self._starts: dict[str, bool] = {}

    # -- word analysis ---------------------------------------------------------------

    def _join(self, left: str, right: str) -> str:
        """Suffix + suffix with voicing (жыл+дық+ы -> жылдығы)."""
        if left and right and left[-1] in self.alternation and right[0] in self.vowels:
            left = left[:-1] + self.alternation[left[-1]]
        return left + right

    def norm(self, text: str) -> str:
        low = text.lower()
        if self._native is not None and self._native.search(low):
            low = low.translate(self._homoglyphs)
        return low.replace("’", "'")

    def may_start_date(self, low: str) -> bool:
        """Cheap filter: can a date expression start with this word?"""
        key = "d" + low
        got = self._starts.get(key)
        if got is None:
            words = (
                self.date_articles
                | self.day_articles
                | self.premods
                | self.recent
                | self.set_before
                | set(self.rel_det)
                | self.month_abbr.keys()
            )
            got = (
                low in words
                or any(
                    low in p.by_first
                    for p in (self.dur_mods, self.vague_amounts, self.half_amounts, self.age_before)
                )
                or any(
                    self.split(low, table) is not None
                    for table in (
                        self.months,
                        self.weekdays,
                        self.seasons,
                        self.relative,
                        self.units,
                    )
                )
                or self.number_word(low) is not None
                or any(h in low for h in _HYPHENS)
            )
            if len(self._starts) > 500_000:
                self._starts.clear()
            self._starts[key] = got
        return got

    def may_start_count(self, low: str) -> bool:
        """Cheap filter: can a count expression start with this word?"""
        key = "c" + low
        got = self._starts.get(key)
        if got is None:
            got = (
                low in self.num_articles
                or low in self.half_prefix
                or low in self.range_prefixes
                or low in self.extra_words
                or low in self.approx_before.by_first
                or self.number_word(low) is not None
                or any(h in low for h in _HYPHENS)
            )
            if len(self._starts) > 500_000:
                self._starts.clear()
            self._starts[key] = got
        return got

    def norm_suffix(self, suffix: str) -> str:
        """A suffix after digits: look-alike Latin letters are mapped even on their own (14-i)."""
        low = self.norm(suffix)
        if self._native is not None and all(ch in self._homoglyph_chars for ch in low):
            low = low.translate(self._homoglyphs)
        return low

    def split(self, word: str, table: dict[str, Any]) -> tuple[str, str] | None:
        """``word`` as ``stem + ending`` with ``stem`` in ``table`` (longest stem first)."""
        if not word:
            return None
        key = (id(table), word)
        if key in self._split_cache:
            return self._split_cache[key]
        hit = self._split(word, table)
        if id(table) in self._persistent and len(self._split_cache) < 200_000:
            self._split_cache[key] = hit
        return hit

    def _split(self, word: str, table: dict[str, Any]) -> tuple[str, str] | None:
        if word in table:
            return word, ""
        for cut in range(len(word) - 1, 0, -1):
            stem, ending = word[:cut], word[cut:]
            if ending not in self.endings:
                continue
            if stem in table:
                return stem, ending
            last = stem[-1]
            if last in self.voicing and ending[0] in self.vowels:
                alt = stem[:-1] + self.voicing[last]
                if alt in table:
                    return alt, ending
        return None

    def month_of(self, tok: Tok) -> tuple[int, str, bool] | None:
        """(month, ending, ambiguous) for a month-name token."""
        if tok.kind != "word":
            return None
        if self.month_capitalised and not tok.text[:1].isupper():
            return None
        hit = self.split(tok.low, self.months)
        if hit is None:
            return None
        stem, ending = hit
        return self.months[stem], ending, stem in self.month_ambiguous

    def unit_of(self, low: str) -> dict[str, Any] | None:
        """A duration unit word: {unit, type, ending, plural}."""
        if low in self.not_unit_words:
            return None
        hit = self.split(low, self.units)
        if hit is None:
            return None
        stem, ending = hit
        info = self.units[stem]
        if info["endings"] is not None and ending not in info["endings"]:
            return None
        if ending in info["not_endings"]:
            return None
        typ = info["type"]
        for d in info["age_derivations"]:
            if ending.startswith(d):
                typ = "age"
        rest = ending
        for d in self.derivations:
            if rest.startswith(d):
                rest = rest[len(d) :]
                break
        plural = any(rest.startswith(p) for p in self.plural_marks)
        return {"unit": info["unit"], "type": typ, "ending": ending, "plural": plural, "stem": stem}

    def is_word_of(self, low: str, stems: dict[str, Any]) -> str | None:
        """The ending when ``low`` is one of ``stems`` + an ending, else ``None``."""
        hit = self.split(low, stems)
        return None if hit is None else hit[1]

    @lru_cache(maxsize=4096)  # noqa: B019  (lexicons live for the whole process)
    def number_word(self, low: str) -> NumWord | None:
        """A single number word (Kazakh stems with endings; English words)."""
        if not low:
            return None
        if low in self.extra_words:
            return NumWord("unit", self.extra_words[low], "", False, None)
        if low in self.not_numbers:
            return None
        if low in self.vague:
            return NumWord("vague", self.vague[low], "", False, "VAGUE")
        if low in self.vague_needs_mult:
            return NumWord("vague_needs", self.vague_needs_mult[low], "", False, "VAGUE")
        if low in self.ordinal_words:
            return NumWord("unit", self.ordinal_words[low], "", True, None)
        if low in self.half:
            return NumWord("half", 0.5, "", False, None)
        for cut in range(len(low), 0, -1):
            stem = low[:cut]
            if stem not in self.num_stems:
                continue
            ending = low[cut:]
            kind, value = self.num_stems[stem]
            if ending in self.num_endings:
                ordinal = any(ending.startswith(s) for s in self.ordinal_suffixes)
                mod = self._ending_mod(ending)
                return NumWord(kind, value, ending, ordinal, mod)
            for suffix in self.ordinal_suffixes:
                if ending.startswith(suffix) and ending[len(suffix) :] in self.num_endings:
                    return NumWord(kind, value, ending, True, None)
            for mend, mod in self.ending_mods:
                if ending.startswith(mend):
                    rest = ending[len(mend) :]
                    if rest in self.endings and low[: cut + len(mend)] not in self.not_numbers:
                        return NumWord(kind, value, ending, False, mod)
        return None

    def _ending_mod(self, ending: str) -> str | None:
        for mend, mod in self.ending_mods:
            if ending.startswith(mend):
                return mod
        return None

    def digit_suffix(self, suf: str) -> tuple[str, str | None]:
        """Classify the letters after digits: ("plain"|"ordinal"|"bad", mod)."""
        if not suf:
            return "plain", None
        for s in self.digit_ordinal_suffixes:
            if suf.startswith(s) and (suf[len(s) :] in self.num_endings or suf == s):
                return "ordinal", None
        if suf in self.particles:
            return "plain", None
        if suf in self.digit_endings:
            return "plain", self._ending_mod(suf)
        for mend, mod in self.ending_mods:
            if suf.startswith(mend) and suf[len(mend) :] in self.endings:
                return "plain", mod
        return "bad", None

    def case_of(self, ending: str, case: str) -> bool:
        return any(ending.endswith(e) for e in self.case_endings.get(case, ()))


@dataclass(frozen=True)
class NumWord:
    kind: str  # unit | teen | ten | mult | zero | half | vague | vague_needs
    value: float
    ending: str
    ordinal: bool
    mod: str | None


@lru_cache(maxsize=8)
def lexicon(lang: str | None) -> Lexicon | None:
    """The lexicon of ``lang`` (``None`` when the language has no resource files)."""
    if not lang or not re.fullmatch(r"[a-z]{2,3}", str(lang)):
        return None
    lex = Lexicon(str(lang))
    return lex if lex.ok else None


# ----------------------------------------------------------------------------- numbers


class _Acc:
    """Left-to-right accumulator of number words (екі жүз сексен тоғыз мың = 289000)."""

    def __init__(self) -> None:
        self.total: int | float = 0
        self.current: int | float = 0
        self.last: str | None = None
        self.last_big: float | None = None
        self.mult: int | float = 1  # the last multiplier applied (for ranges: 5-6 мың)
        self.count = 0

    def seed(self, value: float) -> None:
        self.current = value
        self.last = "digits"
        self.count = 1

    def add(self, w: NumWord) -> bool:
        k, v = w.kind, w.value
        last = self.last
        if last == "zero":
            return False
        if k == "zero":
            if self.count:
                return False
        elif k == "unit":
            if last in ("unit", "teen", "digits", "half", "zero") or self.current % 10:
                return False
            self.current += v
        elif k == "teen":
            if last in ("unit", "teen", "ten", "digits", "half") or self.current % 100:
                return False
            self.current += v
        elif k == "ten":
            if last in ("unit", "teen", "ten", "digits", "half") or self.current % 100:
                return False
            self.current += v
        elif k == "mult" and v < 1000:
            if last in ("hundred", "ten", "half") or self.current >= 100:
                return False
            self.current = (self.current or 1) * v
            k = "hundred"
            self.mult = v
        elif k == "mult":
            if self.last_big is not None and v >= self.last_big:
                return False
            if last == "big":
                return False
            self.total += (self.current or 1) * v
            self.current = 0
            self.last_big = v
            self.mult = v
            k = "big"
        elif k == "half":
            if last == "big" and self.last_big:
                self.total += 0.5 * self.last_big
            elif last in ("unit", "ten", "teen", "hundred", "digits"):
                self.current += 0.5
            else:
                return False
        else:
            return False
        self.last = k
        self.count += 1
        return True

    @property
    def value(self) -> float:
        return self.total + self.current


@dataclass
class NumExpr:
    """A number over tokens ``[i, j)``."""

    i: int
    j: int
    value: float | None
    mod: str | None = None
    vague: bool = False
    vmin: float | None = None
    vmax: float | None = None
    ordinal: bool = False
    decimal: bool = False
    mult: float = 1.0
    ending: str = ""
    words: bool = False
    bare_article: bool = False


def parse_digits(s: str) -> tuple[float, bool] | None:
    """Digits with thousands separators or a decimal part -> (value, is_decimal); else None.

    ``35,000`` / ``35.000`` -> 35000; ``2.5`` / ``2,5`` -> 2.5; ``1,234.5`` -> 1234.5;
    ``1,2,3`` -> None (malformed); ``10:05`` and ``06/27/2022`` -> None (not a number).
    """
    if not s or ":" in s or "/" in s:
        return None
    seps = re.findall(r"[.,]", s)
    groups = re.split(r"[.,]", s)
    if not seps:
        return int(s), False
    if len(set(seps)) == 1:
        if len(seps) == 1:
            if len(groups[1]) == 3 and 1 <= len(groups[0]) <= 3 and groups[0] != "0":
                return int(groups[0] + groups[1]), False
            return float(f"{groups[0]}.{groups[1]}"), True
        if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            return int("".join(groups)), False
        return None
    # two kinds: the last separator is the decimal point, the others group thousands
    if seps[-1] in seps[:-1]:
        return None
    head, frac = groups[:-1], groups[-1]
    if not (1 <= len(head[0]) <= 3 and all(len(g) == 3 for g in head[1:])):
        return None
    return float(f"{''.join(head)}.{frac}"), True


def as_number(value: float) -> int | float:
    """Whole numbers as ``int`` (``2.5e6`` -> 2500000), others as ``float``."""
    if isinstance(value, int):
        return value
    if value != value or value in (float("inf"), float("-inf")):
        return value
    if float(value).is_integer():
        return int(value)
    return round(value, 6)


# ----------------------------------------------------------------------------- matches


@dataclass
class Match:
    """A matched expression: token range, character span and its structured reading."""

    i: int
    j: int
    start: int
    end: int
    info: dict[str, Any] = field(default_factory=dict)


class _Scanner:
    """Token-level matching for one text and one language."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.toks = scan(text, lex)
        self.n = len(self.toks)

    # -- token helpers -------------------------------------------------------------

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < self.n else None

    def joined(self, i: int) -> bool:
        """Token ``i`` follows token ``i-1`` on the same line (only spaces between)."""
        if i <= 0 or i >= self.n:
            return False
        gap = self.text[self.toks[i - 1].end : self.toks[i].start]
        return "\n" not in gap and "\r" not in gap and not gap.strip()

    def glued(self, i: int) -> bool:
        """Token ``i`` touches token ``i-1`` (no space between)."""
        return 0 < i < self.n and self.toks[i - 1].end == self.toks[i].start

    def word(self, i: int) -> str | None:
        t = self.tok(i)
        return t.low if t is not None and t.kind == "word" else None

    def phrase_at(self, i: int, phrases: Iterable[tuple[str, ...]]) -> int | None:
        """End index of the first (longest) phrase matching at ``i``."""
        if i >= self.n:
            return None
        if isinstance(phrases, _Phrases):
            phrases = phrases.by_first.get(self.toks[i].low, ())
        for ph in phrases:
            k = len(ph)
            if i + k > self.n:
                continue
            ok = True
            for m, w in enumerate(ph):
                t = self.toks[i + m]
                if t.low != w or (m and not self.joined(i + m)):
                    ok = False
                    break
            if ok:
                return i + k
        return None

    def phrase_before(self, i: int, phrases: Iterable[tuple[str, ...]]) -> bool:
        """Some phrase ends right before token ``i`` (on the same line)."""
        for ph in phrases:
            k = len(ph)
            s = i - k
            if s < 0 or not self.joined(i):
                continue
            if all(self.toks[s + m].low == w for m, w in enumerate(ph)) and all(
                self.joined(s + m) for m in range(1, k)
            ):
                return True
        return False

    def sentence_initial(self, i: int) -> bool:
        if i == 0:
            return True
        if not self.joined(i):
            return True
        prev = self.toks[i - 1]
        return prev.kind == "punct" and prev.text in ".!?:;\"“”«»'()[]-–—•"

    def prev_text(self, i: int) -> str:
        """The lower-cased text before token ``i`` on its line."""
        s = self.toks[i].start
        line_start = max(self.text.rfind("\n", 0, s) + 1, s - 40)
        return self.text[line_start:s].lower()

    # -- numbers ---------------------------------------------------------------------

    def digits_at(self, i: int) -> tuple[int, str, Tok] | None:
        """Digit tokens from ``i`` joined by space thousands separators: (end, digits, last)."""
        t = self.tok(i)
        if t is None or t.kind != "num":
            return None
        digits, j, last = t.num, i + 1, t
        if re.fullmatch(r"\d{1,3}", t.num) and not t.suf:
            while j < self.n:
                u = self.toks[j]
                gap = self.text[self.toks[j - 1].end : u.start]
                if u.kind != "num" or gap not in _SPACE_SEPARATORS:
                    break
                if not re.fullmatch(r"\d{3}", u.num):
                    break
                digits += u.num
                last = u
                j += 1
                if u.suf:
                    break
        return j, digits, last

    def number_at(self, i: int) -> NumExpr | None:
        """A number starting at token ``i`` (digits or words), with multipliers and mods."""
        lex = self.lex
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "num":
            got = self.digits_at(i)
            if got is None:
                return None
            j, digits, last = got
            parsed = parse_digits(digits)
            if parsed is None:
                return None
            value, decimal = parsed
            kind, mod = lex.digit_suffix(last.suf)
            if kind == "bad":
                return None
            expr = NumExpr(i, j, value, decimal=decimal, ending=last.suf)
            if kind == "ordinal":
                expr.ordinal = True
                return expr
            if mod == "VAGUE":
                expr.vague, expr.vmin, expr.value = True, value, None
                return expr
            expr.mod = mod
            if last.suf:
                return expr
            acc = _Acc()
            acc.seed(value)
            self._extend_words(expr, acc, j)
            expr.words = False
            return expr
        if t.kind != "word":
            return None
        low = t.low
        # "a hundred", "a dozen"
        if low in lex.num_articles:
            nxt = self.word(i + 1)
            nw = lex.number_word(nxt) if nxt and self.joined(i + 1) else None
            if nw is None or nw.kind != "mult" or nw.ordinal:
                return None
            acc = _Acc()
            acc.seed(1)
            acc.last = "unit"
            expr = NumExpr(i, i + 1, 1.0, words=True)
            self._extend_words(expr, acc, i + 1)
            return expr if expr.j > i + 1 else None
        # жарты миллион, half a million
        if low in lex.half_prefix:
            k = i + 1
            if self.word(k) in lex.num_articles and self._ok(k):
                k += 1
            nw = lex.number_word(self.word(k) or "") if self._ok(k) else None
            if nw is None or nw.kind != "mult" or nw.value < 1000 or nw.ordinal:
                return None
            return NumExpr(i, k + 1, 0.5 * nw.value, words=True, mult=nw.value, ending=nw.ending)
        # hyphenated words: twenty-five (compound) or бес-алты (range)
        if any(h in low for h in _HYPHENS) and low not in lex.extra_words:
            return self._hyphen_number(i, low)
        nw = lex.number_word(low)
        if nw is None:
            return None
        if nw.kind == "vague_needs":
            return self._vague_of(i, nw.value)
        if nw.kind == "vague":
            expr = NumExpr(i, i + 1, None, mod="VAGUE", vague=True, vmin=nw.value, words=True)
            return self._vague_tail(expr, i + 1)
        if nw.kind == "half":
            return None
        expr = NumExpr(i, i, None, words=True)
        self._extend_words(expr, _Acc(), i)
        return expr if expr.j > i else None

    def _extend_words(self, expr: NumExpr, acc: _Acc, j: int) -> None:
        """Add number words from token ``j`` on while they form one number."""
        lex = self.lex
        start = j
        first_low, first_ending = None, ""
        while j < self.n:
            if j > expr.i and not self.joined(j):
                break
            low = self.word(j)
            if low is None or any(h in low for h in _HYPHENS):
                break
            if low in lex.connectors and acc.last in ("hundred", "big"):
                nxt = self.word(j + 1)
                nw2 = lex.number_word(nxt) if nxt else None
                if nw2 is not None and nw2.kind in ("unit", "teen", "ten") and self.joined(j + 1):
                    j += 1
                    continue
                break
            if low in lex.mult_abbr:
                if acc.last != "digits":
                    break
                factor = lex.mult_abbr[low]
                acc.total, acc.current = acc.value * factor, 0.0
                acc.mult = acc.last_big = factor
                acc.last = "big"
                acc.count += 1
                j += 1
                if j < self.n and self.toks[j].text == "." and self.glued(j):
                    j += 1
                break
            if low in lex.decimal_marks and acc.count and acc.last not in ("big", "half"):
                got = self._spelled_fraction(j + 1)
                if got is None:
                    break
                j, frac = got
                acc.current += frac
                acc.last = "half"  # only a multiplier may follow (бес бүтін оннан үш миллиард)
                expr.decimal = True
                continue
            nw = lex.number_word(low)
            if nw is None or nw.kind in ("vague", "vague_needs") or not acc.add(nw):
                break
            if first_low is None:
                first_low, first_ending = low, nw.ending
            j += 1
            expr.ending = nw.ending
            if nw.mod == "VAGUE":
                expr.vague = True
            elif nw.mod:
                expr.mod = nw.mod
            if nw.ordinal:
                expr.ordinal = True
                break
            # an inflected word closes the number (мыңнан астам); a bare vague word may
            # still take a multiplier (ондаған мың)
            if nw.ending and not (nw.mod == "VAGUE" and _bare_vague(lex, nw.ending)):
                break
        if j == start:
            if acc.last == "digits":
                expr.value = acc.value
            return
        expr.j = j
        expr.value = acc.value
        expr.mult = acc.mult
        expr.words = True
        if expr.vague:
            expr.vmin, expr.value = acc.value, None
        expr.bare_article = acc.count == 1 and first_low in lex.article_words and not first_ending

    def _spelled_fraction(self, j: int) -> tuple[int, float] | None:
        """оннан үш -> 0.3, жүзден жиырма бес -> 0.25 (after a decimal mark such as бүтін)."""
        lex = self.lex
        den = lex.number_word(self.word(j) or "") if self._ok(j) else None
        if (
            den is None
            or den.value not in (10, 100, 1000)
            or not lex.case_of(den.ending, "ablative")
        ):
            return None
        acc = _Acc()
        k = j + 1
        while self._ok(k):
            nw = lex.number_word(self.word(k) or "")
            if (
                nw is None
                or nw.kind not in ("unit", "ten", "teen", "mult", "zero")
                or nw.value >= 1000
            ):
                break
            if not acc.add(nw):
                break
            k += 1
            if nw.ending:
                break
        if k == j + 1 or not 0 <= acc.value < den.value:
            return None
        return k, acc.value / den.value

    def _hyphen_number(self, i: int, low: str) -> NumExpr | None:
        lex = self.lex
        parts = re.split("[" + _HYPHENS + "]", low)
        if len(parts) == 2 and parts[1] in lex.particles:
            nw = lex.number_word(parts[0])
            if nw is None or nw.ordinal or nw.kind not in ("unit", "ten", "teen", "mult"):
                return None
            return NumExpr(i, i + 1, nw.value, words=True)
        nws = [lex.number_word(p) for p in parts]
        if any(w is None for w in nws):
            return None
        if lex.hyphen_mode == "compound":
            acc = _Acc()
            for w in nws:
                if w is None or w.kind in ("vague", "vague_needs") or not acc.add(w):
                    return None
            ordinal = any(w.ordinal for w in nws if w)
            return NumExpr(i, i + 1, acc.value, words=True, ordinal=ordinal)
        if len(parts) != 2:
            return None
        a, b = nws
        if a is None or b is None or a.ordinal or b.ordinal or a.ending:
            return None
        if a.kind in ("vague", "vague_needs", "half") or b.kind in ("vague", "vague_needs", "half"):
            return None
        if not a.value < b.value:
            return None
        expr = NumExpr(i, i + 1, None, vmin=a.value, vmax=b.value, words=True, ending=b.ending)
        expr.mod = b.mod if b.mod != "VAGUE" else None
        # бес-алты мың: a following multiplier scales both ends
        acc = _Acc()
        acc.seed(b.value)
        acc.last = "unit"
        probe = NumExpr(i + 1, i + 1, None)
        if not b.ending:
            self._extend_words(probe, acc, i + 1)
            if probe.j > i + 1 and probe.value:
                factor = probe.value / b.value if b.value else 1
                expr.vmin, expr.vmax = a.value * factor, probe.value
                expr.j = probe.j
                expr.ending = probe.ending
                expr.mod = probe.mod or expr.mod
        return expr

    def _vague_of(self, i: int, base: float) -> NumExpr | None:
        """tens of thousands: a vague word that needs "of" + a vague multiplier."""
        j = i + 1
        if self.word(j) in self.lex.vague_connectors and self.joined(j):
            j += 1
        nw = self.lex.number_word(self.word(j) or "") if self.joined(j) else None
        if nw is None or nw.kind != "vague":
            return None
        return NumExpr(i, j + 1, None, mod="VAGUE", vague=True, vmin=base * nw.value, words=True)

    def _vague_tail(self, expr: NumExpr, j: int) -> NumExpr:
        """hundreds of thousands: a vague word followed by "of" + another vague word."""
        k = j
        if self.word(k) in self.lex.vague_connectors and self.joined(k):
            k += 1
            nw = self.lex.number_word(self.word(k) or "") if self.joined(k) else None
            if nw is not None and nw.kind == "vague" and expr.vmin is not None:
                expr.vmin *= nw.value
                expr.j = k + 1
        return expr

    def count_at(self, i: int, strict: bool) -> Match | None:
        """A count expression starting at ``i``: [approximator] number [range] [approximator]."""
        lex = self.lex
        t = self.toks[i] if 0 <= i < self.n else None
        if t is None or t.kind == "punct" or (t.kind == "word" and not lex.may_start_count(t.low)):
            return None
        mod_before = None
        range_and = None
        j = i
        e = self.phrase_at(i, lex.approx_before)
        if e is not None:
            if not self._ok(e):
                return None
            phrase = tuple(t.low for t in self.toks[i:e])
            j, mod_before = e, lex.approx_before_mods[phrase]
        else:
            low = self.word(i)
            if low in lex.range_prefixes and self._ok(i + 1):
                range_and, j = lex.range_prefixes[low or ""], i + 1
        a = self.number_at(j)
        if a is None or a.ordinal:
            return None
        expr, k = a, a.j
        cased = self._case_range(a) if a.value is not None and a.ending else None
        if cased is not None:
            expr, k = cased, cased.j
        # range: 5 to 6, 5-6, 5 – 6, between 5 and 6
        conn = self.tok(k)
        if conn is not None and a.value is not None and not a.ending:
            is_conn = conn.low in lex.range_connectors or (range_and and conn.low == range_and)
            near = (self.joined(k) or self.glued(k)) and (self.joined(k + 1) or self.glued(k + 1))
            b = self.number_at(k + 1) if is_conn and near else None
            if b is not None and b.value is not None and not b.ordinal:
                lo = a.value
                if a.mult == 1 and b.mult > 1 and lo * b.mult <= b.value:
                    lo = lo * b.mult  # 5 to 6 million
                if lo < b.value:
                    expr = NumExpr(
                        a.i,
                        b.j,
                        None,
                        vmin=lo,
                        vmax=b.value,
                        mod=b.mod,
                        ending=b.ending,
                        words=a.words or b.words,
                        mult=b.mult,
                    )
                    k = b.j
        if range_and is not None and expr is a:
            return None
        mod_after, end = None, k
        if self._ok(k):
            for ph, mod, case in lex.approx_after:
                e = self.phrase_at(k, [ph])
                if e is None and len(ph) == 1:
                    hit = lex.split(self.word(k) or "", lex.approx_after_words)
                    if hit is not None and hit[0] == ph[0]:
                        e = k + 1  # an inflected approximator: мыңға жуығы, мыңнан астамы
                if e is not None and (not case or lex.case_of(expr.ending, case)):
                    mod_after, end = mod, e
                    break
        own_mod = expr.mod if expr.mod != "VAGUE" else None
        info = {
            "value": expr.value,
            "min": expr.vmin,
            "max": expr.vmax,
            "vague": expr.vague,
            "mod": mod_before or mod_after or own_mod,
            "decimal": expr.decimal,
            "mult": expr.mult,
            "bare_article": expr.bare_article and expr is a and not mod_before and not mod_after,
            "words": expr.words,
            "num_start": a.i,
            "num_end": k,
        }
        return Match(i, end, self.toks[i].start, self.toks[end - 1].end, info)

    def _case_range(self, a: NumExpr) -> NumExpr | None:
        """700-ден 2000-ға дейін (a range) and үштен екісі (a fraction), by case endings."""
        lex = self.lex
        if not self._ok(a.j) or a.value is None:
            return None
        b = self.number_at(a.j)
        if b is None or b.value is None or b.ordinal or b.vague:
            return None
        for rule in lex.case_ranges:
            if lex.case_of(a.ending, str(rule.get("from"))) and lex.case_of(
                b.ending, str(rule.get("to"))
            ):
                if a.value < b.value:
                    j = b.j
                    if self._ok(j) and self.word(j) in {
                        str(x) for x in _as_list(rule.get("after"))
                    }:
                        j += 1
                    return NumExpr(a.i, j, None, vmin=a.value, vmax=b.value, words=a.words)
        for rule in lex.case_fractions:
            if lex.case_of(a.ending, str(rule.get("denominator"))) and lex.case_of(
                b.ending, str(rule.get("numerator"))
            ):
                if 0 < b.value < a.value:
                    return NumExpr(a.i, b.j, b.value / a.value, words=True, ending=b.ending)
        return None

    # -- count context checks (strict mode) ---------------------------------------

    def count_ok(self, m: Match) -> bool:
        lex = self.lex
        info = m.info
        first = self.toks[info["num_start"]]
        if info["bare_article"]:
            return False
        if info["decimal"] and info["mult"] == 1:
            return False  # 10.01 (a clock time), 2.5 on its own: not a count of things
        # glued to letters or other symbols: COVID-19, 16x9, $5, 90%
        if first.kind == "num" and self.glued(info["num_start"]):
            prev = self.toks[info["num_start"] - 1]
            if prev.kind in ("word", "num") or prev.text in "$€£¥₸₽#№":
                return False
            if prev.text in _DASHES and self.glued(info["num_start"] - 1):
                if self.toks[info["num_start"] - 2].kind == "word":
                    return False
        if m.j < self.n and self.glued(m.j):
            nxt = self.toks[m.j]
            if nxt.kind in ("word", "num") or nxt.text in "%‰$€£¥₸₽":
                return False
            if nxt.text in _DASHES and m.j + 1 < self.n and self.glued(m.j + 1):
                if self.toks[m.j + 1].kind in ("word", "num"):
                    return False
        # inside a quoted name: «Хабар 24», "Сухой Суперджет 100", «ПУИД – екі»
        if m.j < self.n and self.toks[m.j].text in '»”"' and (self.joined(m.j) or self.glued(m.j)):
            line = self.prev_text(m.i)
            if line.count("«") > line.count("»") or line.count("“") > line.count("”"):
                if m.i > 0 and self.toks[m.i - 1].text not in "«“":
                    return False
        # money, percent, measures, clock units after the number
        if self._followed_by_unit(info["num_end"]):
            return False
        before = self.prev_text(m.i).rstrip()
        for w in lex.not_count_before:
            if before.endswith(w):
                k = len(before) - len(w)
                if k == 0 or not before[k - 1].isalnum() or not w[0].isalnum():
                    return False
        if m.i > 0 and self.joined(m.i):
            prev = self.toks[m.i - 1]
            # an ordinal right before a number word (үшінші тоқсанда "third quarter")
            if prev.kind == "word" and info["words"]:
                pw = lex.number_word(prev.low)
                if pw is not None and pw.ordinal:
                    return False
            if (
                lex.capitalised_is_name
                and prev.kind == "word"
                and prev.text[:1].isupper()
                and not self.sentence_initial(m.i - 1)
                and lex.month_of(prev) is None
                and prev.low not in lex.weekdays
            ):
                return False
        first_low = self.toks[m.i].low
        if first_low in lex.pronoun_contexts and m.j == m.i + 1:
            before_ph, after_ph = lex.pronoun_contexts[first_low]
            if self.phrase_before(m.i, before_ph):
                return False
            if m.j < self.n and (self.joined(m.j) or self.glued(m.j)):
                if self.phrase_at(m.j, after_ph) is not None:
                    return False
            if self.toks[m.i].text.endswith(("'s", "’s")):
                return False
        return True

    def _followed_by_unit(self, k: int) -> bool:
        lex = self.lex
        for step in range(2):
            t = self.tok(k + step)
            if t is None or not (self.joined(k + step) or self.glued(k + step)):
                return False
            if t.kind == "punct":
                return t.text in lex.not_count_after
            if self.phrase_at(k + step, lex.not_count_after_phrases) is not None:
                return True
            low = t.low.rstrip(".")
            if low in lex.not_count_after or t.low in lex.not_count_after:
                return True
            if lex.split(low, lex.not_count_after_table) is not None:
                return True
            if lex.unit_of(low) is not None and step == 0:
                return True  # a duration or age: left to the date rules
            # one capitalised/adjective word may stand between (US dollars, АҚШ доллары)
            if not (t.text[:1].isupper() or t.text.isupper()):
                return False
        return False

    # -- dates: elements -------------------------------------------------------------

    def _year_word(self, j: int) -> tuple[int, str] | None:
        """A year word (жылы, жылдың, ж.) at ``j``: (end, ending)."""
        lex = self.lex
        low = self.word(j)
        if low is None or not self.joined(j):
            return None
        end = lex.is_word_of(low, lex.year_words) if lex.year_words else None
        if end is not None:
            return j + 1, end
        if (
            low in lex.year_abbr
            and j + 1 < self.n
            and self.toks[j + 1].text == "."
            and self.glued(j + 1)
        ):
            return j + 2, ""
        return None

    def year_abs(self, i: int, strict: bool) -> tuple[int, dict] | None:
        """2017 | 2017 жылы | 2017-ге дейін | 2017-2018 жылдары | екі мың он жетінші жылы."""
        lex = self.lex
        t = self.tok(i)
        if t is None:
            return None
        lo, hi = lex.year_range
        if t.kind == "word":
            if not lex.year_words:
                return None
            expr = self.number_at(i)
            if expr is None or expr.value is None or not expr.ordinal:
                return None
            yw = self._year_word(expr.j)
            if yw is None or not lo <= expr.value <= hi:
                return None
            return yw[0], {"year": int(expr.value), "year_word": True}
        if t.kind != "num" or not re.fullmatch(r"\d{4}", t.num):
            return None
        year = int(t.num)
        if not lo <= year <= hi:
            return None
        info: dict[str, Any] = {"year": year}
        j = i + 1
        if t.suf:
            unit = lex.unit_of(t.suf) if t.hyph else None
            if unit is not None and unit["unit"] == "Y" and unit["type"] != "age":
                if unit["plural"]:
                    return None  # 1990-жылдары: a decade
                info["year_word"] = True  # 2019-жылы
                return j, info
            kind, mod = lex.digit_suffix(t.suf)
            if kind == "ordinal":  # 2017-ші жылы
                yw = self._year_word(j)
                if yw is None:
                    return None
                unit = lex.unit_of(self.word(j) or "")
                if unit is not None and unit["plural"]:
                    return None
                info["year_word"] = True
                return yw[0], info
            # 2017-ге дейін: a case ending and a year postposition
            if (
                kind == "plain"
                and not mod
                and self._ok(j)
                and self.word(j) in lex.year_postpositions
            ):
                info["year_word"] = True
                return j, info
            return None
        # 2017-2018, 2017–18
        if j + 1 < self.n and self.toks[j].text in _DASHES and (self.glued(j) or self.joined(j)):
            u = self.toks[j + 1]
            if u.kind == "num" and (self.glued(j + 1) or self.joined(j + 1)) and not u.suf:
                if re.fullmatch(r"\d{4}|\d{2}", u.num):
                    y2 = int(u.num) if len(u.num) == 4 else (year // 100) * 100 + int(u.num)
                    if year < y2 <= hi:
                        info["end_year"] = y2
                        j += 2
        yw = self._year_word(j)
        if yw is not None:
            unit = lex.unit_of(self.word(j) or "")
            if unit is not None and unit["plural"] and "end_year" not in info:
                return None  # 1990 жылдары: a decade
            info["year_word"] = True
            j = yw[0]
        return j, info

    def year_rel(self, i: int) -> tuple[int, dict] | None:
        """биыл | былтыр | биылғы жылы | өткен жылы | last year | this year."""
        lex = self.lex
        low = self.word(i)
        if low is None:
            return None
        hit = lex.split(low, lex.relative)
        if hit is not None and "year" in lex.relative[hit[0]]:
            j = i + 1
            nxt = self.word(j)
            if nxt and self.joined(j):
                u = lex.unit_of(nxt)
                if u is not None and u["unit"] == "Y" and not u["plural"]:
                    j += 1
            return j, {"year_rel": lex.relative[hit[0]]["year"]}
        if low in lex.rel_det:
            nxt = self.word(i + 1)
            if nxt and self.joined(i + 1):
                u = lex.unit_of(nxt)
                if u is not None and u["unit"] == "Y" and not u["plural"] and u["type"] != "age":
                    return i + 2, {"year_rel": lex.rel_det[low]}
        return None

    def month_el(self, i: int, strict: bool) -> tuple[int, dict] | None:
        """сәуір | сәуір айынан | сәуірінен | Қыркүйектің | December | Dec. | last December."""
        lex = self.lex
        t = self.tok(i)
        if t is None or t.kind != "word":
            return None
        info: dict[str, Any] = {}
        j = i
        if t.low in lex.rel_det and lex.rel_det[t.low] and self.joined(i + 1):
            nt = self.tok(i + 1)
            got = lex.month_of(nt) if nt is not None else None
            if nt is not None and got is not None:
                info["month_dir"] = lex.rel_det[t.low]
                info["context"] = not got[2]
                j = i + 1
                t = nt
        got = lex.month_of(t)
        if got is not None:
            month, ending, ambiguous = got
            info.update({"month": month, "ambiguous": ambiguous, "month_ending": ending})
            j += 1
        elif t.low in lex.month_abbr and (not lex.month_capitalised or t.text[:1].isupper()):
            has_dot = j + 1 < self.n and self.toks[j + 1].text == "." and self.glued(j + 1)
            if lex.abbr_dot_required and not has_dot:
                return None
            info.update({"month": lex.month_abbr[t.low], "ambiguous": True, "month_ending": ""})
            j += 2 if has_dot else 1
        else:
            return None
        mw = self.word(j)
        if mw and self.joined(j) and lex.month_words:
            ending = lex.is_word_of(mw, lex.month_words)
            if ending is not None:
                info["context"] = True
                info["month_ending"] = ending
                j += 1
        return j, info

    def day_el(self, i: int, strict: bool) -> tuple[int, dict] | None:
        """14 | 14-і | 12-сі күні | 14th | он төртінші | first."""
        lex = self.lex
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "num":
            if not re.fullmatch(r"\d{1,2}", t.num):
                return None
            day = int(t.num)
            if t.suf:
                kind, mod = lex.digit_suffix(t.suf)
                if kind == "bad" or mod:
                    return None
            j = i + 1
        elif t.kind == "word":
            expr = self.number_at(i)
            if expr is None or expr.value is None or expr.mod or expr.vague:
                return None
            if expr.value != int(expr.value):
                return None
            day = int(expr.value)
            j = expr.j
        else:
            return None
        if not 1 <= day <= 31:
            return None
        dw = self.word(j)
        if dw and self._ok(j) and lex.day_words and lex.is_word_of(dw, lex.day_words) is not None:
            j += 1
        return j, {"day": day}

    def weekday_el(self, i: int) -> tuple[int, dict] | None:
        lex = self.lex
        t = self.tok(i)
        if t is None or t.kind != "word" or not lex.weekdays:
            return None
        if lex.month_capitalised and not t.text[:1].isupper():
            return None
        hit = lex.split(t.low, lex.weekdays)
        if hit is None:
            return None
        j = i + 1
        dw = self.word(j)
        if (
            dw
            and self.joined(j)
            and lex.day_words
            and lex.is_word_of(dw, lex.day_words) is not None
        ):
            j += 1
        plural = any(hit[1].startswith(p) for p in lex.plural_marks)
        return j, {
            "weekday": lex.weekdays[hit[0]],
            "ambiguous": hit[0] in lex.weekday_ambiguous,
            "plural": plural,
        }

    def _skip_comma(self, j: int) -> int:
        t = self.tok(j)
        if t is not None and t.text == "," and self.glued(j):
            return j + 1
        return j

    def _ok(self, j: int) -> bool:
        return j < self.n and self.joined(j)

    # -- dates: shapes -----------------------------------------------------------------

    def date_at(self, i: int, strict: bool, sets: bool) -> Match | None:
        """The longest date expression starting at token ``i``."""
        t = self.toks[i] if 0 <= i < self.n else None
        if (
            t is None
            or t.kind == "punct"
            or (t.kind == "word" and not self.lex.may_start_date(t.low))
        ):
            return None
        best: tuple[int, dict] | None = None
        for fn in (
            self._numeric_date,
            self._calendar_date,
            self._decade,
            self._relative_date,
            self._duration,
            self._weekday_date,
            self._season_date,
        ):
            got = fn(i, strict)
            if got is not None and (best is None or got[0] > best[0]):
                best = got
        if best is None:
            return None
        j, info = self._tail(*best)
        if info.get("kind") == "set" and strict and not sets:
            return None
        return Match(i, j, self.toks[i].start, self.toks[j - 1].end, info)

    def date_range(self, m: Match, strict: bool, sets: bool) -> Match:
        """Extend a date over a range connector to a second date of the same kind (or a day)."""
        lex = self.lex
        k = m.j
        conn = self.tok(k)
        if conn is None or conn.low not in lex.date_range_connectors:
            return m
        if not (self.joined(k) or self.glued(k)) or not (self.joined(k + 1) or self.glued(k + 1)):
            return m
        second = self.date_at(k + 1, strict, sets)
        if second is not None and second.info.get("kind") == m.info.get("kind"):
            if set(second.info) & {"year", "month", "day", "amount", "year_rel", "numeric"}:
                info = dict(m.info, range_end=second.info)
                return Match(m.i, second.j, m.start, second.end, info)
        if m.info.get("day") and "month" in m.info:
            d = self.day_el(k + 1, strict)
            if d is not None and d[1]["day"] > m.info["day"]:
                j, _ = self._tail(d[0], {"kind": "date"})
                return Match(m.i, j, m.start, self.toks[j - 1].end, dict(m.info))
        return m

    def _tail(self, j: int, info: dict) -> tuple[int, dict]:
        """Part words and postpositions after a date (басынан бері, бастап, сайын)."""
        lex = self.lex
        info.setdefault("kind", "date")
        if lex.parts and self._ok(j) and info["kind"] == "date":
            hit = lex.split(self.word(j) or "", lex.parts)
            if hit is not None and hit[1]:
                info["part"] = lex.parts[hit[0]]
                j += 1
        if self._ok(j) and self.word(j) in lex.set_after and info["kind"] == "duration":
            info["kind"] = "set"
            return j + 1, info
        for _ in range(2):
            low = self.word(j) or ""
            if not self._ok(j) or low not in lex.postpositions:
                break
            if low in lex.ago and info["kind"] == "duration" and info.get("amount") is not None:
                info["kind"] = "ago"
            j += 1
        return j, info

    def _numeric_date(self, i: int, strict: bool) -> tuple[int, dict] | None:
        """06/27/2022 | 23/07/2020 | 14.09.2018 | 2018-09-14."""
        t = self.tok(i)
        if t is None or t.kind != "num" or t.suf:
            return None
        m = re.fullmatch(r"(\d{1,4})([/.])(\d{1,2})\2(\d{1,4})", t.num)
        if m:
            a, sep, b, c = m.group(1), m.group(2), m.group(3), m.group(4)
            if len(a) == 4 and len(c) <= 2:
                fields, order = (int(a), int(b), int(c)), "YMD"
            elif len(c) == 4 and len(a) <= 2:
                fields, order = (int(a), int(b), int(c)), None
            else:
                return None
            if order == "YMD":
                if not _valid_ymd(*fields):
                    return None
            elif not (
                _valid_ymd(fields[2], fields[1], fields[0])
                or _valid_ymd(fields[2], fields[0], fields[1])
            ):
                return None
            return i + 1, {"numeric": fields, "sep": sep, "order": order}
        # ISO 2018-09-14 (five glued tokens)
        if re.fullmatch(r"\d{4}", t.num) and i + 4 < self.n:
            parts = self.toks[i : i + 5]
            if (
                all(self.glued(i + k) for k in range(1, 5))
                and parts[1].text == "-"
                and parts[3].text == "-"
                and re.fullmatch(r"\d{2}", parts[2].num or "x")
                and re.fullmatch(r"\d{2}", parts[4].num or "x")
                and not parts[2].suf
            ):
                y, mo, d = int(t.num), int(parts[2].num), int(parts[4].num)
                if _valid_ymd(y, mo, d) and not parts[4].suf:
                    return i + 5, {"numeric": (y, mo, d), "sep": "-", "order": "YMD"}
        return None

    def _calendar_date(self, i: int, strict: bool) -> tuple[int, dict] | None:
        """Year, month and day in the orders news use (each shape is tried; the longest wins).

        M D [, Y]: December 14, 2021 / Қыркүйектің 14-і;  [the] D [of] M [Y]: 14 December 2021 /
        14 қыркүйекте;  Y M [D]: 2017 жылдың сәуір айынан / Биыл мамыр айында;  Y D M: 2018
        жылғы 14 қыркүйек;  M [,] Y: July 2021;  M: Тамызда;  Y: 2017 жылы / in 2017 / Былтыр.
        An optional weekday (Monday, December 14) or premodifier (early 2017) may lead.
        """
        lex = self.lex
        results: list[tuple[int, dict]] = []
        pre: dict[str, Any] = {}
        wd = self.weekday_el(i)
        if wd is not None and self._ok(self._skip_comma(wd[0])):
            pre = {"weekday": wd[1]["weekday"]}
            i = self._skip_comma(wd[0])
        premod = False
        i2 = i
        if self.word(i) in lex.premods and i + 1 < self.n:
            if self.toks[i + 1].text == "-" and self.glued(i + 1) and self.glued(i + 2):
                premod, i2 = True, i + 2
            elif self._ok(i + 1):
                premod, i2 = True, i + 1

        def add(j: int, info: dict) -> None:
            if pre and "day" not in info:
                return
            results.append((j, {**pre, **info}))

        def year_after(j: int, info: dict) -> None:
            k = self._skip_comma(j)
            if self._ok(k):
                y = self.year_abs(k, False)
                if y is not None and not self.toks[k].suf:
                    add(y[0], {**info, **y[1]})

        # Y ...
        for y in (self.year_abs(i2, strict), self.year_rel(i2)):
            if y is None:
                continue
            yj, yinfo = y
            marked = "year_word" in yinfo or "year_rel" in yinfo
            if marked and self._ok(yj):
                m = self.month_el(yj, strict) or self._premod_month(yj)
                if m is not None:
                    info = {**yinfo, **m[1], "context": True}
                    add(m[0], info)
                    d = self._day_after_month(m[0], m[1], strict)
                    if d is not None:
                        add(d[0], {**info, **d[1]})
                d = self.day_el(yj, strict)
                if d is not None and self._ok(d[0]):
                    m = self.month_el(d[0], strict)
                    if m is not None:
                        add(m[0], {**yinfo, **d[1], **m[1], "context": True})
                s = self._season_word(yj)
                if s is not None:
                    add(s[0], {**yinfo, "season": s[1]})
            ctx = marked or premod or "end_year" in yinfo
            if not ctx and "year" in yinfo:
                blo, bhi = lex.bare_year_range
                ctx = not strict or (blo <= yinfo["year"] <= bhi and self._year_context(i2))
            if ctx:
                add(yj, dict(yinfo))
        # M ...
        m = self.month_el(i2, strict) or self._premod_month(i2)
        if m is not None:
            mj, minfo = m
            d = self._day_after_month(mj, minfo, strict)
            if d is not None:
                info = {**minfo, **d[1], "context": True}
                add(d[0], info)
                year_after(d[0], info)
            year_after(mj, {**minfo, "context": True})
            alone_ok = not minfo.get("ambiguous") or minfo.get("context") or premod
            if strict and not lex.month_capitalised and self.toks[i2].text[:1].isupper():
                # a capitalised month mid-sentence is a name (Тамыз конференциясы)
                alone_ok = alone_ok and self.sentence_initial(i2)
            if alone_ok or not strict or self._year_context(i2):
                add(mj, dict(minfo))
        # [the] D [of] M [, Y]
        k = i2
        if self.word(k) in lex.day_articles and self._ok(k + 1):
            k += 1
        d = self.day_el(k, strict)
        if d is not None:
            dj = d[0]
            if self.word(dj) in lex.day_connectors and self._ok(dj) and self._ok(dj + 1):
                dj += 1
            m = self.month_el(dj, strict) if self._ok(dj) else None
            if m is not None and m[1]["ambiguous"] and self.toks[k].kind != "num":
                m = None
            if m is not None:
                info = {**d[1], **m[1], "context": True}
                add(m[0], info)
                year_after(m[0], info)
        if not results:
            return None
        return max(results, key=lambda r: r[0])

    def _premod_month(self, i: int) -> tuple[int, dict] | None:
        """One hyphenated word: mid-October (premodifier + month), қаңтар-мамыр (a range)."""
        lex = self.lex
        t = self.tok(i)
        if t is None or t.kind != "word" or "-" not in t.low:
            return None
        head, rest = t.low.split("-", 1)
        k = len(head) + 1
        last = lex.month_of(Tok(t.start + k, t.end, t.text[k:], "word", rest))
        if last is None:
            return None
        info = {"month": last[0], "ambiguous": False, "month_ending": last[1], "context": True}
        if head not in lex.premods:
            first = lex.month_of(
                Tok(t.start, t.start + len(head), t.text[: len(head)], "word", head)
            )
            if first is None or first[1]:
                return None
            info["month"], info["range_end"] = first[0], {"month": last[0]}
        j = i + 1
        mw = self.word(j)
        if mw and self._ok(j) and lex.month_words:
            ending = lex.is_word_of(mw, lex.month_words)
            if ending is not None:
                info["month_ending"] = ending
                j += 1
        return j, info

    def _day_after_month(self, j: int, minfo: dict, strict: bool) -> tuple[int, dict] | None:
        """A day right after a month: only after a month form that takes one (Қыркүйектің
        14-і, not маусымда 6), and for an ambiguous month only in digits."""
        lex = self.lex
        if not self._ok(j):
            return None
        if lex.month_day_endings is not None and minfo["month_ending"] not in lex.month_day_endings:
            return None
        d = self.day_el(j, strict)
        if d is not None and minfo.get("ambiguous") and self.toks[j].kind != "num":
            return None
        return d

    def _year_context(self, i: int) -> bool:
        lex = self.lex
        if i == 0 or not self.joined(i):
            return False
        prev = self.toks[i - 1]
        if prev.kind == "word" and prev.low in lex.year_context:
            return True
        # the second year of a range: 2017 to 2019, 2017 and 2018
        if prev.kind == "word" and prev.low in lex.range_connectors | {"and", "or", "to"}:
            if (
                i >= 2
                and self.toks[i - 2].kind == "num"
                and re.fullmatch(r"\d{4}", self.toks[i - 2].num)
            ):
                return True
        return False

    def _season_word(self, j: int) -> tuple[int, str] | None:
        lex = self.lex
        low = self.word(j)
        if not low or not lex.seasons:
            return None
        hit = lex.split(low, lex.seasons)
        if hit is None:
            return None
        return j + 1, lex.seasons[hit[0]]

    def _season_date(self, i: int, strict: bool) -> tuple[int, dict] | None:
        """summer 2020 | last winter | жазда | the summer of 2020."""
        lex = self.lex
        j = i
        info: dict[str, Any] = {}
        low = self.word(i)
        if low in lex.rel_det and self._ok(i + 1):
            info["year_rel"] = lex.rel_det[low]
            j = i + 1
        elif low in lex.day_articles and self._ok(i + 1):
            j = i + 1
        s = self._season_word(j)
        if s is None:
            return None
        info["season"] = s[1]
        e = s[0]
        ending = lex.split(self.word(j) or "", lex.seasons)
        k = e
        if self.word(k) in lex.day_connectors and self._ok(k + 1):
            k += 1
        if self._ok(k) or (k < self.n and self.joined(k)):
            y = self.year_abs(k, False)
            if y is not None:
                info.update(y[1])
                return y[0], info
        if "year_rel" in info:
            return e, info
        if not strict:
            return e, info
        if lex.season_alone_endings is not None and ending is not None and j == i:
            bare_ok = ending[1] or ending[0] not in lex.seasons_ambiguous
            if ending[1] in lex.season_alone_endings and bare_ok:
                return e, info
        return None

    def _weekday_date(self, i: int, strict: bool) -> tuple[int, dict] | None:
        lex = self.lex
        j = i
        info: dict[str, Any] = {}
        low = self.word(i)
        if low in lex.rel_det and self._ok(i + 1):
            info["week_rel"] = lex.rel_det[low]
            j = i + 1
        wd = self.weekday_el(j)
        if wd is None:
            return None
        if wd[1]["ambiguous"] and strict and j == i and wd[0] == j + 1:
            return None
        info["weekday"] = wd[1]["weekday"]
        if wd[1].get("plural"):
            return wd[0], {"kind": "set", "amount": 1, "unit": "W"}
        return wd[0], info

    def _decade(self, i: int, strict: bool) -> tuple[int, dict] | None:
        """1990s | the 1990s | 1990-шы жылдары | 90-жылдары."""
        lex = self.lex
        k = i
        if self.word(i) in lex.day_articles and self._ok(i + 1):
            k = i + 1
        t = self.tok(k)
        if t is None or t.kind != "num" or not re.fullmatch(r"\d{2}|\d{4}", t.num):
            return None
        value = int(t.num)
        if len(t.num) == 2:
            if value % 10:
                return None
            value += 1900
        elif value % 10:
            return None
        lo, hi = lex.year_range
        if not lo <= value <= hi:
            return None
        j = k + 1
        if t.suf == "s" or t.suf == "'s":
            return j, {"decade": value // 10, "_start": i}
        if not lex.year_words:
            return None
        if t.suf:
            kind, _ = lex.digit_suffix(t.suf)
            unit = lex.unit_of(t.suf)
            if unit is not None and unit["unit"] == "Y" and unit["plural"]:
                return j, {"decade": value // 10}
            if kind != "ordinal":
                return None
        low = self.word(j)
        if low and self._ok(j):
            unit = lex.unit_of(low)
            if unit is not None and unit["unit"] == "Y" and unit["plural"] and self._year_word(j):
                return j + 1, {"decade": value // 10}
        return None

    def _relative_date(self, i: int, strict: bool) -> tuple[int, dict] | None:
        """бүгін | кешегі | yesterday | last week | келесі айда | жыл басынан бері."""
        lex = self.lex
        low = self.word(i)
        if low is None:
            return None
        hit = lex.split(low, lex.relative)
        if hit is not None and "day" in lex.relative[hit[0]]:
            allowed = lex.relative_endings.get(hit[0])
            if allowed is None or hit[1] in allowed:
                j = i + 1
                dw = self.word(j)
                if (
                    dw
                    and self._ok(j)
                    and lex.day_words
                    and lex.is_word_of(dw, lex.day_words) is not None
                ):
                    j += 1
                return j, {"day_rel": lex.relative[hit[0]]["day"]}
        if low in lex.rel_det and self._ok(i + 1):
            u = lex.unit_of(self.word(i + 1) or "")
            if u is not None and not u["plural"] and u["type"] != "age":
                key = {"Y": "year_rel", "M": "month_rel", "W": "week_rel", "D": "day_rel"}.get(
                    u["unit"]
                )
                if key is not None:
                    return i + 2, {key: lex.rel_det[low]}
        # жыл басынан бері: a bare year word + a part word
        if lex.parts and lex.year_words and self._ok(i + 1):
            u = lex.unit_of(low)
            if u is not None and u["unit"] == "Y" and not u["plural"] and u["type"] != "age":
                part = lex.split(self.word(i + 1) or "", lex.parts)
                if part is not None and part[1]:
                    return i + 1, {"year_rel": 0}
        return None

    def _amount(self, i: int, strict: bool, after_mod: bool) -> tuple[int, Any] | None:
        """The amount of a duration: a number, a vague word (several) or an article (a month)."""
        lex = self.lex
        e = self.phrase_at(i, lex.vague_amounts)
        if e is not None:
            return e, None
        e = self.phrase_at(i, lex.half_amounts)
        if e is not None:
            return e, 0.5
        if self.word(i) in lex.date_articles:
            if not strict or after_mod:
                return i + 1, 1
            if self.joined(i) and self.toks[i - 1].low in lex.article_triggers:
                return i + 1, 1
            return None
        expr = self.number_at(i)
        if expr is None or expr.ordinal or expr.vague or expr.ending:
            return None
        value = expr.value if expr.value is not None else expr.vmin
        if value is None:
            return None
        return expr.j, value

    def _duration(self, i: int, strict: bool) -> tuple[int, dict] | None:
        """[modifier] amount unit [old|ago] — 310 days, the past 500 days, екі жылдан бері."""
        lex = self.lex
        low = self.word(i)
        # at the age of 62, aged 62
        e = self.phrase_at(i, lex.age_before)
        if e is not None and self._ok(e):
            expr = self.number_at(e)
            if expr is not None and expr.value is not None and not expr.ordinal and not expr.ending:
                if not (self._ok(expr.j) and lex.unit_of(self.word(expr.j) or "")):
                    return expr.j, {"kind": "age", "amount": expr.value, "unit": "Y"}
        # recent months, соңғы жылдары
        if low in lex.recent and self._ok(i + 1):
            u = lex.unit_of(self.word(i + 1) or "")
            if u is not None and u["plural"] and u["type"] != "age":
                return i + 2, {"kind": "duration", "amount": None, "unit": u["unit"]}
        # every year, әр жылы; жыл сайын
        if low in lex.set_before and self._ok(i + 1):
            u = lex.unit_of(self.word(i + 1) or "")
            if u is not None and not u["plural"] and u["type"] != "age":
                return i + 2, {"kind": "set", "amount": 1, "unit": u["unit"]}
        u = lex.unit_of(low) if low else None
        if u is not None and u["ending"] == "" and self._ok(i + 1):
            nxt = self.word(i + 1)
            if nxt in lex.set_after:
                return i + 1, {"kind": "duration", "amount": 1, "unit": u["unit"]}
            if nxt in lex.duration_postpositions and u["type"] != "age":
                return i + 2, {"kind": "duration", "amount": 1, "unit": u["unit"]}
        j, after_mod = i, False
        e = self.phrase_at(i, lex.dur_mods)
        if e is not None and self._ok(e):
            j, after_mod = e, True
            # the past week, соңғы айда: a modifier + a bare unit
            u = lex.unit_of(self.word(j) or "")
            if u is not None and u["type"] != "age":
                amount = None if u["plural"] else 1
                return j + 1, {"kind": "duration", "amount": amount, "unit": u["unit"]}
        hy = self._hyphen_unit(j)
        if hy is not None:
            return hy
        got = self._amount(j, strict, after_mod)
        if got is None:
            return None
        k, amount = got
        # a range of amounts: 5-6 жыл, 5 to 6 years
        conn = self.tok(k)
        if conn is not None and amount is not None and conn.low in lex.range_connectors:
            if self.joined(k) or self.glued(k):
                b = self.number_at(k + 1)
                if b is not None and b.value is not None and b.value > amount and not b.ordinal:
                    k = b.j
        if self._ok(k) and self.word(k) in lex.amount_approx:
            k += 1
        if not self._ok(k):
            return None
        unit = lex.unit_of(self.word(k) or "")
        if unit is None:
            return None
        if self._ok(k + 1) and lex.split(self.word(k + 1) or "", lex.not_after_unit):
            return None
        first = self.toks[j]
        if first.kind == "num" and unit["unit"] == "Y" and unit["type"] != "age":
            if re.fullmatch(r"\d{4}", first.num):
                lo, hi = lex.year_range
                if lo <= int(first.num) <= hi:
                    return None  # 2017 жылы: a calendar year
        info = {"kind": unit["type"], "amount": amount, "unit": unit["unit"]}
        k += 1
        nxt = self.word(k) if self._ok(k) else None
        if nxt in lex.age_after:
            info["kind"] = "age"
            k += 1
        elif nxt in lex.ago and amount is not None:
            info["kind"] = "ago"
            k += 1
        elif nxt in lex.later:
            k += 1
        return k, info

    def _hyphen_unit(self, j: int) -> tuple[int, dict] | None:
        """3-year-old | 10-day | two-year-old | 5-жылдық."""
        lex = self.lex
        t = self.tok(j)
        if t is None:
            return None
        if t.kind == "num" and t.hyph and t.suf:
            parsed = parse_digits(t.num)
            if parsed is None:
                return None
            amount = parsed[0]
            parts = t.suf.split("-")
        elif t.kind == "word" and "-" in t.low:
            parts = t.low.split("-")
            acc = _Acc()
            k = 0
            while k < len(parts):
                nw = lex.number_word(parts[k])
                if nw is None or nw.ordinal or not acc.add(nw):
                    break
                k += 1
            if k == 0 or k == len(parts):
                return None
            amount = acc.value
            parts = parts[k:]
        else:
            return None
        unit = lex.unit_of(parts[0])
        if unit is None:
            return None
        kind = unit["type"]
        if parts[1:] and parts[1:] != [w for w in parts[1:] if w in lex.age_after]:
            return None
        if parts[1:]:
            kind = "age"
        if (
            unit["unit"] == "Y"
            and t.kind == "num"
            and re.fullmatch(r"\d{4}", t.num)
            and kind != "age"
        ):
            return None
        k = j + 1
        if kind != "age" and self.word(k) in lex.age_after and self._ok(k):
            kind = "age"
            k += 1
        return k, {"kind": kind, "amount": amount, "unit": unit["unit"]}


def _bare_vague(lex: Lexicon, ending: str) -> bool:
    """ондаған (no case ending after the vague ending): a multiplier may still follow."""
    return any(ending == m for m, mod in lex.ending_mods if mod == "VAGUE")


def _valid_ymd(y: int, m: int, d: int) -> bool:
    try:
        _dt.date(y, m, d)
    except (ValueError, OverflowError):
        return False
    return True


# ----------------------------------------------------------------------------- finders


def _blocked_ranges(sc: _Scanner) -> list[tuple[int, int]]:
    """Token ranges of fixed phrases that are not dates (осы күнге дейін, to date)."""
    out = []
    for i in range(sc.n):
        e = sc.phrase_at(i, sc.lex.not_dates)
        if e is not None:
            out.append((i, e))
    return out


def find_dates(text: str, lex: Lexicon, strict: bool = True, sets: bool = False) -> list[Match]:
    """All date expressions in ``text``, left to right, longest first, non-overlapping."""
    sc = _Scanner(text, lex)
    blocked = _blocked_ranges(sc) if strict else []
    out: list[Match] = []
    i = 0
    while i < sc.n:
        m = sc.date_at(i, strict, sets)
        if m is not None and m.i >= i and not any(b < m.j and m.i < e for b, e in blocked):
            m = sc.date_range(m, strict, sets)
            out.append(m)
            i = m.j
        else:
            i += 1
    return out


def find_counts(
    text: str, lex: Lexicon, strict: bool = True, avoid: list[tuple[int, int]] | None = None
) -> list[Match]:
    """All count expressions in ``text``; ``avoid`` are character ranges (dates) to skip."""
    sc = _Scanner(text, lex)
    avoid = avoid or []
    out: list[Match] = []
    i = 0
    while i < sc.n:
        m = sc.count_at(i, strict)
        if m is None:
            i += 1
            continue
        clash = any(s < m.end and m.start < e for s, e in avoid)
        if not clash and (not strict or sc.count_ok(m)):
            out.append(m)
        # a rejected expression is consumed whole: no "million" out of "$5 million"
        i = m.j
    return out


# ----------------------------------------------------------------------------- values


def count_norm(info: dict[str, Any]) -> dict[str, Any]:
    """The COUNT norm of a count match: value, mod, min/max."""
    if info.get("vague"):
        vmin = info.get("min")
        norm: dict[str, Any] = {"value": None, "mod": "VAGUE"}
        if vmin is not None:
            norm["min"] = as_number(vmin)
        return norm
    if info.get("min") is not None and info.get("max") is not None:
        norm = {"value": None, "min": as_number(info["min"]), "max": as_number(info["max"])}
        if info.get("mod"):
            norm["mod"] = info["mod"]
        return norm
    if info.get("value") is None:
        return {}
    norm = {"value": as_number(info["value"])}
    if info.get("mod"):
        norm["mod"] = info["mod"]
    return norm


def parse_doc_date(doc_date: Any) -> tuple[int | None, int | None, int | None]:
    """``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` (or a date) -> (year, month, day), Nones if unknown."""
    if isinstance(doc_date, _dt.date):
        return doc_date.year, doc_date.month, doc_date.day
    if not isinstance(doc_date, str):
        return None, None, None
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", doc_date)
    if not m:
        return None, None, None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    if mo is not None and not 1 <= mo <= 12:
        return y, None, None
    if d is not None and (mo is None or not _valid_ymd(y, mo, d)):
        d = None
    return y, mo, d


def _duration_value(amount: Any, unit: str) -> str:
    if amount is None:
        return f"PX{unit}"
    num = as_number(amount if isinstance(amount, (int, float)) else float(amount))
    return f"P{num}{unit}"


def numeric_order_of(info: dict[str, Any], lex: Lexicon | None, hint: str | None) -> str:
    """The field order of a numeric date: explicit, forced by a field above 12, hint, default."""
    if info.get("order"):
        return str(info["order"])
    a, b, _ = info["numeric"]
    if a > 12 >= b:
        return "DMY"
    if b > 12 >= a:
        return "MDY"
    if hint in ("DMY", "MDY"):
        return hint
    default = lex.numeric_orders.get(info.get("sep", "/"), "MDY") if lex else "MDY"
    return default if default in ("DMY", "MDY") else "MDY"


def resolve_date(
    info: dict[str, Any],
    doc_date: Any,
    lex: Lexicon | None = None,
    numeric_order: str | None = None,
) -> dict[str, Any]:
    """Turn a date match's reading into ``{"value": TIMEX3, "type": ...}`` against ``doc_date``."""
    kind = info.get("kind", "date")
    if kind in ("duration", "age", "set"):
        return {"value": _duration_value(info.get("amount"), info.get("unit", "")), "type": kind}
    dy, dm, dd = parse_doc_date(doc_date)
    if kind == "ago":
        return {"value": _ago_value(info, dy, dm, dd), "type": "date"}
    if "numeric" in info:
        order = numeric_order_of(info, lex, numeric_order)
        f = info["numeric"]
        if order == "YMD":
            y, m, d = f
        elif order == "DMY":
            d, m, y = f
        else:
            m, d, y = f
        if not _valid_ymd(y, m, d):
            return {}
        return {"value": f"{y:04d}-{m:02d}-{d:02d}", "type": "date"}
    if "decade" in info:
        return {"value": str(info["decade"]), "type": "date"}
    if "day_rel" in info:
        off = info["day_rel"]
        if dy and dm and dd:
            day = _dt.date(dy, dm, dd) + _dt.timedelta(days=off)
            return {"value": day.isoformat(), "type": "date"}
        if off == 0 and dy:
            return {"value": f"{dy:04d}" + (f"-{dm:02d}" if dm else ""), "type": "date"}
        return {"value": "XXXX-XX-XX", "type": "date"}
    if "week_rel" in info and "weekday" not in info:
        if dy and dm and dd:
            day = _dt.date(dy, dm, dd) + _dt.timedelta(weeks=info["week_rel"])
            iso = day.isocalendar()
            return {"value": f"{iso[0]:04d}-W{iso[1]:02d}", "type": "date"}
        return {"value": "XXXX-WXX", "type": "date"}
    if "month_rel" in info:
        if dy and dm:
            total = dy * 12 + (dm - 1) + info["month_rel"]
            return {"value": f"{total // 12:04d}-{total % 12 + 1:02d}", "type": "date"}
        return {"value": "XXXX-XX", "type": "date"}
    if "weekday" in info and "month" not in info:
        wd = info["weekday"]
        if dy and dm and dd:
            base = _dt.date(dy, dm, dd) + _dt.timedelta(weeks=info.get("week_rel", 0))
            back = (base.isoweekday() - wd) % 7
            return {"value": (base - _dt.timedelta(days=back)).isoformat(), "type": "date"}
        return {"value": f"XXXX-WXX-{wd}", "type": "date"}
    # calendar: year (absolute or relative), month, day, season
    year: int | None = info.get("year")
    month = info.get("month")
    if year is None and "year_rel" in info:
        year = dy + info["year_rel"] if dy else None
    elif year is None and info.get("season") and dy:
        year = dy
    elif year is None and month is not None and dy:
        year = dy
        direction = info.get("month_dir")
        if direction and dm:
            if direction < 0 and month >= dm:
                year = dy - 1
            elif direction > 0 and month <= dm:
                year = dy + 1
        elif dm and month - dm > 6:
            year = dy - 1  # a month well after the publication month: last year's
    ytxt = f"{year:04d}" if year is not None else "XXXX"
    if info.get("season"):
        return {"value": f"{ytxt}-{info['season']}", "type": "date"}
    if month is None:
        if year is None and "year" not in info and "year_rel" not in info:
            return {}
        return {"value": ytxt, "type": "date"}
    value = f"{ytxt}-{int(month):02d}"
    if info.get("day"):
        value += f"-{int(info['day']):02d}"
    return {"value": value, "type": "date"}


def _ago_value(info: dict[str, Any], dy: int | None, dm: int | None, dd: int | None) -> str:
    amount, unit = info.get("amount"), info.get("unit")
    try:
        n = int(amount)
    except (TypeError, ValueError):
        n = None
    if n is None or dy is None:
        return {"Y": "XXXX", "M": "XXXX-XX"}.get(str(unit), "XXXX-XX-XX")
    if unit == "Y":
        return f"{dy - n:04d}"
    if unit == "DE":
        return f"{dy - 10 * n:04d}"
    if unit == "CE":
        return f"{dy - 100 * n:04d}"
    if unit == "M":
        if dm is None:
            return "XXXX-XX"
        total = dy * 12 + dm - 1 - n
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if dm is None or dd is None:
        return "XXXX-XX-XX"
    days = n * (7 if unit == "W" else 1)
    try:
        return (_dt.date(dy, dm, dd) - _dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return "XXXX-XX-XX"


def best_match(matches: list[Match]) -> Match | None:
    """The longest match (the first of equals)."""
    if not matches:
        return None
    return max(matches, key=lambda m: (m.end - m.start, -m.start))


def lexicons_for(lang: str | None) -> list[Lexicon]:
    """The lexicon of ``lang``; every known lexicon when ``lang`` is missing or unknown."""
    lex = lexicon(lang)
    if lex is not None:
        return [lex]
    return [x for x in (lexicon(code) for code in ("kk", "en")) if x is not None]
