"""``rules.dates``: DATE spans from per-language pattern resources (Kazakh and English).

Finds calendar dates (``Қыркүйектің 14-і``, ``2017 жылдың сәуір айынан``, ``December 14``,
``July 2021``, ``06/27/2022``), relative dates (``Биыл``, ``Былтыр``, ``yesterday``, ``last
year``), durations and ages (``екі жылдан бері``, ``сегіз айлық``, ``310 days``, ``the past 500
days``, ``more than a month``, ``3-year-old``). The matching engine and the words are shared
with the normaliser: see :mod:`pipeline.components.patterns` and ``pipeline/resources/<lang>/``.
"""

from __future__ import annotations

from typing import Any

from pipeline.components.pattern_rules import PatternRules
from pipeline.components.patterns import Match, find_dates, numeric_order_of, resolve_date
from pipeline.registry import register
from pipeline.types import Document, Span


@register("rules.dates")
class DateRules(PatternRules):
    """Rule-based DATE proposals.

    Settings: ``languages`` (default: every language with resources), ``score`` (given to
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
        lex = self.lexicon_for(doc)
        if lex is None:
            return []
        matches = find_dates(doc.text, lex, strict=True, sets=self.sets)
        spans = []
        for m in matches:
            norm = None
            hint = _numeric_hint(m, matches, lex)
            if hint is not None:
                norm = resolve_date(dict(m.info), doc.meta.get("date"), lex, hint)
            spans.append(
                Span.from_text(
                    doc.text, m.start, m.end, "DATE", source=self.name, score=self.score, norm=norm
                )
            )
        return spans


def _numeric_hint(m: Match, matches: list[Match], lex: Any) -> str | None:
    """For an ambiguous numeric date (01/06/2022), the order of the nearest unambiguous one.

    A document that writes ``23/07/2020`` is read day-first for its other slash dates; the
    nearest unambiguous date with the same separator decides (documents may mix a US-style
    header date with day-first lists).
    """
    info = m.info
    if "numeric" not in info or info.get("order"):
        return None
    a, b, _ = info["numeric"]
    if a > 12 or b > 12:
        return None
    best: tuple[int, str] | None = None
    for other in matches:
        oi = other.info
        if other is m or "numeric" not in oi or oi.get("sep") != info.get("sep") or oi.get("order"):
            continue
        oa, ob, _ = oi["numeric"]
        if (oa > 12) == (ob > 12):
            continue
        dist = abs(other.start - m.start)
        if best is None or dist < best[0]:
            best = (dist, numeric_order_of(oi, lex, None))
    return best[1] if best else None
