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
from typing import Any

from pipeline.config import read_yaml
from pipeline.errors import ConfigError
from pipeline.languages import available as available_languages
from pipeline.training.formats import FORMATS, canonical_format
from pipeline.training.sources import SourceSpec, resolve_label_map
from pipeline.types import LABELS, MISSION_LABELS

BACKENDS = ("spacy", "stanza", "transformers")
_TOP_KEYS = {
    "name",
    "description",
    "notes",
    "lang",
    "backend",
    "seed",
    "labels",
    "score_labels",
    "output",
    "split",
    "sources",
    "spacy",
    "stanza",
    "transformers",
}
_SOURCE_KEYS = {
    "name",
    "path",
    "format",
    "lang",
    "label_map",
    "segment",
    "heldout",
    "dev",
    "limit",
    "text_key",
    "token_col",
    "tag_col",
    "id_line",
    "group_pattern",
}

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


def _fraction(path: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ConfigError(path, key, f"must be a number between 0 and 1, got {value!r}")
    return float(value)


def _settings(
    path: str, key: str, raw: Any, schema: dict[str, tuple[tuple[type, ...], Any]]
) -> dict[str, Any]:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(path, key, "must be a mapping")
    out = {k: (list(v) if isinstance(v, list) else v) for k, (_, v) in schema.items()}
    for k, v in raw.items():
        if k not in schema:
            raise ConfigError(
                path, f"{key}.{k}", f"unknown setting; allowed: {', '.join(sorted(schema))}"
            )
        types, _ = schema[k]
        if isinstance(v, bool) and bool not in types or not isinstance(v, types):
            names = " or ".join(t.__name__ for t in types)
            raise ConfigError(path, f"{key}.{k}", f"must be {names}, got {v!r}")
        if isinstance(v, int | float) and not isinstance(v, bool) and v < 0:
            raise ConfigError(path, f"{key}.{k}", f"must not be negative, got {v!r}")
        out[k] = v
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


def _stanza_settings(path: str, raw: Any, used: bool) -> dict[str, Any]:
    settings = _settings(path, "stanza", raw, STANZA_SETTINGS)
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
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ConfigError(path, unknown[0], f"unknown key; allowed: {', '.join(sorted(_TOP_KEYS))}")
    lang = data.get("lang")
    if lang not in available_languages():
        raise ConfigError(
            path, "lang", f"must be one of {', '.join(available_languages())}, got {lang!r}"
        )
    name = data.get("name", f"{lang}-ner")
    if not isinstance(name, str) or not name:
        raise ConfigError(path, "name", "must be a non-empty string")
    backend = data.get("backend", "spacy")
    if backend not in BACKENDS:
        raise ConfigError(
            path, "backend", f"unknown backend {backend!r}; allowed: {', '.join(BACKENDS)}"
        )
    seed = data.get("seed", 13)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ConfigError(path, "seed", f"must be an integer, got {seed!r}")
    labels = data.get("labels", list(LABELS))
    for key, value in (("labels", labels), ("score_labels", data.get("score_labels", []))):
        if not isinstance(value, list):
            raise ConfigError(path, key, "must be a list of labels")
        for i, lab in enumerate(value):
            if lab not in LABELS:
                raise ConfigError(
                    path, f"{key}[{i}]", f"unknown label {lab!r}; allowed: {', '.join(LABELS)}"
                )
    if not labels:
        raise ConfigError(path, "labels", "must not be empty")
    score_labels = data.get("score_labels") or [lab for lab in MISSION_LABELS if lab in labels]
    for i, lab in enumerate(score_labels):
        if lab not in labels:
            raise ConfigError(path, f"score_labels[{i}]", f"{lab!r} is not one of labels")
    output = data.get("output")
    if output is not None and not isinstance(output, str):
        raise ConfigError(path, "output", "must be a string (a directory)")
    split = data.get("split") or {}
    if not isinstance(split, dict):
        raise ConfigError(path, "split", "must be a mapping with 'heldout' and/or 'dev'")
    for k in split:
        if k not in ("heldout", "dev"):
            raise ConfigError(path, f"split.{k}", "unknown key; allowed: dev, heldout")
    heldout = _fraction(path, "split.heldout", split.get("heldout", 0.0))
    dev = _fraction(path, "split.dev", split.get("dev", 0.1))
    if heldout + dev >= 1:
        raise ConfigError(path, "split", "heldout + dev must leave something to train on")

    sources_raw = data.get("sources")
    if not isinstance(sources_raw, list) or not sources_raw:
        raise ConfigError(path, "sources", "must be a non-empty list of sources")
    sources: list[SourceSpec] = []
    names: set[str] = set()
    for i, entry in enumerate(sources_raw):
        key = f"sources[{i}]"
        if not isinstance(entry, dict):
            raise ConfigError(path, key, "each source is a mapping with 'path' and 'format'")
        for k in entry:
            if k not in _SOURCE_KEYS:
                raise ConfigError(
                    path, f"{key}.{k}", f"unknown key; allowed: {', '.join(sorted(_SOURCE_KEYS))}"
                )
        if not isinstance(entry.get("path"), str):
            raise ConfigError(path, f"{key}.path", "required: the source file")
        fmt = entry.get("format")
        try:
            fmt = canonical_format(fmt)
        except ValueError:
            raise ConfigError(
                path, f"{key}.format", f"unknown format {fmt!r}; allowed: {', '.join(FORMATS)}"
            ) from None
        src_lang = entry.get("lang", lang)
        if src_lang not in (*available_languages(), "any"):
            raise ConfigError(
                path, f"{key}.lang", f"must be one of {', '.join(available_languages())} or 'any'"
            )
        try:
            label_map = resolve_label_map(entry.get("label_map"))
        except ValueError as exc:
            raise ConfigError(path, f"{key}.label_map", str(exc)) from None
        if fmt == "conll" and label_map is None:
            raise ConfigError(
                path,
                f"{key}.label_map",
                "required for a CoNLL source (e.g. 'kaznerd', 'uner' or a mapping)",
            )
        segment = entry.get("segment", "line")
        if segment not in ("line", "document"):
            raise ConfigError(path, f"{key}.segment", "must be 'line' or 'document'")
        for k in ("heldout", "dev"):
            if k in entry:
                _fraction(path, f"{key}.{k}", entry[k])
        limit = entry.get("limit")
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit < 1
        ):
            raise ConfigError(path, f"{key}.limit", "must be a positive integer")
        id_line = entry.get("id_line", False)
        if not isinstance(id_line, bool):
            raise ConfigError(path, f"{key}.id_line", "must be true or false")
        group_pattern = entry.get("group_pattern")
        if group_pattern is not None:
            try:
                compiled = re.compile(str(group_pattern))
            except re.error as exc:
                raise ConfigError(path, f"{key}.group_pattern", f"bad regex: {exc}") from None
            if compiled.groups < 1:
                raise ConfigError(
                    path, f"{key}.group_pattern", "needs one group: the document or item id"
                )
        spec = SourceSpec(
            path=expand_path(entry["path"]),
            format=fmt,
            name=str(entry.get("name") or ""),
            lang=None if src_lang == "any" else src_lang,
            label_map=label_map,
            segment=segment,
            heldout=entry.get("heldout"),
            dev=entry.get("dev"),
            limit=limit,
            text_key=str(entry.get("text_key", "text")),
            token_col=entry.get("token_col"),
            tag_col=entry.get("tag_col"),
            id_line=id_line,
            group_pattern=None if group_pattern is None else str(group_pattern),
        )
        if spec.name in names:
            raise ConfigError(path, f"{key}.name", f"duplicate source name {spec.name!r}")
        names.add(spec.name)
        sources.append(spec)

    spacy_settings = _settings(path, "spacy", data.get("spacy"), SPACY_SETTINGS)
    for i, a in enumerate(spacy_settings["attrs"]):
        if a not in _ATTRS:
            raise ConfigError(
                path, f"spacy.attrs[{i}]", f"unknown attribute {a!r}; allowed: {', '.join(_ATTRS)}"
            )
    if len(spacy_settings["rows"]) != len(spacy_settings["attrs"]):
        raise ConfigError(path, "spacy.rows", "needs one row count per entry of spacy.attrs")
    _check_word_classes(path, spacy_settings["word_classes"])
    for kind, share in spacy_settings["augment"].items():
        from pipeline.training.augment import KINDS

        if kind not in KINDS:
            raise ConfigError(
                path, f"spacy.augment.{kind}", f"unknown kind; allowed: {', '.join(KINDS)}"
            )
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
            raise ConfigError(path, f"spacy.augment.{kind}", "must be a fraction from 0 to 1")
    stanza_settings = _stanza_settings(path, data.get("stanza"), backend == "stanza")
    tf_settings = _settings(path, "transformers", data.get("transformers"), TRANSFORMERS_SETTINGS)
    if backend == "transformers" and not tf_settings.get("model"):
        raise ConfigError(path, "transformers.model", "required: a local checkpoint directory")
    if tf_settings.get("model"):
        tf_settings["model"] = expand_path(tf_settings["model"])

    notes = data.get("notes") or []
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise ConfigError(path, "notes", "must be a list of strings (copied into the model card)")

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
        description=str(data.get("description") or ""),
        raw=data,
    )
