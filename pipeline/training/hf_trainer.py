"""Token-classification fine-tuning with Hugging Face ``transformers`` (``backend: transformers``).

Config::

    backend: transformers
    transformers:
      model: /path/to/xlm-roberta-base     # a local checkpoint directory (never downloaded)
      epochs: 3
      batch_size: 16
      learn_rate: 5.0e-5
      max_length: 256

The rows of the config's sources (a ``datasets.Dataset``) are encoded with the checkpoint's
fast tokenizer (``is_split_into_words``); the first sub-word of each word carries the
word's label and every other sub-word (and special token) gets -100, so the loss and the
predictions are per word. A plain PyTorch loop (AdamW, linear warm-up and decay) trains the
model; after each epoch the dev rows are tagged (the first sub-word's label for each word;
words cut off by ``max_length`` are O) and scored with seqeval, strict IOB2, and the best
epoch is kept. The output directory is a ``save_pretrained`` model + tokenizer (no
optimizer state) with ``id2label`` set to the IOB2 tags, which ``ner.transformers`` loads,
plus the model card.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import ModelNotFoundError, PipelineError
from pipeline.iob import iob2_names, to_iob2
from pipeline.training.card import save_card, training_card
from pipeline.training.config import TrainConfig
from pipeline.training.data import PreparedData, prepare_data, score, score_heldout
from pipeline.training.output import ModelOutput
from pipeline.training.progress import advance, epoch_bar
from pipeline.training.sources import dataset_tags

log = logging.getLogger(__name__)


def load_checkpoint(source: str, labels: Sequence[str]) -> tuple[Any, Any]:
    """A fast tokenizer and a token-classification model over ``iob2_names(labels)``,
    from a local directory only (``local_files_only=True``); a new head if the labels differ."""
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    names = iob2_names(labels)
    path = Path(source).expanduser()
    if not path.is_dir():
        raise ModelNotFoundError(
            f"transformers checkpoint '{source}' is not a local directory; download it on a "
            "machine with internet access (e.g. `huggingface-cli download xlm-roberta-base "
            "--local-dir DIR`) and set transformers.model to DIR"
        )
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        model = AutoModelForTokenClassification.from_pretrained(
            str(path),
            local_files_only=True,
            num_labels=len(names),
            id2label=dict(enumerate(names)),
            label2id={n: i for i, n in enumerate(names)},
            ignore_mismatched_sizes=True,
        )
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(f"cannot load transformers checkpoint '{source}': {exc}") from None
    if not getattr(tokenizer, "is_fast", False):
        raise PipelineError(f"the tokenizer at {source} is not a fast tokenizer (word_ids needed)")
    try:
        tokenizer([["a", "b"]], is_split_into_words=True)
    except (ValueError, TypeError, AssertionError):
        # byte-level BPE (RoBERTa, GPT-2 style) needs a prefix space for pre-split words
        tokenizer = AutoTokenizer.from_pretrained(
            str(path), local_files_only=True, add_prefix_space=True
        )
    return tokenizer, model


def encode(
    tokenizer: Any, tokens: list[list[str]], tag_ids: list[list[int]] | None, max_length: int
) -> dict:
    """Sub-word encodings; ``labels`` has the word label on first sub-words, -100 elsewhere."""
    enc = tokenizer(tokens, is_split_into_words=True, truncation=True, max_length=max_length)
    if tag_ids is not None:
        all_labels = []
        for i, seq in enumerate(tag_ids):
            prev = None
            labels = []
            for w in enc.word_ids(batch_index=i):
                if w is None or w == prev:
                    labels.append(-100)
                else:
                    labels.append(seq[w])
                prev = w
            all_labels.append(labels)
        enc["labels"] = all_labels
    return dict(enc)


def predict_tags(
    model: Any,
    tokenizer: Any,
    tokens: Sequence[Sequence[str]],
    max_length: int,
    batch_size: int = 32,
) -> list[list[str]]:
    """IOB2 tags for pre-tokenized rows: each word takes its first sub-word's label."""
    import torch

    id2label = {int(k): v for k, v in model.config.id2label.items()}
    model.eval()
    out: list[list[str]] = []
    with torch.no_grad():
        for start in range(0, len(tokens), batch_size):
            batch = [list(t) for t in tokens[start : start + batch_size]]
            enc = tokenizer(
                batch,
                is_split_into_words=True,
                truncation=True,
                max_length=max_length,
                padding=True,
                return_tensors="pt",
            )
            logits = model(**{k: v for k, v in enc.items() if k != "offset_mapping"}).logits
            best = logits.argmax(-1).tolist()
            for i, words in enumerate(batch):
                tags = ["O"] * len(words)
                prev = None
                for j, w in enumerate(enc.word_ids(batch_index=i)):
                    if w is not None and w != prev:
                        tags[w] = id2label.get(best[i][j], "O")
                    prev = w
                out.append(to_iob2(tags))
    return out


def train_from_config(
    cfg: TrainConfig,
    output: str | Path | None = None,
    data: PreparedData | None = None,
    force: bool = False,
    quiet: bool = False,
) -> dict[str, Any]:
    """Fine-tune ``cfg.transformers.model`` on the config's sources; save model + card.

    The best epoch is saved into a staging directory beside ``output``, which replaces
    ``output`` only once the card is written (:class:`~pipeline.training.output.ModelOutput`).
    """
    st = cfg.transformers
    out = Path(output or cfg.output or f"models/{cfg.name}")
    target = ModelOutput(out, force)
    data = data or prepare_data(cfg)
    with target as staged:
        card = _fine_tune(cfg, st, out, output, data, staged.path, quiet)
        staged.commit()
    return card


