"""The Kazakh language (``kk``) for spaCy.

Importing this module registers the language, after which ``spacy.blank("kk")`` works
and a pipeline saved with ``nlp.to_disk`` loads again with ``spacy.load``.
"""

from __future__ import annotations

import spacy
from spacy.language import BaseDefaults, Language

from pipeline.lang.kk.lex_attrs import LEX_ATTRS, like_num
from pipeline.lang.kk.punctuation import (
    TOKENIZER_INFIXES,
    TOKENIZER_PREFIXES,
    TOKENIZER_SUFFIXES,
)
from pipeline.lang.kk.stop_words import STOP_WORDS
from pipeline.lang.kk.tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class KazakhDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS
    writing_system = {"direction": "ltr", "has_case": True, "has_letters": True}


@spacy.registry.languages("kk")
class Kazakh(Language):
    lang = "kk"
    Defaults = KazakhDefaults


__all__ = ["Kazakh", "KazakhDefaults", "like_num"]
