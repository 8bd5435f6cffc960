"""Start-up: importing spaCy without PyTorch when nothing needs it, and leaving fast.

spaCy imports thinc, and thinc imports PyTorch whenever it is installed (``thinc.compat``),
which is half of spaCy's import time here. The shipped models are CNN pipelines that
never use it. When the configured components need no PyTorch (no stanza, no
transformers, no spaCy pipeline with PyTorch layers) and spaCy is not imported yet,
spaCy is imported with ``torch`` hidden for the moment of the import: thinc then runs
without PyTorch support in this process, and ``import torch`` still works afterwards.
``KAZNEWS_TORCH=1`` turns this off; so does importing spaCy before building a pipeline.

spaCy's ``__init__`` also imports its whole command line (``spacy.cli``: typer, weasel,
every CLI module) for one function, ``spacy.info``: a third of its import time. While
spaCy is imported here, ``spacy.cli.info`` is a stand-in whose ``info`` imports the real
one when called; afterwards ``import spacy.cli`` gives the real package. Should a spaCy
version need more of ``spacy.cli`` at import, the stand-in steps aside and spaCy is
imported as usual.
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
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    hide_torch = (
        not torch_needed
        and "torch" not in sys.modules
        and os.environ.get(TORCH_ENV, "").strip() in ("", "0")
    )
    if hide_torch:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        spacy = _import_spacy_without_its_cli()
    finally:
        if hide_torch and sys.modules.get("torch", False) is None:
            del sys.modules["torch"]
    if hide_torch:
        log.debug("spaCy imported without PyTorch (no configured component needs it)")
    return spacy


def _import_spacy_without_its_cli() -> ModuleType:
    def info(*args: object, **kwargs: object) -> object:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    package = ModuleType("spacy.cli")
    package.__path__ = []  # type: ignore[attr-defined]
    stub = ModuleType("spacy.cli.info")
    stub.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": package, "spacy.cli.info": stub}
    sys.modules.update(stand_ins)
    try:
        return importlib.import_module("spacy")
    except ImportError:  # a spaCy that needs more of its CLI: import it as it is
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        stand_ins.clear()
        return importlib.import_module("spacy")
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


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
