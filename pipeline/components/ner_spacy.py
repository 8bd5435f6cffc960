"""``ner.spacy``: a trained spaCy pipeline's ``ner`` run over the project's own tokens.

Config::

    - name: ner.spacy
      models: {kk: models/kk-ner, en: en_core_web_sm}   # language -> pipeline name or path
      label_map: {NORP: null, FAC: PLACE}              # optional, merged over the defaults
      score: 0.8

The document is never re-tokenized: a ``spacy.tokens.Doc`` is built from the project
tokens (words + trailing-space flags) and the pipeline's components run over it, so every
entity is a run of project tokens and its offsets are those tokens' offsets.

A language's model is checked when the component is built (a missing model stops the
run at once) and loaded when the first document in that language arrives.

Many documents go through the model together (``propose_batch``, which the pipeline calls
on a batch of documents): a model call on one short sentence costs several times what
the same sentence costs inside a batch. A long document goes through in windows of whole
sentences; the model's memory is bounded by one batch of at most ``BATCH_TOKENS`` tokens
(or one window). The spans are the same as one document at a time.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from pipeline.startup import import_spacy, spacy_model_needs_torch
from pipeline.types import Document, LanguageCode, Span
from pipeline.word_classes import StemClasses

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

MAX_DOC_TOKENS = 5_000  # tokens per window of a long document; a news article fits in one
BATCH_TOKENS = 5_000  # tokens per model call: short documents together, up to this many


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


_NO_TOKENIZER = "kaznews.tokens_given.v1"


class _TokensGiven:
    """The tokenizer of a loaded model: documents reach it as ``Doc`` objects built from the
    project's tokens, so it is never asked to tokenize."""

    def __call__(self, text: str) -> Any:
        raise PipelineError("ner.spacy builds its documents from the project's tokens")


def _register_no_tokenizer(spacy: Any) -> None:
    if _NO_TOKENIZER not in spacy.registry.tokenizers:

        @spacy.registry.tokenizers(_NO_TOKENIZER)
        def make() -> Any:
            return lambda nlp: _TokensGiven()


