"""Extraction of people, places, dates, counts and organisations from Kazakh and English news.

The Python API::

    import pipeline

    nlp = pipeline.load("configs/default.yaml")   # a config file (or a mapping)
    doc = nlp("Кеше Алматыда 300 адам жиналды.", lang="kk")
    for span in doc.entities:
        print(span.label, span.text, span.start, span.end, span.norm)
    for doc in nlp.pipe(["First text.", "Екінші мәтін."]):
        print(doc.id, doc.lang, doc.to_output())

Importing the package is cheap: models and resources load in :func:`load` and on first use.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from pipeline.types import Document, Span
from pipeline.version import __version__

if TYPE_CHECKING:
    from pipeline.engine import Pipeline

__all__ = ["Document", "Span", "__version__", "load"]


def load(config: str | os.PathLike[str] | dict[str, Any]) -> Pipeline:
    """A pipeline from a config file (its relative paths resolve against the file's
    directory, so this works from any working directory) or from a config mapping
    (relative paths against the working directory). Raises ``ConfigError`` naming the
    file and key for a bad config, ``ModelNotFoundError`` for a missing model."""
    from pipeline.config import load_config, parse_config
    from pipeline.engine import Pipeline

    if isinstance(config, dict):
        return Pipeline(parse_config(config, "<config>"))
    return Pipeline(load_config(config))
