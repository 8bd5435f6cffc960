"""Scoring predictions against the gold set (seqeval strict IOB2, spans, normalisation)."""

from pipeline.evaluation.scoring import evaluate_documents, score_sequences

__all__ = ["evaluate_documents", "score_sequences"]
