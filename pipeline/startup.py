"""Start-up: importing spaCy without PyTorch when nothing needs it, and leaving fast.

spaCy imports thinc, and thinc imports PyTorch whenever it is installed (``thinc.compat``),
which is half of spaCy's import time here. The shipped models are CNN pipelines that
never use it. When the configured components need no PyTorch (no stanza, no
transformers, no spaCy pipeline with PyTorch layers) and spaCy is not imported yet,
spaCy is imported with ``torch`` hidden for the moment of the import: thinc then runs
without PyTorch support in this process, and ``import torch`` still works afterwards.
``KAZNEWS_TORCH=1`` turns this off; so does importing spaCy before building a pipeline.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from types import ModuleType

log = logging.getLogger(__name__)

TORCH_ENV = "KAZNEWS_TORCH"


def import_spacy(torch_needed: bool = True) -> ModuleType:
    """``import spacy``; without PyTorch when it is not needed and nobody imported it yet."""
    if "spacy" in sys.modules or torch_needed or "torch" in sys.modules:
        return importlib.import_module("spacy")
    if os.environ.get(TORCH_ENV, "").strip() not in ("", "0"):
        return importlib.import_module("spacy")
    hidden = [name for name in ("torch",) if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        spacy = importlib.import_module("spacy")
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
    log.debug("spaCy imported without PyTorch (no configured component needs it)")
    return spacy


def spacy_model_needs_torch(model: str) -> bool:
    """Whether a spaCy pipeline (a directory or an installed package) has PyTorch layers
    (transformers, LSTMs), read from its ``config.cfg``; True when that cannot be told."""
    from pathlib import Path

    path = Path(model)
    if not path.is_dir():
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            return True
        if spec is None or not spec.submodule_search_locations:
            return True
        package = Path(next(iter(spec.submodule_search_locations)))
        configs = sorted(package.glob("*/config.cfg"))
        if not configs:
            return True
        path = configs[0].parent
    config = path / "config.cfg"
    if not config.is_file():
        return True
    text = config.read_text(encoding="utf-8", errors="replace").lower()
    return "torch" in text or "transformer" in text or "lstm" in text


def exit_now(code: int) -> None:
    """End the process without the interpreter's teardown (freeing every object of the
    loaded models and lexicons takes a noticeable part of a short run). Only for a
    command that has closed, flushed and fsynced its outputs."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
