"""spaCy NER training (a small CNN ``tok2vec`` inside ``ner``, CPU) from a train config.

The training loop is spaCy's ``nlp.update`` over pre-tokenized examples: each row's tokens
become a ``Doc`` and its IOB2 tags the reference entities, so the model learns on exactly
the tokens it will see at run time (``ner.spacy`` feeds it the project tokens). After each
epoch the dev part is tagged and scored with seqeval (strict IOB2); the best epoch's
weights are kept (with parameter averaging when ``average_params``) and training stops
after ``patience`` epochs without a better dev F1. The held-out part is scored once, at
the end, and never influences training.

The saved directory is a plain spaCy pipeline (``spacy.load(DIR)``; for ``kk`` import
``pipeline.lang.kk`` first) with no optimizer state, plus ``model-card.md/json``.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipeline.training.augment import augment_rows
from pipeline.training.card import save_card, scores_by_source, training_card
from pipeline.training.config import TrainConfig
from pipeline.training.data import PreparedData, Rows, prepare_data, score
from pipeline.training.output import ModelOutput
from pipeline.training.progress import advance, epoch_bar
from pipeline.word_classes import StemClasses, install_word_classes

log = logging.getLogger(__name__)


def new_nlp(lang: str) -> Any:
    """A fresh blank pipeline (not the cached tokenizer pipeline of ``pipeline.tokenize``)."""
    import spacy

    from pipeline.languages import spacy_language

    return spacy.blank(spacy_language(lang))


def model_config(settings: dict[str, Any]) -> dict[str, Any]:
    """The ``ner`` model block: TransitionBasedParser over a CNN tok2vec."""
    width = int(settings["width"])
    if settings.get("char_embed"):
        embed: dict[str, Any] = {
            "@architectures": "spacy.CharacterEmbed.v2",
            "width": width,
            "rows": int(settings["rows"][0]),
            "nM": 64,
            "nC": 8,
            "include_static_vectors": False,
        }
    else:
        embed = {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": width,
            "attrs": list(settings["attrs"]),
            "rows": [int(r) for r in settings["rows"]],
            "include_static_vectors": False,
        }
    return {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": int(settings["hidden_width"]),
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": embed,
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": width,
                "depth": int(settings["depth"]),
                "window_size": int(settings["window"]),
                "maxout_pieces": int(settings["maxout"]),
            },
        },
    }


def build_nlp(lang: str, labels: Sequence[str], settings: dict[str, Any]) -> Any:
    nlp = new_nlp(lang)
    classes = settings.get("word_classes") or {}
    if settings.get("word_classes_by_stem"):
        stems = StemClasses.build(lang, classes)
        stems.install(nlp)
        log.info("word classes: %d stems give their words a class as NORM", len(stems.stems))
    else:
        n_classes = install_word_classes(nlp, classes)
        if n_classes:
            log.info("word classes: %d words get a class as NORM", n_classes)
    ner = nlp.add_pipe("ner", config={"model": model_config(settings)})
    for lab in labels:
        ner.add_label(lab)
    return nlp


def make_examples(nlp: Any, tokens: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> list:
    from spacy.tokens import Doc
    from spacy.training import Example

    stems = StemClasses.from_nlp(nlp)
    out = []
    for words, iob in zip(tokens, tags, strict=True):
        if not words:
            continue
        ref = Doc(nlp.vocab, words=list(words), ents=list(iob))
        doc = Doc(nlp.vocab, words=list(words))
        if stems is not None:
            stems.apply(doc)
        out.append(Example(doc, ref))
    return out


def predict_tags(
    nlp: Any, tokens: Sequence[Sequence[str]], batch_size: int = 256
) -> list[list[str]]:
    """IOB2 tags predicted for pre-tokenized rows (the tokenization is never changed)."""
    from spacy.tokens import Doc

    docs = [Doc(nlp.vocab, words=list(words)) for words in tokens]
    stems = StemClasses.from_nlp(nlp)
    if stems is not None:
        for doc in docs:
            stems.apply(doc)
    out: list[list[str]] = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        out.append(
            [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in doc]
        )
    return out


def _batches(items: list, start: int, end: int, rate: float = 1.001) -> list[list]:
    """Batches whose size grows from ``start`` to ``end`` rows (spaCy's compounding)."""
    out = []
    size = float(start)
    i = 0
    while i < len(items):
        n = max(1, int(size))
        out.append(items[i : i + n])
        i += n
        size = min(float(end), size * rate)
    return out


def train_spacy(
    train: Rows,
    dev: Rows | None,
    lang: str,
    labels: Sequence[str],
    settings: dict[str, Any],
    seed: int,
    score_labels: Sequence[str] | None = None,
    progress: Callable[[dict[str, Any]], None] | None = None,
    quiet: bool = False,
) -> tuple[Any, list[dict[str, Any]], dict[str, Any]]:
    """Train and return ``(nlp, history, best)``; ``best`` has the epoch and its dev scores.

    ``progress`` is called with each epoch's history entry; a bar per epoch goes to stderr
    when it is a terminal and not ``quiet`` (:mod:`pipeline.training.progress`).
    """
    from thinc.api import Adam, fix_random_seed

    fix_random_seed(seed)
    rng = random.Random(seed)
    score_labels = list(score_labels or labels)
    nlp = build_nlp(lang, labels, settings)
    if settings.get("augment"):
        n = len(train)
        train = augment_rows(train, settings["augment"], seed)
        log.info("augmented: %d training rows + %d", n, len(train) - n)
    examples = make_examples(nlp, train.tokens, train.tags)
    if not examples:
        raise ValueError("no training examples")
    optimizer = Adam(
        learn_rate=float(settings["learn_rate"]),
        L2=float(settings["l2"]),
        L2_is_weight_decay=True,
        grad_clip=1.0,
        use_averages=bool(settings["average_params"]),
    )
    nlp.initialize(lambda: examples, sgd=optimizer)
    epochs = int(settings["epochs"])
    patience = int(settings["patience"])
    max_seconds = float(settings["max_minutes"]) * 60
    max_steps = int(settings["max_steps"])
    has_dev = dev is not None and len(dev) > 0
    history: list[dict[str, Any]] = []
    best: dict[str, Any] = {"epoch": 0, "f1": -1.0, "scores": None}
    best_bytes: bytes | None = None
    started = time.monotonic()
    steps = 0
    for epoch in range(1, epochs + 1):
        t0 = time.monotonic()
        order = list(examples)
        rng.shuffle(order)
        losses: dict[str, float] = {}
        with epoch_bar(len(order), epoch, epochs, quiet) as bar:
            for batch in _batches(order, int(settings["batch_start"]), int(settings["batch_end"])):
                nlp.update(batch, drop=float(settings["dropout"]), sgd=optimizer, losses=losses)
                advance(bar, len(batch), losses.get("ner", 0.0))
                steps += 1
                if max_steps and steps >= max_steps:
                    break
        entry: dict[str, Any] = {
            "epoch": epoch,
            "loss": float(losses.get("ner", 0.0)),
            "steps": steps,
        }
        improved = False
        with _averaged(nlp, optimizer, settings):
            if has_dev:
                pred = predict_tags(nlp, dev.tokens)
                scores = score(dev.tags, pred, score_labels)
                micro = scores["micro"]
                entry.update(
                    dev_precision=micro["precision"], dev_recall=micro["recall"], dev_f1=micro["f1"]
                )
                improved = micro["f1"] > best["f1"]
                if improved:
                    best = {"epoch": epoch, "f1": micro["f1"], "scores": scores}
            else:
                improved = True
                best = {"epoch": epoch, "f1": None, "scores": None}
            if improved:
                best_bytes = nlp.get_pipe("ner").to_bytes(exclude=["vocab"])
        entry["seconds"] = time.monotonic() - t0
        history.append(entry)
        _log_epoch(entry, epochs, improved and has_dev)
        if progress:
            progress(entry)
        elapsed = time.monotonic() - started
        if max_steps and steps >= max_steps:
            log.info("stopping: reached max_steps %d", max_steps)
            break
        if has_dev and epoch - best["epoch"] >= patience:
            log.info("stopping: no better dev F1 for %d epochs", patience)
            break
        if max_seconds and elapsed >= max_seconds:
            log.info("stopping: reached max_minutes %.1f", max_seconds / 60)
            break
    if best_bytes is not None:
        nlp.get_pipe("ner").from_bytes(best_bytes, exclude=["vocab"])
    return nlp, history, best


class _averaged:
    """Evaluate and snapshot with the averaged parameters when averaging is on."""

    def __init__(self, nlp: Any, optimizer: Any, settings: dict[str, Any]) -> None:
        self.ctx = nlp.use_params(optimizer.averages) if settings.get("average_params") else None

    def __enter__(self) -> None:
        if self.ctx is not None:
            self.ctx.__enter__()

    def __exit__(self, *exc: object) -> None:
        if self.ctx is not None:
            self.ctx.__exit__(*exc)


def _log_epoch(entry: dict[str, Any], epochs: int, best: bool) -> None:
    if "dev_f1" in entry:
        log.info(
            "epoch %d/%d  loss %.1f  dev P %.3f R %.3f F1 %.3f%s  (%.0f s)",
            entry["epoch"],
            epochs,
            entry["loss"],
            entry["dev_precision"],
            entry["dev_recall"],
            entry["dev_f1"],
            "  *best*" if best else "",
            entry["seconds"],
        )
    else:
        log.info(
            "epoch %d/%d  loss %.1f  (%.0f s)",
            entry["epoch"],
            epochs,
            entry["loss"],
            entry["seconds"],
        )


def save_spacy(nlp: Any, output: str | Path, name: str, description: str = "") -> Path:
    """Write the pipeline into ``output`` (a staging directory of :class:`ModelOutput`)."""
    out = Path(output)
    nlp.meta["name"] = name.replace("-", "_")
    nlp.meta["version"] = "0.1.0"
    nlp.meta["description"] = description
    nlp.to_disk(out)
    return out


def train_from_config(
    cfg: TrainConfig,
    output: str | Path | None = None,
    data: PreparedData | None = None,
    force: bool = False,
    quiet: bool = False,
) -> dict[str, Any]:
    """Train the config's model, score the held-out part, save the model and its card.

    The model and its card are written beside ``output`` and swapped in only when complete
    (:class:`~pipeline.training.output.ModelOutput`); a non-empty ``output`` that is not a
    model is refused before training unless ``force``.
    """
    out = Path(output or cfg.output or f"models/{cfg.name}")
    target = ModelOutput(out, force)
    data = data or prepare_data(cfg)
    train = Rows.from_dataset(data.splits["train"])
    dev = Rows.from_dataset(data.splits["dev"])
    heldout = Rows.from_dataset(data.splits["heldout"])
    log.info("training spaCy NER %s (%s) -> %s", cfg.name, cfg.lang, out)
    t0 = time.monotonic()
    nlp, history, best = train_spacy(
        train, dev, cfg.lang, cfg.labels, cfg.spacy, cfg.seed, cfg.score_labels, quiet=quiet
    )
    seconds = time.monotonic() - t0
    held_scores = held_all = None
    by_source: dict[str, Any] = {}
    if len(heldout):
        pred = predict_tags(nlp, heldout.tokens)
        held_scores = score(heldout.tags, pred, cfg.score_labels)
        held_all = score(heldout.tags, pred, cfg.labels)
        by_source = scores_by_source(
            list(data.splits["heldout"]["source"]),
            heldout.tags,
            pred,
            cfg.score_labels,
            cfg.labels,
        )
        m = held_scores["micro"]
        log.info(
            "held-out (%d rows): P %.3f R %.3f F1 %.3f over %s",
            len(heldout),
            m["precision"],
            m["recall"],
            m["f1"],
            ", ".join(cfg.score_labels),
        )
    with target as staged:
        save_spacy(nlp, staged.path, cfg.name, cfg.description)
        card = save_card(
            staged.path,
            training_card(
                cfg,
                backend="spacy",
                architecture="tok2vec (MultiHashEmbed + MaxoutWindowEncoder CNN) + transition-based ner",
                settings=cfg.spacy,
                out=out,
                output=output,
                data=data,
                rows=(len(train), len(dev), len(heldout)),
                best=best,
                history=history,
                held_scores=held_scores,
                held_all=held_all,
                seconds=seconds,
                heldout_ids_sha256=_ids_hash(heldout.ids),
                heldout_by_source=by_source,
            ),
        )
        staged.commit()
    log.info("saved %s (%.1f MB) with model-card.md/json", out, card["size_bytes"] / 1e6)
    return card


def _ids_hash(ids: Sequence[str]) -> str:
    import hashlib

    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()
