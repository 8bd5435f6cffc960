"""Language identification: the language of a text, and of each paragraph of a mixed one.

Every language is a profile, one data file per language (``pipeline/lang/<code>/langid.yaml``
for the languages the pipeline processes, ``pipeline/resources/langid/<code>.yaml`` for
those it only recognises):
its script, its alphabet, frequent words (function words, numerals, the commonest news
words), frequent word endings, and patterns typical of its words (``markers``) or
unlikely in them (``unlikely``). A text is scored against every profile of its script,
word by word: a listed word, a listed ending (longer ones count more) and a marker add
points; an unlikely pattern and a letter outside the profile's alphabet take points
away. Scores add up over words, so a document's score is the sum of its lines'. The best
profile wins; the weights and margins are in ``pipeline/resources/langid.yaml``.

Profiles that the pipeline does not process (Russian, Kyrgyz, Uzbek, Tatar, Bashkir,
Mongolian, Ukrainian, Belarusian; German, French, Spanish, Turkish) are there so that
their texts are *recognised* and reported as unsupported instead of being read as
Kazakh or English. With no evidence for any profile, a Cyrillic text is Kazakh and a
short Latin-script text English (names, addresses, a URL); a longer Latin-script text
without any English word, or a text whose letters no profile writes, is ``"und"``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import languages
from pipeline.errors import ConfigError
from pipeline.resource_models import LangidProfile, LangidSettings
from pipeline.resources import load_resource, resource_path
from pipeline.settings import check

SETTINGS_FILE = "langid.yaml"
_LETTERS = re.compile(r"[^\W\d_]+")
# Addresses carry no language: left out before scoring.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|[@#]\w+", re.IGNORECASE)
# Latin letters inside a Cyrillic word are read as the Cyrillic letters they look like
# (Kazakh web text often types a Latin i for і).
_HOMOGLYPHS = str.maketrans("AaBCcEeHIiKMOoPpTXxyƏə", "АаВСсЕеНІіКМОоРрТХхуӘә")
_SCRIPTS = ("Cyrl", "Latn")


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    script: str
    aliases: frozenset[str]
    alphabet: frozenset[str]
    words: frozenset[str]
    typed_words: frozenset[str]  # the words as typed with substitute letters
    endings: frozenset[str]
    ending_lengths: tuple[int, ...]  # longest first
    markers: re.Pattern[str] | None  # letter patterns typical of its words
    unlikely: re.Pattern[str] | None  # letter patterns its own words do not have


@dataclass(frozen=True)
class Settings:
    default_by_script: dict[str, str]
    min_lead: dict[str, float]
    max_words_without_evidence: int
    unknown_share: float
    word: float
    typed_word: float
    ending: float
    marker: float
    unlikely: float
    foreign: float
    paragraph_min_words: int
    paragraph_min_margin: float


@dataclass(frozen=True)
class Scores:
    """A text's script, the number of words scored, and every profile's score (best first)."""

    script: str | None
    n_words: int
    ranked: tuple[tuple[str, float], ...]
    foreign_to_default: int  # words with a letter the script's default language never writes
    n_plain: int = 0  # Latin script: the words in lower case (not names)
    n_unknown: int = 0  # words with a letter no profile of the script writes (Serbian ј)

    @property
    def best(self) -> tuple[str, float]:
        return self.ranked[0] if self.ranked else ("und", 0.0)

    def score(self, code: str) -> float:
        return dict(self.ranked).get(code, 0.0)


@dataclass(frozen=True)
class Segment:
    """A stretch of a document in one language: ``text[start:end]``."""

    start: int
    end: int
    lang: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "lang": self.lang}


# --- loading --------------------------------------------------------------------------------


def _text(path: str, data: dict[str, Any], key: str, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ConfigError(path, key, f"must be a quoted string, not {value!r}")
    return value


def _patterns(path: str, data: dict[str, Any], key: str) -> re.Pattern[str] | None:
    """Space-separated regular expressions searched in a (lower-case) word, as one pattern."""
    items = _text(path, data, key, required=False).split()
    if not items:
        return None
    for item in items:
        try:
            re.compile(item)
        except re.error as exc:
            raise ConfigError(path, key, f"{item!r} is not a valid pattern ({exc})") from None
    return re.compile("|".join(f"(?:{item})" for item in items))


def parse_profile(data: Any, path: str) -> Profile:
    """A profile from its file's content; a wrong key or type names the file and key."""
    if not isinstance(data, dict):
        raise ConfigError(path, "<root>", "a language profile must be a mapping")
    check(LangidProfile, data, path)  # keys and types
    code = _text(path, data, "code")
    script = _text(path, data, "script")
    if script not in _SCRIPTS:
        raise ConfigError(
            path, "script", f"unknown script {script!r}; allowed: {', '.join(_SCRIPTS)}"
        )
    alphabet = frozenset(_text(path, data, "alphabet").replace(" ", ""))
    if not alphabet:
        raise ConfigError(path, "alphabet", "must list the language's letters")
    words = set(_text(path, data, "words").split())
    endings = set(_text(path, data, "endings", required=False).split())
    markers = _patterns(path, data, "markers")
    unlikely = _patterns(path, data, "unlikely")
    for key, items in (("words", words), ("endings", endings)):
        for item in sorted(items):
            if not set(item) <= alphabet:
                raise ConfigError(path, key, f"{item!r} has letters outside the alphabet")
    # letters typed in place of the language's own (Kazakh on a Russian keyboard: қ as к):
    # words and endings count in that spelling too
    pairs = _text(path, data, "substitutes", required=False).split()
    if any(len(pair) != 2 for pair in pairs):
        raise ConfigError(path, "substitutes", "must be pairs of letters: own letter, substitute")
    typed: set[str] = set()
    if pairs:
        table = str.maketrans({a: b for a, b in pairs})
        typed = {w.translate(table) for w in words} - words
        endings |= {e.translate(table) for e in endings}
    return Profile(
        code=code,
        name=_text(path, data, "name"),
        script=script,
        aliases=frozenset(_text(path, data, "aliases", required=False).lower().split()),
        alphabet=alphabet,
        words=frozenset(words),
        typed_words=frozenset(typed),
        endings=frozenset(endings),
        ending_lengths=tuple(sorted({len(e) for e in endings}, reverse=True)),
        markers=markers,
        unlikely=unlikely,
    )


