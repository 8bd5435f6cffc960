"""The shared set-up of the grammar components (``rules.dates``, ``rules.counts``)."""

from __future__ import annotations

from pipeline import languages as language_registry
from pipeline.grammar import DocumentScan, Lexicon, lexicon
from pipeline.layers import get_layer
from pipeline.types import Document


class PatternRules:
    """Per-language grammar lexicons for ``languages`` (default: every language with
    data files) and the ``score`` given to every span."""

    name = ""
    requires = ("grammar",)

    def __init__(self, languages: list[str] | None = None, score: float = 0.9) -> None:
        self.languages = list(languages) if languages else None
        self.score = float(score)
        wanted = self.languages or list(language_registry.available())
        self.lexicons = {lang: lex for lang in wanted if (lex := lexicon(lang)) is not None}

    def lexicon_for(self, doc: Document) -> Lexicon | None:
        """The document's language lexicon; None for an empty text or another language."""
        if not doc.text:
            return None
        return self.lexicons.get(doc.lang or "")

    def scan(self, doc: Document) -> DocumentScan | None:
        """The document's scan (its ``grammar`` layer, shared by the grammar components),
        or None."""
        lex = self.lexicon_for(doc)
        return None if lex is None else get_layer(doc, "grammar", lex)
