"""Render an evaluation result as one self-contained HTML page (``report.html``).

The page is a set of Jinja2 templates (package data under ``templates/``: the page
``report.html``, its sections ``sections.html``, small pieces ``macros.html``, with
``report.css`` and ``report.js``), rendered with autoescaping: this module only prepares
plain data for them: headline figures, score tables, a label confusion table, every
document with gold and predicted entities marked side by side (displaCy style), a
sortable error list and the provenance of the run. The SVG charts come from
:mod:`pipeline.evaluation.charts`. Nothing is fetched from the network when the page is
opened.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from pipeline.evaluation.charts import (
    data_value,
    render_f1_chart,
    svg_normalisation,
    svg_precision_recall,
)
from pipeline.io import write_text_atomic
from pipeline.provenance import Provenance, package_version
from pipeline.types import LABELS, MISSION_LABELS, Document, Span

HTML_NAME = "report.html"
NONE = "none"
_KIND_STATUS = {
    "FN": "fn",
    "FP": "fp",
    "FN-label": "label",
    "FP-label": "label",
    "FN-boundary": "boundary",
    "FP-boundary": "boundary",
}
_STATUS_WORDS = {
    "tp": "correct",
    "fn": "missed (false negative)",
    "fp": "spurious (false positive)",
    "label": "wrong label (same offsets, other label)",
    "boundary": "wrong boundary (overlaps a span with other offsets)",
}
_CLASS_SAFE = re.compile(r"[^A-Za-z0-9_-]")


# --------------------------------------------------------------------------- templates


def load_template(name: str) -> str:
    """The text of a package data file under ``pipeline/evaluation/templates/``."""
    base = resources.files("pipeline.evaluation").joinpath("templates")
    return base.joinpath(name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- analysis


def span_statuses(result: dict[str, Any]) -> dict[tuple[str, str, int, int, str], str]:
    """``(doc, side, start, end, label) -> tp|fn|fp|label|boundary`` from the error list.

    A span that is not in ``result["errors"]`` is correct (``tp``), so the page always
    agrees with report.json.
    """
    out: dict[tuple[str, str, int, int, str], str] = {}
    for e in result.get("errors", []):
        side = "gold" if str(e["kind"]).startswith("FN") else "pred"
        status = _KIND_STATUS.get(e["kind"], "fn" if side == "gold" else "fp")
        out[(e["doc"], side, int(e["start"]), int(e["end"]), e["label"])] = status
    return out


def pair_spans(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int | None, int | None]]:
    """Pair gold and predicted spans one-to-one on overlap.

    Same offsets pair first, then the largest overlap, then the same label. Unpaired
    spans come back as ``(i, None)`` (missed) or ``(None, j)`` (spurious).
    """
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0 or (g.start, g.end) == (p.start, p.end):
                exact = (g.start, g.end) == (p.start, p.end)
                candidates.append((not exact, -overlap, g.label != p.label, g.start, p.start, i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int | None, int | None]] = []
    for *_, i, j in candidates:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    pairs += [(i, None) for i in range(len(gold)) if i not in used_g]
    pairs += [(None, j) for j in range(len(pred)) if j not in used_p]
    return pairs


def confusion_matrix(gold_docs: Sequence[Document], pred_docs: Sequence[Document]) -> dict:
    """Gold label x predicted label counts over paired spans, with a ``none`` row and column.

    Returns ``{"labels": [...], "counts": {gold: {pred: n}}, "exact": {gold: {pred: n}}}``
    where ``exact`` counts only pairs with the same offsets. Predictions for documents
    that are not in the gold set are ignored, as in scoring.
    """
    preds = {d.id: d for d in pred_docs}
    gold_ids = {d.id for d in gold_docs}
    seen = {s.label for d in gold_docs for s in d.entities}
    seen |= {s.label for d in pred_docs if d.id in gold_ids for s in d.entities}
    labels = [*LABELS, *sorted(seen - set(LABELS)), NONE]
    counts = {g: dict.fromkeys(labels, 0) for g in labels}
    exact = {g: dict.fromkeys(labels, 0) for g in labels}
    for doc in gold_docs:
        pred = preds[doc.id].entities if doc.id in preds else []
        for i, j in pair_spans(doc.entities, pred):
            g = doc.entities[i] if i is not None else None
            p = pred[j] if j is not None else None
            gl = g.label if g is not None else NONE
            pl = p.label if p is not None else NONE
            counts[gl][pl] += 1
            if g is not None and p is not None and (g.start, g.end) == (p.start, p.end):
                exact[gl][pl] += 1
    return {"labels": labels, "counts": counts, "exact": exact}


# --------------------------------------------------------------------------- templates


def _cell_text(value: Any, digits: int = 3) -> str:
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _bar_width(value: float) -> str:
    return f"{max(0.0, min(1.0, float(value))):.4f}"


def _label_class(label: str) -> str:
    return "ent-" + _CLASS_SAFE.sub("_", label)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The report's templates (package data), every value escaped unless marked safe."""
    env = Environment(
        loader=PackageLoader("pipeline.evaluation", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        cell_text=_cell_text,
        bar_width=_bar_width,
        data_value=data_value,
        label_class=_label_class,
        class_safe=lambda value: _CLASS_SAFE.sub("_", str(value)),
    )
    env.globals["PRF_HEAD"] = [
        ("precision", "num"),
        ("recall", "num"),
        ("F1", "num"),
        ("support", "num"),
    ]
    return env


def _span_ref(s: dict[str, Any] | Span) -> str:
    d = s.to_dict() if isinstance(s, Span) else s
    return f"{d['label']} [{d['start']}:{d['end']}] “{d.get('text', '')}”"


def _kind_counts(k: Counter) -> dict[str, int]:
    """Error counts by what the page shows: missed, spurious, wrong label, wrong boundary."""
    return {
        "FN": k["FN"],
        "FP": k["FP"],
        "label": k["FN-label"] + k["FP-label"],
        "boundary": k["FN-boundary"] + k["FP-boundary"],
    }


# --------------------------------------------------------------------------- headline & tables


def headline_view(result: dict[str, Any], n_docs: int, n_gold: int, n_pred: int) -> dict:
    """The figures of the headline cards."""
    h = result["headline"]
    return {
        "labels": ", ".join(h.get("labels", MISSION_LABELS)),
        "main": h,
        "org": result["org"],
        "exact": result.get("span_exact", {}).get("mission_micro"),
        "n_docs": n_docs,
        "n_gold": n_gold,
        "n_pred": n_pred,
        "kinds": _kind_counts(Counter(e["kind"] for e in result.get("errors", []))),
    }


def label_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    per_label = result["per_label"]
    return [
        {"name": lab, "is_label": lab in LABELS, "scores": per_label[lab]}
        for lab in (*LABELS, "micro", "macro")
        if lab in per_label
    ]


def language_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per language, then the total (``lang`` None)."""
    rows = [
        {"lang": lang, "headline": r["headline"], "org_f1": r["org"]["f1"]}
        for lang, r in result.get("per_language", {}).items()
    ]
    rows.append({"lang": None, "headline": result["headline"], "org_f1": result["org"]["f1"]})
    return rows


def span_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"name": lab, "is_label": lab in LABELS, "scores": r}
        for lab, r in result.get("span_exact", {}).items()
    ]


def document_rows(result: dict[str, Any], doc_anchor: dict[str, str]) -> list[dict[str, Any]]:
    kinds: dict[str, Counter] = {}
    for e in result.get("errors", []):
        kinds.setdefault(e["doc"], Counter())[e["kind"]] += 1
    return [
        {
            "doc": doc_id,
            "anchor": doc_anchor.get(doc_id),
            "lang": r.get("lang", ""),
            "headline": r["headline"],
            "org_f1": r["org"]["f1"],
            "kinds": _kind_counts(kinds.get(doc_id, Counter())),
        }
        for doc_id, r in result.get("per_document", {}).items()
    ]


def confusion_view(matrix: dict[str, Any]) -> dict[str, Any]:
    """The confusion table's cells: class, shade, count and hover text."""
    labels = matrix["labels"]
    counts, exact = matrix["counts"], matrix["exact"]
    off = [counts[g][p] for g in labels for p in labels if g != p]
    diag = [counts[g][g] for g in labels if g != NONE]
    max_off, max_diag = max(off, default=0) or 1, max(diag, default=0) or 1
    rows = []
    for g in labels:
        cells = []
        for p in labels:
            n = counts[g][p]
            if g == NONE and p == NONE:
                cells.append({"title": None})
                continue
            if n == 0:
                cls, alpha = "zero", 0.0
            elif g == p:
                cls, alpha = "diag", 0.15 + 0.55 * n / max_diag
            else:
                cls, alpha = "off", 0.12 + 0.55 * n / max_off
            title = f"gold {g} / predicted {p}: {n}"
            if g != NONE and p != NONE:
                title += f" (same offsets: {exact[g][p]})"
            cells.append({"cls": cls, "alpha": alpha, "pred": p, "count": n, "title": title})
        rows.append({"gold": g, "cells": cells, "total": sum(counts[g].values())})
    totals = [sum(counts[g][p] for g in labels) for p in labels]
    return {"labels": labels, "rows": rows, "column_totals": totals}


def norm_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"label": lab, **r} for lab, r in result.get("normalisation", {}).items()]


