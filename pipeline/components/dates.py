"""``rules.dates``: DATE spans from the date and number grammar (Kazakh and English).

Finds calendar dates (``Қыркүйектің 14-і``, ``2017 жылдың сәуір айынан``, ``December 14``,
``July 2021``, ``06/27/2022``), relative dates (``Биыл``, ``Былтыр``, ``yesterday``, ``last
year``), durations and ages (``екі жылдан бері``, ``сегіз айлық``, ``310 days``, ``the past 500
days``, ``more than a month``, ``3-year-old``). Each span carries its reading, which the
``dates`` normaliser resolves against the document date. See :mod:`pipeline.grammar`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pipeline.components.pattern_rules import PatternRules
from pipeline.grammar import DateMatch, Lexicon
from pipeline.grammar.timex import numeric_order_of, resolve
from pipeline.registry import register
from pipeline.types import Document, Span


@register("rules.dates")
class DateRules(PatternRules):
    """Rule-based DATE proposals.

    Settings: ``languages`` (default: every language with data files), ``score`` (given to
    every span), ``sets`` (also propose recurring expressions such as ``жыл сайын``; off by
    default, as the gold scheme leaves ``every day`` unmarked).
    """

    name = "rules.dates"

    def __init__(
        self, languages: list[str] | None = None, score: float = 0.9, sets: bool = False
    ) -> None:
        super().__init__(languages, score)
        self.sets = bool(sets)

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        scan = self.scan(doc)
        if scan is None:
            return []
        lex = scan.stream.lex
        matches = [m for m in scan.dates if self.sets or m.reading.kind != "set"]
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
