"""Tokenization with exact character offsets, one spaCy tokenizer per language.

Kazakh uses the project's own spaCy language ``kk`` (``pipeline.lang.kk``); English
uses spaCy's blank ``en``. Tokens never break offsets: ``text[t.start:t.end] == t.text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pipeline.startup import import_spacy

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@lru_cache(maxsize=8)
def blank_nlp(lang: str) -> Language:
    """A blank spaCy pipeline for ``lang`` (``kk`` is registered by ``pipeline.lang.kk``)."""
    spacy = import_spacy()
    if lang == "kk":
        import pipeline.lang.kk  # noqa: F401  registers the "kk" language

        return spacy.blank("kk")
    if lang == "en":
        return spacy.blank("en")
    return spacy.blank("xx")


def language_defaults(lang: str) -> Any:
    """The spaCy language's ``Defaults`` (stop words, ...), without building a pipeline."""
    spacy = import_spacy()
    if lang == "kk":
        from pipeline.lang.kk import KazakhDefaults

        return KazakhDefaults
    return spacy.util.get_lang_class(lang).Defaults


def tokenize(text: str, lang: str | None) -> list[Token]:
    """Split ``text`` into non-space tokens with character offsets."""
    doc = blank_nlp(lang or "xx").make_doc(text)
    return [
        Token(t.idx, t.idx + len(t.text), t.text) for t in doc if not t.is_space and t.text.strip()
    ]
