"""The document date, where the document states it: a date at its top (``06/27/2022, 10.01``).

When a record has no ``meta.date``, relative dates (``yesterday``, ``last week``) have
nothing to be resolved against. Many news texts carry their date in a header line; this
module finds it, conservatively: a complete date (day, month and year, all written) on
one of the first lines, that line being short (a dateline, a time stamp, a byline). A
date in running text is never taken, even at the top: it is what the story is about, not
when it was written. The result says what it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.grammar.document import scan_document
from pipeline.grammar.lexicon import Lexicon
from pipeline.grammar.timex import resolve

# The header: this many non-empty lines at the top; a line longer than this many tokens is
# running text.
HEADER_LINES = 3
HEADER_LINE_TOKENS = 12
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class InferredDate:
    """A document date read from the text, with its evidence."""

    date: str  # YYYY-MM-DD
    start: int
    end: int
    text: str
    line: int  # 1-based line of the text

    def to_meta(self) -> dict[str, Any]:
        """The value of ``meta.date_inferred``: the date and what it rests on."""
        return {
            "date": self.date,
            "evidence": {
                "text": self.text,
                "start": self.start,
                "end": self.end,
                "rule": f"a complete date on header line {self.line}",
            },
        }


def infer_document_date(text: str, lex: Lexicon) -> InferredDate | None:
    """The date stated at the top of ``text``, or ``None`` when it states none."""
    if not text:
        return None
    scan = scan_document(text, lex)
    header_end, lines = _header(text)
    for m in scan.dates:
        if m.start >= header_end:
            break
        r = m.reading
        if r.kind != "date" or r.range_end is not None or r.anchored:
            continue
        value = resolve(r, None, lex)
        if value is None or not _FULL_DATE.fullmatch(value.value):
            continue
        line_no, line_start, line_end = next(
            (k, s, e) for k, (s, e) in enumerate(lines, 1) if s <= m.start < e
        )
        tokens = sum(
            1
            for t in scan.stream.toks[: m.j + HEADER_LINE_TOKENS]
            if t.start >= line_start and t.start < line_end
        )
        if tokens <= HEADER_LINE_TOKENS:
            return InferredDate(value.value, m.start, m.end, text[m.start : m.end], line_no)
    return None


def _header(text: str) -> tuple[int, list[tuple[int, int]]]:
    """The end offset of the first non-empty lines, and each line's (start, end)."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        start, pos = pos, pos + len(raw)
        if raw.strip():
            lines.append((start, pos))
            if len(lines) == HEADER_LINES:
                break
    return (lines[-1][1] if lines else 0), lines