@lru_cache(maxsize=1)
def load_settings() -> Settings:
    path = str(resource_path(SETTINGS_FILE))
    data = load_resource(SETTINGS_FILE)
    if not isinstance(data, dict):
        raise ConfigError(path, "<root>", "must be a mapping")
    settings = check(LangidSettings, data, path)  # keys and types
    return Settings(
        default_by_script=dict(settings.default_by_script),
        min_lead=dict(settings.min_lead_over_default),
        max_words_without_evidence=settings.max_words_without_evidence,
        unknown_share=settings.unknown_share,
        paragraph_min_words=settings.paragraph_min_words,
        paragraph_min_margin=settings.paragraph_min_margin,
        **settings.weights.model_dump(),
    )


def load_profiles() -> dict[str, Profile]:
    """Every language profile, by code, in code order: those of the languages the pipeline
    processes (each in its folder, :mod:`pipeline.languages`) and those of the languages
    it only recognises (the shared folder named by ``profiles`` in the settings)."""
    return _load_profiles(languages.available())


@lru_cache(maxsize=4)
def _load_profiles(codes: tuple[str, ...]) -> dict[str, Profile]:
    folder = resource_path(
        _text(str(resource_path(SETTINGS_FILE)), load_resource(SETTINGS_FILE), "profiles")
    )
    paths = {path.stem: path for path in Path(folder).glob("*.yaml")}
    for code in codes:
        info = languages.get(code)
        if info.langid:
            paths[code] = info.path(info.langid)
    profiles: dict[str, Profile] = {}
    for code, path in sorted(paths.items()):
        profile = parse_profile(load_resource(str(path)), str(path))
        if profile.code != code:
            raise ConfigError(str(path), "code", f"must be the language's code, {code!r}")
        profiles[profile.code] = profile
    return profiles


