"""Tokenization with exact character offsets, one spaCy tokenizer per language.

Each language uses the spaCy language its manifest names (``pipeline/lang/<code>/language.yaml``):
Kazakh the project's own ``kk`` (``pipeline.lang.kk``), English spaCy's blank ``en``. Tokens never break offsets: ``text[t.start:t.end] == t.text``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from pipeline.languages import known, spacy_language
from pipeline.startup import import_spacy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

from pipeline.layers import provider
from pipeline.types import Document


class Token(NamedTuple):
    """A project token (a tuple: a long document has hundreds of thousands of them)."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=8)
def blank_nlp(lang: str) -> Language:
    """A blank spaCy pipeline for ``lang``: the spaCy language its manifest names
    (:mod:`pipeline.languages`; ``kk`` is registered by ``pipeline.lang.kk``), ``xx`` for a
    language the pipeline does not know."""
    spacy = import_spacy()
    return spacy.blank(spacy_language(lang))


def language_defaults(lang: str) -> Any:
    """The spaCy language's ``Defaults`` (stop words, ...), without building a pipeline."""
    spacy = import_spacy()
    return spacy.util.get_lang_class(spacy_language(lang) if known(lang) else lang).Defaults


# Long texts are tokenized in pieces cut at whitespace (a token never spans whitespace,
# so the tokens are the same): at the first whitespace after PIECE_CHARS characters, and
# at any run of LONG_SPACE or more whitespace characters. spaCy's affix rules for Kazakh
# take time quadratic in the length of one whitespace run (1,000,000 spaces: minutes).
PIECE_CHARS = 10_000
LONG_SPACE = 64
_SPACE_RUN = re.compile(r"\s+")


def tokenize(text: str, lang: str | None) -> list[Token]:
    """Split ``text`` into non-space tokens with character offsets."""
    # The tokenizer itself, not make_doc: make_doc refuses texts over spaCy's max_length
    # (1,000,000 characters, a guard for its parser's memory), while tokenizing is linear
    # and a batch run already bounds documents by its own max_chars.
    tokenizer = blank_nlp(lang or "xx").tokenizer
    if len(text) <= PIECE_CHARS and LONG_SPACE * " " not in text:
        return _tokens(tokenizer(text), 0)
    tokens: list[Token] = []
    start = 0
    for m in _SPACE_RUN.finditer(text):
        if m.start() - start >= PIECE_CHARS or m.end() - m.start() >= LONG_SPACE:
            tokens += _tokens(tokenizer(text[start : m.start()]), start)
            start = m.end()
    tokens += _tokens(tokenizer(text[start:]), start)
    return tokens


def _tokens(doc: Doc, offset: int) -> list[Token]:
    out: list[Token] = []
    for t in doc:
        text = t.text
        if text.strip():  # a space token is all whitespace, so this also drops it
            start = offset + t.idx
            out.append(Token(start, start + len(text), text))
    return out


@provider("tokens")
def document_tokens(doc: Document) -> list[Token]:
    """The ``tokens`` layer: the document's project tokens."""
    return tokenize(doc.text, doc.lang)
