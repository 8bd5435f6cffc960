"""Model cards: ``model-card.json`` (everything) and ``model-card.md`` (the readable part)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.io import write_text_atomic
from pipeline.provenance import command_line, library_versions, now_iso
from pipeline.training.formats import readable


def dir_size(path: str | Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def _fmt(x: Any) -> str:
    return f"{x:.4f}" if isinstance(x, float) else str(x)


def _score_table(scores: dict[str, dict[str, Any]], labels: list[str]) -> list[str]:
    lines = ["| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for lab in [*labels, "micro"]:
        s = scores.get(lab)
        if not s:
            continue
        name = f"**micro ({', '.join(labels)})**" if lab == "micro" else lab
        lines.append(
            f"| {name} | {_fmt(s['precision'])} | {_fmt(s['recall'])} | {_fmt(s['f1'])} | {s['support']} |"
        )
    return lines


def render_card_md(card: dict[str, Any]) -> str:
    lines = [f"# Model card: {card['name']}", ""]
    if card.get("description"):
        lines += [card["description"], ""]
    lines += [
        f"- backend: {card['backend']} ({card.get('architecture', '')})",
        f"- language: {card['lang']}",
        f"- labels: {', '.join(card['labels'])}",
        f"- trained: {card['date']} with seed {card['seed']} "
        f"in {card.get('train_seconds', 0):.0f} s",
        f"- size on disk: {card.get('size_bytes', 0) / 1e6:.1f} MB",
        f"- reproduce: `{card.get('reproduce', '')}`",
        "",
        "## Sources",
        "",
        "| source | format | rows (train/dev/held-out) | sha256 | entities |",
        "|---|---|---|---|---|",
    ]
    for s in card["sources"]:
        parts = s.get("split_rows", {})
        split = f"{parts.get('train', 0)}/{parts.get('dev', 0)}/{parts.get('heldout', 0)}"
        ents = ", ".join(f"{k} {v}" for k, v in s["entities"].items())
        lines.append(
            f"| {s['name']} (`{s['path']}`) | {s['format']} | {split} | `{s['sha256'][:16]}…` | {ents} |"
        )
    lines += ["", "Label map (source label → project label; unlisted non-project labels → O):", ""]
    for s in card["sources"]:
        lines.append(f"- {s['name']}: `{json.dumps(s.get('label_map'), ensure_ascii=False)}`")
    held = card.get("heldout_scores")
    lines += ["", "## Held-out scores (seqeval strict IOB2, never trained on)", ""]
    if held:
        lines += [f"{card.get('heldout_rows', 0)} rows held out by seed {card['seed']}.", ""]
        lines += _score_table(held, card["score_labels"])
        if card.get("heldout_scores_all"):
            lines += ["", "All trained labels:", ""]
            lines += _score_table(card["heldout_scores_all"], card["labels"])
        by_source = card.get("heldout_by_source") or {}
        if len(by_source) > 1:
            lines += ["", "Per source (micro over the score labels; every trained label):", ""]
            lines += ["| source | rows | P | R | F1 | support | F1 all labels |"]
            lines += ["|---|---|---|---|---|---|---|"]
            for name, block in by_source.items():
                m, a = block["scores"]["micro"], block["scores_all"]["micro"]
                lines.append(
                    f"| {name} | {block['rows']} | {_fmt(m['precision'])} | {_fmt(m['recall'])} "
                    f"| {_fmt(m['f1'])} | {m['support']} | {_fmt(a['f1'])} |"
                )
    else:
        lines.append("No held-out split in this config: see `python -m pipeline crossval`.")
    dev = card.get("dev_scores")
    lines += ["", "## Development scores (model selection)", ""]
    if dev:
        lines += [f"Best epoch {card.get('best_epoch')}:", ""] + _score_table(
            dev, card["score_labels"]
        )
    history = card.get("history") or []
    if history:
        lines += [
            "",
            "| epoch | loss | dev P | dev R | dev F1 | seconds |",
            "|---|---|---|---|---|---|",
        ]
        for h in history:
            lines.append(
                f"| {h['epoch']} | {h['loss']:.1f} | {_fmt(h.get('dev_precision', ''))} | "
                f"{_fmt(h.get('dev_recall', ''))} | {_fmt(h.get('dev_f1', ''))} | {h['seconds']:.0f} |"
            )
    lines += [
        "",
        "## Settings",
        "",
        "```json",
        json.dumps(card.get("settings", {}), indent=1),
        "```",
    ]
    lines += ["", "## Libraries", ""]
    lines += [f"- {k} {v}" for k, v in card.get("libraries", {}).items()]
    if card.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {n}" for n in card["notes"]]
    return "\n".join(lines) + "\n"


def scores_by_source(
    sources: list[str],
    gold: list[list[str]],
    pred: list[list[str]],
    score_labels: list[str],
    labels: list[str],
) -> dict[str, dict[str, Any]]:
    """Held-out scores of each source's rows (``sources[i]`` names row i's source)."""
    from pipeline.training.data import score

    out: dict[str, dict[str, Any]] = {}
    for name in dict.fromkeys(sources):
        idx = [i for i, s in enumerate(sources) if s == name]
        g, p = [gold[i] for i in idx], [pred[i] for i in idx]
        out[name] = {
            "rows": len(idx),
            "scores": score(g, p, score_labels),
            "scores_all": score(g, p, labels),
        }
    return out


def write_card(output: str | Path, card: dict[str, Any]) -> tuple[Path, Path]:
    out = Path(output)
    json_path, md_path = out / "model-card.json", out / "model-card.md"
    write_text_atomic(json_path, json.dumps(card, ensure_ascii=False, indent=1, default=str) + "\n")
    write_text_atomic(md_path, render_card_md(card))
    readable(json_path)
    readable(md_path)
    return json_path, md_path


def training_card(
    cfg: Any,
    *,
    backend: str,
    architecture: str,
    settings: dict[str, Any],
    out: Path,
    output: str | Path | None,
    data: Any,
    rows: tuple[int, int, int],
    best: dict[str, Any],
    history: list[dict[str, Any]],
    held_scores: Any,
    held_all: Any,
    seconds: float,
    **extra: Any,
) -> dict[str, Any]:
    """The card fields every trainer writes; ``extra`` adds backend-specific ones."""
    train_rows, dev_rows, heldout_rows = rows
    card = {
        "name": cfg.name,
        "description": cfg.description,
        "backend": backend,
        "architecture": architecture,
        "lang": cfg.lang,
        "labels": cfg.labels,
        "score_labels": cfg.score_labels,
        "seed": cfg.seed,
        "date": now_iso(),
        "config_path": cfg.path,
        "config": cfg.raw,
        "settings": settings,
        "reproduce": f"python -m pipeline train --config {cfg.path}"
        + (f" --output {out}" if output else ""),
        "command": command_line(),
        "sources": data.summaries,
        "train_rows": train_rows,
        "dev_rows": dev_rows,
        "heldout_rows": heldout_rows,
        "best_epoch": best["epoch"],
        "dev_scores": best["scores"],
        "history": history,
        "heldout_scores": held_scores,
        "heldout_scores_all": held_all,
        "train_seconds": seconds,
        "libraries": library_versions(),
        "notes": cfg.notes,
        **extra,
    }
    return card


def save_card(out: Path, card: dict[str, Any]) -> dict[str, Any]:
    """Write the card with ``size_bytes`` of the finished model directory, card included."""
    card["size_bytes"] = dir_size(out)
    write_card(out, card)
    # the card itself is part of what ships: measure again now that it is on disk
    card["size_bytes"] = dir_size(out)
    write_card(out, card)
    return card
