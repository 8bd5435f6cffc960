"""``python -m pipeline train``: train a NER model from a train config (spaCy, stanza or
transformers).

The model is written beside ``--output`` and swapped in when complete; the previous model
stays usable until then. A non-empty directory that is not a model is refused unless
``--force`` (see :mod:`pipeline.training.output`).
"""

from __future__ import annotations

import argparse
import importlib
import logging

from pipeline.errors import ConfigError, PipelineError
from pipeline.training.config import load_train_config

HELP = "train a NER model (spaCy, stanza or transformers) from configs/train/NAME.yaml"
TRAINERS = {
    "spacy": "pipeline.training.spacy_trainer",
    "stanza": "pipeline.training.stanza_trainer",
    "transformers": "pipeline.training.hf_trainer",
}
log = logging.getLogger(__name__)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", required=True, help="train config, e.g. configs/train/kk-spacy.yaml")
    p.add_argument("--output", metavar="DIR", help="model directory (default: the config's output)")
    p.add_argument("--seed", type=int, help="override the config's seed")
    p.add_argument("--epochs", type=float, help="override the number of epochs")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace --output even when it is a non-empty directory that is not a model",
    )
    p.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar (it is shown only when stderr is a terminal anyway)",
    )


def run(args: argparse.Namespace) -> int:
    cfg = load_train_config(args.config)
    if args.seed is not None:
        cfg.seed = args.seed
    if args.epochs is not None:
        if args.epochs <= 0:
            raise ConfigError(args.config, "--epochs", "must be positive")
        if cfg.backend == "transformers":
            cfg.transformers["epochs"] = args.epochs
        else:
            getattr(cfg, cfg.backend)["epochs"] = max(1, int(args.epochs))
    trainer = importlib.import_module(TRAINERS[cfg.backend])
    try:
        card = trainer.train_from_config(cfg, args.output, force=args.force, quiet=args.quiet)
    except ValueError as exc:
        raise PipelineError(f"{args.config}: {exc}") from None
    held = card.get("heldout_scores")
    out = card.get("output") or args.output or cfg.output
    print(f"model: {out}")
    if held:
        m = held["micro"]
        print(
            f"held-out micro ({', '.join(cfg.score_labels)}): "
            f"P {m['precision']:.4f} R {m['recall']:.4f} F1 {m['f1']:.4f} (n={m['support']})"
        )
    dev = card.get("dev_scores")
    if dev:
        print(f"dev micro F1 {dev['micro']['f1']:.4f} (epoch {card.get('best_epoch')})")
    return 0
