"""Typed settings: one validator for configs, component settings and data files.

Pipeline configs, training configs, component settings (a model built from the
component's signature) and the data files read by hand are pydantic models that refuse
unknown keys and check types strictly: YAML's ``no`` is no ``False`` here, ``"5"`` no 5.
The first problem stops the load with a :class:`~pipeline.errors.ConfigError` naming the
file and the dotted key, in one form everywhere::

    c.yaml: key 'components[0].score': must be a number, not 'high'
"""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, ClassVar, Literal, TypeVar, Union

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainValidator,
    ValidationError,
    create_model,
)
from pydantic_core import PydanticCustomError

from pipeline.errors import ConfigError
from pipeline.languages import available
from pipeline.types import LanguageCode

M = TypeVar("M", bound=BaseModel)
# libyaml's loader where PyYAML has it: ten times faster on the data files
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Strict(BaseModel):
    """A block of settings: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True)
    # how an unknown or a missing key of this block is reported
    unknown_key: ClassVar[str] = "unknown key"
    missing_key: ClassVar[str] = "required key is missing"


def read_yaml(path: str | Path, what: str = "config") -> Any:
    """A YAML file's content; a missing or malformed file is a ConfigError naming it."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(str(p), "<file>", f"{what} file not found")
    try:
        return yaml.load(p.read_text(encoding="utf-8"), Loader=SafeLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(str(p), "<file>", f"not valid YAML ({exc})") from None


def check(
    model: type[M], data: Any, where: str, prefix: str = "", context: dict | None = None
) -> M:
    """``data`` validated as ``model``; the first problem is a ConfigError naming ``where``
    (the file) and the key (``prefix`` + the path inside ``data``)."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise config_error(exc, model, data, where, prefix) from None


# ----------------------------------------------------------------------------- value types


def fail(message: str) -> PydanticCustomError:
    """A validation error whose message is ``message`` exactly."""
    return PydanticCustomError("invalid", "{message}", {"message": message})


def one_of(
    what: str, choices: Sequence[Any] | Callable[[Any], Sequence[Any]], suffix: str = ""
) -> Any:
    """A value from a list: ``unknown <what> 'x'<suffix>; allowed: a, b``. ``choices`` may
    be a function of the validation context (a config's own languages or components)."""

    def validate(value: Any, info: Any) -> Any:
        allowed = choices(info.context or {}) if callable(choices) else choices
        try:
            known = value in allowed
        except TypeError:  # unhashable: a list or a mapping where a name belongs
            known = False
        if not known:
            shown = f"'{value}'" if isinstance(value, str) else repr(value)
            raise fail(f"unknown {what} {shown}{suffix}; allowed: {', '.join(map(str, allowed))}")
        return value

    return Annotated[Any, PlainValidator(validate)]


def known_languages() -> tuple[str, ...]:
    """The languages the pipeline has folders for (:mod:`pipeline.languages`)."""
    return available()


KnownLanguage = one_of("language", lambda _ctx: known_languages())


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise fail(f"must be a positive integer, not {value!r}")
    return value


PositiveInt = Annotated[int, PlainValidator(_positive_int)]


def _fraction(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise fail(f"must be a number from 0 to 1, not {value!r}")
    return value


Fraction = Annotated[float, PlainValidator(_fraction)]


def non_empty_list(message: str) -> BeforeValidator:
    """Checks that a value is a non-empty list, with ``message`` when it is not."""

    def validate(value: Any) -> Any:
        if not isinstance(value, list) or not value:
            raise fail(message)
        return value

    return BeforeValidator(validate)


# ----------------------------------------------------------------------------- signatures


def _setting_type(hint: Any, suffix: str) -> Any:
    """A parameter's type as a settings type: ``Literal`` choices and languages are checked
    against their values, containers element by element."""
    if hint is LanguageCode:
        return KnownLanguage
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is Literal:
        return one_of("value", args, suffix)
    if origin in (Union, UnionType):
        return Union[tuple(_setting_type(a, suffix) for a in args)]  # noqa: UP007
    if origin is list:
        return list[_setting_type(args[0], suffix)] if args else list
    if origin is dict:
        return (
            dict[_setting_type(args[0], suffix), _setting_type(args[1], suffix)] if args else dict
        )
    if origin is Annotated:
        return hint
    return hint


@lru_cache(maxsize=64)
def signature_model(
    owner: str, factory: Callable[..., Any], suffix: str | None = None
) -> type[Strict]:
    """The settings of a component (or of any callable) as a model built from its
    signature: one field per keyword parameter, typed by its annotation, required when
    it has no default. Messages name the owner (``unknown setting for rules.dates``) unless
    ``suffix`` says otherwise."""
    suffix = f" for {owner}" if suffix is None else suffix
    target = factory.__init__ if inspect.isclass(factory) else factory
    try:
        hints = typing.get_type_hints(target)
    except (NameError, TypeError):
        hints = {}
    fields: dict[str, Any] = {}
    for pname, param in inspect.signature(factory).parameters.items():
        if param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL) or pname == "self":
            continue
        default = ... if param.default is inspect.Parameter.empty else param.default
        fields[pname] = (_setting_type(hints.get(pname, Any), suffix), default)
    base = type(
        "Settings",
        (Strict,),
        {
            "unknown_key": f"unknown setting{suffix}",
            "missing_key": f"required setting{suffix} is missing",
            "__annotations__": {"unknown_key": ClassVar[str], "missing_key": ClassVar[str]},
        },
    )
    return create_model(f"{owner} settings", __base__=base, **fields)


# ----------------------------------------------------------------------------- messages

_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "none_required": "null",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
}


def _real_path(loc: tuple, data: Any, kind: str) -> tuple:
    """The parts of an error location that are keys or indices of ``data`` (pydantic adds
    the names of union members and ``[key]`` markers, which name nothing in the file)."""
    parts: list[Any] = []
    cur = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(cur, dict) and part in cur:
            parts.append(part)
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            parts.append(part)
            cur = cur[part]
        elif last and kind == "missing" and isinstance(cur, dict):
            parts.append(part)
    return tuple(parts)


def dotted(parts: Sequence[Any], prefix: str = "") -> str:
    """``("a", 0, "b")`` -> ``a[0].b`` (after ``prefix``)."""
    out = prefix
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "<root>"


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold directly or in a container."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        return _unwrap(args[0])
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in args for m in _unwrap(a)] if origin is not Literal else []


