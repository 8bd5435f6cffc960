"""Pipeline configs (YAML), validated on load with messages that name the bad key.

The config is a pydantic model (:class:`ConfigModel`, unknown keys refused, types checked
strictly); each component's settings are checked against a model built from its factory's
signature (:func:`pipeline.settings.signature_model`), the evidence combiner's against its
constructor's. The validated config becomes a :class:`PipelineConfig`, plain data for the
engine.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, PlainValidator, create_model, field_validator

from pipeline import normalise as normalisers
from pipeline.consistency import ConsistencySettings
from pipeline.errors import ConfigError
from pipeline.languages import add_paths as add_language_paths
from pipeline.languages import available as available_languages
from pipeline.registry import factory_path_settings, get_factory, registered_names
from pipeline.settings import (
    Fraction,
    KnownLanguage,
    PositiveInt,
    Strict,
    check,
    fail,
    non_empty_list,
    one_of,
    read_yaml,
    signature_model,
)
from pipeline.types import LABELS
from pipeline.validate import date_problem

__all__ = ["ComponentConfig", "PipelineConfig", "load_config", "parse_config", "read_yaml"]

MERGE_POLICIES = ("priority", "score", "longest", "evidence")
ON_ERROR = ("fail", "skip")
ENGINES = ("local", "dask")
DEFAULT_MAX_CHARS = 2_000_000
CHUNK_SIZE = 256  # documents per batch task (pipeline.batch: a chunk also closes at CHUNK_CHARS)


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
    normalise: list[str] = field(default_factory=lambda: list(normalisers.BUILTIN))
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
    chunk_size: int = CHUNK_SIZE
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


# ----------------------------------------------------------------------------- value types


def _shaped(kind: type, message: str) -> BeforeValidator:
    """Checks the container type first, with a message that says what belongs there."""

    def validate(value: Any) -> Any:
        if not isinstance(value, kind) or isinstance(value, bool):
            raise fail(message)
        return value

    return BeforeValidator(validate)


def _in_config(value: Any, info: Any) -> Any:
    if value not in (info.context or {}).get("components", ()):
        raise fail(f"'{value}' is not one of this config's components")
    return value


def _workers(value: Any) -> int | str:
    return parse_workers(value, "")


def _paths(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if not isinstance(value, list) or not value or not all(isinstance(x, str) for x in value):
        raise fail("must be a path or a non-empty list of paths")
    return value


Label = one_of("label", LABELS)
ConfigLanguage = one_of("language", lambda ctx: ctx.get("languages") or available_languages())
ConfigComponent = Annotated[Any, PlainValidator(_in_config)]
ComponentList = Annotated[list[ConfigComponent], _shaped(list, "must be a list of component names")]


# ----------------------------------------------------------------------------- the model


class ComponentEntry(Strict):
    """One entry of ``components``: a registered name, ``labels_by_language`` and the
    factory's settings (kept as given here, checked against its signature afterwards)."""

    model_config = {**Strict.model_config, "extra": "allow"}

    name: one_of("component", lambda _ctx: registered_names())  # type: ignore[valid-type]
    labels_by_language: (
        Annotated[
            dict[ConfigLanguage, Annotated[list[Label], _shaped(list, "must be a list of labels")]],  # type: ignore[valid-type]
            _shaped(dict, "must map a language to a list of labels"),
        ]
        | None
    ) = None


def _component_entry(value: Any) -> Any:
    """A bare name is a component without settings; anything else needs a ``name``."""
    if isinstance(value, str):
        return {"name": value}
    if not isinstance(value, dict) or "name" not in value:
        raise fail("each component needs a 'name'")
    return value


class MergeBlock(Strict):
    """``merge``: how overlapping proposals are resolved."""

    policy: one_of("policy", MERGE_POLICIES) = "priority"  # type: ignore[valid-type]
    order: ComponentList | None = None
    order_by_language: (
        Annotated[
            dict[ConfigLanguage, ComponentList],  # type: ignore[valid-type]
            _shaped(dict, "must map a language to a list"),
        ]
        | None
    ) = None
    evidence: (
        Annotated[dict[str, Any], _shaped(dict, "must be a mapping of combiner settings")] | None
    ) = None


def _merge(value: Any) -> Any:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail("must be a mapping with 'policy' and 'order'")
    return value


