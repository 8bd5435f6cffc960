"""``python -m pipeline crossval``: leave-one-document-out over the gold set, k-fold over
a CoNLL source; one aggregate report (JSON + markdown) with per-fold figures."""

from __future__ import annotations

import argparse

from pipeline.errors import ConfigError, PipelineError
from pipeline.languages import available as available_languages
from pipeline.training.config import load_train_config, parse_train_config

HELP = "cross-validate the spaCy trainer: leave-one-document-out over gold, or k-fold over CoNLL"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config",
        help="train config whose sources are used (its jsonl sources are the documents "
        "left out; other sources are extra training data), e.g. configs/train/kk-spacy-gold.yaml",
    )
    p.add_argument(
        "--gold",
        default="annotations/gold.jsonl",
        help="without --config: the gold JSONL to cross-validate on (default: %(default)s)",
    )
    p.add_argument(
        "--lang",
        choices=available_languages(),
        help="without --config: only this language's documents",
    )
    p.add_argument(
        "--kfold",
        type=int,
        metavar="K",
        help="k-fold over the config's CoNLL source(s) instead of LOO",
    )
    p.add_argument(
        "--source",
        help="the source to fold (default: every jsonl source for LOO, conll for k-fold)",
    )
    p.add_argument("--epochs", type=int, help="override the number of training epochs per fold")
    p.add_argument("--seed", type=int, help="override the seed")
    p.add_argument(
        "--output", default="outputs/crossval", help="report directory (default: %(default)s)"
    )


def _gold_config(args: argparse.Namespace) -> object:
    """A config that trains on the gold set alone (both languages unless --lang)."""
    data = {
        "name": f"gold-loo{'-' + args.lang if args.lang else ''}",
        "lang": args.lang or "kk",
        "seed": 13,
        "split": {"heldout": 0.0, "dev": 0.0},
        "sources": [
            {"name": "gold", "path": args.gold, "format": "jsonl", "lang": args.lang or "any"}
        ],
        "spacy": {"epochs": 30, "batch_start": 2, "batch_end": 8},
    }
    return parse_train_config(data, f"<crossval --gold {args.gold}>")


def run(args: argparse.Namespace) -> int:
    from pipeline.training.crossval import cross_validate, write_crossval_report

    cfg = load_train_config(args.config) if args.config else _gold_config(args)
    if args.seed is not None:
        cfg.seed = args.seed
    if args.epochs is not None:
        if args.epochs < 1:
            raise ConfigError("<command line>", "--epochs", "must be at least 1")
        cfg.spacy["epochs"] = args.epochs
    mode = "kfold" if args.kfold else "loo"
    try:
        report = cross_validate(cfg, mode=mode, k=args.kfold or 0, source=args.source)
    except ValueError as exc:
        raise PipelineError(f"crossval: {exc}") from None
    json_path, md_path = write_crossval_report(report, args.output)
    for f in report["folds"]:
        m = f["scores"]["micro"]
        print(
            f"{f['fold']}: P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} (n={m['support']})"
        )
    pm = report["aggregate"]["pooled"]["micro"]
    print(
        f"pooled ({', '.join(report['score_labels'])}): P {pm['precision']:.4f} R {pm['recall']:.4f} "
        f"F1 {pm['f1']:.4f}; fold mean {report['aggregate']['mean_f1']:.4f}"
    )
    print(f"wrote {json_path} and {md_path}")
    return 0
