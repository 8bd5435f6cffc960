"""``rules.counts``: COUNT spans from per-language pattern resources (Kazakh and English).

Finds cardinal numbers that count something, in digits or words, with multipliers,
approximators, comparatives and ranges (``35 мыңға жуық``, ``екі мыңнан астам``, ``170-тей``,
``ондаған``, ``бірі``, ``Dozens``, ``5 to 6``, ``as many as 2 million``), and leaves out money,
percentages, measures, ordinals, clock times, numbers in names, the Kazakh article ``бір``
and numbers inside dates (found with the same engine as ``rules.dates``).
"""

from __future__ import annotations

from typing import Any

from pipeline.components.pattern_rules import PatternRules
from pipeline.components.patterns import find_counts, find_dates
from pipeline.registry import register
from pipeline.types import Document, Span


@register("rules.counts")
class CountRules(PatternRules):
    """Rule-based COUNT proposals. Settings: ``languages``, ``score``."""

    name = "rules.counts"

    def __init__(self, languages: list[str] | None = None, score: float = 0.85) -> None:
        super().__init__(languages, score)

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        lex = self.lexicon_for(doc)
        if lex is None:
            return []
        dates = [(m.start, m.end) for m in find_dates(doc.text, lex, strict=True, sets=True)]
        return [
            Span.from_text(doc.text, m.start, m.end, "COUNT", source=self.name, score=self.score)
            for m in find_counts(doc.text, lex, strict=True, avoid=dates)
        ]
