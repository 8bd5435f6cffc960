"""``rules.counts``: COUNT spans from the date and number grammar (Kazakh and English).

Finds cardinal numbers that count something, in digits or words, with multipliers,
approximators, comparatives and ranges (``35 мыңға жуық``, ``екі мыңнан астам``, ``170-тей``,
``ондаған``, ``бірі``, ``Dozens``, ``5 to 6``, ``as many as 2 million``), and leaves out money,
percentages, measures, ordinals, clock times, numbers in names, the Kazakh article ``бір``
and numbers inside dates (the document's date scan, shared with ``rules.dates``). See
:mod:`pipeline.grammar.counts`.
"""

from __future__ import annotations

from typing import Any

from pipeline.components.pattern_rules import PatternRules
from pipeline.registry import register
from pipeline.types import Document, LanguageCode, Span


@register("rules.counts")
class CountRules(PatternRules):
    """Rule-based COUNT proposals. Settings: ``languages``, ``score``."""

    name = "rules.counts"

    def __init__(self, languages: list[LanguageCode] | None = None, score: float = 0.85) -> None:
        super().__init__(languages, score)

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        scan = self.scan(doc)
        if scan is None:
            return []
        spans = []
        for m in scan.counts:
            span = Span.from_text(doc.text, m.start, m.end, "COUNT", self.name, self.score)
            span.reading = m.reading
            spans.append(span)
        return spans