def mismatch_rows(result: dict[str, Any], mark_ids: dict[tuple, str]) -> list[dict[str, Any]]:
    return [
        {
            "doc": m["doc"],
            "label": m["label"],
            "text": m.get("text", ""),
            "mark": mark_ids.get((m["doc"], "gold", m["start"], m["end"], m["label"])),
            "start": m["start"],
            "gold": json.dumps(m.get("gold"), ensure_ascii=False),
            "pred": json.dumps(m.get("pred"), ensure_ascii=False),
        }
        for m in result.get("norm_mismatches", [])
    ]


def _context(doc: Document | None, e: dict[str, Any], width: int = 40) -> str | tuple:
    """The text around an error: (before, span, after), or the error's own context."""
    if doc is None or not doc.text or e["end"] > len(doc.text):
        return str(e.get("context", ""))
    t, s, en = doc.text, int(e["start"]), int(e["end"])
    left, right = max(0, s - width), min(len(t), en + width)

    def flat(x: str) -> str:
        return x.replace("\r", " ").replace("\n", " ")

    pre = ("…" if left > 0 else "") + flat(t[left:s])
    post = flat(t[en:right]) + ("…" if right < len(t) else "")
    return (pre, flat(t[s:en]), post)


def error_rows(
    result: dict[str, Any], docs: dict[str, Document], mark_ids: dict[tuple, str]
) -> list[dict[str, Any]]:
    rows = []
    for n, e in enumerate(result.get("errors", []), start=1):
        side = "gold" if e["kind"].startswith("FN") else "pred"
        rows.append(
            {
                "n": n,
                "kind": e["kind"],
                "doc": e["doc"],
                "label": e["label"],
                "text": e.get("text", ""),
                "mark": mark_ids.get((e["doc"], side, e["start"], e["end"], e["label"])),
                "start": e["start"],
                "end": e["end"],
                "context": _context(docs.get(e["doc"]), e),
                "other": [_span_ref(o) for o in e.get("other", [])],
            }
        )
    return rows


