"""A train config's data: all sources loaded, split into train / dev / held-out."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from pipeline.evaluation.scoring import score_sequences
from pipeline.iob import keep_labels
from pipeline.training.config import TrainConfig
from pipeline.training.sources import assign_splits, dataset_tags, load_sources

log = logging.getLogger(__name__)


@dataclass
class Rows:
    """Plain token/tag lists (what the trainers consume) with their ids."""

    ids: list[str] = field(default_factory=list)
    tokens: list[list[str]] = field(default_factory=list)
    tags: list[list[str]] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_dataset(cls, ds: Any) -> Rows:
        return cls(list(ds["id"]), list(ds["tokens"]), dataset_tags(ds), list(ds["doc_id"]))

    def subset(self, idx: list[int]) -> Rows:
        return Rows(
            [self.ids[i] for i in idx],
            [self.tokens[i] for i in idx],
            [self.tags[i] for i in idx],
            [self.doc_ids[i] for i in idx],
        )

    def __add__(self, other: Rows) -> Rows:
        return Rows(
            self.ids + other.ids,
            self.tokens + other.tokens,
            self.tags + other.tags,
            self.doc_ids + other.doc_ids,
        )


@dataclass
class PreparedData:
    dataset: Any  # the whole datasets.Dataset
    splits: dict[str, Any]  # train/dev/heldout datasets
    summaries: list[dict]


def prepare_data(cfg: TrainConfig) -> PreparedData:
    """Load every source and split it deterministically by the config's seed."""
    ds, summaries = load_sources(cfg.sources, cfg.labels)
    parts = assign_splits(ds, cfg.seed, cfg.heldout_by_source(), cfg.dev_by_source())
    splits = {
        name: ds.select([i for i, p in enumerate(parts) if p == name])
        for name in ("train", "dev", "heldout")
    }
    for s in summaries:
        counts = {name: 0 for name in splits}
        for src, p in zip(ds["source"], parts, strict=True):
            if src == s["name"]:
                counts[p] += 1
        s["split_rows"] = counts
        spec = next(x for x in cfg.sources if x.name == s["name"])
        s["label_map"] = spec.label_map
    log.info(
        "data: %d train, %d dev, %d held-out rows",
        len(splits["train"]),
        len(splits["dev"]),
        len(splits["heldout"]),
    )
    if len(splits["train"]) == 0:
        raise ValueError("no training rows: check the sources and the split fractions")
    return PreparedData(ds, splits, summaries)


def score(gold: list[list[str]], pred: list[list[str]], labels: list[str]) -> dict[str, dict]:
    """seqeval strict IOB2 scores per label and micro, over ``labels`` only."""
    g, p = keep_labels(gold, labels), keep_labels(pred, labels)
    zero = {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    if not any(t != "O" for seq in g + p for t in seq):
        return {lab: dict(zero) for lab in labels} | {"micro": dict(zero)}
    scores = score_sequences(g, p, mode="strict")
    out = {lab: scores.get(lab, dict(zero)) for lab in labels}
    out["micro"] = scores["micro"]
    return out


def score_heldout(
    cfg: TrainConfig, gold: list[list[str]], pred: list[list[str]]
) -> tuple[dict[str, dict], dict[str, dict]]:
    """The held-out part's scores over the config's score labels (logged) and all its labels."""
    held_scores = score(gold, pred, cfg.score_labels)
    log.info(
        "held-out micro F1 %.3f over %s",
        held_scores["micro"]["f1"],
        ", ".join(cfg.score_labels),
    )
    return held_scores, score(gold, pred, cfg.labels)
