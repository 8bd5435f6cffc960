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
