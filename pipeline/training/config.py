"""Train configs (``configs/train/*.yaml``), validated on load with messages naming the key.

Example::

    name: kk-ner
    lang: kk
    backend: spacy                  # spacy | stanza | transformers
    seed: 13
    labels: [PERSON, PLACE, DATE, COUNT, ORG]     # what the model learns
    score_labels: [PERSON, PLACE, DATE, COUNT]    # the headline micro-F1
    output: models/kk-ner
    split: {heldout: 0.1, dev: 0.05}              # fractions of each source's documents
    sources:
      - name: kaznerd
        path: ${KAZNERD:-../shared/kaznerd/IOB2_valid.txt}
        format: conll
        lang: kk
        label_map: {PERSON: PERSON, GPE: PLACE, LOCATION: PLACE, DATE: DATE,
                    CARDINAL: COUNT, ORGANISATION: ORG}
    spacy: {width: 96, depth: 4, epochs: 20}

Paths are relative to the working directory (the repository root). ``${VAR}`` and
``${VAR:-default}`` in a path are replaced from the environment, so a user points a
config at their own copy of a corpus with e.g. ``KAZNERD=/data/IOB2_valid.txt``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, PlainValidator, create_model

from pipeline.errors import ConfigError
from pipeline.languages import available as available_languages
from pipeline.settings import (
    Fraction,
    PositiveInt,
    Strict,
    check,
    fail,
    non_empty_list,
    one_of,
    read_yaml,
)
from pipeline.training.formats import FORMATS, canonical_format
from pipeline.training.sources import SourceSpec, resolve_label_map
from pipeline.types import LABELS, MISSION_LABELS

BACKENDS = ("spacy", "stanza", "transformers")
# what spacy.augment may add (pipeline.training.augment)
AUGMENT_KINDS = ("upper", "quotes", "join")

# name -> (type(s), default). Types are checked; numbers must be positive unless noted.
SPACY_SETTINGS: dict[str, tuple[tuple[type, ...], Any]] = {
    "width": ((int,), 96),
    "depth": ((int,), 4),
    "window": ((int,), 1),
    "maxout": ((int,), 3),
    "hidden_width": ((int,), 64),
    "attrs": ((list,), ["NORM", "PREFIX", "SUFFIX", "SHAPE"]),
    "rows": ((list,), [5000, 1000, 2500, 1000]),
    "char_embed": ((bool,), False),
    "epochs": ((int,), 20),
    "patience": ((int,), 5),
    "batch_start": ((int,), 8),
    "batch_end": ((int,), 32),
    "dropout": ((float, int), 0.2),
    "learn_rate": ((float, int), 0.001),
    "l2": ((float, int), 0.01),
    "average_params": ((bool,), True),
    "max_minutes": ((float, int), 0),
    "max_steps": ((int,), 0),
    # class name → word lists whose words get that class as NORM (see word_classes.py)
    "word_classes": ((dict,), {}),
    # look the classes up by stem at token level (inflected languages; word_classes.py)
    "word_classes_by_stem": ((bool,), False),
    # fractions of training rows added in capitals, with quoted ORGs, joined (augment.py)
    "augment": ((dict,), {}),
}
TRANSFORMERS_SETTINGS: dict[str, tuple[tuple[type, ...], Any]] = {
    "model": ((str,), None),
    "epochs": ((int, float), 3),
    "batch_size": ((int,), 16),
    "learn_rate": ((float, int), 5e-5),
    "weight_decay": ((float, int), 0.01),
    "warmup_ratio": ((float, int), 0.1),
    "max_length": ((int,), 256),
    "max_steps": ((int,), 0),
    "eval_batch_size": ((int,), 32),
}
STANZA_SETTINGS: dict[str, tuple[tuple[type, ...], Any]] = {
    # train_text (vectors built from the training rows), none, or a word-vector file
    "vectors": ((str,), "train_text"),
    "vector_dim": ((int,), 100),
    "vector_window": ((int,), 2),
    "max_vocab": ((int,), 100000),
    "hidden_dim": ((int,), 256),
    "char_hidden_dim": ((int,), 100),
    "char_emb_dim": ((int,), 100),
    "num_layers": ((int,), 1),
    "dropout": ((float, int), 0.5),
    "word_dropout": ((float, int), 0.01),
    "optim": ((str,), "sgd"),
    "learn_rate": ((float, int), 0.1),
    "momentum": ((float, int), 0.0),
    "max_grad_norm": ((float, int), 5.0),
    "batch_size": ((int,), 32),
    "epochs": ((int,), 20),
    "patience": ((int,), 5),
    "max_steps": ((int,), 0),
}
_OPTIMIZERS = ("sgd", "adagrad", "adam", "adamw", "adamax")
_ATTRS = ("NORM", "LOWER", "ORTH", "PREFIX", "SUFFIX", "SHAPE")
_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def expand_path(value: str) -> str:
    """Replace ``${VAR}`` / ``${VAR:-default}`` from the environment and expand ``~``."""

    def sub(m: re.Match) -> str:
        return os.environ.get(m.group(1)) or (m.group(2) or "")

    return os.path.expanduser(_ENV.sub(sub, value))


@dataclass
class TrainConfig:
    path: str
    name: str
    lang: str
    backend: str = "spacy"
    seed: int = 13
    labels: list[str] = field(default_factory=lambda: list(LABELS))
    score_labels: list[str] = field(default_factory=lambda: list(MISSION_LABELS))
    output: str | None = None
    heldout: float = 0.0
    dev: float = 0.1
    sources: list[SourceSpec] = field(default_factory=list)
    spacy: dict[str, Any] = field(default_factory=dict)
    stanza: dict[str, Any] = field(default_factory=dict)
    transformers: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    notes: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def heldout_by_source(self) -> dict[str, float]:
        return {s.name: self.heldout if s.heldout is None else s.heldout for s in self.sources}

    def dev_by_source(self) -> dict[str, float]:
        return {s.name: self.dev if s.dev is None else s.dev for s in self.sources}


def load_train_config(path: str | Path) -> TrainConfig:
    return parse_train_config(read_yaml(path, "train config"), str(path))


def _number(kinds: tuple[type, ...]) -> Any:
    """A setting of ``kinds`` (no booleans for numbers) that is not negative."""
    names = " or ".join(_TYPE_NAMES[t] for t in kinds)

    def validate(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, kinds):
            raise fail(f"must be {names}, not {value!r}")
        if value < 0:
            raise fail(f"must not be negative, not {value!r}")
        return value

    return Annotated[Any, PlainValidator(validate)]


_TYPE_NAMES = {int: "an integer", float: "a number", str: "a string"}


def _block_model(name: str, schema: dict[str, tuple[tuple[type, ...], Any]]) -> type[Strict]:
    """The model of a backend's settings block, typed from its schema."""
    fields: dict[str, Any] = {}
    for key, (kinds, default) in schema.items():
        if kinds[0] in (int, float):
            kind: Any = _number(kinds)
        elif kinds == (str,):
            kind = str | None if default is None else str
        else:
            kind = kinds[0]
        fields[key] = (kind, None)
    base = type(
        f"{name}Base",
        (Strict,),
        {"unknown_key": "unknown setting", "__annotations__": {"unknown_key": ClassVar[str]}},
    )
    return create_model(name, __base__=base, **fields)


