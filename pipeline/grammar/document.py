"""One scan per document, shared by the date and count components; span readers for normalisers.

``rules.dates`` and ``rules.counts`` both need the document's dates (a count inside a date
is no count), so the document's ``grammar`` layer (:mod:`pipeline.layers`) is one
:func:`scan_document`: the text tokenized and its dates found once; the counts are found
on first request. The normalisers read a span on its own (:func:`read_date`,
:func:`read_count`) only when no component left its reading on the span.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TypeVar

from pipeline.grammar.counts import CountMatch, CountReading, find_counts
from pipeline.grammar.date_parts import DateMatch, DateReading
from pipeline.grammar.dates import find_dates
from pipeline.grammar.lexicon import Lexicon, lexicons_for
from pipeline.grammar.stream import TokenStream
from pipeline.layers import provider
from pipeline.types import Document

M = TypeVar("M", DateMatch, CountMatch)


@dataclass
class DocumentScan:
    """The tokens, dates and (on request) counts of one text in one language."""

    stream: TokenStream
    dates: list[DateMatch]
    _counts: list[CountMatch] | None = field(default=None, repr=False)
    _date_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._date_starts = [d.start for d in self.dates]

    @property
    def counts(self) -> list[CountMatch]:
        """Counts outside the dates (strict), found on first use."""
        if self._counts is None:
            self._counts = [m for m in find_counts(self.stream) if not self._in_date(m)]
        return self._counts

    def _in_date(self, m: CountMatch) -> bool:
        # dates are sorted and never overlap, so their ends are sorted too
        k = bisect_left(self._date_starts, m.end) - 1
        return k >= 0 and self.dates[k].end > m.start


def scan_document(text: str, lex: Lexicon) -> DocumentScan:
    """The scan of ``text`` (strict matching, sets included)."""
    stream = TokenStream(text, lex)
    return DocumentScan(stream, find_dates(stream, strict=True, sets=True))


@provider("grammar")
def document_scan(doc: Document, lex: Lexicon) -> DocumentScan:
    """The ``grammar`` layer: the document's scan with the lexicon of its language."""
    return scan_document(doc.text, lex)


def _longest(matches: list[M]) -> M | None:
    """The longest match (the first of equals)."""
    if not matches:
        return None
    return max(matches, key=lambda m: (m.end - m.start, -m.start))


def read_date(text: str, lang: str | None) -> tuple[DateReading, Lexicon] | None:
    """The longest date ``text`` holds, read leniently, and the lexicon that read it."""
    best: tuple[DateMatch, Lexicon] | None = None
    for lex in lexicons_for(lang):
        m = _longest(find_dates(TokenStream(text, lex), strict=False, sets=True))
        if m is not None and (best is None or m.end - m.start > best[0].end - best[0].start):
            best = (m, lex)
    return None if best is None else (best[0].reading, best[1])


def read_count(text: str, lang: str | None) -> CountReading | None:
    """The longest count ``text`` holds, read leniently."""
    best: CountMatch | None = None
    for lex in lexicons_for(lang):
        m = _longest(find_counts(TokenStream(text, lex), strict=False))
        if m is not None and (best is None or m.end - m.start > best.end - best.start):
            best = m
    return None if best is None else best.reading
