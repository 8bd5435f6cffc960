"""A language's morphology: its one table of endings (``pipeline/lang/<code>/morphology.yaml``,
named by the manifest's ``morphology``), read here for every reader.

The lexicon analyser (:mod:`pipeline.inflection`: names, places, organisations) strips the
slots the table lists as ``analyser_slots``; the date and number grammar
(:mod:`pipeline.grammar`) builds its word endings from all slots plus ``grammar_extra``,
and takes ``number_endings`` and ``number_cases`` for number words. The consonant
alternation is written in one direction (as a stem is written → before a vowel); the
analyser reads it backwards. A language without a table has no endings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import languages
from pipeline.errors import ConfigError
from pipeline.resources import load_resource

SLOTS = ("derivation", "plural", "possessive", "case", "case_after_possessive", "attributive")
_KEYS = {
    "vowels",
    "consonant_alternation",
    "hyphen_allowed",
    "ending_in_span",
    "endings",
    "analyser_slots",
    "grammar_extra",
    "number_endings",
    "number_cases",
}


@dataclass(frozen=True)
class Morphology:
    """The endings of a language, by slot, and how they attach."""

    vowels: str = ""
    # stem-final consonant → the one written before a vowel (қ → ғ: Қазақ → Қазағы)
    alternation: dict[str, str] = field(default_factory=dict)
    hyphen_allowed: bool = False
    ending_in_span: bool = True
    endings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    analyser_slots: tuple[str, ...] = ()
    grammar_extra: dict[str, tuple[str, ...]] = field(default_factory=dict)
    number_endings: tuple[str, ...] = ("",)
    number_cases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def slot(self, name: str) -> tuple[str, ...]:
        return self.endings.get(name, ())

    def analyser_slot(self, name: str) -> tuple[str, ...]:
        """A slot's endings as the lexicon analyser strips them (none when it strips none)."""
        return self.slot(name) if name in self.analyser_slots else ()

    def grammar_slot(self, name: str) -> tuple[str, ...]:
        """A slot's endings as the date and number grammar attaches them."""
        return self.slot(name) + self.grammar_extra.get(name, ())

    @property
    def unvoicing(self) -> dict[str, str]:
        """The alternation read backwards: a voiced stem-final consonant → the written one."""
        return {v: k for k, v in self.alternation.items()}


def table_path(lang: str) -> Path | None:
    """The morphology table of ``lang``; None for a language without one."""
    if not languages.known(lang):
        return None
    info = languages.get(lang)
    return info.path(info.morphology) if info.morphology else None


@lru_cache(maxsize=16)
def morphology(lang: str) -> Morphology:
    """The morphology of ``lang`` (an empty one when it has no table)."""
    path = table_path(lang)
    if path is None:
        return Morphology()
    return parse_morphology(load_resource(str(path)), str(path))


def parse_morphology(data: Any, path: str) -> Morphology:
    """A morphology table, validated: a problem is a ConfigError naming the file and key."""
    if not isinstance(data, dict):
        raise ConfigError(path, "<root>", "a morphology table must be a mapping")
    unknown = sorted(str(k) for k in set(data) - _KEYS)
    if unknown:
        raise ConfigError(path, unknown[0], f"unknown key; allowed: {', '.join(sorted(_KEYS))}")
    vowels = data.get("vowels", "")
    if not isinstance(vowels, str):
        raise ConfigError(path, "vowels", "must be a quoted string of letters")
    alternation = data.get("consonant_alternation") or {}
    if not isinstance(alternation, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1
        for k, v in alternation.items()
    ):
        raise ConfigError(path, "consonant_alternation", "must map a letter to a letter")
    flags = {}
    for key, default in (("hyphen_allowed", False), ("ending_in_span", True)):
        flags[key] = data.get(key, default)
        if not isinstance(flags[key], bool):
            raise ConfigError(path, key, "must be true or false")
    endings = _ending_sets(path, "endings", data.get("endings") or {}, SLOTS)
    slots = _words(path, "analyser_slots", data.get("analyser_slots") or [])
    for i, name in enumerate(slots):
        if name not in SLOTS:
            raise ConfigError(path, f"analyser_slots[{i}]", f"must be one of {', '.join(SLOTS)}")
    return Morphology(
        vowels=vowels,
        alternation=dict(alternation),
        hyphen_allowed=flags["hyphen_allowed"],
        ending_in_span=flags["ending_in_span"],
        endings=endings,
        analyser_slots=slots,
        grammar_extra=_ending_sets(path, "grammar_extra", data.get("grammar_extra") or {}, SLOTS),
        number_endings=_words(path, "number_endings", data.get("number_endings", [""])),
        number_cases=_ending_sets(path, "number_cases", data.get("number_cases") or {}, None),
    )


def _ending_sets(
    path: str, key: str, value: Any, allowed: tuple[str, ...] | None
) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(path, key, "must map a name to a list of endings")
    out = {}
    for name, words in value.items():
        if allowed is not None and name not in allowed:
            raise ConfigError(path, f"{key}.{name}", f"unknown slot; allowed: {', '.join(allowed)}")
        out[str(name)] = _words(path, f"{key}.{name}", words)
    return out


def _words(path: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(path, key, "must be a list of quoted strings")
    return tuple(value)