def language_name(code: str | None) -> str:
    """``"ky"`` → ``"Kyrgyz"``; a code of no profile or language is returned as it is."""
    profile = load_profiles().get(code or "")
    if profile:
        return profile.name
    return languages.get(code).name if languages.known(code) else str(code)


def normalise_code(code: str) -> str:
    """A language code as users write it → the profile's code: ``KK``, ``kk-KZ``, ``kaz``
    → ``kk``. A code no profile knows is returned lower-cased."""
    key = code.strip().lower().replace("_", "-")
    profiles = load_profiles()
    if key in profiles:
        return key
    for profile in profiles.values():
        if key in profile.aliases:
            return profile.code
    primary = key.split("-")[0]
    return primary if primary in profiles else key


# --- scoring --------------------------------------------------------------------------------


_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_NOT_LATIN = re.compile(r"[^\x00-\x7f\u00c0-\u024f]")


def _words(text: str) -> tuple[list[str], list[str], int, int]:
    """The Cyrillic and the Latin words of a text (lower case, addresses left out), how
    many of the Latin words are written in lower case (names are not), and how many
    letters the text has outside addresses."""
    cyrillic, latin = [], []
    lower = letters = 0
    for run in _LETTERS.findall(_ADDRESS.sub(" ", unicodedata.normalize("NFC", text))):
        letters += len(run)
        n_cyr = len(_CYRILLIC.findall(run))
        if n_cyr:
            if n_cyr * 2 >= len(run):
                cyrillic.append(run.translate(_HOMOGLYPHS).lower())
        elif not _NOT_LATIN.search(run):
            latin.append(run.replace("İ", "i").lower())  # Turkish İ: no combining dot
            lower += run.islower()
    return cyrillic, latin, lower, letters


def _score_word(w: str, profile: Profile, s: Settings) -> float:
    """One word's points for a profile."""
    total = 0.0
    if w in profile.words:
        total += s.word
    elif w in profile.typed_words:
        total += s.typed_word
    else:
        for n in profile.ending_lengths:
            if len(w) >= n + 2 and w[-n:] in profile.endings:
                # a longer ending is more telling: `ending` points per two letters
                total += s.ending * n / 2
                break
    if profile.markers is not None and profile.markers.search(w):
        total += s.marker
    if profile.unlikely is not None and profile.unlikely.search(w):
        total += s.unlikely
    if not profile.alphabet.issuperset(w):
        total += s.foreign
    return total


@lru_cache(maxsize=4)
def _script_profiles(script: str) -> tuple[Profile, ...]:
    """The script's profiles, its default language first (so that it wins a tie)."""
    default = load_settings().default_by_script.get(script)
    profiles = [p for p in load_profiles().values() if p.script == script]
    return tuple(sorted(profiles, key=lambda p: p.code != default))


@lru_cache(maxsize=4)
def _script_letters(script: str) -> frozenset[str]:
    return frozenset().union(*(p.alphabet for p in _script_profiles(script)))


@lru_cache(maxsize=200_000)
def _word_vector(script: str, w: str) -> tuple[tuple[float, ...], bool, bool]:
    """A word's points for each profile of its script, whether the default language never
    writes one of its letters, and whether no profile does (cached: words repeat)."""
    settings = load_settings()
    profiles = _script_profiles(script)
    points = tuple(_score_word(w, p, settings) for p in profiles)
    foreign_to_default = bool(profiles) and not profiles[0].alphabet.issuperset(w)
    return points, foreign_to_default, not _script_letters(script).issuperset(w)


