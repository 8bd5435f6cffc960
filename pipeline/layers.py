"""Document layers: views of a document that several components read, computed once.

A layer is a named view of one document's text in its language: its tokens, its words,
the date and count scan of the grammar, the matches of a gazetteer. A provider function
makes it (``@provider("name")``, in the module that owns the computation); a component
lists the layers it reads in its class attribute ``requires``, and reads them with
:func:`get_layer`. A layer is computed the first time a component asks for it, once per
document (and per parameter: each gazetteer has its own matches), and never for a
document no component asks it of. The pipeline checks when it is built that every layer
a component requires has a provider, and drops a document's layers when it is done.

Built-in layers (see their providers):

- ``tokens`` (:mod:`pipeline.tokenize`): the project tokens, spaCy's tokenizer for the
  language, whitespace left out; what the statistical backends read;
- ``words`` (:mod:`pipeline.lexicon`): word, number and punctuation tokens of the name
  rules (``(start, end, text)``);
- ``gazetteer`` (:mod:`pipeline.lexicon`, parameter: a ``Lexicon``): its longest
  matches, left to right;
- ``grammar`` (:mod:`pipeline.grammar.document`, parameter: a grammar ``Lexicon``): the
  date and number grammar's tokens, dates and counts.

Layers hold no state between documents and are never part of the output.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from pipeline.types import Document

Provider = Callable[..., Any]

_PROVIDERS: dict[str, Provider] = {}
# the text a document's layers were computed for (a changed text or language drops them)
_FOR = "__for__"


def provider(name: str) -> Callable[[Provider], Provider]:
    """Register ``fn(doc, *params)`` as the provider of layer ``name``."""

    def decorator(fn: Provider) -> Provider:
        if name in _PROVIDERS and _PROVIDERS[name] is not fn:
            raise ValueError(f"layer '{name}' has two providers")
        _PROVIDERS[name] = fn
        return fn

    return decorator


def layer_names() -> list[str]:
    """The layers that have a provider: those of the modules imported so far (a component
    imports the module of every layer it requires)."""
    return sorted(_PROVIDERS)


def get_layer(doc: Document, name: str, *params: Hashable) -> Any:
    """Layer ``name`` of ``doc`` (with ``params``, e.g. the gazetteer whose matches),
    computed on first request and kept with the document until it is done."""
    cache = _cache(doc)
    key = (name, *params)
    if key in cache:
        return cache[key]
    fn = _PROVIDERS.get(name)
    if fn is None:
        raise KeyError(f"no provider of layer '{name}'; known layers: {', '.join(layer_names())}")
    value = fn(doc, *params)
    cache[key] = value
    return value


def set_layer(doc: Document, name: str, value: Any, *params: Hashable) -> None:
    """Store a layer computed elsewhere (for a batch of documents at once)."""
    _cache(doc)[(name, *params)] = value


def has_layer(doc: Document, name: str, *params: Hashable) -> bool:
    return (name, *params) in _cache(doc)


def _cache(doc: Document) -> dict[Any, Any]:
    """The document's layers, emptied when its text or language changed since."""
    cache = doc.layers
    held = cache.get(_FOR)
    if held is None or held[0] is not doc.text or held[1] != doc.lang:
        cache.clear()
        cache[_FOR] = (doc.text, doc.lang)
    return cache


def drop_layers(doc: Document) -> None:
    """Forget what was computed for ``doc`` (its memory goes back at once)."""
    doc.layers.clear()


def check_requires(component: str, requires: Iterable[str]) -> None:
    """Every layer a component requires must have a provider."""
    known = set(layer_names())
    for name in requires:
        if name not in known:
            raise ValueError(
                f"component '{component}' requires layer '{name}', which no provider makes; "
                f"known layers: {', '.join(sorted(known))}"
            )