def _model_at(model: type[BaseModel], parts: Sequence[Any]) -> type[BaseModel] | None:
    """The model class that holds the last key of ``parts`` (for its list of keys)."""
    current: type[BaseModel] | None = model
    for part in parts:
        if current is None:
            return None
        if isinstance(part, str) and part in current.model_fields:
            found = _unwrap(current.model_fields[part].annotation)
            current = found[0] if found else None
        elif not isinstance(part, str) or part not in current.model_fields:
            # an index into a list of models, or a key of a mapping of models: same model
            continue
    return current


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(errors: list[dict], model: type[BaseModel], parts: tuple) -> str:
    first = errors[0]
    kind = first["type"]
    if kind == "extra_forbidden":
        holder = _model_at(model, parts[:-1]) or model
        allowed = ", ".join(sorted(holder.model_fields)) or "none"
        phrase = getattr(holder, "unknown_key", "unknown key")
        return f"{phrase}; allowed: {allowed}"
    if kind == "missing":
        holder = _model_at(model, parts[:-1]) or model
        return getattr(holder, "missing_key", "required key is missing")
    if kind == "invalid":
        return first["ctx"]["message"]
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"must be {words} {first['ctx'][key]}, not {_shown(first['input'])}"
    if kind == "too_short":
        return "must not be empty"
    if kind == "literal_error":
        expected = first["ctx"]["expected"]
        names = re.findall(r"'((?:[^'\\]|\\.)*)'", expected) or [expected]
        return f"unknown value {_shown(first['input'])}; allowed: {', '.join(names)}"
    expected_all = [_EXPECTED[e["type"]] for e in errors if e["type"] in _EXPECTED]
    if expected_all:
        return f"must be {' or '.join(dict.fromkeys(expected_all))}, not {_shown(first['input'])}"
    text = str(first["msg"]).removeprefix("Value error, ")
    return text[:1].lower() + text[1:]


def config_error(
    exc: ValidationError, model: type[BaseModel], data: Any, where: str, prefix: str = ""
) -> ConfigError:
    """The first problem of a validation as a ConfigError naming the file and the key.

    Where a value may take several types (a union), the problem deepest in the value is
    the one reported: a mapping with one bad entry names that entry."""
    errors = exc.errors(include_url=False)
    # a misspelled key is also a missing one: the unknown key says more (it lists the keys)
    errors.sort(key=lambda e: e["type"] != "extra_forbidden")
    located = [(e, _real_path(tuple(e["loc"]), data, e["type"])) for e in errors]
    top = located[0][1]
    related = [(e, p) for e, p in located if p[: len(top)] == top]
    deepest = max(len(p) for _, p in related)
    chosen = [(e, p) for e, p in related if len(p) == deepest]
    parts = chosen[0][1]
    same = [e for e, p in chosen if p == parts]
    return ConfigError(where, dotted(parts, prefix), _message(same, model, parts))