class ConsistencyBase(Strict):
    unknown_key: ClassVar[str] = "unknown setting"


def _consistency_model() -> type[Strict]:
    """The ``consistency`` block, typed from :class:`ConsistencySettings`'s defaults (so the
    two never drift): lists of the config's languages or of labels, switches, positive
    counts and fractions; ``person_names`` names the files its ``not_names`` come from."""
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(ConsistencySettings):
        if f.name == "not_names":
            continue
        if f.name == "languages":
            kind: Any = list[ConfigLanguage]  # type: ignore[valid-type]
        elif f.name == "labels":
            kind = list[Label]  # type: ignore[valid-type]
        elif isinstance(f.default, bool):
            kind = bool
        elif isinstance(f.default, int):
            kind = PositiveInt
        else:
            kind = Fraction
        fields[f.name] = (kind | None, None)
    fields["person_names"] = (dict[ConfigLanguage, str] | None, None)  # type: ignore[valid-type]
    return create_model("ConsistencyBlock", __base__=ConsistencyBase, **fields)


ConsistencyBlock = _consistency_model()


def _consistency(value: Any) -> Any:
    """Absent, null or false is off; true is the defaults."""
    if value is None or value is False:
        return None
    if value is True:
        return {}
    if not isinstance(value, dict):
        raise fail("must be a mapping of settings, true or false")
    return value


class ConfigModel(Strict):
    """A pipeline config file."""

    languages: Annotated[list[KnownLanguage], non_empty_list("must be a non-empty list")] = Field(  # type: ignore[valid-type]
        default_factory=lambda: list(available_languages())
    )
    # more language folders (pipeline.languages), relative to the config file; checked and
    # registered before the rest (see parse_config)
    language_paths: Any = None
    input: Annotated[Any, PlainValidator(_paths)] = None
    output: str | None = None
    components: Annotated[
        list[Annotated[ComponentEntry, BeforeValidator(_component_entry)]],
        non_empty_list("must be a non-empty list of components"),
    ]
    merge: Annotated[MergeBlock, BeforeValidator(_merge)] = MergeBlock()
    normalise: Annotated[
        list[one_of("normaliser", lambda _ctx: normalisers.available())],  # type: ignore[valid-type]
        _shaped(list, "must be a list"),
    ] = list(normalisers.BUILTIN)
    on_error: one_of("value", ON_ERROR) = "fail"  # type: ignore[valid-type]
    doc_date: str | None = None
    infer_doc_date: bool = True
    description: str | None = None
    # document-level consistency of names after merging (pipeline.consistency)
    consistency: Annotated[ConsistencyBlock | None, BeforeValidator(_consistency)] = None  # type: ignore[valid-type]
    # batch runs (pipeline.batch)
    engine: one_of("engine", ENGINES) = "local"  # type: ignore[valid-type]
    workers: Annotated[Any, PlainValidator(_workers)] = 1
    scheduler: str | None = None
    max_chars: PositiveInt = DEFAULT_MAX_CHARS
    chunk_size: PositiveInt = CHUNK_SIZE
    checkpoint_every: PositiveInt = 1000

    @field_validator("doc_date")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        if value is not None and (why := date_problem(value)):
            raise fail(f"{value!r} {why}")
        return value


# ----------------------------------------------------------------------------- loading


def load_config(path: str | Path) -> PipelineConfig:
    """A config file, validated; its relative paths are resolved against its directory."""
    return parse_config(read_yaml(path), str(path), Path(path).resolve().parent)


def _context(data: dict[str, Any]) -> dict[str, Any]:
    """What some keys are checked against: the config's own languages and components."""
    languages = data.get("languages")
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        languages = list(available_languages())
    names = []
    for entry in data.get("components") or []:
        name = entry if isinstance(entry, str) else (entry or {}).get("name")
        if isinstance(name, str):
            names.append(name)
    return {"languages": languages, "components": names}


