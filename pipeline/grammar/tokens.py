"""Tokens with exact offsets, and the token-level look-ups every rule of the grammar uses.

:func:`tokenize` cuts a text into number, word and punctuation tokens (``14-і`` is one
number token with the suffix ``і``; ``twenty-five`` one word). The token stream of a text
(with the language's look-ups) is in :mod:`pipeline.grammar.stream`; this module stays below
the lexicon, which builds its phrases from :class:`Phrases`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


class WordNormaliser(Protocol):
    """What :func:`tokenize` needs of a language's lexicon (``grammar.lexicon.Lexicon``)."""

    def norm(self, word: str) -> str: ...

    def norm_suffix(self, suffix: str) -> str: ...


HYPHENS = "-\u2010\u2011"
DASHES = frozenset({"-", "\u2010", "\u2011", "\u2013"})
SPACE_SEPARATORS = (" ", "\u00a0", "\u202f", "\u2009")
_TOKEN_RE = re.compile(
    r"(?P<num>\d+(?:[.,:/]\d+)*)(?P<suf>["
    + HYPHENS
    + r"'’]?[^\W\d_]+(?:["
    + HYPHENS
    + r"][^\W\d_]+)*)?"
    r"|(?P<word>[^\W\d_]+(?:[" + HYPHENS + r"'’][^\W\d_]+)*)"
    r"|(?P<punct>\S)"
)


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


def tokenize(text: str, lex: WordNormaliser | None = None) -> list[Tok]:
    """Cut ``text`` into number, word and punctuation tokens (never raises)."""
    toks: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        s, e = m.start(), m.end()
        raw = m.group(0)
        if m.group("num") is not None:
            suf = m.group("suf") or ""
            hyph = bool(suf) and suf[0] in HYPHENS + "'’"
            if hyph:
                suf = suf[1:]
            low_suf = lex.norm_suffix(suf) if lex else suf.lower()
            toks.append(Tok(s, e, raw, "num", raw.lower(), m.group("num"), low_suf, hyph))
        elif m.group("word") is not None:
            toks.append(Tok(s, e, raw, "word", lex.norm(raw) if lex else raw.lower()))
        else:
            toks.append(Tok(s, e, raw, "punct", raw))
    return toks


class Phrases(list):
    """Word-tuple phrases, longest first, indexed by their first word."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        super().__init__(sorted(set(phrases), key=len, reverse=True))
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for ph in self:
            self.by_first.setdefault(ph[0], []).append(ph)

    @classmethod
    def of(cls, items: Iterable[str]) -> Phrases:
        """Phrases written as strings ("more than"), lower-cased and split on spaces."""
        return cls(tuple(str(p).lower().split()) for p in items if str(p).strip())