SpacyBlock = _block_model("SpacyBlock", SPACY_SETTINGS)
StanzaBlock = _block_model("StanzaBlock", STANZA_SETTINGS)
TransformersBlock = _block_model("TransformersBlock", TRANSFORMERS_SETTINGS)
Label = one_of("label", LABELS)


class SplitBlock(Strict):
    """``split``: fractions of each source's documents held out and used for development."""

    heldout: Fraction = 0.0
    dev: Fraction = 0.1


class SourceBlock(Strict):
    """One entry of ``sources``."""

    name: str | None = None
    path: str
    format: Any = None  # checked by canonical_format (it knows the aliases)
    lang: one_of("language", lambda _ctx: (*available_languages(), "any")) | None = None  # type: ignore[valid-type]
    label_map: Any = None  # a known corpus name or a mapping (resolve_label_map)
    segment: one_of("value", ("line", "document")) = "line"  # type: ignore[valid-type]
    heldout: Fraction | None = None
    dev: Fraction | None = None
    limit: PositiveInt | None = None
    text_key: str = "text"
    token_col: int | None = None
    tag_col: int | None = None
    id_line: bool = False
    group_pattern: str | None = None


def _source(value: Any) -> Any:
    if not isinstance(value, dict):
        raise fail("each source is a mapping with 'path' and 'format'")
    return value


