"""The language data of the grammar, as typed models: a misspelled key is an error, not a no-op.

Each language is a folder ``pipeline/lang/<lang>/`` with four files, one model each:
``months.yaml`` (:class:`MonthsData`), ``dates.yaml`` (:class:`DatesData`),
``numbers.yaml`` (:class:`NumbersData`) and ``counts.yaml`` (:class:`CountsData`). Month and
weekday names come from CLDR (``calendar.yaml``, written by
``scripts/build_calendar_names.py``); the hand-kept files add aliases and inflections.
Every model refuses unknown keys; a bad file stops the load with a
:class:`~pipeline.errors.ConfigError` naming the file and the dotted key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.errors import ConfigError
from pipeline.morphology import Morphology, morphology, parse_morphology
from pipeline.resources import RESOURCE_DIR, load_resource, resource_path

Words = list[str]
Number = int | float
CountMod = Literal["APPROX", "MORE_THAN", "LESS_THAN", "AT_MOST", "AT_LEAST", "VAGUE"]
# TIMEX3 mods the date grammar gives (a part of a period, or a qualified duration).
DateMod = Literal["START", "MID", "END", "APPROX", "MORE_THAN", "LESS_THAN"]
Ref = Literal["PRESENT_REF", "PAST_REF", "FUTURE_REF"]
# Units of durations; HR and MIN (hours, minutes) are written PT..H and PT..M in TIMEX3.
TimexUnit = Literal["Y", "M", "W", "D", "DE", "CE", "Q", "HR", "MIN"]


M = TypeVar("M", bound=BaseModel)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# ----------------------------------------------------------------------------- calendar


class CalendarData(_Model):
    """CLDR month and weekday names of one language (generated; see the module doc)."""

    source: str
    months: dict[str, Annotated[int, Field(ge=1, le=12)]]
    month_abbreviations: dict[str, Annotated[int, Field(ge=1, le=12)]] = {}
    weekdays: dict[str, Annotated[int, Field(ge=1, le=7)]] = {}


class MonthsData(_Model):
    """Hand-kept month words: aliases (another language's names), abbreviations, flags."""

    aliases: dict[str, Annotated[int, Field(ge=1, le=12)]] = {}
    # Abbreviations besides CLDR's (sept), and CLDR ones to leave out (a word of the language).
    abbreviations: dict[str, Annotated[int, Field(ge=1, le=12)]] = {}
    not_abbreviations: Words = []
    abbreviation_dot: Literal["optional", "required"] = "optional"
    ambiguous: Words = []
    capitalised: bool = False
    name_heads: Words = []


# ----------------------------------------------------------------------------- dates


class InflectionData(_Model):
    """Endings of calendar and unit words: stem + [derivation] + [plural] + [possessive] + [case]."""

    derivation: Words = [""]
    plural: Words = [""]
    possessive: Words = []
    case: Words = []
    case_after_possessive: Words = []
    attributive: Words = []
    alternation: dict[str, str] = {}
    vowels: str = ""


class RelativeWordData(_Model):
    """A relative date word: its offset in years or days, and the endings it may take."""

    year: int | None = None
    day: int | None = None
    endings: Words | None = None


class UnitData(_Model):
    """A duration unit word (TIMEX3 unit) and how it becomes an age."""

    unit: TimexUnit
    type: Literal["duration", "age"] = "duration"
    age_derivations: Words = []
    endings: Words | None = None
    not_endings: Words = []
    plural: bool = False  # an irregular plural listed as its own word (centuries)


class DayPartData(_Model):
    """A time of day on its own (tonight, last night): its part and its day offset."""

    part: Literal["MO", "AF", "EV", "NI"]
    day: int = 0


class TenseData(_Model):
    """Words that tell a sentence's tense (for bare months and weekdays)."""

    future: Words = []
    past: Words = []
    past_endings: Words = []


class DatesData(_Model):
    """Calendar words, relative words, units and the phrases around dates (``dates.yaml``)."""

    homoglyphs: dict[str, str] = {}
    inflection: InflectionData = InflectionData()
    year_words: Words = []
    year_abbreviations: Words = []
    month_words: Words = []
    month_day_endings: Words | None = None
    day_words: Words = []
    year_range: tuple[int, int] = (1000, 2100)
    bare_year_range: tuple[int, int] = (1900, 2100)
    year_context_before: Words = []
    year_context_possessive: bool = False
    spelled_years: bool = False
    year_intro: Words = []
    year_postpositions: Words = []
    numeric_dates: dict[str, Literal["DMY", "MDY", "YMD"]] = {}
    weekdays_ambiguous: Words = []
    seasons: dict[str, Literal["SP", "SU", "FA", "WI"]] = {}
    season_alone_endings: Words | None = None
    seasons_ambiguous: Words = []
    relative: dict[str, RelativeWordData] = {}
    relative_determiners: dict[str, int] = {}
    units: dict[str, UnitData] = {}
    not_unit_words: Words = []
    not_after_unit: Words = []
    bare_units_not_after: Words = []
    bare_units_not_before: Words = []
    bare_unit_suffixes: Words = []
    duration_modifiers: dict[str, DateMod | None] = {}
    duration_mod_verbs: dict[str, DateMod] = {}
    duration_postpositions: Words = []
    amount_approximators: Words = []
    amount_unit_links: Words = []
    date_range_connectors: Words = []
    duration_range_connectors: Words = []
    compound_joiners: Words = []
    year_endings: Words = []
    half_amounts: Words = []
    half_after: Words = []
    vague_amounts: Words = []
    recent: Words = []
    postpositions: dict[str, DateMod | None] = {}
    ago: Words = []
    age_after: Words = []
    age_before: dict[str, DateMod | None] = {}
    age_verbs: dict[str, DateMod | None] = {}
    age_verbs_ablative: dict[str, DateMod | None] = {}
    age_words: Words = []
    age_apposition: bool = False
    narrative_after: dict[str, int] = {}
    parts: dict[str, Literal["start", "mid", "end"]] = {}
    part_ending_prefixes: Words = []
    premodifiers: dict[str, DateMod] = {}
    day_articles: Words = []
    day_connectors: Words = []
    articles: Words = []
    article_triggers: Words = []
    set_after: Words = []
    set_before: Words = []
    set_words: dict[str, TimexUnit] = {}
    period_words: dict[str, Literal["Q", "H", "CE"]] = {}
    period_modifiers: dict[str, int] = {}
    period_current: Words = []
    period_needs_modifier: Words = []
    period_determiners: Words = []
    period_year_links: Words = []
    anchor_determiners: dict[str, int] = {}
    anchor_after: dict[str, int] = {}
    weekend_words: Words = []
    day_parts: dict[str, Literal["MO", "AF", "EV", "NI"]] = {}
    day_part_phrases: dict[str, DayPartData] = {}
    holidays: dict[
        str, Annotated[str, Field(pattern=r"^(\d{2}-\d{2}|\d{2}-(-1|[1-5])-[1-7]|easter)$")]
    ] = {}
    reference_words: dict[str, Ref] = {}
    vague_references: dict[str, Ref] = {}
    tense: TenseData = TenseData()
    span_outside_endings: Words = []
    not_dates: Words = []


# ----------------------------------------------------------------------------- numbers


class NumbersData(_Model):
    """Number words by nominative stem, their endings and ordinal suffixes (``numbers.yaml``)."""

    units: dict[str, Number] = {}
    teens: dict[str, Number] = {}
    tens: dict[str, Number] = {}
    multipliers: dict[str, Number] = {}
    zero: Words = []
    collective: dict[str, Number] = {}
    ordinals: dict[str, Number] = {}
    ordinal_suffixes: Words = []
    number_endings: Words = [""]
    not_numbers: Words = []


class AfterApproximatorData(_Model):
    mod: CountMod | None = None
    case: str | None = None


class CaseRangeData(_Model):
    from_: str = Field(alias="from")
    to: str
    after: Words = []


class CaseFractionData(_Model):
    denominator: str
    numerator: str


class PronounContextData(_Model):
    before: Words = []
    after: Words = []


class CountsData(_Model):
    """Multipliers, approximators, ranges, vague counts and what is no count (``counts.yaml``)."""

    hyphen: Literal["compound", "range"] = "compound"
    connectors: Words = []
    half: Words = []
    half_prefix: Words = []
    half_after: Words = []
    digits_after_multiplier: bool = False
    decimal_marks: Words = []
    # "12 , 5 процент": a decimal comma written between spaces (KazNERD's tokens joined by
    # spaces) before a multiplier or a unit word of not_count_after
    spaced_decimals: bool = False
    multiplier_abbreviations: dict[str, Number] = {}
    articles: Words = []
    approximators_before: dict[str, CountMod] = {}
    approximators_after: dict[str, AfterApproximatorData] = {}
    case_endings: dict[str, Words] = {}
    case_ranges: list[CaseRangeData] = []
    case_fractions: list[CaseFractionData] = []
    ending_mods: dict[str, CountMod] = {}
    vague: dict[str, Number] = {}
    vague_needs_multiplier: dict[str, Number] = {}
    vague_before: Words = []
    vague_connectors: Words = []
    range_connectors: Words = []
    range_prefixes: dict[str, str] = {}
    not_count_after: dict[str, Words] = {}
    not_count_before: Words = []
    capitalised_word_is_name: bool = False
    pronoun_contexts: dict[str, PronounContextData] = {}
    article_words: Words = []
    article_numeral_after: Words = []
    extra_words: dict[str, Number] = {}
    digit_endings: Words = []
    particles: Words = []
    digit_ordinal_suffixes: Words = []


# ----------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class LanguageData:
    """Everything the grammar reads about one language."""

    lang: str
    calendar: CalendarData | None
    months: MonthsData
    dates: DatesData
    numbers: NumbersData
    counts: CountsData


def _shown(path: Path) -> str:
    """A data file's path as a user reads it (relative to the package when inside it)."""
    package = RESOURCE_DIR.parent
    try:
        return str(Path("pipeline") / path.relative_to(package))
    except ValueError:
        return str(path)


def _read(relpath: str) -> dict[str, Any] | None:
    path = resource_path(relpath)
    if not path.is_file():
        return None
    data = load_resource(relpath)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(_shown(path), "", "expected a mapping at the top level")
    return data


def parse_model(model: type[M], data: dict[str, Any], where: str) -> M:
    """Validate ``data`` as ``model``; the first problem is a ConfigError naming the key."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(part) for part in err["loc"])
        message = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        raise ConfigError(where, key, message) from None


# What the grammar files take from the language's morphology table: (file, key).
_FROM_MORPHOLOGY = (
    ("dates", "inflection"),
    ("numbers", "number_endings"),
    ("counts", "case_endings"),
)


def _morphology_of(lang: str, folder: str | None) -> Morphology:
    """The morphology of ``lang``; of a copy of its folder (``folder``) when one is given."""
    if folder is None:
        return morphology(lang)
    path = resource_path(f"{folder}/morphology.yaml")
    return parse_morphology(load_resource(str(path)), str(path)) if path.is_file() else Morphology()


def _add_morphology(raw: dict[str, Any], base: str, morph: Morphology) -> None:
    """Fill in the endings the grammar files leave to the morphology table (one table per
    language: pipeline/morphology.py); a grammar file that still lists them is an error."""
    for name, key in _FROM_MORPHOLOGY:
        if raw[name] is not None and key in raw[name]:
            raise ConfigError(
                _shown(resource_path(f"{base}/{name}.yaml")),
                key,
                "moved to the language's morphology table (morphology.yaml)",
            )
    raw["dates"] = dict(raw["dates"] or {})
    raw["dates"]["inflection"] = {
        "derivation": ["", *morph.grammar_slot("derivation")],
        "plural": ["", *morph.grammar_slot("plural")],
        "possessive": list(morph.grammar_slot("possessive")),
        "case": list(morph.grammar_slot("case")),
        "case_after_possessive": list(morph.grammar_slot("case_after_possessive")),
        "attributive": list(morph.grammar_slot("attributive")),
        "alternation": dict(morph.alternation),
        "vowels": morph.vowels,
    }
    raw["numbers"] = dict(raw["numbers"] or {})
    raw["numbers"]["number_endings"] = list(morph.number_endings)
    raw["counts"] = dict(raw["counts"] or {})
    raw["counts"]["case_endings"] = {k: list(v) for k, v in morph.number_cases.items()}


def load_language_data(lang: str, folder: str | None = None) -> LanguageData | None:
    """The validated data of ``lang`` (``None`` when it has no date or number files)."""
    base = folder or lang
    raw = {name: _read(f"{base}/{name}.yaml") for name in ("calendar", "months", "dates")}
    raw |= {name: _read(f"{base}/{name}.yaml") for name in ("numbers", "counts")}
    if raw["dates"] is None and raw["numbers"] is None:
        return None
    _add_morphology(raw, base, _morphology_of(lang, folder))

    def model(cls: type[M], name: str) -> M:
        return parse_model(cls, raw[name] or {}, _shown(resource_path(f"{base}/{name}.yaml")))

    calendar = None if raw["calendar"] is None else model(CalendarData, "calendar")
    return LanguageData(
        lang=lang,
        calendar=calendar,
        months=model(MonthsData, "months"),
        dates=model(DatesData, "dates"),
        numbers=model(NumbersData, "numbers"),
        counts=model(CountsData, "counts"),
    )