def parse_config(data: Any, path: str = "<config>", base_dir: Path | None = None) -> PipelineConfig:
    """A config from its content; relative paths resolve against ``base_dir`` (the config
    file's directory; the working directory if None)."""
    base = base_dir if base_dir is not None else Path.cwd()
    if not isinstance(data, dict):
        raise ConfigError(path, "<root>", "a config must be a mapping")
    language_paths = _language_paths(path, data.get("language_paths", []), base)
    if isinstance(data.get("components"), list):
        # a bare name is a component without settings (its errors then name its key 'name')
        entries = [{"name": e} if isinstance(e, str) else e for e in data["components"]]
        data = {**data, "components": entries}
    model = check(ConfigModel, data, path, context=_context(data))
    components = []
    for i, entry in enumerate(model.components):
        settings = dict(entry.model_extra or {})
        # settings by the factory's signature: names, types, choices, required ones
        check(
            signature_model(entry.name, get_factory(entry.name)), settings, path, f"components[{i}]"
        )
        for k in factory_path_settings(entry.name):
            if k in settings:
                settings[k] = _resolve_setting(settings[k], base)
        by_lang = {str(k): list(v) for k, v in (entry.labels_by_language or {}).items()}
        components.append(ComponentConfig(entry.name, settings, by_lang))
    merge = model.merge
    evidence = _merge_evidence(path, merge, [c.name for c in components])
    consistency = _consistency_settings(path, model.consistency)

    def io_path(value: str | None) -> str | None:
        return value if value in (None, "-") else str(resolve_path(value, base))

    inp = model.input
    return PipelineConfig(
        path=path,
        languages=list(model.languages),
        components=components,
        merge_policy=merge.policy,
        merge_order=list(merge.order if merge.order is not None else [c.name for c in components]),
        merge_order_by_language={k: list(v) for k, v in (merge.order_by_language or {}).items()},
        merge_evidence=evidence,
        normalise=list(model.normalise),
        input=[io_path(x) for x in inp] if isinstance(inp, list) else io_path(inp),
        output=io_path(model.output),
        on_error=model.on_error,
        doc_date=model.doc_date,
        infer_doc_date=model.infer_doc_date,
        engine=model.engine,
        workers=model.workers,
        scheduler=model.scheduler,
        max_chars=model.max_chars,
        chunk_size=model.chunk_size,
        checkpoint_every=model.checkpoint_every,
        consistency=consistency,
        language_paths=language_paths,
        base_dir=base,
    )


def _merge_evidence(path: str, merge: MergeBlock, used: list[str]) -> dict[str, Any]:
    """``merge.evidence``: the evidence combiner's settings, checked against its signature,
    its steps against the combiner's and its tiers against the config's components."""
    raw = merge.evidence
    if raw is None:
        return {}
    if merge.policy != "evidence":
        raise ConfigError(path, "merge.evidence", "only with merge.policy: evidence")
    from pipeline.combine import STEPS, EvidenceCombiner

    check(signature_model("merge.evidence", EvidenceCombiner, ""), raw, path, "merge.evidence")
    for i, step in enumerate(raw.get("steps") or []):
        if step not in STEPS:
            raise ConfigError(
                path,
                f"merge.evidence.steps[{i}]",
                f"unknown step '{step}'; allowed: {', '.join(STEPS)}",
            )
    for i, tier in enumerate(raw.get("tiers") or []):
        for j, name in enumerate(tier):
            if name not in used:
                raise ConfigError(
                    path,
                    f"merge.evidence.tiers[{i}][{j}]",
                    f"'{name}' is not one of this config's components",
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


def _consistency_settings(path: str, block: Any) -> ConsistencySettings | None:
    if block is None:
        return None
    values = {k: v for k, v in block.model_dump().items() if v is not None}
    for k in ("languages", "labels"):
        if k in values:
            values[k] = tuple(values[k])
    files = values.pop("person_names", None)
    if files is not None:
        values["not_names"] = {
            lang: _not_names(path, f"consistency.person_names.{lang}", f)
            for lang, f in files.items()
        }
    return ConsistencySettings(**values)


# Keys of a person-name file (lang/<lang>/person_names.yaml) whose words are never a
# person's name alone: the consistency pass does not spread them.
_NOT_NAME_KEYS = ("titles", "honorifics", "roles", "reporting_verbs", "not_names", "demonyms")


def _not_names(path: str, key: str, resource: str) -> frozenset[str]:
    from pipeline.resources import load_resource

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
        message = f"must be a positive integer or 'auto', not {value!r}"
        raise ConfigError(path, key, message) if path else fail(message)
    return value
