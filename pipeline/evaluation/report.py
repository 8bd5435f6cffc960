"""Render an evaluation result as a console table, report.json and report.md."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from pipeline.errors import printable
from pipeline.io import write_text_atomic
from pipeline.types import LABELS

# Characters with a meaning in Markdown (CommonMark's backslash-escapable punctuation).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md_text(value: Any) -> str:
    """Input data (an id, a label, a span's text, a norm) as literal text in report.md:
    Markdown punctuation backslash-escaped, HTML characters as entities (so a viewer that
    renders HTML shows ``<svg onload=...>`` instead of running it), control characters
    escaped and line breaks flattened (one table cell stays one line)."""
    text = printable(str(value)).replace("\n", " ")
    return html.escape(_MD_SPECIAL.sub(r"\\\1", text), quote=True)


def _row(name: str, r: dict[str, Any]) -> str:
    return f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r.get('support', 0)} |"


def render_markdown(result: dict[str, Any], title: str = "Evaluation report") -> str:
    h = result["headline"]
    lines = [
        f"# {title}",
        "",
        f"**Headline micro-F1 (strict IOB2, {', '.join(h['labels'])}): {h['f1']:.3f}**  ",
        f"ORG (scored on its own): F1 {result['org']['f1']:.3f}",
        "",
        "## Per label (seqeval, strict IOB2)",
        "",
        "| label | precision | recall | F1 | support |",
        "|---|---|---|---|---|",
    ]
    for lab in (*LABELS, "micro", "macro"):
        lines.append(_row(lab, result["per_label"][lab]))
    lines += [
        "",
        "## Per language",
        "",
        "| language | precision | recall | F1 | support | ORG F1 |",
    ]
    lines.append("|---|---|---|---|---|---|")
    for lang, r in result["per_language"].items():
        lines.append(_row(md_text(lang), r["headline"]) + f" {r['org']['f1']:.3f} |")
    lines += ["", "## Per document", "", "| document | lang | precision | recall | F1 | support |"]
    lines.append("|---|---|---|---|---|---|")
    for doc_id, r in result["per_document"].items():
        hd = r["headline"]
        lines.append(
            f"| {md_text(doc_id)} | {md_text(r['lang'])} | {hd['precision']:.3f} | {hd['recall']:.3f} | {hd['f1']:.3f} | {hd['support']} |"
        )
    lines += [
        "",
        "## Exact character spans",
        "",
        "| label | precision | recall | F1 | gold | predicted |",
    ]
    lines.append("|---|---|---|---|---|---|")
    for lab, r in result["span_exact"].items():
        lines.append(
            f"| {lab} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['support']} | {r['predicted']} |"
        )
    lines += ["", "## Normalisation accuracy (on exactly matched spans)", ""]
    lines += ["| label | matched | correct | accuracy |", "|---|---|---|---|"]
    for lab, r in result["normalisation"].items():
        acc = "n/a" if r["accuracy"] is None else f"{r['accuracy']:.3f}"
        lines.append(f"| {lab} | {r['matched']} | {r['correct']} | {acc} |")
    if result["norm_mismatches"]:
        lines += [
            "",
            "### Normalisation mismatches",
            "",
            "| document | span | label | gold | predicted |",
        ]
        lines.append("|---|---|---|---|---|")
        for m in result["norm_mismatches"]:
            gold = json.dumps(m["gold"], ensure_ascii=False)
            pred = json.dumps(m["pred"], ensure_ascii=False)
            cells = (m["doc"], m["text"], m["label"], gold, pred)
            lines.append("| " + " | ".join(md_text(c) for c in cells) + " |")
    if result.get("linking", {}).get("mentions"):
        lk = result["linking"]
        lines += ["", "## Entity linking (gold PERSON, PLACE, ORG mentions)", ""]
        lines += ["| measure | precision | recall | F1 |", "|---|---|---|---|"]
        for key in ("bcubed", "pairwise"):
            r = lk[key]
            lines.append(f"| {key} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |")
        lines.append("")
        lines.append(
            f"{lk['mentions']} mentions, {lk['gold_clusters']} gold entities, {lk['pred_clusters']} predicted."
        )
    if result["warnings"]:
        lines += ["", "## Warnings", ""] + [f"- {md_text(w)}" for w in result["warnings"]]
    return "\n".join(lines) + "\n"


def render_console(result: dict[str, Any]) -> str:
    h = result["headline"]
    out = [f"{'label':<10}{'P':>8}{'R':>8}{'F1':>8}{'support':>9}"]
    for lab in (*LABELS, "micro", "macro"):
        r = result["per_label"][lab]
        out.append(
            f"{lab:<10}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}{r['support']:>9}"
        )
    for lang, r in result["per_language"].items():
        hr = r["headline"]
        out.append(
            f"{'lang ' + lang:<10}{hr['precision']:>8.3f}{hr['recall']:>8.3f}{hr['f1']:>8.3f}{hr['support']:>9}"
        )
    out.append(f"HEADLINE micro-F1 ({', '.join(h['labels'])}): {h['f1']:.3f}")
    out.append(f"ORG F1: {result['org']['f1']:.3f}")
    for lab in ("DATE", "COUNT"):
        r = result["normalisation"][lab]
        acc = "n/a" if r["accuracy"] is None else f"{r['accuracy']:.3f}"
        out.append(f"{lab} value accuracy: {acc} ({r['correct']}/{r['matched']})")
    if result.get("linking", {}).get("mentions"):
        lk = result["linking"]
        out.append(
            f"linking pairwise F1: {lk['pairwise']['f1']:.3f}, B-cubed F1: {lk['bcubed']['f1']:.3f}"
        )
    for w in result["warnings"]:
        out.append(f"warning: {printable(w)}")  # warnings quote document ids
    return "\n".join(out)


def write_report(result: dict[str, Any], directory: str | Path) -> tuple[Path, Path]:
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    json_path, md_path = d / "report.json", d / "report.md"
    write_text_atomic(json_path, json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    write_text_atomic(md_path, render_markdown(result))
    return json_path, md_path
