"""``ner.spacy``: a trained spaCy pipeline's ``ner`` run over the project's own tokens.

Config::

    - name: ner.spacy
      models: {kk: models/kk-ner, en: en_core_web_sm}   # language -> pipeline name or path
      label_map: {NORP: null, FAC: PLACE}              # optional, merged over the defaults
      score: 0.8

The document is never re-tokenized: a ``spacy.tokens.Doc`` is built from the project
tokens (words + trailing-space flags) and the pipeline's components run over it, so every
entity is a run of project tokens and its offsets are those tokens' offsets.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.ner_common import (
    build_label_map,
    first_line,
    missing_model_message,
    spaces_after,
    tags_to_spans,
    token_windows,
)
from pipeline.errors import ModelNotFoundError, PipelineError
from pipeline.registry import register
from pipeline.types import Document, Span
from pipeline.word_classes import StemClasses

log = logging.getLogger(__name__)

MAX_DOC_TOKENS = 5_000  # tokens per model call; a news article fits in one


def _register_kk() -> bool:
    """Import the project's spaCy language ``kk`` so a ``kk`` pipeline can be loaded."""
    try:
        importlib.import_module("pipeline.lang.kk")
    except ModuleNotFoundError as exc:
        if exc.name not in ("pipeline.lang.kk", "pipeline.lang"):
            raise
        return False
    return True


def _how_to(lang: str) -> str:
    return (
        f"Train it with `python -m pipeline train --config configs/train/{lang}-spacy.yaml`, "
        f"install the spaCy package of that name, or set models.{lang} in the config "
        "to an existing spaCy pipeline directory."
    )


@register("ner.spacy")
class SpacyNER:
    """Entities from a spaCy NER model per language; languages without a model get none."""

    name = "ner.spacy"

    def __init__(
        self,
        models: dict[str, str],
        label_map: dict[str, str] | None = None,
        score: float = 0.8,
    ) -> None:
        self.label_map = build_label_map(label_map, self.name)
        self.score = float(score)
        self.nlps: dict[str, Language] = {}
        kk_ok = _register_kk()
        # word classes a model looks up by stem (inflected languages; pipeline.word_classes)
        self.stem_classes: dict[str, StemClasses] = {}
        for lang, model in (models or {}).items():
            self.nlps[lang] = self._load(lang, str(model), kk_ok)
            stems = StemClasses.from_nlp(self.nlps[lang])
            if stems is not None:
                self.stem_classes[lang] = stems

    @staticmethod
    def _load(lang: str, model: str, kk_ok: bool) -> Language:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise ModelNotFoundError(
                missing_model_message("spaCy", lang, model, _how_to(lang)) + f" ({first_line(exc)})"
            ) from None
        except ImportError as exc:  # the pipeline's language is not registered (E048)
            hint = "" if kk_ok else " (the Kazakh language module pipeline.lang.kk is missing)"
            raise ModelNotFoundError(
                f"spaCy model for language '{lang}' at '{model}' could not be loaded{hint}: "
                f"{first_line(exc)}. {_how_to(lang)}"
            ) from None
        if "ner" not in nlp.pipe_names:
            log.warning("spaCy model %s for %s has no 'ner' component", model, lang)
        return nlp

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        nlp = self.nlps.get(doc.lang or "")
        if nlp is None or not tokens:
            return []
        spaces = spaces_after(doc.text, tokens)
        stems = self.stem_classes.get(doc.lang or "")
        tags: list[str] = []
        # A window of sentences at a time: a model's memory grows with the tokens of one
        # Doc (about 14 KB a token for the shipped models: 5 GB for 2,000,000 characters).
        for window in token_windows(doc.text, tokens, MAX_DOC_TOKENS):
            words = [tokens[i].text for i in window]
            sdoc = Doc(nlp.vocab, words=words, spaces=[spaces[i] for i in window])
            if stems is not None:
                stems.apply(sdoc)
            sdoc = nlp(sdoc)
            if len(sdoc) != len(words):
                raise PipelineError(
                    f"{self.name}: the {doc.lang} pipeline changed the tokenization "
                    f"({len(words)} -> {len(sdoc)} tokens); remove retokenizing components "
                    "such as merge_entities from it"
                )
            tags += [
                f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in sdoc
            ]
        return tags_to_spans(doc.text, tokens, tags, self.label_map, self.name, self.score)
