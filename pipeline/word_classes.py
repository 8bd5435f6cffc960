"""Word classes for the spaCy trainer: known first names and places as a NORM feature.

A from-scratch model trained on a few thousand sentences has seen few names. Mapping every
word of a name list to its class (``Kerala`` → ``__place__``, ``Renee`` → ``__first__``)
in spaCy's ``lexeme_norm`` lookup table lets the NORM embedding carry that knowledge: the
model learns what a class looks like in context and applies it to names it never saw in
training. The table is saved in the model's vocab, so loading the model needs nothing
else. Words keep their other features (ORTH, PREFIX, SUFFIX, SHAPE).

Sources are resource files (relative to ``pipeline/resources`` or absolute): one entry
per line, ``#`` comments, the first tab-separated field is the name. Multi-word names are
skipped. ``lower: true`` adds the lower-case form of every name; in the world gazetteer
table (``*.tsv``) the ``lower`` flag of a row does the same for that row. Two more source
forms: ``{path: kk/person_names.yaml, key: first_names}`` (the strings under a key of a
YAML resource) and ``{gazetteer: PLACE, lang: kk}`` (the one-word names of that label in
the project gazetteer, CLDR country names included).

Kazakh names are inflected (``Алматыда``, ``Ержанға``), so a table of word forms cannot
hold them. With ``word_classes_by_stem`` the classes are kept as a table of stems
(:class:`StemClasses`, saved in the model's vocab lookups as ``word_class_stems``): a capitalised word
whose stem (``pipeline.inflection.split_candidates``) is in it gets the class as its
token-level NORM, in training and, through ``ner.spacy``, at run time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.inflection import split_candidates
from pipeline.lexicon import load_lexicon, world_table_rows
from pipeline.resources import load_resource, read_word_list, resource_path

STEM_TABLE = "word_class_stems"


def source_spec(entry: Any) -> tuple[str, bool]:
    """(path, lower) of a word-class source given as a path or ``{path, lower}``."""
    if isinstance(entry, str):
        return entry, False
    return str(entry["path"]), bool(entry.get("lower", False))


def _flat(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [str(v) for group in value.values() for v in (group or [])]
    if isinstance(value, list):
        return [str(v) for v in value]
    return []


def source_words(entry: Any) -> list[str]:
    """The single-word names of one word-class source (any of the forms above)."""
    if isinstance(entry, dict) and "gazetteer" in entry:
        label, lang = str(entry["gazetteer"]), str(entry.get("lang", ""))
        names = [
            v for e in load_lexicon().entries if e.label == label for v in e.names.get(lang, [])
        ]
        return [n for n in names if n and " " not in n]
    if isinstance(entry, dict) and "key" in entry:
        data = load_resource(str(entry["path"])) or {}
        return [n for n in _flat(data.get(str(entry["key"]))) if n and " " not in n]
    path, lower = source_spec(entry)
    return read_words(resource_path(path), lower)


def read_words(path: str | Path, lower: bool = False) -> list[str]:
    """The single-word names of a word-class source file, in file order."""
    if Path(path).suffix == ".tsv":
        entries = [(row[0], "lower" in row[5].split(",")) for row in world_table_rows(Path(path))]
    else:
        entries = [(line.split("\t")[0].strip(), False) for line in read_word_list(path)]
    out = []
    for name, lower_flag in entries:
        if not name or " " in name:
            continue
        out.append(name)
        if lower or lower_flag:
            out.append(name.lower())
    return out


def word_class_table(classes: Mapping[str, Sequence[Any]]) -> dict[str, str]:
    """word → class; where a word is in several classes the class listed first wins."""
    table: dict[str, str] = {}
    for cls, sources in classes.items():
        for entry in sources:
            for word in source_words(entry):
                table.setdefault(word, cls)
    return table


@dataclass(frozen=True)
class StemClasses:
    """Word classes looked up by stem, for inflected languages (see the module docstring)."""

    lang: str
    stems: Mapping[str, str]  # casefolded stem -> class (a dict, or a spaCy lookups Table)

    @classmethod
    def build(cls, lang: str, classes: Mapping[str, Sequence[Any]]) -> StemClasses:
        table: dict[str, str] = {}
        for word, name in word_class_table(classes).items():
            table.setdefault(word.casefold(), name)
        return cls(lang, table)

    def classify(self, word: str) -> str | None:
        """The class of a capitalised word whose stem is in the table, else None."""
        if not word[:1].isupper():
            return None
        for stem, _ending in split_candidates(word, self.lang):
            cls = self.stems.get(stem.casefold())
            if cls is not None:
                return cls
        return None

    def apply(self, doc: Any) -> None:
        """Set the class as the token-level NORM of every classified token of a spaCy Doc."""
        for token in doc:
            cls = self.classify(token.text)
            if cls is not None:
                token.norm_ = cls

    def install(self, nlp: Any) -> None:
        """Keep the stem table in ``nlp``'s vocab lookups, so it is saved with the model."""
        lookups = nlp.vocab.lookups
        if lookups.has_table(STEM_TABLE):
            lookups.remove_table(STEM_TABLE)
        lookups.add_table(STEM_TABLE, dict(self.stems))

    @classmethod
    def from_nlp(cls, nlp: Any) -> StemClasses | None:
        """The stem classes a (loaded) model carries, or None when it has none."""
        lookups = nlp.vocab.lookups
        if not lookups.has_table(STEM_TABLE):
            return None
        # a lookups Table keys its entries by string hash: look words up through it
        return cls(nlp.lang, lookups.get_table(STEM_TABLE))


def install_word_classes(nlp: Any, classes: Mapping[str, Sequence[Any]]) -> int:
    """Put the word classes into ``nlp``'s ``lexeme_norm`` table; returns the table size.

    Call before any document is made with ``nlp.vocab``: lexemes made earlier keep the
    norm they had.
    """
    if not classes:
        return 0
    lookups = nlp.vocab.lookups
    table = dict(lookups.get_table("lexeme_norm", {}) or {})
    table.update(word_class_table(classes))
    if lookups.has_table("lexeme_norm"):
        lookups.remove_table("lexeme_norm")
    lookups.add_table("lexeme_norm", table)
    nlp.vocab.lookups = lookups  # the setter installs the table as NORM's getter
    return len(table)
