"""Render an evaluation result as one self-contained HTML page (``report.html``).

The page skeleton, CSS and JavaScript are package data under ``templates/``; this module
fills the skeleton with escaped fragments: headline figures, score tables, inline SVG
charts, a label confusion table, every document with gold and predicted entities marked
side by side (displaCy style), a sortable error list and the provenance of the run.
Nothing is fetched from the network when the page is opened.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from pipeline.evaluation.charts import (
    data_value,
    esc,
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


# --------------------------------------------------------------------------- small pieces


def _label_class(label: str) -> str:
    return "ent-" + _CLASS_SAFE.sub("_", label)


def _num(value: Any, digits: int = 3, bar: bool = False, cls: str = "num") -> str:
    if value is None:
        return f'<td class="{cls}" data-sort="">n/a</td>'
    if isinstance(value, float):
        text = f"{value:.{digits}f}"
    else:
        text = str(value)
    style = ""
    if bar and isinstance(value, int | float):
        cls += " bar"
        style = f' style="--v:{max(0.0, min(1.0, float(value))):.4f}"'
    return f'<td class="{cls}"{style} data-sort="{esc(value)}">{esc(text)}</td>'


def _table(
    headers: Sequence[str | tuple[str, str]],
    rows: Sequence[str],
    *,
    cls: str = "",
    table_id: str = "",
    empty: str = "nothing to show",
) -> str:
    if not rows:
        return f'<p class="empty">{esc(empty)}</p>'
    heads = []
    for h in headers:
        name, hcls = (h, "") if isinstance(h, str) else h
        heads.append(
            f'<th class="{hcls}" scope="col">{esc(name)}</th>' if hcls else f"<th>{esc(name)}</th>"
        )
    attrs = (f' id="{esc(table_id)}"' if table_id else "") + (f' class="{esc(cls)}"' if cls else "")
    return (
        f"<table{attrs}><thead><tr>{''.join(heads)}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _prf_cells(r: dict[str, Any]) -> str:
    return (
        _num(r.get("precision", 0.0), bar=True)
        + _num(r.get("recall", 0.0), bar=True)
        + _num(r.get("f1", 0.0), bar=True)
        + _num(r.get("support", 0))
    )


def _figure(element_id: str, value: Any, digits: int = 3) -> str:
    text = f"{value:.{digits}f}" if isinstance(value, float) else str(value)
    return f'<span id="{esc(element_id)}" data-value="{esc(data_value(value))}">{esc(text)}</span>'


def _span_ref(s: dict[str, Any] | Span) -> str:
    d = s.to_dict() if isinstance(s, Span) else s
    return f"{d['label']} [{d['start']}:{d['end']}] “{d.get('text', '')}”"


# --------------------------------------------------------------------------- headline & tables


def render_headline(result: dict[str, Any], n_docs: int, n_gold: int, n_pred: int) -> str:
    """Headline cards; every figure has an id and ``data-value`` equal to report.json."""
    h, o = result["headline"], result["org"]
    ex = result.get("span_exact", {}).get("mission_micro")
    kinds = Counter(e["kind"] for e in result.get("errors", []))
    labels = ", ".join(h.get("labels", MISSION_LABELS))
    cards = [
        '<div class="card main">'
        f'<div class="k">Headline micro-F1 · {esc(labels)}</div>'
        f'<div class="big">{_figure("headline-f1", h["f1"])}</div>'
        f'<div class="small">precision <b>{_figure("headline-precision", h["precision"])}</b>'
        f" · recall <b>{_figure('headline-recall', h['recall'])}</b>"
        f" · support <b>{_figure('headline-support', h['support'])}</b></div>"
        '<div class="small">seqeval, strict IOB2, one shared tokenization</div></div>',
        '<div class="card">'
        '<div class="k">ORG F1 · scored on its own</div>'
        f'<div class="big">{_figure("org-f1", o["f1"])}</div>'
        f'<div class="small">precision <b>{_figure("org-precision", o["precision"])}</b>'
        f" · recall <b>{_figure('org-recall', o['recall'])}</b>"
        f" · support <b>{_figure('org-support', o['support'])}</b></div></div>",
    ]
    if ex is not None:
        cards.append(
            '<div class="card">'
            f'<div class="k">Exact character spans · {esc(labels)}</div>'
            f'<div class="big">{_figure("exact-f1", ex["f1"])}</div>'
            f'<div class="small">precision <b>{_figure("exact-precision", ex["precision"])}</b>'
            f" · recall <b>{_figure('exact-recall', ex['recall'])}</b></div></div>"
        )
    cards.append(
        '<div class="card">'
        '<div class="k">Data</div>'
        f'<div class="small"><b>{n_docs}</b> documents · <b>{n_gold}</b> gold · '
        f"<b>{n_pred}</b> predicted entities</div>"
        f'<div class="small">missed <b>{kinds["FN"]}</b> · spurious <b>{kinds["FP"]}</b></div>'
        f'<div class="small">wrong label <b>{kinds["FN-label"] + kinds["FP-label"]}</b>'
        f" · wrong boundary <b>{kinds['FN-boundary'] + kinds['FP-boundary']}</b></div></div>"
    )
    return f'<div class="cards">{"".join(cards)}</div>'


def render_warnings(result: dict[str, Any]) -> str:
    warnings = result.get("warnings") or []
    if not warnings:
        return ""
    items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
    return f'<div class="warnings" id="warnings"><b>Warnings</b><ul>{items}</ul></div>'


_PRF_HEAD = [("precision", "num"), ("recall", "num"), ("F1", "num"), ("support", "num")]


def render_label_table(result: dict[str, Any]) -> str:
    rows = []
    per_label = result["per_label"]
    for lab in (*LABELS, "micro", "macro"):
        if lab not in per_label:
            continue
        total = ' class="total"' if lab in ("micro", "macro") else ""
        name = (
            f'<mark class="ent {_label_class(lab)} swatch">{esc(lab)}</mark>'
            if lab in LABELS
            else esc(lab)
        )
        rows.append(
            f'<tr{total} data-label="{esc(lab)}"><th scope="row">{name}</th>{_prf_cells(per_label[lab])}</tr>'
        )
    return _table(["label", *_PRF_HEAD], rows, table_id="label-table")


def render_language_table(result: dict[str, Any]) -> str:
    rows = []
    for lang, r in result.get("per_language", {}).items():
        rows.append(
            f'<tr data-lang="{esc(lang)}"><th scope="row">{esc(lang)}</th>'
            f"{_prf_cells(r['headline'])}{_num(r['org']['f1'], bar=True)}</tr>"
        )
    rows.append(
        f'<tr class="total"><th scope="row">all</th>{_prf_cells(result["headline"])}'
        f"{_num(result['org']['f1'], bar=True)}</tr>"
    )
    return _table(["language", *_PRF_HEAD, ("ORG F1", "num")], rows, table_id="language-table")


def render_span_table(result: dict[str, Any]) -> str:
    rows = []
    for lab, r in result.get("span_exact", {}).items():
        total = ' class="total"' if lab not in LABELS else ""
        rows.append(
            f'<tr{total}><th scope="row">{esc(lab)}</th>'
            + _num(r["precision"], bar=True)
            + _num(r["recall"], bar=True)
            + _num(r["f1"], bar=True)
            + _num(r["support"])
            + _num(r["predicted"])
            + "</tr>"
        )
    head = ["label", ("precision", "num"), ("recall", "num"), ("F1", "num")]
    return _table([*head, ("gold", "num"), ("predicted", "num")], rows, table_id="span-table")


def render_document_table(result: dict[str, Any], doc_anchor: dict[str, str]) -> str:
    kinds: dict[str, Counter] = {}
    for e in result.get("errors", []):
        kinds.setdefault(e["doc"], Counter())[e["kind"]] += 1
    rows = []
    for doc_id, r in result.get("per_document", {}).items():
        k = kinds.get(doc_id, Counter())
        anchor = doc_anchor.get(doc_id)
        name = f'<a class="jump" href="#{anchor}">{esc(doc_id)}</a>' if anchor else esc(doc_id)
        rows.append(
            f'<tr data-doc="{esc(doc_id)}"><td data-sort="{esc(doc_id)}">{name}</td>'
            f"<td>{esc(r.get('lang', ''))}</td>{_prf_cells(r['headline'])}"
            f"{_num(r['org']['f1'], bar=True)}{_num(k['FN'])}{_num(k['FP'])}"
            f"{_num(k['FN-label'] + k['FP-label'])}{_num(k['FN-boundary'] + k['FP-boundary'])}</tr>"
        )
    head = ["document", "lang", *_PRF_HEAD, ("ORG F1", "num"), ("missed", "num")]
    head += [("spurious", "num"), ("label", "num"), ("boundary", "num")]
    return _table(head, rows, cls="sortable", table_id="document-table")


def render_confusion(matrix: dict[str, Any]) -> str:
    labels = matrix["labels"]
    counts, exact = matrix["counts"], matrix["exact"]
    off = [counts[g][p] for g in labels for p in labels if g != p]
    diag = [counts[g][g] for g in labels if g != NONE]
    max_off, max_diag = max(off, default=0) or 1, max(diag, default=0) or 1
    head = "".join(f'<th scope="col">{esc(p)}</th>' for p in labels)
    rows = []
    for g in labels:
        cells = []
        for p in labels:
            n = counts[g][p]
            if g == NONE and p == NONE:
                cells.append(
                    '<td class="zero" data-gold="none" data-pred="none" data-count="0">·</td>'
                )
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
            cells.append(
                f'<td class="{cls}" style="--a:{alpha:.3f}" data-gold="{esc(g)}" data-pred="{esc(p)}" '
                f'data-count="{n}" title="{esc(title)}">{n}</td>'
            )
        total = sum(counts[g].values())
        rows.append(
            f'<tr><th scope="row">{esc(g)}</th>{"".join(cells)}<td class="num"><b>{total}</b></td></tr>'
        )
    col_totals = "".join(
        f'<td class="num"><b>{sum(counts[g][p] for g in labels)}</b></td>' for p in labels
    )
    rows.append(f'<tr class="total"><th scope="row">total</th>{col_totals}<td></td></tr>')
    return (
        '<table class="confusion" id="confusion-table"><thead><tr>'
        '<th class="corner">gold ↓ · predicted →</th>'
        f"{head}<th>total</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def render_norm_table(result: dict[str, Any]) -> str:
    rows = []
    for lab, r in result.get("normalisation", {}).items():
        rows.append(
            f'<tr><th scope="row">{esc(lab)}</th>{_num(r["matched"])}{_num(r["correct"])}'
            f"{_num(r['accuracy'], bar=True)}</tr>"
        )
    head = ["label", ("matched", "num"), ("correct", "num"), ("accuracy", "num")]
    return _table(head, rows, table_id="norm-table")


def render_mismatches(result: dict[str, Any], mark_ids: dict[tuple, str]) -> str:
    rows = []
    for m in result.get("norm_mismatches", []):
        mid = mark_ids.get((m["doc"], "gold", m["start"], m["end"], m["label"]))
        text = esc(m.get("text", ""))
        if mid:
            text = f'<a class="jump" href="#{mid}">{text}</a>'
        gold = json.dumps(m.get("gold"), ensure_ascii=False)
        pred = json.dumps(m.get("pred"), ensure_ascii=False)
        rows.append(
            f"<tr><td>{esc(m['doc'])}</td><td>{esc(m['label'])}</td>"
            f'<td data-sort="{esc(m.get("text", ""))}">{text}</td>{_num(m["start"])}'
            f"<td><code>{esc(gold)}</code></td><td><code>{esc(pred)}</code></td></tr>"
        )
    head = ["document", "label", "span", ("start", "num"), "gold norm", "predicted norm"]
    return _table(
        head, rows, cls="sortable", table_id="mismatch-table", empty="no normalisation mismatches"
    )


def _context(doc: Document | None, e: dict[str, Any], width: int = 40) -> str:
    if doc is None or not doc.text or e["end"] > len(doc.text):
        return esc(e.get("context", ""))
    t, s, en = doc.text, int(e["start"]), int(e["end"])
    left, right = max(0, s - width), min(len(t), en + width)

    def flat(x: str) -> str:
        return esc(x.replace("\r", " ").replace("\n", " "))

    pre = ("…" if left > 0 else "") + flat(t[left:s])
    post = flat(t[en:right]) + ("…" if right < len(t) else "")
    return f"{pre}<b>{flat(t[s:en])}</b>{post}"


def render_errors(
    result: dict[str, Any], docs: dict[str, Document], mark_ids: dict[tuple, str]
) -> tuple[str, str]:
    """The error table and the ``<option>``s of the kind filter."""
    rows = []
    for n, e in enumerate(result.get("errors", []), start=1):
        side = "gold" if e["kind"].startswith("FN") else "pred"
        mid = mark_ids.get((e["doc"], side, e["start"], e["end"], e["label"]))
        text = esc(e.get("text", ""))
        if mid:
            text = f'<a class="jump" href="#{mid}">{text}</a>'
        other = "<br>".join(esc(_span_ref(o)) for o in e.get("other", []))
        rows.append(
            f'<tr data-kind="{esc(e["kind"])}" data-doc="{esc(e["doc"])}" data-start="{e["start"]}" '
            f'data-end="{e["end"]}" data-label="{esc(e["label"])}">'
            f"{_num(n)}<td>{esc(e['doc'])}</td>"
            f'<td class="kind kind-{_CLASS_SAFE.sub("_", e["kind"])}">{esc(e["kind"])}</td>'
            f"<td>{esc(e['label'])}</td>"
            f'<td data-sort="{esc(e.get("text", ""))}">{text}</td>{_num(e["start"])}{_num(e["end"])}'
            f'<td class="ctx">{_context(docs.get(e["doc"]), e)}</td><td class="ctx">{other}</td></tr>'
        )
    head = [("#", "num"), "document", "kind", "label", "span", ("start", "num"), ("end", "num")]
    head += ["context", "other side"]
    table = _table(head, rows, cls="sortable", table_id="error-table", empty="no errors")
    if rows:
        table = f'<div class="scroll">{table}</div>'
    kinds = Counter(e["kind"] for e in result.get("errors", []))
    options = ['<option value="">all kinds</option>']
    for k in ("FN", "FP", "FN-label", "FP-label", "FN-boundary", "FP-boundary"):
        if kinds[k]:
            options.append(f'<option value="{esc(k)}">{esc(k)} ({kinds[k]})</option>')
    return table, "".join(options)


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
    def __init__(self, result: dict[str, Any]) -> None:
        self.statuses = span_statuses(result)
        self.mark_ids: dict[tuple, str] = {}
        self._count = 0

    def mark_open(self, doc: Document, side: str, s: Span, others: Sequence[Span]) -> str:
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
        return (
            f'<mark class="ent {_label_class(s.label)} st-{status}" id="{mid}" data-doc="{esc(doc.id)}" '
            f'data-side="{side}" data-start="{s.start}" data-end="{s.end}" data-label="{esc(s.label)}" '
            f'data-status="{status}" title="{esc(chr(10).join(lines))}">'
        )

    def emit(
        self, doc: Document, side: str, nodes: list[_Node], lo: int, hi: int, others: Sequence[Span]
    ) -> str:
        out, pos, t = [], lo, doc.text
        for node in nodes:
            s = node.span
            if s.start > pos:
                out.append(esc(t[pos : s.start]))
            out.append(self.mark_open(doc, side, s, others))
            out.append(self.emit(doc, side, node.children, s.start, s.end, others))
            out.append(f'<span class="tag">{esc(s.label)}</span></mark>')
            pos = max(pos, s.end)
        if hi > pos:
            out.append(esc(t[pos:hi]))
        return "".join(out)

    def render(
        self, index: int, doc: Document, pred: Document | None, summary: dict[str, Any]
    ) -> str:
        pred_spans = pred.entities if pred is not None else []
        text = doc.text
        g_roots, g_unplaced = layout_spans(doc.entities, len(text))
        p_roots, p_unplaced = layout_spans(pred_spans, len(text))
        placed = [n.span for n in (*g_roots, *p_roots)]
        rows = [
            '<div class="col-head gold">Gold</div>',
            f'<div class="col-head pred">Predicted{"" if pred is not None else " (no prediction)"}</div>',
        ]
        lang = esc(doc.lang or "")
        if not text:
            rows.append(
                '<div class="seg gold empty">(no text)</div><div class="seg pred empty">(no text)</div>'
            )
        for a, b in _segments(text, placed) if text else []:
            g_in = [n for n in g_roots if a <= n.span.start and n.span.end <= b]
            p_in = [n for n in p_roots if a <= n.span.start and n.span.end <= b]
            shown = a + len(text[a:b].rstrip("\r\n"))
            shown = max([shown, *(n.span.end for n in (*g_in, *p_in))])
            for side, nodes, others in (("gold", g_in, pred_spans), ("pred", p_in, doc.entities)):
                body = self.emit(doc, side, nodes, a, shown, others)
                rows.append(f'<div class="seg {side}" lang="{lang}" data-from="{a}">{body}</div>')
        extra = []
        for side, spans, others in (
            ("gold", g_unplaced, pred_spans),
            ("pred", p_unplaced, doc.entities),
        ):
            for s in spans:
                label = esc(s.label)
                extra.append(
                    self.mark_open(doc, side, s, others)
                    + f'{esc(s.text)}<span class="tag">{label}</span></mark> '
                )
        unplaced = ""
        if extra:
            unplaced = (
                '<div class="unplaced">Spans that cross another span or lie outside the text, '
                f"not shown inline: {''.join(extra)}</div>"
            )
        h = summary.get("headline", {})
        pills = []
        for cls, word, n in summary.get("pills", []):
            if n:
                pills.append(f'<span class="pill {cls}">{n} {esc(word)}</span>')
        f1 = f"F1 {h['f1']:.3f}" if "f1" in h else ""
        counts = f"{len(doc.entities)} gold · {len(pred_spans)} predicted"
        open_attr = " open" if index == 1 else ""
        return (
            f'<details class="doc" id="doc-{index}" data-doc="{esc(doc.id)}"{open_attr}>'
            f'<summary>{esc(doc.id)}<span class="meta">{lang} · {esc(f1)} · {esc(counts)}</span>'
            f"{''.join(pills)}</summary>"
            f'<div class="doc-grid">{"".join(rows)}</div>{unplaced}</details>'
        )


def render_documents(
    result: dict[str, Any], gold_docs: Sequence[Document], pred_docs: Sequence[Document]
) -> tuple[str, dict[tuple, str], dict[str, str]]:
    """All documents, gold and predicted side by side; also the mark and document anchors."""
    renderer = _DocRenderer(result)
    preds = {d.id: d for d in pred_docs}
    kinds: dict[str, Counter] = {}
    for e in result.get("errors", []):
        kinds.setdefault(e["doc"], Counter())[e["kind"]] += 1
    parts, anchors = [], {}
    for index, doc in enumerate(gold_docs, start=1):
        k = kinds.get(doc.id, Counter())
        summary = {
            "headline": result.get("per_document", {}).get(doc.id, {}).get("headline", {}),
            "pills": [
                ("fn", "missed", k["FN"]),
                ("fp", "spurious", k["FP"]),
                ("label", "label", k["FN-label"] + k["FP-label"]),
                ("boundary", "boundary", k["FN-boundary"] + k["FP-boundary"]),
            ],
        }
        parts.append(renderer.render(index, doc, preds.get(doc.id), summary))
        anchors[doc.id] = f"doc-{index}"
    if not parts:
        parts.append('<p class="empty">no documents</p>')
    return "".join(parts), renderer.mark_ids, anchors


# --------------------------------------------------------------------------- provenance html


def render_provenance(prov: Provenance | None) -> str:
    if prov is None:
        return '<p class="empty">no provenance recorded</p>'
    items = [("generated", esc(prov.generated))]
    if prov.command:
        items.append(("command", f"<code>{esc(prov.command)}</code>"))
    if prov.code:
        items.append(("code", f"git commit <code>{esc(prov.code)}</code>"))
    for role, path, digest in prov.inputs:
        items.append(
            (
                role,
                f'<code>{esc(path)}</code> · sha256 <code title="{esc(digest)}">{esc(digest[:16])}…</code>',
            )
        )
    if prov.config_path:
        items.append(("config", f"<code>{esc(prov.config_path)}</code>"))
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in items)
    parts = [f'<dl class="prov" id="provenance-list">{dl}</dl>', "<h3>Library versions</h3>"]
    rows = [
        f'<tr data-library="{esc(name)}"><th scope="row">{esc(name)}</th><td><code>{esc(v)}</code></td></tr>'
        for name, v in prov.versions.items()
    ]
    parts.append(_table(["library", "version"], rows, cls="versions", table_id="versions-table"))
    parts.append("<h3>Config</h3>")
    if prov.config_text is not None:
        parts.append(
            f'<details class="config" open><summary>{esc(prov.config_path or "config")}</summary>'
            f'<pre id="config-text">{esc(prov.config_text)}</pre></details>'
        )
    else:
        parts.append('<p class="empty">no config given (pass --config)</p>')
    parts.append("<h3>Model cards</h3>")
    if prov.model_cards:
        for path, text in prov.model_cards:
            parts.append(
                f'<details class="card-md"><summary>{esc(path)}</summary>'
                f'<pre class="model-card">{esc(text)}</pre></details>'
            )
    else:
        parts.append('<p class="empty">no model cards found (models/*/model-card.json or .md)</p>')
    return "".join(parts)


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
    documents, mark_ids, anchors = render_documents(result, gold_docs, pred_docs)
    gold_ids = {d.id for d in gold_docs}
    n_gold = sum(len(d.entities) for d in gold_docs)
    n_pred = sum(len(d.entities) for d in pred_docs if d.id in gold_ids)
    errors, kinds = render_errors(result, {d.id: d for d in gold_docs}, mark_ids)
    subtitle = [f"{len(gold_docs)} documents"]
    if provenance is not None:
        subtitle += [f"{role}: {path}" for role, path, _ in provenance.inputs]
        subtitle.append(f"generated {provenance.generated}")
    values = {
        "title": esc(title),
        "subtitle": esc(" · ".join(subtitle)),
        "generator": esc(package_version()),
        "css": css,
        "js": js,
        "headline": render_headline(result, len(gold_docs), n_gold, n_pred),
        "warnings": render_warnings(result),
        "chart_f1": render_f1_chart(result),
        "chart_pr": svg_precision_recall(result),
        "chart_norm": svg_normalisation(result),
        "table_labels": render_label_table(result),
        "table_languages": render_language_table(result),
        "table_spans": render_span_table(result),
        "table_documents": render_document_table(result, anchors),
        "confusion": render_confusion(confusion_matrix(gold_docs, pred_docs)),
        "documents": documents,
        "error_kinds": kinds,
        "table_errors": errors,
        "table_norm": render_norm_table(result),
        "table_mismatches": render_mismatches(result, mark_ids),
        "provenance": render_provenance(provenance),
    }
    return Template(load_template("report.html")).substitute(values)


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
