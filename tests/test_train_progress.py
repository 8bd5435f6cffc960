"""A progress bar per epoch (sentences/s, running loss) on a terminal; silent otherwise."""

from __future__ import annotations

import io
import re
import sys

from pipeline.cli import main
from pipeline.training import progress
from tests.training_helpers import tiny_spacy_config


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _train(tmp_path, monkeypatch, stream, *extra: str) -> str:
    monkeypatch.setattr(progress, "REFRESH_SECONDS", 0)  # draw every update
    monkeypatch.setattr(sys, "stderr", stream)
    cfg = tiny_spacy_config(tmp_path, tmp_path / "model")
    assert main(["train", "--config", str(cfg), "--epochs", "2", *extra]) == 0
    return stream.getvalue()


def test_bar_per_epoch_with_rate_and_loss_on_a_terminal(tmp_path, monkeypatch):
    out = _train(tmp_path, monkeypatch, FakeTerminal())
    # three sentences an epoch, a batch of up to four: each epoch's bar reaches 3/3
    for epoch in (1, 2):
        assert re.search(rf"epoch {epoch}/2: +100%\|.*\| 3/3 \[", out), out
    assert re.search(r"\d+(?:\.\d+)?sent/s, loss \d+\.\d{3}\]", out), out


def test_no_bar_when_not_a_terminal_or_quiet(tmp_path, monkeypatch):
    assert "sent/s" not in _train(tmp_path / "a", monkeypatch, io.StringIO())
    assert "sent/s" not in _train(tmp_path / "b", monkeypatch, FakeTerminal(), "--quiet")


def test_epoch_bar_counts_sentences(monkeypatch):
    stream = FakeTerminal()
    monkeypatch.setattr(progress, "REFRESH_SECONDS", 0)
    monkeypatch.setattr(sys, "stderr", stream)
    with progress.epoch_bar(10, 3, 5) as bar:
        progress.advance(bar, 4, 12.5)
        progress.advance(bar, 6, 20.25)
    text = stream.getvalue()
    assert "epoch 3/5:  40%" in text and "4/10" in text and "loss 12.500" in text
    assert "10/10" in text and "loss 20.250" in text