@register("ner.spacy")
class SpacyNER:
    """Entities from a spaCy NER model per language; languages without a model get none."""

    name = "ner.spacy"
    requires = ("tokens",)
    path_settings = ("models",)  # relative to the config file's directory

    def __init__(
        self,
        models: dict[LanguageCode, str],
        label_map: dict[str, str | None] | None = None,
        score: float = 0.8,
    ) -> None:
        self.label_map = build_label_map(label_map, self.name)
        self.score = float(score)
        self.models = {lang: str(model) for lang, model in (models or {}).items()}
        for lang, model in self.models.items():
            self._check(lang, model)
        self.nlps: dict[str, Language] = {}  # loaded on first use
        # word classes a model looks up by stem (inflected languages; pipeline.word_classes)
        self.stem_classes: dict[str, StemClasses] = {}

    @staticmethod
    def needs_torch(models: dict[str, str], **_: Any) -> bool:
        """Whether any of the models has PyTorch layers (see :mod:`pipeline.startup`)."""
        return any(spacy_model_needs_torch(str(m)) for m in (models or {}).values())

    @staticmethod
    def _check(lang: str, model: str) -> None:
        """A model must be a pipeline directory or an installed package."""
        path = Path(model)
        if path.is_dir():
            if (path / "config.cfg").is_file():
                return
            reason = "the directory has no config.cfg"
        else:
            try:
                if "/" not in model and importlib.util.find_spec(model) is not None:
                    return
            except (ImportError, ValueError):
                pass
            reason = "no such directory or installed package"
        raise ModelNotFoundError(
            missing_model_message("spaCy", lang, model, _how_to(lang)) + f" ({reason})"
        )

    def nlp(self, lang: str) -> Language | None:
        """The language's pipeline, loaded on first use; None for a language without one."""
        nlp = self.nlps.get(lang)
        if nlp is None and lang in self.models:
            nlp = self.nlps[lang] = self._load(lang, self.models[lang], _register_kk())
            stems = StemClasses.from_nlp(nlp)
            if stems is not None:
                self.stem_classes[lang] = stems
        return nlp

    @staticmethod
    def _load(lang: str, model: str, kk_ok: bool) -> Language:
        spacy = import_spacy()
        _register_no_tokenizer(spacy)
        try:
            # the model's own tokenizer is never used (documents come as project tokens):
            # building it from the language's exceptions and its saved state took a third
            # of the model's loading time
            nlp = spacy.load(
                model,
                exclude=["tokenizer"],
                config={"nlp": {"tokenizer": {"@tokenizers": _NO_TOKENIZER}}},
            )
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
        return self.propose_batch([doc], [tokens])[0]

    def propose_batch(self, docs: list[Document], tokens: list[list[Any]]) -> list[list[Span]]:
        """The spans of each document, the model run over many documents at a time."""
        # (document, window) pieces per language, in document order
        pieces: dict[str, list[tuple[int, range]]] = {}
        for i, (doc, toks) in enumerate(zip(docs, tokens, strict=True)):
            if not toks or self.nlp(doc.lang or "") is None:
                continue
            # A window of sentences at a time: a model's memory grows with the tokens of
            # one Doc (about 14 KB a token for the shipped models: 5 GB for 2,000,000
            # characters).
            for window in token_windows(doc.text, toks, MAX_DOC_TOKENS):
                pieces.setdefault(doc.lang, []).append((i, window))
        tags: list[list[str]] = [[] for _ in docs]
        if pieces:
            from spacy.tokens import Doc
        for lang, items in pieces.items():
            nlp = self.nlps[lang]
            stems = self.stem_classes.get(lang)
            spaces: dict[int, list[bool]] = {}
            for batch in _batches(items, BATCH_TOKENS):
                sdocs = []
                for i, window in batch:
                    if i not in spaces:
                        spaces[i] = spaces_after(docs[i].text, tokens[i])
                    words = [tokens[i][k].text for k in window]
                    sdoc = Doc(nlp.vocab, words=words, spaces=[spaces[i][k] for k in window])
                    if stems is not None:
                        stems.apply(sdoc)
                    sdocs.append(sdoc)
                done = nlp.pipe(sdocs, batch_size=len(sdocs))
                for (i, window), sdoc in zip(batch, done, strict=True):
                    if len(sdoc) != len(window):
                        raise PipelineError(
                            f"{self.name}: the {lang} pipeline changed the tokenization "
                            f"({len(window)} -> {len(sdoc)} tokens); remove retokenizing "
                            "components such as merge_entities from it"
                        )
                    tags[i] += _iob_tags(sdoc)
        return [
            tags_to_spans(doc.text, toks, t, self.label_map, self.name, self.score) if t else []
            for doc, toks, t in zip(docs, tokens, tags, strict=True)
        ]


def _iob_tags(sdoc: Any) -> list[str]:
    """``B-TYPE``/``I-TYPE``/``O`` per token, read from the document's arrays (a Token
    object per token cost more than the model on short sentences)."""
    from spacy.attrs import ENT_IOB, ENT_TYPE

    strings = sdoc.vocab.strings
    out = []
    for iob, ent_type in sdoc.to_array([ENT_IOB, ENT_TYPE]).tolist():
        # ENT_IOB: 1 inside, 3 begins, 2 outside, 0 unset
        out.append("O" if iob not in (1, 3) else f"{'B' if iob == 3 else 'I'}-{strings[ent_type]}")
    return out


def _batches(items: list[tuple[int, range]], max_tokens: int) -> Iterator[list[tuple[int, range]]]:
    """Consecutive pieces of at most ``max_tokens`` tokens together (a longer one alone)."""
    batch: list[tuple[int, range]] = []
    size = 0
    for item in items:
        if batch and size + len(item[1]) > max_tokens:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[1])
    if batch:
        yield batch
