"""The pipeline engine: components from a config, run over documents one at a time."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.combine import EvidenceCombiner
from pipeline.config import PipelineConfig
from pipeline.consistency import consistent_spans
from pipeline.grammar import lexicon as grammar_lexicon
from pipeline.grammar.docdate import infer_document_date
from pipeline.langid import (
    Segment,
    detect_segments,
    language_name,
    main_language,
    normalise_code,
)
from pipeline.merge import merge_spans
from pipeline.normalise import normalise_spans
from pipeline.registry import Component, get_factory
from pipeline.spans import clean_spans
from pipeline.startup import import_spacy
from pipeline.tokenize import tokenize
from pipeline.types import Document

log = logging.getLogger("pipeline")


def config_needs_torch(config: PipelineConfig) -> bool:
    """Whether a component of the config needs PyTorch (its ``needs_torch``: a flag, or a
    function of its settings)."""
    for comp in config.components:
        needs = getattr(get_factory(comp.name), "needs_torch", False)
        if callable(needs):
            needs = needs(**comp.settings)
        if needs:
            return True
    return False


class Pipeline:
    """Build once from a config (this checks every model and loads each when the first
    document in its language arrives), then call on documents or texts."""

    def __init__(self, config: PipelineConfig) -> None:
        self.config = config
        import_spacy(torch_needed=config_needs_torch(config))
        self.components: list[Component] = []
        # component index → language → labels it may propose (see labels_by_language)
        self.allowed_labels: list[dict[str, set[str]]] = []
        for comp in config.components:
            factory = get_factory(comp.name)
            instance = factory(**comp.settings)
            instance.name = comp.name
            self.components.append(instance)
            self.allowed_labels.append({k: set(v) for k, v in comp.labels_by_language.items()})
        self.combiner: EvidenceCombiner | None = None
        if config.merge_policy == "evidence":
            self.combiner = EvidenceCombiner(**config.merge_evidence)

    def __call__(
        self,
        doc: Document | str,
        lang: str | None = None,
        *,
        id: str = "",
        meta: dict[str, Any] | None = None,
    ) -> Document:
        """Extract the entities of a document (or of a text: ``nlp("...", lang="kk")``).

        A given ``lang`` holds for the whole text (``KK``, ``kk-KZ`` and ``kaz`` are
        ``kk``); without one each paragraph is processed in the language detected for it,
        and ``doc.langs`` lists the stretches when there is more than one. ``meta`` may
        carry the document's ``date`` for resolving relative dates."""
        if isinstance(doc, str):
            doc = Document(id, doc, lang, dict(meta or {}))
        elif lang is not None:
            doc.lang = lang
        if doc.lang is not None:
            doc.lang = normalise_code(doc.lang)
            return self._extract(doc)
        segments = detect_segments(doc.text)
        doc.lang = main_language(segments)
        if len(segments) < 2:
            return self._extract(doc)
        return self._extract_mixed(doc, segments)

    def _extract_mixed(self, doc: Document, segments: list[Segment]) -> Document:
        """Each segment on its own in its language; spans shifted back to document offsets.
        The document's date (given, or read from the top of the whole text) holds for
        every segment."""
        meta = dict(doc.meta)
        if not meta.get("date") and not self.config.doc_date and self.config.infer_doc_date:
            inferred = self._infer_date(doc)
            if inferred:
                meta["date"] = inferred
        entities = []
        for seg in segments:
            if seg.lang not in self.config.languages:
                log.warning(
                    "document %s: characters %d-%d are in %s (%r), which is not supported "
                    "(%s); no entities there",
                    doc.id,
                    seg.start,
                    seg.end,
                    language_name(seg.lang),
                    seg.lang,
                    ", ".join(self.config.languages),
                )
                continue
            part = Document(doc.id, doc.text[seg.start : seg.end], seg.lang, meta)
            for span in self._extract(part, infer_date=False).entities:
                span.start += seg.start
                span.end += seg.start
                entities.append(span)
        doc.entities = entities
        doc.langs = [seg.to_dict() for seg in segments]
        return doc

    def _extract(self, doc: Document, infer_date: bool = True) -> Document:
        if not doc.text.strip():
            log.warning("document %s: empty text, no entities", doc.id)
            doc.entities = []
            return doc
        if doc.lang not in self.config.languages:
            log.warning(
                "document %s: language %r (%s) is not supported (%s); no entities",
                doc.id,
                doc.lang,
                language_name(doc.lang),
                ", ".join(self.config.languages),
            )
            doc.entities = []
            return doc
        tokens = tokenize(doc.text, doc.lang)
        proposals = []
        for comp, allowed in zip(self.components, self.allowed_labels, strict=True):
            keep = allowed.get(doc.lang)
            for span in comp.propose(doc, tokens):
                if keep is not None and span.label not in keep:
                    continue
                span.source = span.source or comp.name
                proposals.append(span)
        # Every component's spans, whatever it is: no invisible edges, no split characters.
        proposals = clean_spans(doc.text, proposals)
        order = self.config.merge_order_by_language.get(doc.lang, self.config.merge_order)
        if self.combiner is not None:
            merged = self.combiner.combine(doc, proposals, order)
        else:
            merged = merge_spans(proposals, self.config.merge_policy, order)
        # document-level pass over the merged names (pipeline.consistency)
        if self.config.consistency is not None:
            merged = consistent_spans(doc.text, merged, doc.lang, tokens, self.config.consistency)
        doc_date = doc.meta.get("date") or self.config.doc_date
        if not doc_date and infer_date and self.config.infer_doc_date:
            doc_date = self._infer_date(doc)
        doc.entities = normalise_spans(merged, doc.lang, doc_date, self.config.normalise)
        return doc

    def _infer_date(self, doc: Document) -> str | None:
        """The date stated at the top of the document, recorded in ``meta.date_inferred``."""
        lex = grammar_lexicon(doc.lang)
        inferred = infer_document_date(doc.text, lex) if lex is not None else None
        if inferred is None:
            return None
        doc.meta["date_inferred"] = inferred.to_meta()
        return inferred.date

    def pipe(self, docs: Iterable[Document | str], lang: str | None = None) -> Iterator[Document]:
        """Documents (or texts, whose ids are their positions: "0", "1", ...) one by one."""
        for i, doc in enumerate(docs):
            yield self(doc, lang, id=str(i)) if isinstance(doc, str) else self(doc, lang)
