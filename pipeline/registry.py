"""The component registry: a component is one module, one ``@register`` and one config entry."""

from __future__ import annotations

import importlib
import inspect
import typing
from collections.abc import Callable
from typing import Any, Literal, Protocol

from pipeline.types import Document, Span


class Token(Protocol):
    start: int
    end: int
    text: str


class Component(Protocol):
    """Proposes spans for one document. Loading happens in ``__init__``; ``propose`` is pure."""

    name: str

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]: ...


_REGISTRY: dict[str, Callable[..., Component]] = {}

# Modules imported on first lookup so that every built-in component is registered.
_BUILTIN_MODULES = (
    "pipeline.components.dates",
    "pipeline.components.counts",
    "pipeline.components.persons",
    "pipeline.components.gazetteer",
    "pipeline.components.persons_en",
    "pipeline.components.places_en",
    "pipeline.components.orgs_en",
    "pipeline.components.ner_spacy",
    "pipeline.components.ner_stanza",
    "pipeline.components.ner_transformers",
)
_loaded = False


def register(name: str) -> Callable[[Callable[..., Component]], Callable[..., Component]]:
    def decorator(factory: Callable[..., Component]) -> Callable[..., Component]:
        if name in _REGISTRY and _REGISTRY[name] is not factory:
            raise ValueError(f"component '{name}' is registered twice")
        _REGISTRY[name] = factory
        return factory

    return decorator


def _load_builtins() -> None:
    global _loaded
    if _loaded:
        return
    for module in _BUILTIN_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            # A component module not written yet must not break the others.
            if exc.name != module:
                raise
    _loaded = True


def registered_names() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def get_factory(name: str) -> Callable[..., Component]:
    _load_builtins()
    return _REGISTRY[name]


def factory_path_settings(name: str) -> tuple[str, ...]:
    """The settings of a component that hold paths (its ``path_settings``): a config
    resolves their relative paths against its own directory."""
    return tuple(getattr(get_factory(name), "path_settings", ()))


def factory_settings(name: str) -> tuple[set[str], set[str]]:
    """The (allowed, required) keyword settings of a component factory."""
    factory = get_factory(name)
    sig = inspect.signature(factory)
    allowed: set[str] = set()
    required: set[str] = set()
    for pname, param in sig.parameters.items():
        if param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL) or pname == "self":
            continue
        allowed.add(pname)
        if param.default is inspect.Parameter.empty:
            required.add(pname)
    return allowed, required


def factory_choices(name: str) -> dict[str, tuple[Any, ...]]:
    """Settings of a component factory whose type is a ``Literal``: name -> allowed values."""
    factory = get_factory(name)
    target = factory.__init__ if inspect.isclass(factory) else factory
    try:
        hints = typing.get_type_hints(target)
    except (NameError, TypeError):
        return {}
    return {
        pname: typing.get_args(hint)
        for pname, hint in hints.items()
        if typing.get_origin(hint) is Literal
    }
