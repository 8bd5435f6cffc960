"""A progress bar per training epoch: sentences done, sentences/s and the running loss.

Written to stderr by tqdm, and only when stderr is a terminal: a run piped to a file or a
CI log keeps just the one line per epoch the trainers log (``--quiet`` turns the bar off
on a terminal too). The bar is cleared at the end of the epoch, so the epoch's log line
takes its place.
"""

from __future__ import annotations

import sys
from typing import Any

# Seconds between redraws of the bar.
REFRESH_SECONDS = 0.2


def epoch_bar(total: int, epoch: int, epochs: int | None = None, quiet: bool = False) -> Any:
    """A tqdm bar over ``total`` sentences of one epoch (disabled when quiet or not a TTY)."""
    from tqdm import tqdm

    stream = sys.stderr
    isatty = getattr(stream, "isatty", None)
    disable = quiet or not (callable(isatty) and isatty())
    desc = f"epoch {epoch}/{epochs}" if epochs else f"epoch {epoch}"
    return tqdm(
        total=total,
        desc=desc,
        unit="sent",
        file=stream,
        disable=disable,
        leave=False,
        dynamic_ncols=True,
        mininterval=REFRESH_SECONDS,
    )


def advance(bar: Any, sentences: int, loss: float) -> None:
    """Count ``sentences`` more and show the running loss."""
    bar.set_postfix_str(f"loss {loss:.3f}", refresh=False)
    bar.update(sentences)
