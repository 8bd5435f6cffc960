"""stanza NER training (``backend: stanza``): stanza's own BiLSTM-CRF tagger, offline.

Config::

    backend: stanza
    stanza:
      vectors: train_text     # train_text | none | a word-vector file (.txt/.vec/.xz, or a stanza .pt)
      vector_dim: 100
      epochs: 20
      patience: 5

The model is stanza's (``stanza.models.ner``: character BiLSTM + word embeddings, a
BiLSTM and a CRF), built and updated through its ``Trainer``; this module runs the loop so
that it works like the other backends: rows from the config's sources, one pass over the
training rows an epoch (with a progress bar), the dev rows scored with seqeval (strict
IOB2) after each epoch, the best epoch kept, training stopped after ``patience`` epochs
without a better dev F1, and the held-out rows scored once at the end.

Word vectors ("pretrain"): stanza's taggers are normally trained with pre-trained vectors,
which cannot be downloaded here. ``vectors: train_text`` (the default) builds them from the
training rows themselves (PPMI + SVD, :mod:`pipeline.training.word_vectors`); ``none``
trains without (word embeddings learned from scratch, plus the character model); a path
uses a vector file you have (e.g. fastText's ``cc.kk.300.vec``, fetched elsewhere). The
model card says which.

The output directory holds ``ner.pt`` (the tagger), ``pretrain.pt`` (the vectors, unless
``none``), a minimal ``resources.json`` and the model card; ``ner.stanza`` loads it with
``{dir: DIR, ner_model_path: DIR/ner.pt, pretrain_path: DIR/pretrain.pt}``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.iob import to_bioes, to_iob2
from pipeline.training.card import save_card, training_card
from pipeline.training.config import TrainConfig
from pipeline.training.data import PreparedData, Rows, prepare_data, score, score_heldout
from pipeline.training.output import ModelOutput
from pipeline.training.progress import advance, epoch_bar
from pipeline.training.word_vectors import ppmi_svd_vectors, save_stanza_pretrain

log = logging.getLogger(__name__)

MODEL_FILE = "ner.pt"
PRETRAIN_FILE = "pretrain.pt"
_LANG_NAMES = {"kk": "Kazakh", "en": "English"}


def stanza_args(settings: dict[str, Any], lang: str, seed: int, pretrain: bool) -> dict[str, Any]:
    """stanza's NER arguments: its own defaults (``ner_tagger.parse_args``) with ours over them."""
    from stanza.models import ner_tagger

    if not log.isEnabledFor(logging.DEBUG):
        # stanza's training modules log every batch at DEBUG/INFO; our epoch lines suffice
        logging.getLogger("stanza").setLevel(logging.WARNING)
    args = ner_tagger.parse_args(["--shorthand", f"{lang}_kaznews", "--cpu"])
    args.update(
        seed=seed,
        pretrain=pretrain,
        word_emb_dim=int(settings["vector_dim"]),
        hidden_dim=int(settings["hidden_dim"]),
        char_hidden_dim=int(settings["char_hidden_dim"]),
        char_emb_dim=int(settings["char_emb_dim"]),
        num_layers=int(settings["num_layers"]),
        dropout=float(settings["dropout"]),
        word_dropout=float(settings["word_dropout"]),
        optim=str(settings["optim"]),
        lr=float(settings["learn_rate"]),
        momentum=float(settings["momentum"]),
        max_grad_norm=float(settings["max_grad_norm"]),
        batch_size=int(settings["batch_size"]),
        scheme="bioes",
    )
    return args