def _fine_tune(
    cfg: TrainConfig,
    st: dict[str, Any],
    out: Path,
    output: str | Path | None,
    data: PreparedData,
    staging: Path,
    quiet: bool,
) -> dict[str, Any]:
    import torch
    from torch.utils.data import DataLoader
    from transformers import DataCollatorForTokenClassification, get_linear_schedule_with_warmup

    torch.manual_seed(cfg.seed)
    tokenizer, model = load_checkpoint(str(st["model"]), cfg.labels)
    max_length = int(st["max_length"])
    max_pos = getattr(model.config, "max_position_embeddings", None)
    if max_pos:
        max_length = min(max_length, int(max_pos) - 2)

    train_ds = data.splits["train"]
    dev_ds, held_ds = data.splits["dev"], data.splits["heldout"]

    def to_features(batch: dict) -> dict:
        return encode(tokenizer, batch["tokens"], batch["ner_tags"], max_length)

    train_enc = train_ds.map(to_features, batched=True, remove_columns=train_ds.column_names)
    collator = DataCollatorForTokenClassification(tokenizer)
    gen = torch.Generator().manual_seed(cfg.seed)
    loader = DataLoader(
        train_enc,
        batch_size=int(st["batch_size"]),
        shuffle=True,
        collate_fn=collator,
        generator=gen,
    )
    epochs = float(st["epochs"])
    total = int(st["max_steps"]) or max(1, math.ceil(len(loader) * epochs))
    no_decay = ("bias", "LayerNorm.weight", "layer_norm", "norm.weight")
    groups = [
        {
            "params": [p for n, p in model.named_parameters() if not any(x in n for x in no_decay)],
            "weight_decay": float(st["weight_decay"]),
        },
        {
            "params": [p for n, p in model.named_parameters() if any(x in n for x in no_decay)],
            "weight_decay": 0.0,
        },
    ]
    optimizer = torch.optim.AdamW(groups, lr=float(st["learn_rate"]))
    scheduler = get_linear_schedule_with_warmup(
        optimizer, int(total * float(st["warmup_ratio"])), total
    )
    dev_tokens, dev_tags = list(dev_ds["tokens"]), dataset_tags(dev_ds)
    history: list[dict[str, Any]] = []
    best: dict[str, Any] = {"epoch": 0, "f1": -1.0, "scores": None}
    step = 0
    epoch = 0
    t_start = time.monotonic()
    log.info("fine-tuning %s on %d rows (%d steps) -> %s", st["model"], len(train_ds), total, out)
    while step < total:
        epoch += 1
        model.train()
        t0 = time.monotonic()
        loss_sum, n_batches = 0.0, 0
        epochs_shown = math.ceil(total / max(1, len(loader)))
        with epoch_bar(len(train_enc), epoch, epochs_shown, quiet) as bar:
            for batch in loader:
                result = model(**batch)
                result.loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad()
                loss_sum += float(result.loss.detach())
                n_batches += 1
                advance(bar, int(batch["input_ids"].shape[0]), loss_sum / n_batches)
                step += 1
                if step >= total:
                    break
        entry: dict[str, Any] = {
            "epoch": epoch,
            "loss": loss_sum / max(1, n_batches),
            "steps": step,
        }
        improved = True
        if dev_tokens:
            pred = predict_tags(
                model, tokenizer, dev_tokens, max_length, int(st["eval_batch_size"])
            )
            scores = score(dev_tags, pred, cfg.score_labels)
            m = scores["micro"]
            entry.update(dev_precision=m["precision"], dev_recall=m["recall"], dev_f1=m["f1"])
            improved = m["f1"] > best["f1"]
            if improved:
                best = {"epoch": epoch, "f1": m["f1"], "scores": scores}
        else:
            best = {"epoch": epoch, "f1": None, "scores": None}
        if improved:
            model.save_pretrained(staging)
            tokenizer.save_pretrained(staging)
        entry["seconds"] = time.monotonic() - t0
        history.append(entry)
        if "dev_f1" in entry:
            log.info(
                "epoch %d  loss %.4f  dev P %.3f R %.3f F1 %.3f%s  (%.0f s)",
                epoch,
                entry["loss"],
                entry["dev_precision"],
                entry["dev_recall"],
                entry["dev_f1"],
                "  *best*" if improved else "",
                entry["seconds"],
            )
        else:
            log.info("epoch %d  loss %.4f  (%.0f s)", epoch, entry["loss"], entry["seconds"])
    seconds = time.monotonic() - t_start
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(str(staging), local_files_only=True)
    held_scores = held_all = None
    if len(held_ds):
        pred = predict_tags(
            model, tokenizer, list(held_ds["tokens"]), max_length, int(st["eval_batch_size"])
        )
        held_scores, held_all = score_heldout(cfg, dataset_tags(held_ds), pred)
    return save_card(
        staging,
        training_card(
            cfg,
            backend="transformers",
            architecture=f"{model.config.model_type} token classification, first sub-word labelled",
            settings=st,
            out=out,
            output=output,
            data=data,
            rows=(len(train_ds), len(dev_ds), len(held_ds)),
            best=best,
            history=history,
            held_scores=held_scores,
            held_all=held_all,
            seconds=seconds,
            base_model=str(st["model"]),
        ),
    )
