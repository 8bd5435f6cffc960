"""The pipeline engine: components from a config, run over documents one at a time."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from pipeline.combine import EvidenceCombiner
from pipeline.config import PipelineConfig
from pipeline.consistency import consistent_spans
from pipeline.grammar import lexicon as grammar_lexicon
from pipeline.grammar.docdate import infer_document_date
from pipeline.langid import detect_language
from pipeline.merge import merge_spans
from pipeline.normalise import normalise_spans
from pipeline.registry import Component, get_factory
from pipeline.spans import clean_spans
from pipeline.tokenize import tokenize
from pipeline.types import Document

log = logging.getLogger("pipeline")


class Pipeline:
    """Build once from a config (this loads every model), then call on documents."""

    def __init__(self, config: PipelineConfig) -> None:
        self.config = config
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

    def __call__(self, doc: Document) -> Document:
        if doc.lang is None:
            doc.lang = detect_language(doc.text)
        if not doc.text.strip():
            log.warning("document %s: empty text, no entities", doc.id)
            doc.entities = []
            return doc
        if doc.lang not in self.config.languages:
            log.warning(
                "document %s: language %r is not supported (%s); no entities",
                doc.id,
                doc.lang,
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
        if not doc_date and self.config.infer_doc_date:
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

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)
