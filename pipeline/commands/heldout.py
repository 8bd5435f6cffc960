"""``python -m pipeline heldout``: score a whole pipeline on a training config's held-out split.

The split is the one the training config sets aside by its seed and never trains on
(e.g. 10% of KazNERD for ``configs/train/kk-spacy.yaml``), so models shipped from that
config are measured on sentences they did not see. Each held-out sentence becomes a
document (tokens joined by spaces); the pipeline's spans are mapped back to the tokens
and scored with seqeval (strict IOB2) over the config's ``score_labels``.
"""

from __future__ import annotations

import argparse
import json
import logging
import time

from pipeline.config import load_config
from pipeline.engine import Pipeline
from pipeline.io import write_text_atomic
from pipeline.training.config import load_train_config
from pipeline.training.data import prepare_data
from pipeline.training.heldout import score_split

HELP = "score a pipeline config on the held-out split of a training config (KazNERD, UNER)"
log = logging.getLogger("pipeline.heldout")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", required=True, help="pipeline config to measure")
    p.add_argument("--train-config", required=True, help="training config whose split to use")
    p.add_argument("--split", default="heldout", choices=["heldout", "dev", "train"])
    p.add_argument("--limit", type=int, help="score only the first N sentences of the split")
    p.add_argument("--output", help="write the scores as JSON here")


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    tcfg = load_train_config(args.train_config)
    data = prepare_data(tcfg)
    split = data.splits[args.split]
    if args.limit:
        split = split.select(range(min(args.limit, len(split))))
    pipeline = Pipeline(config)
    started = time.perf_counter()
    scores = score_split(pipeline, split, tcfg)
    result = {
        "config": args.config,
        "train_config": args.train_config,
        "split": args.split,
        "sentences": len(split),
        "labels": tcfg.score_labels,
        "scores": scores,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(f"{'label':<10}{'P':>8}{'R':>8}{'F1':>8}{'support':>9}")
    for lab, r in scores.items():
        print(f"{lab:<10}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}{r['support']:>9}")
    if args.output:
        write_text_atomic(args.output, json.dumps(result, indent=2) + "\n")
        print(f"wrote {args.output}")
    return 0
