"""Span edges a reader can see: no invisible character at an edge, no character cut in two.

A model (or a rule) may propose a span made only of U+FEFF or U+200D, a span with a
zero-width character at an edge, or a span that ends between a letter and its combining
accent. :func:`clean_span` moves the edges to user-perceived character boundaries
(Unicode grapheme clusters, UAX #29): the start forward, the end forward over the marks
that belong to the last character; then drops invisible characters (format characters
such as U+200B/U+200D/U+FEFF, whitespace, marks with no base, and whatever combines with
them) at both edges. A format
character at the end goes even when Unicode counts a trailing joiner as part of the
character before it: it joins nothing inside the span. An empty result is no span.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import regex

from pipeline.types import Span

_CLUSTER = regex.compile(r"\X")
# Categories of characters with no visible mark of their own at a span's edge.
_INVISIBLE_CATEGORIES = ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Mc")
_SIMPLE_CATEGORIES = ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Zs", "Sm", "Sc", "Sk")


def _simple(ch: str) -> bool:
    """A character that is a grapheme cluster on its own whatever surrounds it: below
    U+0900 (Latin, Greek, Cyrillic, Arabic letters ...; no Indic conjuncts), a letter,
    digit, punctuation, space or symbol that is no mark, control, format or emoji."""
    if ch >= "\u0900":
        return False
    cat = unicodedata.category(ch)
    return cat in _SIMPLE_CATEGORIES or cat[0] == "P"


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in _INVISIBLE_CATEGORIES


class Clusters:
    """Grapheme cluster boundaries of one text, segmented only if a span edge needs it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._flags: bytearray | None = None

    def is_boundary(self, pos: int) -> bool:
        t = self.text
        if pos <= 0 or pos >= len(t):
            return True
        before, after = t[pos - 1], t[pos]
        if _simple(before) and _simple(after):
            return True
        if self._flags is None:
            flags = bytearray(len(t) + 1)
            for m in _CLUSTER.finditer(t):
                flags[m.start()] = 1
            flags[len(t)] = 1
            self._flags = flags
        return bool(self._flags[pos])


def clean_span(
    text: str, start: int, end: int, clusters: Clusters | None = None
) -> tuple[int, int] | None:
    """The visible part of ``text[start:end]`` on cluster boundaries, or None if nothing."""
    clusters = clusters or Clusters(text)
    n = len(text)
    start, end = max(0, start), min(n, end)
    if start >= end:
        return None
    while start < n and not clusters.is_boundary(start):
        start += 1
    while end < n and not clusters.is_boundary(end):
        end += 1
    while start < end:  # leading clusters with nothing visible
        nxt = start + 1
        while nxt < end and not clusters.is_boundary(nxt):
            nxt += 1
        if not _invisible(text[start]):  # a character is what its first code point is
            break
        start = nxt
    while start < end:  # trailing invisible characters (whole clusters, or a joiner)
        ch = text[end - 1]
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            end -= 1
            continue
        prev = end - 1
        while prev > start and not clusters.is_boundary(prev):
            prev -= 1
        if not _invisible(text[prev]):
            break
        end = prev
    return (start, end) if start < end else None


def clean_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """Each span with its edges cleaned (text re-sliced); spans left empty are dropped."""
    clusters = Clusters(text)
    out = []
    for span in spans:
        edges = clean_span(text, span.start, span.end, clusters)
        if edges is None:
            continue
        if edges != (span.start, span.end):
            span.start, span.end = edges
            span.text = text[span.start : span.end]
        out.append(span)
    return out