def _stanza_doc(tokens: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> Any:
    """A stanza ``Document`` of pre-tokenized sentences with BIOES tags."""
    from stanza.models.common.doc import Document

    sentences = []
    for words, iob in zip(tokens, tags, strict=True):
        if words:
            bioes = to_bioes(iob)
            sentences.append([{"text": w, "ner": t} for w, t in zip(words, bioes, strict=True)])
    return Document(sentences)


def build_pretrain(
    settings: dict[str, Any], tokens: Sequence[Sequence[str]], path: Path, seed: int
) -> tuple[Any, dict[str, Any]]:
    """The word vectors the config asks for, saved as a stanza Pretrain at ``path``, and
    what they are (for the card); ``(None, ...)`` for ``vectors: none``."""
    from stanza.models.common.pretrain import Pretrain

    source = str(settings["vectors"])
    if source == "none":
        return None, {"source": "none", "note": "no word vectors: embeddings learned from scratch"}
    if source == "train_text":
        words, vectors = ppmi_svd_vectors(
            tokens,
            dim=int(settings["vector_dim"]),
            window=int(settings["vector_window"]),
            seed=seed,
        )
        save_stanza_pretrain(words, vectors, path)
        info = {
            "source": "train_text",
            "note": "PPMI + SVD vectors built from the training rows only (no pre-trained vectors)",
            "words": len(words),
            "dim": int(settings["vector_dim"]),
            "window": int(settings["vector_window"]),
        }
        return Pretrain(str(path)), info
    given = Path(source)
    if given.suffix == ".pt":
        pretrain = Pretrain(str(given))
        pretrain.save(str(path))
    else:
        pretrain = Pretrain(str(path), str(given), int(settings["max_vocab"]))
    pretrain.load()
    info = {"source": str(given), "note": "word vectors from a file", "words": len(pretrain.vocab)}
    return Pretrain(str(path)), info


def predict_tags(trainer: Any, rows: Rows, args: dict[str, Any], pretrain: Any) -> list[list[str]]:
    """IOB2 tags for pre-tokenized rows (empty rows get none)."""
    from stanza.models.ner.data import DataLoader

    if not len(rows):
        return []
    keep = [i for i, t in enumerate(rows.tokens) if t]
    doc = _stanza_doc([rows.tokens[i] for i in keep], [rows.tags[i] for i in keep])
    batches = DataLoader(
        doc, args["batch_size"], args, pretrain, vocab=trainer.vocab, evaluation=True
    )
    preds: list[list[str]] = []
    for batch in batches:
        preds += [to_iob2(p) for p in trainer.predict(batch)]
    out: list[list[str]] = [[] for _ in rows.tokens]
    for i, p in zip(keep, preds, strict=True):
        out[i] = p
    return out


def train_from_config(
    cfg: TrainConfig,
    output: str | Path | None = None,
    data: PreparedData | None = None,
    force: bool = False,
    quiet: bool = False,
) -> dict[str, Any]:
    """Train the config's stanza tagger, score the held-out part, save the model and card."""
    out = Path(output or cfg.output or f"models/{cfg.name}")
    target = ModelOutput(out, force)
    data = data or prepare_data(cfg)
    with target as staged:
        card = _train(cfg, out, output, data, staged.path, quiet)
        staged.commit()
    log.info("saved %s (%.1f MB) with model-card.md/json", out, card["size_bytes"] / 1e6)
    return card


def _train(
    cfg: TrainConfig,
    out: Path,
    output: str | Path | None,
    data: PreparedData,
    staging: Path,
    quiet: bool,
) -> dict[str, Any]:
    import json

    import torch
    from stanza.models.common import utils
    from stanza.models.ner.data import DataLoader
    from stanza.models.ner.trainer import Trainer

    st = cfg.stanza
    train = Rows.from_dataset(data.splits["train"])
    dev = Rows.from_dataset(data.splits["dev"])
    heldout = Rows.from_dataset(data.splits["heldout"])
    utils.set_random_seed(cfg.seed)
    pretrain, vectors = build_pretrain(st, train.tokens, staging / PRETRAIN_FILE, cfg.seed)
    args = stanza_args(st, cfg.lang, cfg.seed, pretrain is not None)
    train_batches = DataLoader(
        _stanza_doc(train.tokens, train.tags), args["batch_size"], args, pretrain, evaluation=False
    )
    trainer = Trainer(args=args, vocab=train_batches.vocab, pretrain=pretrain, device="cpu")
    model_file = staging / MODEL_FILE
    epochs, patience, max_steps = int(st["epochs"]), int(st["patience"]), int(st["max_steps"])
    history: list[dict[str, Any]] = []
    best: dict[str, Any] = {"epoch": 0, "f1": -1.0, "scores": None}
    best_state: dict[str, Any] | None = None
    steps = 0
    started = time.monotonic()
    log.info("training stanza NER %s (%s, %d rows) -> %s", cfg.name, cfg.lang, len(train), out)
    for epoch in range(1, epochs + 1):
        t0 = time.monotonic()
        loss_sum, n_batches = 0.0, 0
        with epoch_bar(train_batches.num_examples, epoch, epochs, quiet) as bar:
            for batch in train_batches:
                loss_sum += trainer.update(batch, eval=False)
                n_batches += 1
                steps += 1
                advance(bar, len(batch[0]), loss_sum / n_batches)
                if max_steps and steps >= max_steps:
                    break
        train_batches.reshuffle()
        entry: dict[str, Any] = {
            "epoch": epoch,
            "loss": loss_sum / max(1, n_batches),
            "steps": steps,
        }
        improved = True
        if len(dev):
            scores = score(dev.tags, predict_tags(trainer, dev, args, pretrain), cfg.score_labels)
            m = scores["micro"]
            entry.update(dev_precision=m["precision"], dev_recall=m["recall"], dev_f1=m["f1"])
            improved = m["f1"] > best["f1"]
            if improved:
                best = {"epoch": epoch, "f1": m["f1"], "scores": scores}
        else:
            best = {"epoch": epoch, "f1": None, "scores": None}
        if improved:
            best_state = {k: v.detach().clone() for k, v in trainer.model.state_dict().items()}
        entry["seconds"] = time.monotonic() - t0
        history.append(entry)
        log.info(
            "epoch %d/%d  loss %.3f%s%s  (%.0f s)",
            epoch,
            epochs,
            entry["loss"],
            f"  dev P {entry['dev_precision']:.3f} R {entry['dev_recall']:.3f} "
            f"F1 {entry['dev_f1']:.3f}"
            if "dev_f1" in entry
            else "",
            "  *best*" if improved and "dev_f1" in entry else "",
            entry["seconds"],
        )
        if max_steps and steps >= max_steps:
            break
        if len(dev) and epoch - best["epoch"] >= patience:
            log.info("stopping: no better dev F1 for %d epochs", patience)
            break
    seconds = time.monotonic() - started
    if best_state is not None:
        trainer.model.load_state_dict(best_state)
    with torch.no_grad():
        trainer.save(str(model_file))
    if not model_file.is_file():  # stanza logs a failed save and carries on
        raise OSError(f"stanza could not write {model_file}")
    (staging / "resources.json").write_text(
        json.dumps({cfg.lang: {"lang_name": _LANG_NAMES.get(cfg.lang, cfg.lang)}}) + "\n",
        encoding="utf-8",
    )
    held_scores = held_all = None
    if len(heldout):
        pred = predict_tags(trainer, heldout, args, pretrain)
        held_scores, held_all = score_heldout(cfg, heldout.tags, pred)
    return save_card(
        staging,
        training_card(
            cfg,
            backend="stanza",
            architecture="stanza NER tagger (char BiLSTM + word embeddings, BiLSTM, CRF); "
            f"word vectors: {vectors['note']}",
            settings=st,
            out=out,
            output=output,
            data=data,
            rows=(len(train), len(dev), len(heldout)),
            best=best,
            history=history,
            held_scores=held_scores,
            held_all=held_all,
            seconds=seconds,
            word_vectors=vectors,
            files={
                "ner_model_path": MODEL_FILE,
                "pretrain_path": PRETRAIN_FILE if pretrain else None,
            },
        ),
    )