def _notes(value: Any) -> Any:
    if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
        raise fail("must be a list of strings (copied into the model card)")
    return value


class TrainModel(Strict):
    """A train config file."""

    name: str | None = None
    description: str | None = None
    notes: Annotated[list[str], BeforeValidator(_notes)] | None = None
    lang: one_of("language", lambda _ctx: available_languages())  # type: ignore[valid-type]
    backend: one_of("backend", BACKENDS) = "spacy"  # type: ignore[valid-type]
    seed: int = 13
    labels: Annotated[list[Label], non_empty_list("must be a non-empty list of labels")] = list(  # type: ignore[valid-type]
        LABELS
    )
    score_labels: list[Label] | None = None  # type: ignore[valid-type]
    output: str | None = None
    split: SplitBlock | None = None
    sources: Annotated[
        list[Annotated[SourceBlock, BeforeValidator(_source)]],
        non_empty_list("must be a non-empty list of sources"),
    ]
    spacy: SpacyBlock | None = None  # type: ignore[valid-type]
    stanza: StanzaBlock | None = None  # type: ignore[valid-type]
    transformers: TransformersBlock | None = None  # type: ignore[valid-type]


def _settings(raw: dict[str, Any] | None, schema: dict[str, tuple[tuple[type, ...], Any]]) -> dict:
    """A backend's settings: the schema's defaults, then the (validated) given values."""
    out = {k: (list(v) if isinstance(v, list) else v) for k, (_, v) in schema.items()}
    out.update(raw or {})
    return out


def _check_word_classes(path: str, classes: dict[str, Any]) -> None:
    from pipeline.resources import resource_path

    for cls, sources in classes.items():
        key = f"spacy.word_classes.{cls}"
        if not isinstance(sources, list) or not sources:
            raise ConfigError(path, key, "must be a non-empty list of word-list files")
        for i, entry in enumerate(sources):
            if isinstance(entry, dict) and "gazetteer" in entry:
                if entry.get("gazetteer") not in ("PLACE", "ORG") or entry.get("lang") not in (
                    available_languages()
                ):
                    raise ConfigError(
                        path, f"{key}[{i}]", "a gazetteer source is {gazetteer: PLACE|ORG, lang}"
                    )
                continue
            file = entry.get("path") if isinstance(entry, dict) else entry
            if not isinstance(file, str):
                raise ConfigError(
                    path,
                    f"{key}[{i}]",
                    "must be a file path, {path, lower}, {path, key} or {gazetteer, lang}",
                )
            if not resource_path(file).is_file():
                raise ConfigError(
                    path, f"{key}[{i}]", f"no such file: {file} (relative to pipeline/resources)"
                )


def _stanza_settings(path: str, raw: dict[str, Any] | None, used: bool) -> dict[str, Any]:
    settings = _settings(raw, STANZA_SETTINGS)
    if settings["optim"] not in _OPTIMIZERS:
        raise ConfigError(
            path,
            "stanza.optim",
            f"unknown optimizer {settings['optim']!r}; allowed: {', '.join(_OPTIMIZERS)}",
        )
    vectors = settings["vectors"]
    if vectors not in ("train_text", "none"):
        settings["vectors"] = vectors = expand_path(vectors)
        if used and not Path(vectors).is_file():
            raise ConfigError(
                path,
                "stanza.vectors",
                f"no such file: {vectors} (train_text builds vectors from the training rows; "
                "none trains without)",
            )
    for key in ("vector_dim", "hidden_dim", "batch_size", "epochs"):
        if settings[key] < 1:
            raise ConfigError(path, f"stanza.{key}", "must be at least 1")
    return settings


