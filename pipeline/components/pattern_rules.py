"""The shared set-up of the pattern components (``rules.dates``, ``rules.counts``)."""

from __future__ import annotations

from pipeline.components.patterns import Lexicon, lexicon
from pipeline.types import Document


class PatternRules:
    """Per-language pattern lexicons for ``languages`` (default: every language with
    resources) and the ``score`` given to every span."""

    name = ""

    def __init__(self, languages: list[str] | None = None, score: float = 0.9) -> None:
        self.languages = list(languages) if languages else None
        self.score = float(score)
        wanted = self.languages or ["kk", "en"]
        self.lexicons = {lang: lex for lang in wanted if (lex := lexicon(lang)) is not None}

    def lexicon_for(self, doc: Document) -> Lexicon | None:
        """The document's language lexicon; None for an empty text or another language."""
        if not doc.text:
            return None
        return self.lexicons.get(doc.lang or "")
