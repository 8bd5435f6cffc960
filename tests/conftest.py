from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Training and development data beside the repo; a user can point elsewhere.
SHARED = Path(__import__("os").environ.get("PIPELINE_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture(autouse=True, scope="session")
def _resource_cache(tmp_path_factory):
    """Compiled resources are cached in a directory of the test session, not the user's."""
    import os

    os.environ.setdefault("KAZNEWS_CACHE", str(tmp_path_factory.mktemp("kaznews-cache")))