def error_kinds(result: dict[str, Any]) -> list[tuple[str, int]]:
    """The kinds of the error filter, with their counts (kinds without errors left out)."""
    kinds = Counter(e["kind"] for e in result.get("errors", []))
    order = ("FN", "FP", "FN-label", "FP-label", "FN-boundary", "FP-boundary")
    return [(k, kinds[k]) for k in order if kinds[k]]


# --------------------------------------------------------------------------- documents


@dataclass
class _Node:
    span: Span
    children: list[_Node] = field(default_factory=list)


def layout_spans(spans: Sequence[Span], length: int) -> tuple[list[_Node], list[Span]]:
    """Nest spans (a span inside another becomes its child); return roots and unplaceable spans.

    Unplaceable: out of the text's range, reversed, or crossing another span's boundary.
    """
    roots: list[_Node] = []
    stack: list[_Node] = []
    unplaced: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end, s.label)):
        if s.start < 0 or s.end > length or s.start > s.end:
            unplaced.append(s)
            continue
        while stack and stack[-1].span.end <= s.start:
            stack.pop()
        if stack and s.end > stack[-1].span.end:
            unplaced.append(s)
            continue
        node = _Node(s)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots, unplaced


def _segments(text: str, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """Paragraph ranges: cut after each run of newlines that no span crosses."""
    n = len(text)
    diff = [0] * (n + 2)
    for s in spans:
        a, b = max(0, s.start), min(n, s.end)
        if a + 1 < b:
            diff[a + 1] += 1
            diff[b] -= 1
    cuts = [0]
    depth = 0
    for x in range(1, n):
        depth += diff[x]
        if depth == 0 and text[x - 1] == "\n" and text[x] not in "\r\n":
            cuts.append(x)
    cuts.append(n)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a] or [(0, n)]


