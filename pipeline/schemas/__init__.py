"""JSON Schemas (draft 2020-12) of the files the pipeline writes, shipped with the package.

- ``corpus.schema.json``: one line of ``corpus.jsonl`` (the output of ``run``; gold files
  have the same shape plus ``text`` and ``meta``), with every ``norm`` shape by label.
- ``entities.schema.json``: one line of ``entities.jsonl`` (the output of ``link``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent
SCHEMAS = ("corpus", "entities")


def schema_path(name: str) -> Path:
    """The file of a schema: ``corpus`` or ``entities``."""
    if name not in SCHEMAS:
        raise KeyError(f"no schema {name!r}; there are: {', '.join(SCHEMAS)}")
    return SCHEMA_DIR / f"{name}.schema.json"


@lru_cache(maxsize=4)
def load_schema(name: str) -> dict[str, Any]:
    return json.loads(schema_path(name).read_text(encoding="utf-8"))