@dataclass
class _ScriptTally:
    letters: int = 0
    words: int = 0
    plain: int = 0  # words in lower case (Latin script: not names)
    foreign_to_default: int = 0
    unknown: int = 0
    points: list[float] = field(default_factory=list)


@dataclass
class Tally:
    """What scoring needs of a stretch of text; tallies of its lines add up to its own."""

    letters: int = 0  # outside addresses
    any_letters: bool = False
    scripts: dict[str, _ScriptTally] = field(default_factory=dict)

    def __add__(self, other: Tally) -> Tally:
        out = Tally(self.letters + other.letters, self.any_letters or other.any_letters, {})
        for script in set(self.scripts) | set(other.scripts):
            a = self.scripts.get(script) or _ScriptTally()
            b = other.scripts.get(script) or _ScriptTally()
            points = (
                [x + y for x, y in zip(a.points, b.points, strict=True)]
                if (a.points and b.points)
                else list(a.points or b.points)
            )
            out.scripts[script] = _ScriptTally(
                a.letters + b.letters,
                a.words + b.words,
                a.plain + b.plain,
                a.foreign_to_default + b.foreign_to_default,
                a.unknown + b.unknown,
                points,
            )
        return out


_profile_codes: tuple[str, ...] | None = None


def _sync_languages() -> None:
    """Forget the per-script caches when the languages there are have changed (a config
    has registered a language folder since they were filled)."""
    global _profile_codes
    codes = languages.available()
    if codes != _profile_codes:
        _script_profiles.cache_clear()
        _script_letters.cache_clear()
        _word_vector.cache_clear()
        _profile_codes = codes


def tally(text: str) -> Tally:
    """Count a text's words by script and add up their points for every profile."""
    _sync_languages()
    cyrillic, latin, n_lower, letters = _words(text)
    out = Tally(letters, letters > 0 or _LETTERS.search(text) is not None)
    for script, words in (("Cyrl", cyrillic), ("Latn", latin)):
        st = _ScriptTally(sum(len(w) for w in words), len(words))
        st.plain = n_lower if script == "Latn" else len(words)
        st.points = [0.0] * len(_script_profiles(script))
        for w in words:
            points, foreign, unknown = _word_vector(script, w)
            st.points = [a + b for a, b in zip(st.points, points, strict=True)]
            st.foreign_to_default += foreign
            st.unknown += unknown
        out.scripts[script] = st
    return out


def scores_of(t: Tally) -> Scores:
    """Every profile's score, for the script most of the letters are in."""
    if not t.any_letters:
        return Scores(None, 0, (), 0)
    cyr = t.scripts.get("Cyrl") or _ScriptTally()
    lat = t.scripts.get("Latn") or _ScriptTally()
    n_all = t.letters
    n_lat = lat.letters
    if n_all == 0:
        n_all = n_lat = 1  # nothing but addresses: Latin script, no words
    if cyr.letters * 2 >= n_all:
        script, st = "Cyrl", cyr
    elif n_lat * 2 >= n_all:
        script, st = "Latn", lat
    else:
        return Scores("other", 0, (), 0)
    codes = [p.code for p in _script_profiles(script)]
    points = st.points or [0.0] * len(codes)
    results = [(code, round(value, 3)) for code, value in zip(codes, points, strict=True)]
    ranked = tuple(sorted(results, key=lambda item: -item[1]))  # stable: ties keep order
    return Scores(script, st.words, ranked, st.foreign_to_default, st.plain, st.unknown)


def score_text(text: str) -> Scores:
    """Every profile's score for ``text``, for the script most of its letters are in."""
    return scores_of(tally(text))


