"""The data files read by hand, as typed models: a misspelled key or a wrongly typed value
(YAML's bare ``on`` read as ``true`` in a word list) stops the load with a
:class:`~pipeline.errors.ConfigError` naming the file and the dotted key.

Models are keyed by file kind (the file's name, e.g. ``person_names.yaml``), not by its
folder, so a language's copy of a file is checked like any other.
:func:`pipeline.resources.load_resource` checks every file whose kind is listed in
``MODELS``; the language-identification settings and profiles are checked by
:mod:`pipeline.langid` with the models here (a profile in a language's folder is named
``langid.yaml`` too). The grammar's files have their own models (:mod:`pipeline.grammar.data`),
the language manifests and morphology tables their checks (:mod:`pipeline.languages`,
:mod:`pipeline.morphology`).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, PlainValidator, model_validator

from pipeline.languages import available
from pipeline.settings import Strict, check, fail

Words = list[str]


# ----------------------------------------------------------------------------- gazetteers


class ByLanguage(Strict):
    """A block whose other keys are language codes, each holding a list of words (the
    names of an entry in each language)."""

    model_config = ConfigDict(extra="allow", strict=True)
    __pydantic_extra__: dict[str, Words] = Field(init=False)  # type: ignore[assignment]

    @model_validator(mode="after")
    def _language_keys(self) -> ByLanguage:
        known = available()
        for key in self.model_extra or {}:
            if key not in known:
                allowed = ", ".join(sorted(type(self).model_fields))
                raise fail(
                    f"unknown key '{key}'; allowed: {allowed} or a language's code "
                    f"({', '.join(known)})"
                )
        return self


class GazetteerEntry(ByLanguage):
    """A place or an organisation: its Latin spelling and its names in each language
    (``kk: [...]``, ``en: [...]``, any language's code)."""

    id: str
    kind: str = ""
    latin: str | None = None
    # words one of which must come before an ambiguous English name (per language)
    context_before: dict[str, Words] = {}


class PlaceHeads(Strict):
    """Head words that make a name a place (``Алматы облысы``), per language."""

    final: Words = []
    modifiers: Words = []
    same_place: Words = []


class OrgHeadsKk(Strict):
    final: Words = []
    final_bare: Words = []
    inner_suffixes: Words = []
    inner_words: Words = []
    leading_skip: Words = []
    location_endings: Words = []
    max_words: int | None = None
    outside_cases: Words = []
    separate_location: Words = []
    stop_words: Words = []


class OrgHeadsEn(Strict):
    adjectives: Words = []
    after_adjective: Words = []
    connectors: Words = []
    drop_leading: Words = []
    final: Words = []


class OrgHeads(Strict):
    kk: OrgHeadsKk = OrgHeadsKk()
    en: OrgHeadsEn = OrgHeadsEn()


class PlacesFile(Strict):
    """``gazetteer/places.yaml``."""

    countries_from_cldr: bool = False
    entry_files: Words = []  # generated tables of further entries (id, kind, latin, kk, en)
    heads: dict[str, PlaceHeads] = {}
    entries: list[GazetteerEntry] = []


class OrgsFile(Strict):
    """``gazetteer/orgs.yaml``."""

    heads: OrgHeads = OrgHeads()
    entries: list[GazetteerEntry] = []


class InsideNames(Strict):
    head_words: Words = []
    prefix_words: Words = []
    function_words: Words = []


class WorldPlacesFile(Strict):
    """``gazetteer/world_places.yaml``: the world gazetteer's settings."""

    table: str
    languages: Words = []
    min_population: int = 0
    cue_before: Words = []
    state_codes: bool = False
    inside_names: InsideNames = InsideNames()


# ----------------------------------------------------------------------------- names


class SurnameEndings(Strict):
    strong: Words = []
    weak: Words = []


class Apposition(Strict):
    separators: Words = []
    window: int | None = None


class GivenNameSyllables(Strict):
    initials: Words = []
    finals: Words = []


class PersonNamesFile(Strict):
    """``<lang>/person_names.yaml``: what a person's name looks like in a language."""

    first_names: dict[str, Words] = {}  # by group (male, female, english, ...)
    first_name_files: Words = []
    lower_case_name_files: Words = []
    given_name_syllables: GivenNameSyllables = GivenNameSyllables()
    chinese_surnames: Words = []
    surname_endings: SurnameEndings = SurnameEndings()
    patronymic_endings: Words = []
    min_stem: int | None = None
    min_stem_weak: int | None = None
    titles: Words = []
    honorifics: Words = []
    roles: Words = []
    reporting_verbs: Words = []
    greetings: Words = []
    not_names: Words = []
    not_before: Words = []
    not_after: Words = []
    after_cues: Words = []
    bylines: Words = []
    connectors: Words = []
    demonyms: Words = []
    particles: Words = []
    suffixes: Words = []
    place_endings: Words = []
    place_prepositions: Words = []
    apposition: Apposition = Apposition()
    homoglyphs: dict[str, str] = {}  # Latin letter typed for a Cyrillic one


class KnownPerson(ByLanguage):
    """A person whose Latin spelling is known, with the forms written in each language
    (``kk: [...]``, ``en: [...]``)."""

    latin: str
    family_first: bool = False


class KnownPersonsFile(Strict):
    """``kk/known_persons.yaml``."""

    persons: list[KnownPerson] = []


class TranslitAfter(Strict):
    chars: str
    value: str


class TranslitContext(Strict):
    """A letter spelt otherwise at a word's start or end, or after some letters."""

    initial: str | None = None
    final: str | None = None
    after: TranslitAfter | None = None


class TranslitFile(Strict):
    """``kk/translit.yaml``: the Cyrillic-to-Latin letter table."""

    letters: dict[str, str]
    context: dict[str, TranslitContext] = {}


class MaxDistance(Strict):
    short: int
    long: int


class LinkingFile(Strict):
    """``kk/linking.yaml``: how mentions of one person or place are linked."""

    fold: list[list[str]] = []  # letter pairs folded together when comparing names
    surname_endings: Words = []
    max_distance: MaxDistance | None = None
    long_name: int | None = None


# ----------------------------------------------------------------------------- English shapes


class PersonShapes(Strict):
    max_age: int | None = None
    cue_before: Words = []
    not_after: Words = []
    verbs_after: Words = []


class PlaceShapes(Strict):
    lower_heads: Words = []
    cap_heads: Words = []
    of_heads: Words = []
    prepositions: Words = []
    dateline_max_words: int | None = None


class OrgShapes(Strict):
    acronym_after: Words = []
    acronym_skip: Words = []
    dateline_chars: int | None = None
    located_heads: Words = []
    not_acronyms: Words = []
    result_verbs: Words = []


class NameShapesFile(Strict):
    """``en/name_shapes.yaml``: cue and head words of the English shape components."""

    not_name_words: Words = []
    persons: PersonShapes = PersonShapes()
    places: PlaceShapes = PlaceShapes()
    orgs: OrgShapes = OrgShapes()


# ----------------------------------------------------------------------------- language identification


def _quoted(value: Any) -> str:
    # YAML reads a bare on, no or yes as a boolean: strings of these files are quoted
    if not isinstance(value, str):
        raise fail(f"must be a quoted string, not {value!r}")
    return value


Quoted = Annotated[str, PlainValidator(_quoted)]


class LangidWeights(Strict):
    """What each kind of evidence counts for a language."""

    word: float
    typed_word: float
    ending: float
    marker: float
    unlikely: float
    foreign: float


class LangidSettings(Strict):
    """``resources/langid.yaml``, the settings of language identification (checked by
    :func:`pipeline.langid.load_settings`: a language's profile may have that name too)."""

    profiles: Quoted  # the folder of the language profiles
    default_by_script: dict[str, Quoted]
    min_lead_over_default: dict[str, float] = {}
    max_words_without_evidence: int
    unknown_share: float
    weights: LangidWeights
    paragraph_min_words: int
    paragraph_min_margin: float


class LangidProfile(Strict):
    """A language profile (a language folder's ``langid.yaml``, or ``resources/langid/<code>.yaml``
    for a language only recognised): letters, words and endings, each a quoted
    space-separated string."""

    code: Quoted
    name: Quoted
    script: Quoted
    alphabet: Quoted
    words: Quoted
    aliases: Quoted | None = None
    substitutes: Quoted | None = None
    endings: Quoted | None = None
    markers: Quoted | None = None
    unlikely: Quoted | None = None


# file kind (the file's name) -> its model
MODELS: dict[str, type[Strict]] = {
    "places.yaml": PlacesFile,
    "orgs.yaml": OrgsFile,
    "world_places.yaml": WorldPlacesFile,
    "person_names.yaml": PersonNamesFile,
    "known_persons.yaml": KnownPersonsFile,
    "translit.yaml": TranslitFile,
    "linking.yaml": LinkingFile,
    "name_shapes.yaml": NameShapesFile,
}


def check_resource(kind: str, data: Any, where: str) -> None:
    """Validate a data file's content against the model of its kind (none: nothing to do);
    an empty file is an empty mapping."""
    model = MODELS.get(kind)
    if model is not None:
        check(model, {} if data is None else data, where)
