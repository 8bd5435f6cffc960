"""Cross-validation of the spaCy trainer: leave-one-document-out and k-fold.

* **Leave one document out** over the project-format (``jsonl``) sources, the gold set:
  each fold trains on every other gold document plus the training part of any extra
  source in the config (KazNERD, a Label Studio export, ...) and scores the held-out
  document. The extra sources' dev parts pick the epoch when there are any; their
  held-out parts are never trained on.
* **k-fold** over a CoNLL source: its documents (sentences, unless the file marks
  documents) are ranked by the seed's hash and cut into ``k`` folds; each fold is scored
  by a model trained on the other ``k - 1`` folds plus the other sources' training parts.

Scores are seqeval strict IOB2 over the config's ``score_labels`` (per label and micro)
for each fold, and pooled over all folds (every held-out row scored once); the report
also gives the mean and standard deviation of the fold micro-F1s.
"""

from __future__ import annotations

import json
import logging
import statistics
import time
from pathlib import Path
from typing import Any

from pipeline import languages
from pipeline.io import write_text_atomic
from pipeline.provenance import library_versions, now_iso
from pipeline.training.config import TrainConfig
from pipeline.training.data import Rows, score
from pipeline.training.formats import readable
from pipeline.training.sources import assign_splits, load_sources, rank_key
from pipeline.training.spacy_trainer import predict_tags, train_spacy

log = logging.getLogger(__name__)


def _fold_plan(cfg: TrainConfig, ds: Any, mode: str, k: int, source: str | None) -> list[dict]:
    """``[{"name", "source", "test_docs"}]`` for each fold."""
    srcs = list(ds["source"])
    docs = list(ds["doc_id"])
    if mode == "loo":
        names = [source] if source else [s.name for s in cfg.sources if s.format == "jsonl"]
        if not names:
            raise ValueError("leave-one-document-out needs a project JSONL (gold) source")
        plan = []
        for name in names:
            seen: list[str] = []
            for s, d in zip(srcs, docs, strict=True):
                if s == name and d not in seen:
                    seen.append(d)
            plan += [{"name": d, "source": name, "test_docs": {d}} for d in seen]
        return plan
    names = [source] if source else [s.name for s in cfg.sources if s.format == "conll"]
    if not names:
        raise ValueError("k-fold needs a CoNLL source (or --source NAME)")
    plan = []
    for name in names:
        uniq = sorted(
            {d for s, d in zip(srcs, docs, strict=True) if s == name},
            key=lambda g: rank_key(cfg.seed, name, g),
        )
        if k < 2 or k > len(uniq):
            raise ValueError(f"k must be between 2 and {len(uniq)} documents of {name}")
        for f in range(k):
            plan.append(
                {"name": f"{name}-fold{f + 1}", "source": name, "test_docs": set(uniq[f::k])}
            )
    return plan