class _DocRenderer:
    """Builds the documents' view: marks (with ids, statuses, hover text) and the text
    between them, nested as the spans nest."""

    def __init__(self, result: dict[str, Any]) -> None:
        self.statuses = span_statuses(result)
        self.headlines = {
            doc_id: r.get("headline", {}) for doc_id, r in result.get("per_document", {}).items()
        }
        self.mark_ids: dict[tuple, str] = {}
        self._count = 0

    def mark(self, doc: Document, side: str, s: Span, others: Sequence[Span]) -> dict[str, Any]:
        key = (doc.id, side, s.start, s.end, s.label)
        status = self.statuses.get(key, "tp")
        self._count += 1
        mid = f"m{self._count}"
        self.mark_ids.setdefault(key, mid)
        lines = [f"{side}: {s.label} [{s.start}:{s.end}] — {_STATUS_WORDS.get(status, status)}"]
        for o in others:
            if o.start < s.end and s.start < o.end:
                lines.append(("predicted: " if side == "gold" else "gold: ") + _span_ref(o))
        if s.norm:
            lines.append("norm: " + json.dumps(s.norm, ensure_ascii=False))
        if side == "pred" and s.source:
            lines.append(f"source: {s.source} (score {s.score:g})")
        return {
            "id": mid,
            "doc": doc.id,
            "side": side,
            "start": s.start,
            "end": s.end,
            "label": s.label,
            "status": status,
            "title": "\n".join(lines),
            "text": s.text,
        }

    def pieces(
        self, doc: Document, side: str, nodes: list[_Node], lo: int, hi: int, others: Sequence[Span]
    ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        pos, t = lo, doc.text
        for node in nodes:
            s = node.span
            if s.start > pos:
                out.append({"text": t[pos : s.start]})
            mark = self.mark(doc, side, s, others)
            children = self.pieces(doc, side, node.children, s.start, s.end, others)
            out.append({"mark": mark, "children": children})
            pos = max(pos, s.end)
        if hi > pos:
            out.append({"text": t[pos:hi]})
        return out

    def document(
        self, index: int, doc: Document, pred: Document | None, kinds: Counter
    ) -> dict[str, Any]:
        pred_spans = pred.entities if pred is not None else []
        text = doc.text
        g_roots, g_unplaced = layout_spans(doc.entities, len(text))
        p_roots, p_unplaced = layout_spans(pred_spans, len(text))
        placed = [n.span for n in (*g_roots, *p_roots)]
        segments = []
        for a, b in _segments(text, placed) if text else []:
            g_in = [n for n in g_roots if a <= n.span.start and n.span.end <= b]
            p_in = [n for n in p_roots if a <= n.span.start and n.span.end <= b]
            shown = a + len(text[a:b].rstrip("\r\n"))
            shown = max([shown, *(n.span.end for n in (*g_in, *p_in))])
            for side, nodes, others in (("gold", g_in, pred_spans), ("pred", p_in, doc.entities)):
                pieces = self.pieces(doc, side, nodes, a, shown, others)
                segments.append({"side": side, "start": a, "pieces": pieces})
        unplaced = [
            self.mark(doc, side, s, others)
            for side, spans, others in (
                ("gold", g_unplaced, pred_spans),
                ("pred", p_unplaced, doc.entities),
            )
            for s in spans
        ]
        h = self.headlines.get(doc.id, {})
        counts = _kind_counts(kinds)
        pills = [
            {"cls": cls, "word": word, "n": counts[key]}
            for cls, word, key in (
                ("fn", "missed", "FN"),
                ("fp", "spurious", "FP"),
                ("label", "label", "label"),
                ("boundary", "boundary", "boundary"),
            )
            if counts[key]
        ]
        return {
            "anchor": f"doc-{index}",
            "id": doc.id,
            "lang": doc.lang or "",
            "f1": f"F1 {h['f1']:.3f}" if "f1" in h else "",
            "counts": f"{len(doc.entities)} gold · {len(pred_spans)} predicted",
            "pills": pills,
            "has_pred": pred is not None,
            "empty": not text,
            "segments": segments,
            "unplaced": unplaced,
        }


def document_views(
    result: dict[str, Any], gold_docs: Sequence[Document], pred_docs: Sequence[Document]
) -> tuple[list[dict[str, Any]], dict[tuple, str], dict[str, str]]:
    """All documents, gold and predicted side by side; also the mark and document anchors."""
    renderer = _DocRenderer(result)
    preds = {d.id: d for d in pred_docs}
    kinds: dict[str, Counter] = {}
    for e in result.get("errors", []):
        kinds.setdefault(e["doc"], Counter())[e["kind"]] += 1
    views, anchors = [], {}
    for index, doc in enumerate(gold_docs, start=1):
        views.append(renderer.document(index, doc, preds.get(doc.id), kinds.get(doc.id, Counter())))
        anchors[doc.id] = f"doc-{index}"
    return views, renderer.mark_ids, anchors


# --------------------------------------------------------------------------- page


def render_html(
    result: dict[str, Any],
    gold_docs: Sequence[Document],
    pred_docs: Sequence[Document],
    *,
    provenance: Provenance | None = None,
    title: str = "Evaluation report",
) -> str:
    """The whole page as a string: inline CSS, JS and SVG, every text escaped."""
    css, js = load_template("report.css"), load_template("report.js")
    if "</style" in css.lower() or "</script" in js.lower():
        raise ValueError("report template CSS/JS must not close its own element")
    documents, mark_ids, anchors = document_views(result, gold_docs, pred_docs)
    gold_ids = {d.id for d in gold_docs}
    n_gold = sum(len(d.entities) for d in gold_docs)
    n_pred = sum(len(d.entities) for d in pred_docs if d.id in gold_ids)
    subtitle = [f"{len(gold_docs)} documents"]
    if provenance is not None:
        subtitle += [f"{role}: {path}" for role, path, _ in provenance.inputs]
        subtitle.append(f"generated {provenance.generated}")
    page = environment().get_template("report.html")
    return page.render(
        title=title,
        subtitle=" · ".join(subtitle),
        generator=package_version(),
        css=css,
        js=js,
        headline=headline_view(result, len(gold_docs), n_gold, n_pred),
        warnings=result.get("warnings") or [],
        # the charts escape their own texts (pipeline.evaluation.charts)
        charts={
            "f1": Markup(render_f1_chart(result)),
            "pr": Markup(svg_precision_recall(result)),
            "norm": Markup(svg_normalisation(result)),
        },
        label_rows=label_rows(result),
        language_rows=language_rows(result),
        span_rows=span_rows(result),
        document_rows=document_rows(result, anchors),
        confusion=confusion_view(confusion_matrix(gold_docs, pred_docs)),
        documents=documents,
        error_kinds=error_kinds(result),
        error_rows=error_rows(result, {d.id: d for d in gold_docs}, mark_ids),
        norm_rows=norm_rows(result),
        mismatch_rows=mismatch_rows(result, mark_ids),
        provenance=provenance,
    )


def write_html_report(
    result: dict[str, Any],
    gold_docs: Sequence[Document],
    pred_docs: Sequence[Document],
    directory: str | Path,
    *,
    provenance: Provenance | None = None,
    title: str = "Evaluation report",
) -> Path:
    """Write ``report.html`` into ``directory`` atomically; return its path."""
    path = Path(directory) / HTML_NAME
    page = render_html(result, gold_docs, pred_docs, provenance=provenance, title=title)
    write_text_atomic(path, page)
    return path
