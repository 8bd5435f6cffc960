"""Where a trainer writes its model: never over something that is not a model, never half.

Every trainer writes into a staging directory beside the target (``.NAME.staging-XXXX`` in
the same parent, so the final move is a rename on one file system) and calls
:meth:`ModelOutput.commit` only when the model and its card are complete. Until then the
previous model at the target stays untouched and usable; a crash or Ctrl-C leaves it as it
was (and the staging directory is removed). The swap renames the old directory aside,
renames the new one in, then deletes the old one, so at every instant the target path is
either the old model or the new one.

The target must be absent, an empty directory, or a model (a directory with the
``model-card.json`` every trainer here writes, a spaCy pipeline's ``meta.json`` +
``config.cfg``, or a transformers ``config.json`` + weights). Anything else is refused
before training starts, unless ``force``: a directory of someone's files is never deleted
by mistake.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from pipeline.errors import PipelineError

log = logging.getLogger(__name__)

_WEIGHTS = ("model.safetensors", "pytorch_model.bin")


def is_model_dir(path: Path) -> bool:
    """A directory holding a model (see the module doc for what counts as one)."""
    if (path / "model-card.json").is_file():
        return True
    if (path / "meta.json").is_file() and (path / "config.cfg").is_file():
        return True
    return (path / "config.json").is_file() and any((path / w).is_file() for w in _WEIGHTS)


def is_dataset_dir(path: Path) -> bool:
    """A directory holding a saved ``datasets.DatasetDict`` or ``Dataset``."""
    return (path / "dataset_dict.json").is_file() or (path / "dataset_info.json").is_file()


def check_output(
    target: str | Path,
    force: bool = False,
    kind: str = "model",
    replaceable: Callable[[Path], bool] = is_model_dir,
) -> Path:
    """The target as a Path, or a :class:`PipelineError` saying why it may not be written:
    it is a file, or a non-empty directory that ``replaceable`` says is no ``kind``."""
    out = Path(target)
    if force or not out.exists():
        return out
    if not out.is_dir():
        raise PipelineError(
            f"output {out} is a file, not a {kind} directory; choose another output "
            "(or pass --force to replace it)"
        )
    if any(out.iterdir()) and not replaceable(out):
        raise PipelineError(
            f"output {out} is a non-empty directory that is not a {kind}; "
            "choose another output, or pass --force to replace it"
        )
    return out


class ModelOutput:
    """A staging directory for one trained model (or another output directory: ``kind`` and
    ``replaceable`` say what may be replaced), swapped in at the target on commit.

    Use as a context manager: on leaving it without :meth:`commit` (an error) the staging
    directory is removed and the target is left as it was::

        with ModelOutput("models/kk-ner") as staged:
            nlp.to_disk(staged.path)
            staged.commit()
    """

    def __init__(
        self,
        target: str | Path,
        force: bool = False,
        kind: str = "model",
        replaceable: Callable[[Path], bool] = is_model_dir,
    ) -> None:
        self.target = check_output(target, force, kind, replaceable)
        self.path: Path | None = None
        self.committed = False

    def __enter__(self) -> ModelOutput:
        parent = self.target.parent
        parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.staging-", dir=parent))
        _readable_dir(self.path)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self.committed and self.path is not None and self.path.exists():
            shutil.rmtree(self.path, ignore_errors=True)

    def commit(self) -> Path:
        """Swap the staged model in at the target; the previous one is deleted only after."""
        if self.path is None:
            raise RuntimeError("ModelOutput.commit() outside its with-block")
        target = self.target
        old: Path | None = None
        if target.exists() or target.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.previous-", dir=target.parent))
            old.rmdir()
            target.rename(old)
        try:
            self.path.rename(target)
        except OSError:
            if old is not None:
                old.rename(target)  # put the previous model back
            raise
        self.committed = True
        if old is not None:
            if old.is_dir() and not old.is_symlink():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink()
        log.debug("model written to %s", target)
        return target


def _readable_dir(path: Path) -> None:
    """mkdtemp makes 0700 directories; a model directory gets the usual 0777 & ~umask."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o777 & ~mask)
