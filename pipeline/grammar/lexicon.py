"""What the grammar knows about one language's words, built from its validated data files.

A :class:`Lexicon` answers word questions: is ``Қыркүйектің`` a month (stem ``қыркүйек`` +
ending ``тің``), is ``жылдан`` a unit, what number is ``мыңнан``. Words are analysed as
``stem + ending`` against the tables of :mod:`pipeline.grammar.data`; the work per word is
bounded (no word over :data:`MAX_WORD` characters is analysed, and only endings up to the
longest listed one are tried), so a pathological token costs time linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from pipeline import languages
from pipeline.grammar.data import LanguageData, UnitData, load_language_data
from pipeline.grammar.tokens import HYPHENS, Phrases, Tok

# Longer "words" (a URL, a base64 blob, a run of letters) are never date or number words.
MAX_WORD = 64


@dataclass(frozen=True)
class NumWord:
    """One number word: its kind, value, ending and what the ending says."""

    kind: str  # unit | teen | ten | mult | zero | half | vague | vague_needs
    value: float
    ending: str
    ordinal: bool
    mod: str | None


@dataclass(frozen=True)
class UnitWord:
    """A duration unit word as read in the text (``жылдан``: unit Y, ending ``дан``)."""

    unit: str
    type: str  # duration | age
    ending: str
    plural: bool
    stem: str


@dataclass(frozen=True)
class MonthWord:
    month: int
    ending: str
    ambiguous: bool


@dataclass(frozen=True)
class AfterApproximator:
    words: tuple[str, ...]
    mod: str | None
    case: str | None


def _lower_set(items: Iterable[str]) -> set[str]:
    return {str(x).lower() for x in items}


class Lexicon:
    """Everything the grammar knows about one language, read from its data files."""

    def __init__(self, data: LanguageData) -> None:
        self.lang = data.lang
        months, dates, numbers, counts = data.months, data.dates, data.numbers, data.counts
        self._homoglyphs = str.maketrans(dict(dates.homoglyphs))
        self._native = re.compile(r"[\u0400-\u04FF]") if dates.homoglyphs else None
        self._homoglyph_chars = set(dates.homoglyphs)
        self._init_inflection(data)

        # --- months and weekdays: CLDR names (calendar.yaml) plus hand-kept aliases
        cal = data.calendar
        self.months = {k.lower(): v for k, v in (cal.months if cal else {}).items()}
        self.months.update({k.lower(): v for k, v in months.aliases.items()})
        abbr = {
            k.lower().rstrip("."): v for k, v in (cal.month_abbreviations if cal else {}).items()
        }
        abbr = {k: v for k, v in abbr.items() if k not in self.months}
        abbr.update({k.lower(): v for k, v in months.abbreviations.items()})
        for word in months.not_abbreviations:
            abbr.pop(word.lower(), None)
        self.month_abbr = abbr
        self.abbr_dot_required = months.abbreviation_dot == "required"
        self.month_ambiguous = _lower_set(months.ambiguous)
        self.month_capitalised = months.capitalised
        self.month_name_heads = _lower_set(months.name_heads)
        self.weekdays = {k.lower(): v for k, v in (cal.weekdays if cal else {}).items()}

        # --- calendar words
        self.year_words = dict.fromkeys(_lower_set(dates.year_words))
        self.year_abbr = _lower_set(dates.year_abbreviations)
        self.month_words = dict.fromkeys(_lower_set(dates.month_words))
        self.day_words = dict.fromkeys(_lower_set(dates.day_words))
        self.year_range = dates.year_range
        self.bare_year_range = dates.bare_year_range
        self.year_context = _lower_set(dates.year_context_before)
        self.year_context_possessive = dates.year_context_possessive
        self.spelled_years = dates.spelled_years
        self.year_intro = Phrases.of(dates.year_intro)
        self.numeric_orders = dict(dates.numeric_dates)
        self.weekday_ambiguous = _lower_set(dates.weekdays_ambiguous)
        self.seasons = {k.lower(): v for k, v in dates.seasons.items()}
        sae = dates.season_alone_endings
        self.season_alone_endings = None if sae is None else set(sae)
        self.relative: dict[str, dict[str, int]] = {}
        self.relative_endings: dict[str, set[str]] = {}
        for k, rel in dates.relative.items():
            offsets = {"year": rel.year, "day": rel.day}
            self.relative[k.lower()] = {a: b for a, b in offsets.items() if b is not None}
            if rel.endings is not None:
                self.relative_endings[k.lower()] = set(rel.endings)
        self.year_postpositions = _lower_set(dates.year_postpositions)
        self.rel_det_phrases, self.rel_det = _phrase_table(dates.relative_determiners)
        self.units: dict[str, UnitData] = {k.lower(): v for k, v in dates.units.items()}
        self.not_unit_words = _lower_set(dates.not_unit_words)
        self.not_after_unit = dict.fromkeys(_lower_set(dates.not_after_unit), True)
        mde = dates.month_day_endings
        self.month_day_endings = None if mde is None else set(mde)
        self.seasons_ambiguous = _lower_set(dates.seasons_ambiguous)
        self.duration_postpositions = _lower_set(dates.duration_postpositions)
        self.half_amounts = Phrases.of(dates.half_amounts)
        self.half_after = Phrases.of(dates.half_after)
        self.amount_approx = _lower_set(dates.amount_approximators)
        self.amount_unit_links = Phrases.of(dates.amount_unit_links)
        self.date_range_connectors = _lower_set(dates.date_range_connectors)
        self.duration_range_connectors = _lower_set(dates.duration_range_connectors)
        self.compound_joiners = _lower_set(dates.compound_joiners)
        self.year_endings = set(dates.year_endings)
        self.dur_mods, self.dur_mod_of = _phrase_table(dates.duration_modifiers)
        self.dur_mod_verbs = {k.lower(): v for k, v in dates.duration_mod_verbs.items()}
        self.vague_amounts = Phrases.of(dates.vague_amounts)
        self.recent = _lower_set(dates.recent)
        self.postposition_mods = {k.lower(): v for k, v in dates.postpositions.items()}
        self.postpositions = set(self.postposition_mods)
        self.ago = _lower_set(dates.ago)
        self.age_after = _lower_set(dates.age_after)
        self.age_before, self.age_before_mod = _phrase_table(dates.age_before)
        self.age_verbs, self.age_verb_mod = _phrase_table(dates.age_verbs)
        self.age_verbs_ablative, self.age_verb_ablative_mod = _phrase_table(
            dates.age_verbs_ablative
        )
        self.age_words = _lower_set(dates.age_words)
        self.age_apposition = dates.age_apposition
        self.narrative_after = {k.lower(): v for k, v in dates.narrative_after.items()}
        self.parts = {k.lower(): v for k, v in dates.parts.items()}
        self.part_ending_prefixes = tuple(dates.part_ending_prefixes)
        self.premod_phrases, self.premod_of = _phrase_table(dates.premodifiers)
        self.premods = {k.lower() for k in dates.premodifiers if " " not in k}
        self.day_articles = _lower_set(dates.day_articles)
        self.day_connectors = _lower_set(dates.day_connectors)
        self.date_articles = _lower_set(dates.articles)
        self.article_triggers = Phrases.of(dates.article_triggers)
        self.set_after = _lower_set(dates.set_after)
        self.set_before = _lower_set(dates.set_before)
        self.set_words = {k.lower(): v for k, v in dates.set_words.items()}
        self.period_words = {k.lower(): v for k, v in dates.period_words.items()}
        self.period_modifiers = {k.lower(): v for k, v in dates.period_modifiers.items()}
        self.period_determiners = _lower_set(dates.period_determiners)
        self.period_year_links = _lower_set(dates.period_year_links)
        self.period_current = _lower_set(dates.period_current)
        self.period_needs_modifier = _lower_set(dates.period_needs_modifier)
        self.anchor_dets, self.anchor_det_of = _phrase_table(dates.anchor_determiners)
        self.anchor_after = {k.lower(): v for k, v in dates.anchor_after.items()}
        self.weekend_words = _lower_set(dates.weekend_words)
        self.day_parts = {k.lower(): v for k, v in dates.day_parts.items()}
        self.day_part_phrases, self.day_part_of = _phrase_table(dates.day_part_phrases)
        self.holidays, self.holiday_of = _phrase_table(dates.holidays)
        self.reference_words, self.reference_of = _phrase_table(dates.reference_words)
        self.vague_refs, self.vague_ref_of = _phrase_table(dates.vague_references)
        self.future_words = Phrases.of(dates.tense.future)
        self.past_words = _lower_set(dates.tense.past)
        self.past_endings = tuple(dates.tense.past_endings)
        self.span_outside_endings = tuple(
            e.lower().replace("’", "'") for e in dates.span_outside_endings
        )
        self.bare_units_not_after = _lower_set(dates.bare_units_not_after)
        self.bare_units_not_before = Phrases.of(dates.bare_units_not_before)
        self.bare_unit_suffixes = tuple(sorted(dates.bare_unit_suffixes, key=len, reverse=True))
        self.not_dates = Phrases.of(dates.not_dates)

        # --- numbers
        self.num_stems: dict[str, tuple[str, float]] = {}
        kinds = {"units": "unit", "teens": "teen", "tens": "ten", "multipliers": "mult"}
        kinds["collective"] = "unit"
        for cat, kind in kinds.items():
            for k, v in getattr(numbers, cat).items():
                self.num_stems[k.lower()] = (kind, _exact(v))
        for k in numbers.zero:
            self.num_stems[k.lower()] = ("zero", 0.0)
        self.max_num_stem = max((len(k) for k in self.num_stems), default=0)
        self.ordinal_words = {k.lower(): _exact(v) for k, v in numbers.ordinals.items()}
        self.num_endings = frozenset(numbers.number_endings) | {""}
        self.ordinal_suffixes = tuple(sorted(set(numbers.ordinal_suffixes), key=len, reverse=True))
        self.digit_ordinal_suffixes = tuple(
            sorted(
                set(self.ordinal_suffixes) | set(counts.digit_ordinal_suffixes),
                key=len,
                reverse=True,
            )
        )
        self.not_numbers = _lower_set(numbers.not_numbers)

        # --- counts
        self.hyphen_mode = counts.hyphen
        self.connectors = _lower_set(counts.connectors)
        self.half = _lower_set(counts.half)
        self.mult_abbr = {k.lower(): _exact(v) for k, v in counts.multiplier_abbreviations.items()}
        self.num_articles = _lower_set(counts.articles)
        self.approx_before_mods = {
            tuple(k.lower().split()): v for k, v in counts.approximators_before.items()
        }
        self.approx_before = Phrases(self.approx_before_mods)
        self.approx_after = sorted(
            (
                AfterApproximator(tuple(k.lower().split()), v.mod, v.case)
                for k, v in counts.approximators_after.items()
            ),
            key=lambda a: len(a.words),
            reverse=True,
        )
        self.half_prefix = _lower_set(counts.half_prefix)
        self.half_after = Phrases.of(counts.half_after)
        self.digits_after_multiplier = counts.digits_after_multiplier
        self.decimal_marks = _lower_set(counts.decimal_marks)
        self.case_ranges = list(counts.case_ranges)
        self.case_fractions = list(counts.case_fractions)
        self.case_endings = {k: set(v) for k, v in counts.case_endings.items()}
        self.ending_mods = sorted(
            counts.ending_mods.items(), key=lambda kv: len(kv[0]), reverse=True
        )
        self.vague = {k.lower(): _exact(v) for k, v in counts.vague.items()}
        self.vague_needs_mult = {
            k.lower(): _exact(v) for k, v in counts.vague_needs_multiplier.items()
        }
        self.vague_connectors = _lower_set(counts.vague_connectors)
        self.vague_before = Phrases.of(counts.vague_before)
        self.range_connectors = _lower_set(counts.range_connectors)
        self.range_prefixes = {k.lower(): v.lower() for k, v in counts.range_prefixes.items()}
        self.range_prefix_phrases = Phrases.of(self.range_prefixes)
        self.not_count_after: set[str] = set()
        not_after_phrases: list[tuple[str, ...]] = []
        for group in counts.not_count_after.values():
            for w in group:
                w = w.lower()
                if " " in w:
                    not_after_phrases.append(tuple(w.split()))
                else:
                    self.not_count_after.add(w)
        self.not_count_after_phrases = Phrases(not_after_phrases)
        self.not_count_after_table = dict.fromkeys(self.not_count_after, True)
        self.not_count_before = sorted(_lower_set(counts.not_count_before), key=len, reverse=True)
        self.capitalised_is_name = counts.capitalised_word_is_name
        self.spaced_decimals = counts.spaced_decimals
        self.pronoun_contexts = {
            k.lower(): (Phrases.of(v.before), Phrases.of(v.after))
            for k, v in counts.pronoun_contexts.items()
        }
        self.article_words = _lower_set(counts.article_words)
        self.article_numeral_after = _lower_set(counts.article_numeral_after)
        self.extra_words = {k.lower(): _exact(v) for k, v in counts.extra_words.items()}
        self.digit_endings = self.num_endings | set(counts.digit_endings)
        self.particles = _lower_set(counts.particles)
        self.approx_after_words = {a.words[0]: 1 for a in self.approx_after if len(a.words) == 1}

        # lookup caches: only for the tables above, which live as long as the lexicon
        self._split_cache: dict[tuple[int, str], tuple[str, str] | None] = {}
        self._persistent = {id(v) for v in vars(self).values() if isinstance(v, dict)}
        self._starts: dict[str, bool] = {}

    def _init_inflection(self, data: LanguageData) -> None:
        infl = data.dates.inflection
        deriv = list(infl.derivation) or [""]
        plural = list(infl.plural) or [""]
        self.alternation = dict(infl.alternation)
        self.voicing = {v: k for k, v in self.alternation.items()}
        self.vowels = infl.vowels
        tails = {""} | set(infl.case)
        for p in infl.possessive:
            tails.add(p)
            tails.update(p + c for c in infl.case_after_possessive)
        for a in infl.attributive:
            tails.add(a)
            tails.update(a + c for c in infl.case)
        self.endings = frozenset(
            self._join(self._join(d, pl), t) for d in deriv for pl in plural for t in tails
        )
        self.max_ending = max((len(e) for e in self.endings), default=0)
        self.plural_marks = tuple(p for p in plural if p)
        self.derivations = tuple(d for d in deriv if d)

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

    def norm_suffix(self, suffix: str) -> str:
        """A suffix after digits: look-alike Latin letters are mapped even on their own (14-i)."""
        low = self.norm(suffix)
        if self._native is not None and all(ch in self._homoglyph_chars for ch in low):
            low = low.translate(self._homoglyphs)
        return low

    @cached_property
    def _date_start_words(self) -> frozenset[str]:
        """Single words that open a date (built once: the filter runs on every new word)."""
        return frozenset(
            self.date_articles
            | self.day_articles
            | self.premods
            | self.recent
            | self.set_before
            | set(self.rel_det)
            | self.month_abbr.keys()
            | self.set_words.keys()
            | self.period_determiners
            | self.period_modifiers.keys()
            | self.period_current
            | self.weekend_words
        )

    @cached_property
    def _date_start_phrases(self) -> tuple[Phrases, ...]:
        return (
            self.dur_mods,
            self.vague_amounts,
            self.half_amounts,
            self.age_before,
            self.premod_phrases,
            self.anchor_dets,
            self.reference_words,
            self.vague_refs,
            self.rel_det_phrases,
            self.holidays,
            self.day_part_phrases,
        )

    def _memo_start(self, key: str, compute: Callable[[], bool]) -> bool:
        """``compute()`` remembered under ``key`` (a bounded memo: cleared past 500,000)."""
        got = self._starts.get(key)
        if got is None:
            got = compute()
            if len(self._starts) > 500_000:
                self._starts.clear()
            self._starts[key] = got
        return got

    def may_start_date(self, low: str) -> bool:
        """Cheap filter: can a date expression start with this word?"""
        if len(low) > MAX_WORD:
            return False
        return self._memo_start(
            "d" + low,
            lambda: (
                low in self._date_start_words
                or any(low in p.by_first for p in self._date_start_phrases)
                or is_roman(low)
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
                or any(h in low for h in HYPHENS)
            ),
        )

    def may_start_count(self, low: str) -> bool:
        """Cheap filter: can a count expression start with this word?"""
        if len(low) > MAX_WORD:
            return False
        return self._memo_start(
            "c" + low,
            lambda: (
                low in self.num_articles
                or low in self.half_prefix
                or low in self.range_prefix_phrases.by_first
                or low in self.extra_words
                or low in self.approx_before.by_first
                or low in self.vague_before.by_first
                or self.number_word(low) is not None
                or any(h in low for h in HYPHENS)
            ),
        )

    def split(self, word: str, table: Any) -> tuple[str, str] | None:
        """``word`` as ``stem + ending`` with ``stem`` in ``table`` (longest stem first)."""
        if not word or len(word) > MAX_WORD:
            return None
        key = (id(table), word)
        if key in self._split_cache:
            return self._split_cache[key]
        hit = self._split(word, table)
        if id(table) in self._persistent and len(self._split_cache) < 200_000:
            self._split_cache[key] = hit
        return hit

    def _split(self, word: str, table: Any) -> tuple[str, str] | None:
        if word in table:
            return word, ""
        # only cuts that leave a listed ending: at most max_ending characters from the end
        for cut in range(len(word) - 1, max(len(word) - self.max_ending, 1) - 1, -1):
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

    def month_of(self, tok: Tok) -> MonthWord | None:
        """The month of a month-name token (any inflected form)."""
        if tok.kind != "word":
            return None
        if self.month_capitalised and not tok.text[:1].isupper():
            return None
        hit = self.split(tok.low, self.months)
        if hit is None:
            return None
        stem, ending = hit
        return MonthWord(self.months[stem], ending, stem in self.month_ambiguous)

    def unit_of(self, low: str) -> UnitWord | None:
        """A duration unit word, with its ending and whether it is plural or an age."""
        if low in self.not_unit_words:
            return None
        hit = self.split(low, self.units)
        if hit is None:
            return None
        stem, ending = hit
        data = self.units[stem]
        if data.endings is not None and ending not in data.endings:
            return None
        if ending in data.not_endings:
            return None
        typ = data.type
        for d in data.age_derivations:
            if ending.startswith(d):
                typ = "age"
        rest = ending
        for d in self.derivations:
            if rest.startswith(d):
                rest = rest[len(d) :]
                break
        plural = data.plural or any(rest.startswith(p) for p in self.plural_marks)
        return UnitWord(data.unit, typ, ending, plural, stem)

    def is_word_of(self, low: str, stems: dict[str, Any]) -> str | None:
        """The ending when ``low`` is one of ``stems`` + an ending, else ``None``."""
        hit = self.split(low, stems)
        return None if hit is None else hit[1]

    def number_word(self, low: str) -> NumWord | None:
        """A single number word (Kazakh stems with endings; English words)."""
        if not low or len(low) > MAX_WORD:
            return None
        return self._number_word(low)

    @lru_cache(maxsize=4096)  # noqa: B019  (lexicons live for the whole process)
    def _number_word(self, low: str) -> NumWord | None:
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
        for cut in range(min(len(low), self.max_num_stem), 0, -1):
            stem = low[:cut]
            if stem not in self.num_stems:
                continue
            ending = low[cut:]
            kind, value = self.num_stems[stem]
            if ending in self.num_endings:
                ordinal = any(ending.startswith(s) for s in self.ordinal_suffixes)
                mod = self.ending_mod(ending)
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

    def ending_mod(self, ending: str) -> str | None:
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
            return "plain", self.ending_mod(suf)
        for mend, mod in self.ending_mods:
            if suf.startswith(mend) and suf[len(mend) :] in self.endings:
                return "plain", mod
        return "bad", None

    def case_of(self, ending: str, case: str) -> bool:
        return any(ending.endswith(e) for e in self.case_endings.get(case, ()))

    def bare_vague(self, ending: str) -> bool:
        """ондаған (no case ending after the vague ending): a multiplier may still follow."""
        return any(ending == m for m, mod in self.ending_mods if mod == "VAGUE")


def _phrase_table(table: dict[str, Any]) -> tuple[Phrases, dict[Any, Any]]:
    """Phrases of a data table and the value of each: one-word keys as strings, longer
    ones as word tuples (so ``of[word]`` and ``of[tuple(words)]`` both work)."""
    of: dict[Any, Any] = {}
    for key, value in table.items():
        words = tuple(key.lower().split())
        of[words] = value
        if len(words) == 1:
            of[words[0]] = value
    return Phrases(w for w in of if isinstance(w, tuple)), of


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ROMAN_LOOKALIKES = str.maketrans({"і": "i", "х": "x", "с": "c", "v": "v", "l": "l"})


def roman_value(word: str) -> int | None:
    """The value of a Roman numeral written in Latin or Cyrillic look-alike letters (ХХ, ІІ)."""
    low = word.lower().translate(_ROMAN_LOOKALIKES)
    if not low or len(low) > 8 or any(ch not in _ROMAN for ch in low):
        return None
    total = 0
    for k, ch in enumerate(low):
        value = _ROMAN[ch]
        if k + 1 < len(low) and _ROMAN[low[k + 1]] > value:
            total -= value
        else:
            total += value
    return total if 0 < total < 40 else None


def is_roman(word: str) -> bool:
    return roman_value(word) is not None


def _exact(value: float) -> int | float:
    """A data number as an exact ``int`` when whole (1000000, 1e9), else ``float``."""
    f = float(value)
    return int(f) if f.is_integer() else f


@lru_cache(maxsize=8)
def lexicon(lang: str | None) -> Lexicon | None:
    """The lexicon of ``lang`` (``None`` when the language has no data files)."""
    if not lang or not re.fullmatch(r"[a-z]{2,3}", str(lang)):
        return None
    data = load_language_data(str(lang))
    return None if data is None else Lexicon(data)


def lexicons_for(lang: str | None) -> list[Lexicon]:
    """The lexicon of ``lang``; every known lexicon when ``lang`` is missing or unknown."""
    lex = lexicon(lang)
    if lex is not None:
        return [lex]
    return [x for x in (lexicon(code) for code in languages.available()) if x is not None]
