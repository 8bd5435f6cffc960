"""The component registry: a component is one module, one ``@register`` and one config entry."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any, Protocol

from pipeline.types import Document, Span


class Token(Protocol):
    start: int
    end: int
    text: str


class Component(Protocol):
    """Proposes spans for one document. Loading happens in ``__init__``; ``propose`` is pure.

    ``requires`` names the document layers it reads (:mod:`pipeline.layers`); ``tokens``
    is the ``tokens`` layer when it requires that one, else empty. A component may also
    have ``propose_batch(docs, tokens)`` (one list of spans per document), which the
    pipeline calls on many documents at once where it can (a statistical model).
    """

    name: str
    requires: tuple[str, ...]

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]: ...


_REGISTRY: dict[str, Callable[..., Component]] = {}

# Components are found, not listed: every module of this package is imported on the first
# look-up, and so is every module another installed package names under this entry-point
# group (``[project.entry-points."kaznews.components"] mine = "my_package.my_component"``).
COMPONENT_PACKAGE = "pipeline.components"
ENTRY_POINT_GROUP = "kaznews.components"
_loaded = False


def register(name: str) -> Callable[[Callable[..., Component]], Callable[..., Component]]:
    def decorator(factory: Callable[..., Component]) -> Callable[..., Component]:
        if name in _REGISTRY and _REGISTRY[name] is not factory:
            raise ValueError(f"component '{name}' is registered twice")
        _REGISTRY[name] = factory
        return factory

    return decorator


def component_modules() -> list[str]:
    """The modules that hold components: this package's, then the entry points' (sorted)."""
    package = importlib.import_module(COMPONENT_PACKAGE)
    found = sorted(
        f"{COMPONENT_PACKAGE}.{info.name}"
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    )
    plugins = sorted(ep.value for ep in entry_points(group=ENTRY_POINT_GROUP))
    return found + [m for m in plugins if m not in found]


def _load_builtins() -> None:
    global _loaded
    if _loaded:
        return
    for module in component_modules():
        importlib.import_module(module)
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