def _decide(scores: Scores) -> str | None:
    if scores.script is None:
        return None
    if scores.script == "other":
        return "und"
    settings = load_settings()
    default = settings.default_by_script.get(scores.script, "und")
    # a language without a profile that writes letters none of the profiles have
    if scores.n_unknown and scores.n_unknown >= settings.unknown_share * scores.n_words:
        return "und"
    code, value = scores.best
    # another language must lead the default by a margin (the script's prior)
    if code != default and value - scores.score(default) < settings.min_lead.get(scores.script, 0):
        code, value = default, scores.score(default)
    if value > 0:
        return code
    # no evidence for any language
    if scores.foreign_to_default * 2 > scores.n_words:
        return "und"
    if scores.script == "Latn" and scores.n_plain > settings.max_words_without_evidence:
        return "und"
    return default


def detect_language(text: str) -> str | None:
    """The language of ``text``: ``"kk"``, ``"en"``, the code of another language it is
    recognisably in (``"ru"``, ``"ky"``, ...), ``"und"`` for one it cannot place, or None
    for a text without letters."""
    return _decide(score_text(text))


def decide(t: Tally) -> str | None:
    """:func:`detect_language` for a tally."""
    return _decide(scores_of(t))


# --- documents in several languages ---------------------------------------------------------

_LINE = re.compile(r"[^\n]+")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line that has a letter, without its edge spaces."""
    out = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not any(c.isalpha() for c in stripped):
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        out.append((start, start + len(stripped)))
    return out


def detect_segments(text: str) -> list[Segment]:
    """The document's stretches by language: one segment for the whole text unless some
    lines (paragraphs) are confidently in another language than the document.

    A line is set apart when it has enough words and its best language leads the
    document's language by a margin (``langid.yaml``); lines without such evidence
    (headlines, bylines, numbers) join the paragraph before them (or the first one after).
    Consecutive lines in one language make one segment; segments tile the text.
    """
    lines = _lines(text)
    if len(lines) < 2:
        return [Segment(0, len(text), detect_language(text))]
    # the document's tally is the sum of its lines': every word is scored once
    line_tallies = [tally(text[start:end]) for start, end in lines]
    doc_scores = scores_of(sum(line_tallies, Tally()))
    doc_lang = _decide(doc_scores)
    whole = [Segment(0, len(text), doc_lang)]
    if doc_lang is None:
        return whole
    settings = load_settings()
    decided: list[str | None] = []  # None: no evidence of its own
    for line_tally in line_tallies:
        scores = scores_of(line_tally)
        lang = _decide(scores)
        if lang is None or scores.n_words < settings.paragraph_min_words:
            decided.append(None)
        elif lang == doc_lang:
            decided.append(lang)
        elif (
            scores.script != doc_scores.script
            or scores.best[1] - scores.score(doc_lang) >= settings.paragraph_min_margin
        ):
            decided.append(lang)
        else:
            decided.append(None)
    if all(lang in (None, doc_lang) for lang in decided):
        return whole
    # a line without evidence of its own belongs to the paragraph before it (the first
    # lines to the first paragraph that has evidence)
    current = next(lang for lang in decided if lang is not None)
    langs: list[str | None] = []
    for lang in decided:
        current = lang or current
        langs.append(current)
    # segments tile the text: the first starts at 0, each ends where the next one's first
    # line starts (blank and letterless lines, "06/27/2022 09:55", go with the paragraph
    # before them), the last ends with the text
    starts: list[tuple[int, str | None]] = []
    for (start, _end), lang in zip(lines, langs, strict=True):
        if not starts or starts[-1][1] != lang:
            starts.append((start, lang))
    bounds = [0] + [start for start, _ in starts[1:]] + [len(text)]
    return [Segment(bounds[i], bounds[i + 1], lang) for i, (_, lang) in enumerate(starts)]


def main_language(segments: list[Segment]) -> str | None:
    """The language of most of the document's letters (the first one on a tie)."""
    sizes: dict[str | None, int] = {}
    for seg in segments:
        sizes[seg.lang] = sizes.get(seg.lang, 0) + (seg.end - seg.start)
    return max(sizes, key=lambda k: sizes[k]) if sizes else None
