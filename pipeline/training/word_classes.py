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
table (``*.tsv``) the ``lower`` flag of a row does the same for that row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.lexicon import world_table_rows
from pipeline.resources import read_word_list, resource_path


def source_spec(entry: Any) -> tuple[str, bool]:
    """(path, lower) of a word-class source given as a path or ``{path, lower}``."""
    if isinstance(entry, str):
        return entry, False
    return str(entry["path"]), bool(entry.get("lower", False))


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
            path, lower = source_spec(entry)
            for word in read_words(resource_path(path), lower):
                table.setdefault(word, cls)
    return table


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
