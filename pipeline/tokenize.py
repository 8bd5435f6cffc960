"""Tokenization with exact character offsets, one spaCy tokenizer per language.

Kazakh uses the project's own spaCy language ``kk`` (``pipeline.lang.kk``); English
uses spaCy's blank ``en``. Tokens never break offsets: ``text[t.start:t.end] == t.text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@lru_cache(maxsize=8)
def blank_nlp(lang: str) -> Language:
    """A blank spaCy pipeline for ``lang`` (``kk`` is registered by ``pipeline.lang.kk``)."""
    if lang == "kk":
        import pipeline.lang.kk  # noqa: F401  registers the "kk" language

        return spacy.blank("kk")
    if lang == "en":
        return spacy.blank("en")
    return spacy.blank("xx")


def tokenize(text: str, lang: str | None) -> list[Token]:
    """Split ``text`` into non-space tokens with character offsets."""
    # The tokenizer itself, not make_doc: make_doc refuses texts over spaCy's max_length
    # (1,000,000 characters, a guard for its parser's memory), while tokenizing is linear
    # and a batch run already bounds documents by its own max_chars.
    doc = blank_nlp(lang or "xx").tokenizer(text)
    return [
        Token(t.idx, t.idx + len(t.text), t.text) for t in doc if not t.is_space and t.text.strip()
    ]