def parse_train_config(data: Any, path: str = "<train config>") -> TrainConfig:
    if not isinstance(data, dict):
        raise ConfigError(path, "<root>", "a train config must be a mapping")
    model = check(TrainModel, data, path)
    lang = model.lang
    name = model.name if model.name is not None else f"{lang}-ner"
    if not name:
        raise ConfigError(path, "name", "must be a non-empty string")
    backend = model.backend
    seed = model.seed
    labels = list(model.labels)
    score_labels = model.score_labels or [lab for lab in MISSION_LABELS if lab in labels]
    for i, lab in enumerate(score_labels):
        if lab not in labels:
            raise ConfigError(path, f"score_labels[{i}]", f"{lab!r} is not one of labels")
    output = model.output
    split = model.split or SplitBlock()
    heldout, dev = float(split.heldout), float(split.dev)
    if heldout + dev >= 1:
        raise ConfigError(path, "split", "heldout + dev must leave something to train on")

    sources: list[SourceSpec] = []
    names: set[str] = set()
    for i, (entry, given) in enumerate(zip(model.sources, data["sources"], strict=True)):
        key = f"sources[{i}]"
        fmt = entry.format
        try:
            fmt = canonical_format(fmt)
        except ValueError:
            raise ConfigError(
                path, f"{key}.format", f"unknown format {fmt!r}; allowed: {', '.join(FORMATS)}"
            ) from None
        src_lang = entry.lang or lang
        try:
            label_map = resolve_label_map(entry.label_map)
        except ValueError as exc:
            raise ConfigError(path, f"{key}.label_map", str(exc)) from None
        if fmt == "conll" and label_map is None:
            raise ConfigError(
                path,
                f"{key}.label_map",
                "required for a CoNLL source (e.g. 'kaznerd', 'uner' or a mapping)",
            )
        group_pattern = entry.group_pattern
        if group_pattern is not None:
            try:
                compiled = re.compile(group_pattern)
            except re.error as exc:
                raise ConfigError(path, f"{key}.group_pattern", f"bad regex: {exc}") from None
            if compiled.groups < 1:
                raise ConfigError(
                    path, f"{key}.group_pattern", "needs one group: the document or item id"
                )
        spec = SourceSpec(
            path=expand_path(entry.path),
            format=fmt,
            name=entry.name or "",
            lang=None if src_lang == "any" else src_lang,
            label_map=label_map,
            segment=entry.segment,
            heldout=given.get("heldout"),
            dev=given.get("dev"),
            limit=entry.limit,
            text_key=entry.text_key,
            token_col=entry.token_col,
            tag_col=entry.tag_col,
            id_line=entry.id_line,
            group_pattern=group_pattern,
        )
        if spec.name in names:
            raise ConfigError(path, f"{key}.name", f"duplicate source name {spec.name!r}")
        names.add(spec.name)
        sources.append(spec)

    spacy_settings = _settings(data.get("spacy"), SPACY_SETTINGS)
    for i, a in enumerate(spacy_settings["attrs"]):
        if a not in _ATTRS:
            raise ConfigError(
                path, f"spacy.attrs[{i}]", f"unknown attribute {a!r}; allowed: {', '.join(_ATTRS)}"
            )
    if len(spacy_settings["rows"]) != len(spacy_settings["attrs"]):
        raise ConfigError(path, "spacy.rows", "needs one row count per entry of spacy.attrs")
    _check_word_classes(path, spacy_settings["word_classes"])
    for kind, share in spacy_settings["augment"].items():
        if kind not in AUGMENT_KINDS:
            raise ConfigError(
                path, f"spacy.augment.{kind}", f"unknown kind; allowed: {', '.join(AUGMENT_KINDS)}"
            )
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
            raise ConfigError(path, f"spacy.augment.{kind}", "must be a fraction from 0 to 1")
    stanza_settings = _stanza_settings(path, data.get("stanza"), backend == "stanza")
    tf_settings = _settings(data.get("transformers"), TRANSFORMERS_SETTINGS)
    if backend == "transformers" and not tf_settings.get("model"):
        raise ConfigError(path, "transformers.model", "required: a local checkpoint directory")
    if tf_settings.get("model"):
        tf_settings["model"] = expand_path(tf_settings["model"])

    notes = model.notes or []

    return TrainConfig(
        path=path,
        notes=list(notes),
        name=name,
        lang=lang,
        backend=backend,
        seed=seed,
        labels=list(labels),
        score_labels=list(score_labels),
        output=output,
        heldout=heldout,
        dev=dev,
        sources=sources,
        spacy=spacy_settings,
        stanza=stanza_settings,
        transformers=tf_settings,
        description=model.description or "",
        raw=data,
    )
