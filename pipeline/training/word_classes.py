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

from pipeline.resources import RESOURCE_DIR


def resolve(path: str) -> Path:
    p = Path(path)
    return p if p.is_absolute() else RESOURCE_DIR / p


def source_spec(entry: Any) -> tuple[str, bool]:
    """(path, lower) of a word-class source given as a path or ``{path, lower}``."""
    if isinstance(entry, str):
        return entry, False
    return str(entry["path"]), bool(entry.get("lower", False))


def read_words(path: str | Path, lower: bool = False) -> list[str]:
    """The single-word names of a word-class source file, in file order."""
    out = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            name = cols[0].strip()
            if not name or " " in name:
                continue
            out.append(name)
            flags = cols[5].split(",") if len(cols) > 5 else []
            if lower or "lower" in flags:
                out.append(name.lower())
    return out


def word_class_table(classes: Mapping[str, Sequence[Any]]) -> dict[str, str]:
    """word → class; where a word is in several classes the class listed first wins."""
    table: dict[str, str] = {}
    for cls, sources in classes.items():
        for entry in sources:
            path, lower = source_spec(entry)
            for word in read_words(resolve(path), lower):
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
