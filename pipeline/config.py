"""Pipeline configs (YAML), validated on load with messages that name the bad key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.consistency import ConsistencySettings
from pipeline.errors import ConfigError
from pipeline.languages import add_paths as add_language_paths
from pipeline.languages import available as available_languages
from pipeline.registry import (
    factory_choices,
    factory_path_settings,
    factory_settings,
    registered_names,
)
from pipeline.resources import SafeLoader
from pipeline.types import LABELS
from pipeline.validate import date_problem

MERGE_POLICIES = ("priority", "score", "longest", "evidence")
NORMALISERS = ("dates", "counts", "names")
ON_ERROR = ("fail", "skip")
ENGINES = ("local", "dask")
DEFAULT_MAX_CHARS = 2_000_000
_TOP_KEYS = {
    "languages",
    # more language folders (pipeline.languages), relative to the config file
    "language_paths",
    "input",
    "output",
    "components",
    "merge",
    "normalise",
    "on_error",
    "doc_date",
    "infer_doc_date",
    "description",
    # document-level consistency of names after merging (pipeline.consistency)
    "consistency",
    # batch runs (pipeline.batch)
    "engine",
    "workers",
    "scheduler",
    "max_chars",
    "chunk_size",
    "checkpoint_every",
}


@dataclass
class ComponentConfig:
    name: str
    settings: dict[str, Any] = field(default_factory=dict)
    # Labels the component may propose, per language (absent: all). Kept by the engine, so
    # every component has it: e.g. an English model trusted for places but not persons.
    labels_by_language: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class PipelineConfig:
    path: str
    languages: list[str]
    components: list[ComponentConfig]
    merge_policy: str = "priority"
    merge_order: list[str] = field(default_factory=list)
    # Per-language override of merge_order (language code → component names).
    merge_order_by_language: dict[str, list[str]] = field(default_factory=dict)
    # Settings of the evidence combiner (merge.policy: evidence; see pipeline.combine).
    merge_evidence: dict[str, Any] = field(default_factory=dict)
    normalise: list[str] = field(default_factory=lambda: list(NORMALISERS))
    input: str | list[str] | None = None
    output: str | None = None
    on_error: str = "fail"
    doc_date: str | None = None
    # Without meta.date (nor doc_date), read the document date from a date at the top of the
    # text (pipeline.grammar.docdate) and record it as meta.date_inferred.
    infer_doc_date: bool = True
    # batch runs: see pipeline.batch and docs/batch.md
    engine: str = "local"
    workers: int | str = 1  # a positive integer or "auto" (one per CPU)
    scheduler: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    chunk_size: int = 32
    checkpoint_every: int = 1000
    # None: no consistency pass
    consistency: ConsistencySettings | None = None
    # Language folders the config adds (pipeline.languages), resolved; registered on load.
    language_paths: list[Path] = field(default_factory=list)
    # Relative paths in the config are resolved against this: the config file's directory
    # (the working directory for a config that is no file).
    base_dir: Path = field(default_factory=Path.cwd)

    def resolve_path(self, value: str) -> Path:
        """A path from the config: relative ones are relative to the config's directory."""
        return resolve_path(value, self.base_dir)


