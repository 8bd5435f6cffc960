"""Per-language data files (YAML), read by one loader."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RESOURCE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=64)
def load_resource(relpath: str) -> Any:
    """Load a YAML resource by path relative to ``pipeline/resources`` (or an absolute path)."""
    path = Path(relpath)
    if not path.is_absolute():
        path = RESOURCE_DIR / relpath
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
