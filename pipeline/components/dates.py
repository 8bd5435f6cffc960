"""``rules.dates``: DATE spans from the date and number grammar (Kazakh and English).

Finds calendar dates (``Қыркүйектің 14-і``, ``2017 жылдың сәуір айынан``, ``December 14``,
``July 2021``, ``06/27/2022``), relative dates (``Биыл``, ``Былтыр``, ``yesterday``, ``last
year``, ``three years later``), quarters and centuries, durations and ages (``екі жылдан
бері``, ``сегіз айлық``, ``310 days``, ``more than a month``, ``3-year-old``), sets (``жыл
сайын``, ``every Monday``). Each span carries its reading, which the ``dates`` normaliser
resolves against the document date. See :mod:`pipeline.grammar`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from pipeline.components.pattern_rules import PatternRules
from pipeline.grammar import DateMatch, DateReading, Lexicon
from pipeline.grammar.stream import TokenStream
from pipeline.grammar.timex import numeric_order_of, resolve
from pipeline.grammar.tokens import DASHES
from pipeline.registry import register
from pipeline.types import Document, LanguageCode, Span

DATE_RANGES = ("join", "split")


@register("rules.dates")
class DateRules(PatternRules):
    """Rule-based DATE proposals.

    Settings: ``languages`` (default: every language with data files), ``score`` (given to
    every span), ``sets`` (recurring expressions such as ``жыл сайын``, ``every Monday``;
    on), ``ages`` (``68-year-old``, ``Жас шамасы 40-тағы``; on: the spec makes ages DATE),
    ``vague_references`` (``now``, ``recently``, ``қазір`` as PRESENT_REF / PAST_REF; off:
    the spec says they are not DATE, TimeML marks them), ``date_ranges`` (``join``: one span
    for ``2018–2019`` with ``min`` and ``max``, as the spec; ``split``: one per end, as TimeML),
    ``times`` (durations in hours and minutes, ``48 hours``; off: the spec, like OntoNotes,
    leaves what is shorter than a day out of DATE; TimeML marks them).
    """

    name = "rules.dates"

    def __init__(
        self,
        languages: list[LanguageCode] | None = None,
        score: float = 0.9,
        sets: bool = True,
        ages: bool = True,
        vague_references: bool = False,
        date_ranges: Literal["join", "split"] = "join",
        times: bool = False,
    ) -> None:
        super().__init__(languages, score)
        if date_ranges not in DATE_RANGES:
            raise ValueError(f"rules.dates: date_ranges must be one of {', '.join(DATE_RANGES)}")
        self.sets = bool(sets)
        self.ages = bool(ages)
        self.vague_references = bool(vague_references)
        self.date_ranges = date_ranges
        self.times = bool(times)

    def _keep(self, reading: DateReading) -> bool:
        if reading.in_hours and not self.times:
            return False
        if reading.kind == "set":
            return self.sets
        if reading.kind == "age":
            return self.ages
        return self.vague_references or not reading.vague_ref

    def _without_time_of_day(self, ts: TokenStream, m: DateMatch) -> DateMatch | None:
        """Wednesday night -> Wednesday unless ``times``; tonight alone -> nothing."""
        if self.times or m.reading.day_part is None:
            return m
        if m.day_part_at is None or m.day_part_at <= m.i:
            return None
        reading = replace(m.reading, day_part=None)
        end = ts.toks[m.day_part_at - 1].end
        return replace(m, j=m.day_part_at, end=end, reading=reading, day_part_at=None)

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        scan = self.scan(doc)
        if scan is None:
            return []
        lex = scan.stream.lex
        matches = [self._without_time_of_day(scan.stream, m) for m in scan.dates]
        matches = [m for m in matches if m is not None and self._keep(m.reading)]
        if self.date_ranges == "split":
            matches = [piece for m in matches for piece in split_range(scan.stream, m)]
        spans = []
        for m in matches:
            reading = m.reading
            norm = None
            hint = _numeric_hint(m, matches, lex)
            if hint is not None:
                value = resolve(reading, doc.meta.get("date"), lex, hint)
                norm = value.norm() if value is not None else {}
                reading = replace(reading, order=hint)
            span = Span.from_text(doc.text, m.start, m.end, "DATE", self.name, self.score, norm)
            span.reading = reading
            spans.append(span)
        return spans


def split_range(ts: TokenStream, m: DateMatch) -> list[DateMatch]:
    """A range as its two ends (TimeML marks ``1998-2001`` as two expressions)."""
    r = m.reading
    cut = m.cut
    if cut is None and r.end_year is not None:
        cut = next((k for k in range(m.i, m.j) if ts.toks[k].text in DASHES), None)
    if cut is None or cut <= m.i or cut + 1 >= m.j:
        return [m]
    first = replace(r, range_end=None, end_year=None)
    if r.end_year is not None:
        second = replace(first, year=r.end_year, year_word=False)
    else:
        assert r.range_end is not None
        second = first.plus(r.range_end)
    a = DateMatch(m.i, cut, m.start, ts.toks[cut - 1].end, first)
    b = DateMatch(cut + 1, m.j, ts.toks[cut + 1].start, m.end, second)
    return [a, b]


def _numeric_hint(m: DateMatch, matches: list[DateMatch], lex: Lexicon) -> str | None:
    """For an ambiguous numeric date (01/06/2022), the order of the nearest unambiguous one.

    A document that writes ``23/07/2020`` is read day-first for its other slash dates; the
    nearest unambiguous date with the same separator decides (documents may mix a US-style
    header date with day-first lists).
    """
    r = m.reading
    if r.numeric is None or r.order:
        return None
    a, b, _ = r.numeric
    if a > 12 or b > 12:
        return None
    best: tuple[int, str] | None = None
    for other in matches:
        o = other.reading
        if other is m or o.numeric is None or o.sep != r.sep or o.order:
            continue
        oa, ob, _ = o.numeric
        if (oa > 12) == (ob > 12):
            continue
        dist = abs(other.start - m.start)
        if best is None or dist < best[0]:
            best = (dist, numeric_order_of(o, lex, None))
    return best[1] if best else None