def cross_validate(
    cfg: TrainConfig, mode: str = "loo", k: int = 5, source: str | None = None
) -> dict[str, Any]:
    """Run the folds and return the report (see :func:`render_markdown`)."""
    if cfg.backend != "spacy":
        raise ValueError("crossval trains spaCy models; set backend: spacy")
    ds, summaries = load_sources(cfg.sources, cfg.labels)
    plan = _fold_plan(cfg, ds, mode, k, source)
    fold_sources = {p["source"] for p in plan}
    # The folded sources are split only by the folds; the others keep their own split.
    heldout = {
        s.name: 0.0
        if s.name in fold_sources
        else (s.heldout if s.heldout is not None else cfg.heldout)
        for s in cfg.sources
    }
    dev = {
        s.name: 0.0 if s.name in fold_sources else (s.dev if s.dev is not None else cfg.dev)
        for s in cfg.sources
    }
    parts = assign_splits(ds, cfg.seed, heldout, dev)
    rows = Rows.from_dataset(ds)
    srcs = list(ds["source"])
    langs = list(ds["lang"])
    folds: list[dict[str, Any]] = []
    pooled_gold: list[list[str]] = []
    pooled_pred: list[list[str]] = []
    started = time.monotonic()
    for n, fold in enumerate(plan, start=1):
        test_idx = [
            i
            for i, (s, d) in enumerate(zip(srcs, rows.doc_ids, strict=True))
            if s == fold["source"] and d in fold["test_docs"]
        ]
        test_set = set(test_idx)
        train_idx = [i for i, p in enumerate(parts) if p == "train" and i not in test_set]
        dev_idx = [i for i, p in enumerate(parts) if p == "dev" and i not in test_set]
        test, train, dev_rows = rows.subset(test_idx), rows.subset(train_idx), rows.subset(dev_idx)
        lang = langs[test_idx[0]] if test_idx else cfg.lang
        if not languages.known(lang):
            lang = cfg.lang
        log.info(
            "fold %d/%d %s: train %d rows, dev %d, test %d (%s)",
            n,
            len(plan),
            fold["name"],
            len(train),
            len(dev_rows),
            len(test),
            lang,
        )
        t0 = time.monotonic()
        nlp, history, best = train_spacy(
            train, dev_rows, lang, cfg.labels, cfg.spacy, cfg.seed, cfg.score_labels
        )
        pred = predict_tags(nlp, test.tokens)
        fold_scores = score(test.tags, pred, cfg.score_labels)
        org = score(test.tags, pred, ["ORG"])["ORG"] if "ORG" in cfg.labels else None
        pooled_gold += test.tags
        pooled_pred += pred
        m = fold_scores["micro"]
        log.info(
            "fold %s: P %.3f R %.3f F1 %.3f (support %d)",
            fold["name"],
            m["precision"],
            m["recall"],
            m["f1"],
            m["support"],
        )
        folds.append(
            {
                "fold": fold["name"],
                "source": fold["source"],
                "lang": lang,
                "test_docs": len(fold["test_docs"]),
                "test_rows": len(test),
                "test_tokens": sum(len(t) for t in test.tokens),
                "train_rows": len(train),
                "dev_rows": len(dev_rows),
                "epochs": len(history),
                "best_epoch": best["epoch"],
                "seconds": round(time.monotonic() - t0, 1),
                "scores": fold_scores,
                "org": org,
            }
        )
    f1s = [f["scores"]["micro"]["f1"] for f in folds]
    pooled = score(pooled_gold, pooled_pred, cfg.score_labels)
    return {
        "config": cfg.path,
        "name": cfg.name,
        "mode": mode,
        "k": k if mode == "kfold" else len(plan),
        "seed": cfg.seed,
        "score_labels": cfg.score_labels,
        "labels": cfg.labels,
        "date": now_iso(),
        "seconds": round(time.monotonic() - started, 1),
        "sources": summaries,
        "settings": cfg.spacy,
        "folds": folds,
        "aggregate": {
            "pooled": pooled,
            "pooled_org": score(pooled_gold, pooled_pred, ["ORG"])["ORG"]
            if "ORG" in cfg.labels
            else None,
            "mean_f1": statistics.fmean(f1s) if f1s else 0.0,
            "stdev_f1": statistics.stdev(f1s) if len(f1s) > 1 else 0.0,
            "folds": len(folds),
        },
        "libraries": library_versions(),
    }


def render_markdown(report: dict[str, Any]) -> str:
    labels = report["score_labels"]
    title = "leave-one-document-out" if report["mode"] == "loo" else f"{report['k']}-fold"
    agg = report["aggregate"]
    pm = agg["pooled"]["micro"]
    lines = [
        f"# Cross-validation: {report['name']} ({title})",
        "",
        f"Config `{report['config']}`, seed {report['seed']}, {report['date']}, "
        f"{report['seconds']:.0f} s. Scores: seqeval strict IOB2, micro over {', '.join(labels)}.",
        "",
        f"**Pooled over {agg['folds']} folds: P {pm['precision']:.4f} R {pm['recall']:.4f} "
        f"F1 {pm['f1']:.4f}** (support {pm['support']}); fold F1 mean {agg['mean_f1']:.4f} "
        f"± {agg['stdev_f1']:.4f}.",
        "",
        "| fold | lang | train rows | test rows | "
        + " | ".join(f"{lab} F1" for lab in labels)
        + " | P | R | F1 | support |",
        "|---|---|---|---|" + "---|" * len(labels) + "---|---|---|---|",
    ]
    for f in report["folds"]:
        s = f["scores"]
        per = " | ".join(f"{s[lab]['f1']:.3f} ({s[lab]['support']})" for lab in labels)
        m = s["micro"]
        lines.append(
            f"| {f['fold']} | {f['lang']} | {f['train_rows']} | {f['test_rows']} | {per} | "
            f"{m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |"
        )
    lines += [
        "",
        "Pooled per label:",
        "",
        "| label | P | R | F1 | support |",
        "|---|---|---|---|---|",
    ]
    for lab in [*labels, "micro"]:
        s = agg["pooled"][lab]
        lines.append(
            f"| {lab} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | {s['support']} |"
        )
    if agg.get("pooled_org"):
        o = agg["pooled_org"]
        lines.append(
            f"| ORG (own line) | {o['precision']:.4f} | {o['recall']:.4f} | {o['f1']:.4f} | {o['support']} |"
        )
    lines += ["", "Sources:", ""]
    for s in report["sources"]:
        lines.append(
            f"- {s['name']}: `{s['path']}` ({s['format']}, {s['rows']} rows, sha256 `{s['sha256'][:16]}…`)"
        )
    return "\n".join(lines) + "\n"


def write_crossval_report(report: dict[str, Any], output: str | Path) -> tuple[Path, Path]:
    out = Path(output)
    json_path, md_path = out / "crossval.json", out / "crossval.md"
    write_text_atomic(
        json_path, json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n"
    )
    write_text_atomic(md_path, render_markdown(report))
    readable(json_path)
    readable(md_path)
    return json_path, md_path
