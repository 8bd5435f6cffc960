"""Entity-level scores with seqeval (strict IOB2) over one shared tokenization.

The shared tokenization is a fixed regex tokenization of the document text (words,
numbers with internal hyphens or apostrophes, single punctuation marks), refined so
that every gold and predicted span boundary is a token boundary. Gold and prediction
are tagged over the same tokens, so neither side can gain from a tokenizer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from pipeline.iob import keep_labels, spans_to_tags
from pipeline.types import LABELS, MISSION_LABELS, Document, Span

_TOKEN = re.compile(r"\w+(?:[-'’./]\w+)*|[^\w\s]")


def shared_tokens(text: str, span_lists: Iterable[Sequence[Span]]) -> list[tuple[int, int]]:
    """Regex tokens of ``text`` split at every span boundary in ``span_lists``."""
    cuts: set[int] = set()
    for spans in span_lists:
        for s in spans:
            cuts.add(s.start)
            cuts.add(s.end)
    tokens: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text):
        start, end = m.start(), m.end()
        inner = sorted(c for c in cuts if start < c < end)
        for c in inner:
            tokens.append((start, c))
            start = c
        tokens.append((start, end))
    return tokens


def score_sequences(
    y_true: list[list[str]], y_pred: list[list[str]], mode: str | None = "strict"
) -> dict[str, dict[str, float]]:
    """seqeval scores per label plus ``micro`` and ``macro``; ``mode=None`` is seqeval's default.

    Returns ``{label: {precision, recall, f1, support, predicted, correct}}``.
    """
    kwargs: dict[str, Any] = {"output_dict": True, "zero_division": 0}
    if mode == "strict":
        kwargs.update(mode="strict", scheme=IOB2)
    report = classification_report(y_true, y_pred, **kwargs)
    out: dict[str, dict[str, float]] = {}
    for key, vals in report.items():
        name = {"micro avg": "micro", "macro avg": "macro"}.get(key, key)
        if name == "weighted avg":
            continue
        out[name] = {
            "precision": float(vals["precision"]),
            "recall": float(vals["recall"]),
            "f1": float(vals["f1-score"]),
            "support": int(vals["support"]),
        }
    return out


def _block(y_true: list[list[str]], y_pred: list[list[str]], labels: Sequence[str]) -> dict:
    """Micro scores over ``labels`` only (other labels become O on both sides)."""
    t, p = keep_labels(y_true, labels), keep_labels(y_pred, labels)
    if not any(tag != "O" for s in t + p for tag in s):
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    scores = score_sequences(t, p, mode="strict")
    return scores["micro"]


def _label_table(y_true: list[list[str]], y_pred: list[list[str]]) -> dict[str, dict]:
    table = {}
    for label in LABELS:
        table[label] = _block(y_true, y_pred, [label])
    table["micro"] = _block(y_true, y_pred, LABELS)
    present = [table[lab] for lab in LABELS if table[lab]["support"] > 0]
    table["macro"] = {
        k: (sum(r[k] for r in present) / len(present) if present else 0.0)
        for k in ("precision", "recall", "f1")
    } | {"support": sum(r["support"] for r in present)}
    return table


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": gold, "predicted": predicted}


def norm_key(span: Span) -> tuple | None:
    """The part of ``norm`` compared for normalisation accuracy, per label."""
    n = span.norm or {}
    if span.label == "DATE":
        return (n.get("value"),)
    if span.label == "COUNT":
        return (n.get("value"), n.get("mod"), n.get("min"), n.get("max"))
    if span.label in ("PERSON", "PLACE", "ORG"):
        return (n.get("name"),)
    return None


def evaluate_documents(gold_docs: list[Document], pred_docs: list[Document]) -> dict[str, Any]:
    """Score predictions against gold documents (matched by id; gold text is the reference)."""
    preds = {d.id: d for d in pred_docs}
    warnings: list[str] = []
    for d in pred_docs:
        if d.id not in {g.id for g in gold_docs}:
            warnings.append(f"prediction for unknown document '{d.id}' ignored")
    y_true: list[list[str]] = []
    y_pred: list[list[str]] = []
    by_lang: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    per_doc: dict[str, Any] = {}
    span_counts = {lab: [0, 0, 0] for lab in LABELS}  # correct, predicted, gold
    norm_counts = {lab: [0, 0] for lab in LABELS}  # correct, matched
    mismatches: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for g in gold_docs:
        p = preds.get(g.id)
        if p is None:
            warnings.append(f"no prediction for document '{g.id}': scored as empty")
            pred_spans: list[Span] = []
        else:
            pred_spans = [s for s in p.entities if s.label in LABELS]
            unknown = sorted({s.label for s in p.entities if s.label not in LABELS})
            if unknown:
                warnings.append(f"document '{g.id}': ignored predicted labels {', '.join(unknown)}")
        tokens = shared_tokens(g.text, [g.entities, pred_spans])
        t_tags = spans_to_tags(tokens, g.entities)
        p_tags = spans_to_tags(tokens, pred_spans)
        y_true.append(t_tags)
        y_pred.append(p_tags)
        lang = g.lang or "und"
        by_lang[lang][0].append(t_tags)
        by_lang[lang][1].append(p_tags)
        per_doc[g.id] = {
            "lang": lang,
            "headline": _block([t_tags], [p_tags], MISSION_LABELS),
            "org": _block([t_tags], [p_tags], ["ORG"]),
            "per_label": {lab: _block([t_tags], [p_tags], [lab]) for lab in LABELS},
        }
        gold_index = {(s.start, s.end, s.label): s for s in g.entities}
        pred_index = {(s.start, s.end, s.label): s for s in pred_spans}
        for key, gs in gold_index.items():
            span_counts[gs.label][2] += 1
            ps = pred_index.get(key)
            if ps is None:
                errors.append(_error(g, gs, "FN", pred_spans))
                continue
            span_counts[gs.label][0] += 1
            gk, pk = norm_key(gs), norm_key(ps)
            if gk is not None and gs.norm:
                norm_counts[gs.label][1] += 1
                if gk == pk:
                    norm_counts[gs.label][0] += 1
                else:
                    mismatches.append(
                        {
                            "doc": g.id,
                            "start": gs.start,
                            "end": gs.end,
                            "label": gs.label,
                            "text": gs.text,
                            "gold": gs.norm,
                            "pred": ps.norm,
                        }
                    )
        for key, ps in pred_index.items():
            span_counts[ps.label][1] += 1
            if key not in gold_index:
                errors.append(_error(g, ps, "FP", g.entities))
    span_table = {lab: _prf(*span_counts[lab]) for lab in LABELS}
    totals = [sum(span_counts[lab][i] for lab in MISSION_LABELS) for i in range(3)]
    span_table["mission_micro"] = _prf(*totals)
    norm_table = {
        lab: {
            "matched": norm_counts[lab][1],
            "correct": norm_counts[lab][0],
            "accuracy": (norm_counts[lab][0] / norm_counts[lab][1])
            if norm_counts[lab][1]
            else None,
        }
        for lab in LABELS
    }
    return {
        "headline": _block(y_true, y_pred, MISSION_LABELS) | {"labels": list(MISSION_LABELS)},
        "org": _block(y_true, y_pred, ["ORG"]),
        "per_label": _label_table(y_true, y_pred),
        "per_language": {
            lang: {
                "headline": _block(t, p, MISSION_LABELS),
                "org": _block(t, p, ["ORG"]),
                "per_label": {lab: _block(t, p, [lab]) for lab in LABELS},
            }
            for lang, (t, p) in sorted(by_lang.items())
        },
        "per_document": per_doc,
        "span_exact": span_table,
        "normalisation": norm_table,
        "norm_mismatches": mismatches,
        "errors": errors,
        "warnings": warnings,
    }


def _error(doc: Document, span: Span, kind: str, others: Sequence[Span]) -> dict[str, Any]:
    """An FP or FN record; an overlapping span on the other side makes it a boundary/label error."""
    overlap = [o for o in others if o.start < span.end and span.start < o.end]
    if overlap:
        o = overlap[0]
        kind = kind + ("-label" if (o.start, o.end) == (span.start, span.end) else "-boundary")
    left = max(0, span.start - 40)
    return {
        "doc": doc.id,
        "kind": kind,
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "text": span.text,
        "context": doc.text[left : min(len(doc.text), span.end + 40)].replace("\n", " "),
        "other": [
            {"start": o.start, "end": o.end, "label": o.label, "text": o.text} for o in overlap
        ],
    }
