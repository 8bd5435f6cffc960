"""A whole pipeline scored on a training config's split (``python -m pipeline heldout``,
``benchmarks/quality.py``).

The split is the one the training config sets aside by its seed and never trains on
(e.g. 10% of KazNERD for ``configs/train/kk-spacy.yaml``), so models shipped from that
config are measured on sentences they did not see. Each sentence becomes a document
(tokens joined by spaces); the pipeline's spans are mapped back to the tokens and scored
with seqeval (strict IOB2) over the config's ``score_labels``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline.evaluation.scoring import score_sequences
from pipeline.iob import keep_labels, spans_to_tags
from pipeline.training.config import TrainConfig
from pipeline.training.sources import dataset_tags
from pipeline.types import Document


def sentence_document(
    sid: str, tokens: list[str], lang: str
) -> tuple[Document, list[tuple[int, int]]]:
    """A document of ``tokens`` joined by single spaces, with each token's offsets."""
    offsets, pos = [], 0
    for tok in tokens:
        offsets.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return Document(sid, " ".join(tokens), lang), offsets


def score_pipeline(
    pipeline: Callable[[Document], Document],
    ids: list[str],
    tokens: list[list[str]],
    gold: list[list[str]],
    lang: str,
    labels: list[str],
) -> dict[str, Any]:
    pred: list[list[str]] = []
    for sid, toks in zip(ids, tokens, strict=True):
        doc, offsets = sentence_document(sid, toks, lang)
        pred.append(spans_to_tags(offsets, pipeline(doc).entities))
    g, p = keep_labels(gold, labels), keep_labels(pred, labels)
    scores = score_sequences(g, p, mode="strict")
    return {lab: scores.get(lab) for lab in [*labels, "micro"] if scores.get(lab)}


def score_split(
    pipeline: Callable[[Document], Document], split: Any, tcfg: TrainConfig
) -> dict[str, Any]:
    """Scores of ``pipeline`` on one split (a dataset from ``prepare_data``) of ``tcfg``'s
    data, over its ``score_labels``."""
    return score_pipeline(
        pipeline,
        list(split["id"]),
        list(split["tokens"]),
        dataset_tags(split),
        tcfg.lang,
        tcfg.score_labels,
    )