def resolve_path(value: str | Path, base_dir: Path) -> Path:
    """``value`` against ``base_dir`` unless absolute (``~`` is the home directory)."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else base_dir / path


def _resolve_setting(value: Any, base_dir: Path) -> Any:
    """The paths in a component's path setting (a string, or a mapping or list of them)
    resolved against the config's directory. A bare name without a separator (a spaCy
    package such as ``en_core_web_sm``) stays as it is unless the config's directory has
    a file or directory of that name."""
    if isinstance(value, dict):
        return {k: _resolve_setting(v, base_dir) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_setting(v, base_dir) for v in value]
    if not isinstance(value, str) or not value:
        return value
    path = resolve_path(value, base_dir)
    bare = "/" not in value and "\\" not in value and not value.startswith((".", "~"))
    if bare and not path.exists():
        return value
    return str(path)


def read_yaml(path: str | Path, what: str = "config") -> Any:
    """A YAML file's content; a missing or malformed file is a ConfigError naming it."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(str(p), "<file>", f"{what} file not found")
    try:
        return yaml.load(p.read_text(encoding="utf-8"), Loader=SafeLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(str(p), "<file>", f"not valid YAML ({exc})") from None


def load_config(path: str | Path) -> PipelineConfig:
    """A config file, validated; its relative paths are resolved against its directory."""
    return parse_config(read_yaml(path), str(path), Path(path).resolve().parent)


def parse_config(data: Any, path: str = "<config>", base_dir: Path | None = None) -> PipelineConfig:
    """A config from its content; relative paths resolve against ``base_dir`` (the config
    file's directory; the working directory if None)."""
    base = base_dir if base_dir is not None else Path.cwd()
    if not isinstance(data, dict):
        raise ConfigError(path, "<root>", "a config must be a mapping")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ConfigError(path, unknown[0], f"unknown key; allowed: {', '.join(sorted(_TOP_KEYS))}")

    language_paths = _language_paths(path, data.get("language_paths", []), base)
    known = available_languages()
    languages = data.get("languages", list(known))
    if not isinstance(languages, list) or not languages:
        raise ConfigError(path, "languages", "must be a non-empty list")
    _check_items(path, "languages", languages, known, "language")

    comps_raw = data.get("components")
    if not isinstance(comps_raw, list) or not comps_raw:
        raise ConfigError(path, "components", "must be a non-empty list of components")
    names = registered_names()
    components: list[ComponentConfig] = []
    for i, entry in enumerate(comps_raw):
        key = f"components[{i}]"
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or "name" not in entry:
            raise ConfigError(path, key, "each component needs a 'name'")
        name = entry["name"]
        if name not in names:
            raise ConfigError(
                path, f"{key}.name", f"unknown component '{name}'; allowed: {', '.join(names)}"
            )
        settings = {k: v for k, v in entry.items() if k not in ("name", "labels_by_language")}
        by_lang = _labels_by_language(path, f"{key}.labels_by_language", entry, languages)
        allowed, required = factory_settings(name)
        for k in sorted(settings):
            if k not in allowed:
                raise ConfigError(
                    path,
                    f"{key}.{k}",
                    f"unknown setting for {name}; allowed: {', '.join(sorted(allowed)) or 'none'}",
                )
        for k in sorted(required - set(settings)):
            raise ConfigError(path, f"{key}.{k}", f"required setting for {name} is missing")
        for k, choices in factory_choices(name).items():
            if k in settings and settings[k] not in choices:
                raise ConfigError(
                    path,
                    f"{key}.{k}",
                    f"unknown value {settings[k]!r} for {name}; "
                    f"allowed: {', '.join(map(str, choices))}",
                )
        for k in factory_path_settings(name):
            if k in settings:
                settings[k] = _resolve_setting(settings[k], base)
        components.append(ComponentConfig(name, settings, by_lang))

    merge = data.get("merge", {}) or {}
    if not isinstance(merge, dict):
        raise ConfigError(path, "merge", "must be a mapping with 'policy' and 'order'")
    for k in merge:
        if k not in ("policy", "order", "order_by_language", "evidence"):
            raise ConfigError(
                path,
                f"merge.{k}",
                "unknown key; allowed: evidence, order, order_by_language, policy",
            )
    policy = merge.get("policy", "priority")
    if policy not in MERGE_POLICIES:
        raise ConfigError(
            path, "merge.policy", f"unknown policy '{policy}'; allowed: {', '.join(MERGE_POLICIES)}"
        )
    used = {c.name for c in components}

    def check_order(value: Any, key: str) -> list[str]:
        if not isinstance(value, list):
            raise ConfigError(path, key, "must be a list of component names")
        for i, name in enumerate(value):
            if name not in used:
                raise ConfigError(
                    path, f"{key}[{i}]", f"'{name}' is not one of this config's components"
                )
        return list(value)

    order = check_order(merge.get("order", [c.name for c in components]), "merge.order")
    by_lang_raw = _by_language(
        path, "merge.order_by_language", merge.get("order_by_language") or None, languages, "a list"
    )
    order_by_language = {
        lang: check_order(value, f"merge.order_by_language.{lang}")
        for lang, value in by_lang_raw.items()
    }

    evidence = _merge_evidence(path, merge, policy, used)

    normalise = data.get("normalise", list(NORMALISERS))
    if not isinstance(normalise, list):
        raise ConfigError(path, "normalise", "must be a list")
    _check_items(path, "normalise", normalise, NORMALISERS, "normaliser")

    on_error = data.get("on_error", "fail")
    if on_error not in ON_ERROR:
        raise ConfigError(path, "on_error", f"unknown value '{on_error}'; allowed: fail, skip")
    for k in ("output", "doc_date", "scheduler"):
        if k in data and data[k] is not None and not isinstance(data[k], str):
            raise ConfigError(path, k, "must be a string")
    infer_doc_date = data.get("infer_doc_date", True)
    if not isinstance(infer_doc_date, bool):
        raise ConfigError(path, "infer_doc_date", f"must be true or false, not {infer_doc_date!r}")
    doc_date = data.get("doc_date")
    if doc_date is not None and (why := date_problem(doc_date)):
        raise ConfigError(path, "doc_date", f"{doc_date!r} {why}")
    inp = data.get("input")
    if inp is not None and not isinstance(inp, str):
        if not isinstance(inp, list) or not inp or not all(isinstance(x, str) for x in inp):
            raise ConfigError(path, "input", "must be a path or a non-empty list of paths")

    engine = data.get("engine", "local")
    if engine not in ENGINES:
        raise ConfigError(
            path, "engine", f"unknown engine '{engine}'; allowed: {', '.join(ENGINES)}"
        )
    workers = parse_workers(data.get("workers", 1), path, "workers")
    batch_ints = {}
    for k, default in (
        ("max_chars", DEFAULT_MAX_CHARS),
        ("chunk_size", 32),
        ("checkpoint_every", 1000),
    ):
        value = data.get(k, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(path, k, f"must be a positive integer, not {value!r}")
        batch_ints[k] = value

    consistency = parse_consistency(data.get("consistency"), path, languages)

    def io_path(value: str | None) -> str | None:
        return value if value in (None, "-") else str(resolve_path(value, base))

    return PipelineConfig(
        path=path,
        languages=list(languages),
        components=components,
        merge_policy=policy,
        merge_order=list(order),
        merge_order_by_language=order_by_language,
        merge_evidence=evidence,
        normalise=list(normalise),
        input=[io_path(x) for x in inp] if isinstance(inp, list) else io_path(inp),
        output=io_path(data.get("output")),
        on_error=on_error,
        doc_date=data.get("doc_date"),
        infer_doc_date=infer_doc_date,
        engine=engine,
        workers=workers,
        scheduler=data.get("scheduler"),
        consistency=consistency,
        language_paths=language_paths,
        **batch_ints,
        base_dir=base,
    )


def _merge_evidence(path: str, merge: dict[str, Any], policy: str, used: set[str]) -> dict:
    """``merge.evidence``: the evidence combiner's settings, checked against its signature."""
    raw = merge.get("evidence")
    if raw is None:
        return {}
    if policy != "evidence":
        raise ConfigError(path, "merge.evidence", "only with merge.policy: evidence")
    if not isinstance(raw, dict):
        raise ConfigError(path, "merge.evidence", "must be a mapping of combiner settings")
    from pipeline.combine import STEPS, combiner_settings

    allowed, _ = combiner_settings()
    for k in sorted(raw):
        if k not in allowed:
            raise ConfigError(
                path,
                f"merge.evidence.{k}",
                f"unknown setting; allowed: {', '.join(sorted(allowed))}",
            )
    for key in ("models",):
        if key in raw and (
            not isinstance(raw[key], list) or not all(isinstance(x, str) for x in raw[key])
        ):
            raise ConfigError(path, f"merge.evidence.{key}", "must be a list of component names")
    tiers = raw.get("tiers")
    if tiers is not None:
        if not isinstance(tiers, list) or not all(isinstance(t, list) for t in tiers):
            raise ConfigError(path, "merge.evidence.tiers", "must be a list of lists of components")
        for i, tier in enumerate(tiers):
            for j, name in enumerate(tier):
                if name not in used:
                    raise ConfigError(
                        path,
                        f"merge.evidence.tiers[{i}][{j}]",
                        f"'{name}' is not one of this config's components",
                    )
    if "steps" in raw:
        if not isinstance(raw["steps"], list):
            raise ConfigError(path, "merge.evidence.steps", "must be a list of steps")
        _check_items(path, "merge.evidence.steps", raw["steps"], STEPS, "step")
    words = raw.get("common_words")
    if words is not None and (
        not isinstance(words, dict) or not all(isinstance(v, str) for v in words.values())
    ):
        raise ConfigError(
            path, "merge.evidence.common_words", "must map a language to a word-list path"
        )
    return dict(raw)


def _language_paths(path: str, value: Any, base: Path) -> list[Path]:
    """A config's ``language_paths`` (folders of more languages), resolved and registered."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(path, "language_paths", "must be a list of folders")
    paths = [resolve_path(v, base) for v in value]
    for i, folder in enumerate(paths):
        if not folder.is_dir():
            raise ConfigError(path, f"language_paths[{i}]", f"no such folder: {folder}")
    add_language_paths(paths)
    return paths


def parse_consistency(value: Any, path: str, languages: list[str]) -> ConsistencySettings | None:
    """The ``consistency`` block: absent, null or false is off; true or a mapping of
    :class:`ConsistencySettings` fields is on."""
    if value is None or value is False:
        return None
    if value is True:
        value = {}
    if not isinstance(value, dict):
        raise ConfigError(path, "consistency", "must be a mapping of settings, true or false")
    defaults = ConsistencySettings()
    allowed = sorted(
        set(ConsistencySettings.__dataclass_fields__) - {"not_names"} | {"person_names"}
    )
    out: dict[str, Any] = {}
    for k, v in value.items():
        key = f"consistency.{k}"
        if k not in allowed:
            raise ConfigError(path, key, f"unknown setting; allowed: {', '.join(allowed)}")
        if k in ("languages", "labels"):
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise ConfigError(path, key, "must be a list of strings")
            allowed_items = languages if k == "languages" else LABELS
            _check_items(path, key, v, allowed_items, k[:-1])
            out[k] = tuple(v)
            continue
        if k == "person_names":
            files = _by_language(path, key, v, languages, "a person-name file")
            out["not_names"] = {
                lang: _not_names(path, f"{key}.{lang}", f) for lang, f in files.items()
            }
            continue
        default = getattr(defaults, k)
        if isinstance(default, bool):
            if not isinstance(v, bool):
                raise ConfigError(path, key, f"must be true or false, not {v!r}")
        elif isinstance(default, int):
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise ConfigError(path, key, f"must be a positive integer, not {v!r}")
        elif isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 1:
            raise ConfigError(path, key, f"must be a number from 0 to 1, not {v!r}")
        out[k] = v
    return ConsistencySettings(**out)


# Keys of a person-name file (lang/<lang>/person_names.yaml) whose words are never a
# person's name alone: the consistency pass does not spread them.
_NOT_NAME_KEYS = ("titles", "honorifics", "roles", "reporting_verbs", "not_names", "demonyms")


def _not_names(path: str, key: str, resource: Any) -> frozenset[str]:
    from pipeline.resources import load_resource

    if not isinstance(resource, str):
        raise ConfigError(path, key, "must be a resource path such as en/person_names.yaml")
    try:
        data = load_resource(resource) or {}
    except (FileNotFoundError, OSError):
        raise ConfigError(path, key, f"resource '{resource}' not found") from None
    words: set[str] = set()
    for k in _NOT_NAME_KEYS:
        words |= {str(w).casefold() for w in data.get(k) or []}
    return frozenset(words)


def parse_workers(value: Any, path: str = "<config>", key: str = "workers") -> int | str:
    """A worker count: a positive integer or ``"auto"`` (one per CPU)."""
    if value == "auto":
        return "auto"
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(path, key, f"must be a positive integer or 'auto', not {value!r}")
    return value


def _check_items(path: str, key: str, values: list[Any], allowed: Sequence[str], what: str) -> None:
    """Every item of a list setting is one of ``allowed``; the error names the item."""
    for i, value in enumerate(values):
        if value not in allowed:
            raise ConfigError(
                path, f"{key}[{i}]", f"unknown {what} '{value}'; allowed: {', '.join(allowed)}"
            )


def _by_language(
    path: str, key: str, value: Any, languages: list[str], what: str
) -> dict[str, Any]:
    """A per-language setting: a mapping (``None`` is empty) keyed by the config's languages."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(path, key, f"must map a language to {what}")
    for lang in value:
        if lang not in languages:
            raise ConfigError(
                path, f"{key}.{lang}", f"unknown language '{lang}'; allowed: {', '.join(languages)}"
            )
    return value


def _labels_by_language(
    path: str, key: str, entry: dict[str, Any], languages: list[str]
) -> dict[str, list[str]]:
    value = _by_language(path, key, entry.get("labels_by_language"), languages, "a list of labels")
    out = {}
    for lang, labels in value.items():
        if not isinstance(labels, list):
            raise ConfigError(path, f"{key}.{lang}", "must be a list of labels")
        _check_items(path, f"{key}.{lang}", labels, LABELS, "label")
        out[str(lang)] = list(labels)
    return out
