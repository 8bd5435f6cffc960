"""The shipped stanza and transformers train configs, end to end on tiny data.

Each test takes a config from ``configs/train/`` as a user would, swaps in a tiny corpus
(and, for transformers, a tiny checkpoint built here), trains it with ``train``, loads the
result through the component exactly as ``configs/examples/`` names it, and checks the
spans' exact offsets.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
import yaml

from pipeline.cli import main
from pipeline.registry import get_factory
from pipeline.tokenize import tokenize
from pipeline.training import progress
from pipeline.training.config import load_train_config
from pipeline.types import Document
from tests.training_helpers import one_torch_thread, tiny_checkpoint, write_doccano  # noqa: F401  (one_torch_thread: autouse)

ROOT = Path(__file__).resolve().parents[1]

SENTENCES = [
    (
        "Рысбек Сәрсенбаев Алматыда сөйледі.",
        [("Рысбек Сәрсенбаев", "PERSON"), ("Алматыда", "PLACE")],
    ),
    ("Еркін Рақышев Астанаға келді.", [("Еркін Рақышев", "PERSON"), ("Астанаға", "PLACE")]),
    ("Тұрсын ақсақал Шымкентте тұрады.", [("Тұрсын", "PERSON"), ("Шымкентте", "PLACE")]),
    ("Біз Алматыда жиналдық.", [("Алматыда", "PLACE")]),
    ("Рысбек Астанаға барды.", [("Рысбек", "PERSON"), ("Астанаға", "PLACE")]),
    ("Бүгін ауа райы жылы.", []),
    ("Еркін Шымкентте тұрады.", [("Еркін", "PERSON"), ("Шымкентте", "PLACE")]),
    ("Олар жиынға келді.", []),
]
# A document the models have not seen whole: two training sentences with a blank line between.
TEXT = "Бүгін ауа райы жылы.\n\nРысбек Сәрсенбаев Алматыда сөйледі."
EXPECTED = [(22, 39, "PERSON"), (40, 48, "PLACE")]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _shipped(name: str, tmp_path: Path, **settings) -> tuple[Path, Path]:
    """The shipped config with a tiny corpus, no held-out/dev part and tiny settings."""
    cfg = yaml.safe_load((ROOT / "configs" / "train" / name).read_text(encoding="utf-8"))
    out = tmp_path / "model"
    cfg.update(
        labels=["PERSON", "PLACE"],
        score_labels=["PERSON", "PLACE"],
        output=str(out),
        split={"heldout": 0.0, "dev": 0.0},
        sources=[
            {
                "name": "tiny",
                "path": str(write_doccano(tmp_path / "tiny.jsonl", SENTENCES, lang="kk")),
                "format": "doccano",
            }
        ],
    )
    backend = cfg["backend"]
    cfg[backend] = {**cfg[backend], **settings}
    path = tmp_path / name
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path, out


def _example_component(example: str, replace: dict[str, str]) -> object:
    """The component of ``configs/examples/EXAMPLE`` with its model paths replaced."""
    raw = (ROOT / "configs" / "examples" / example).read_text(encoding="utf-8")
    for old, new in replace.items():
        raw = raw.replace(old, new)
    (entry,) = yaml.safe_load(raw)["components"]
    settings = {k: v for k, v in entry.items() if k != "name"}
    settings["models"] = {"kk": settings["models"]["kk"]}
    return get_factory(entry["name"])(**settings)


def _spans(component, text: str) -> list[tuple[int, int, str]]:
    doc = Document("x", text, "kk")
    spans = component.propose(doc, tokenize(text, "kk"))
    assert all(s.text == text[s.start : s.end] for s in spans)
    return [(s.start, s.end, s.label) for s in spans]


@pytest.mark.parametrize(
    "name", ["kk-stanza.yaml", "en-stanza.yaml", "kk-transformers.yaml", "en-transformers.yaml"]
)
def test_shipped_example_train_configs_are_valid(name):
    cfg = load_train_config(ROOT / "configs" / "train" / name)
    assert cfg.backend in ("stanza", "transformers") and cfg.sources
    assert cfg.output and cfg.output.startswith("models/")
    example = (ROOT / "configs" / "examples" / f"{cfg.backend}.yaml").read_text(encoding="utf-8")
    # the example pipeline config names what this train config writes
    assert f"configs/train/kk-{cfg.backend}.yaml" in example
    assert cfg.output in example


def test_stanza_example_end_to_end(tmp_path, monkeypatch):
    cfg, out = _shipped(
        "kk-stanza.yaml",
        tmp_path,
        vector_dim=8,
        hidden_dim=16,
        char_hidden_dim=8,
        char_emb_dim=8,
        batch_size=8,
        epochs=40,
        learn_rate=0.02,  # the shipped optimizer (Adam), a rate for a tiny model
        dropout=0,
        word_dropout=0,
    )
    terminal = FakeTerminal()
    monkeypatch.setattr(progress, "REFRESH_SECONDS", 0)
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["train", "--config", str(cfg)]) == 0
    monkeypatch.undo()
    # a bar per epoch: 8 sentences, with the rate and the running loss
    assert re.search(
        r"epoch 40/40: +100%\|.*\| 8/8 \[.*sent/s, loss \d+\.\d{3}\]", terminal.getvalue()
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "model-card.json",
        "model-card.md",
        "ner.pt",
        "pretrain.pt",
        "resources.json",
    ]
    card = json.loads((out / "model-card.json").read_text(encoding="utf-8"))
    assert card["backend"] == "stanza" and card["word_vectors"]["source"] == "train_text"
    assert "built from the training rows" in (out / "model-card.md").read_text(encoding="utf-8")
    component = _example_component("stanza.yaml", {"../../models/kk-stanza": str(out)})
    assert _spans(component, TEXT) == EXPECTED


def test_transformers_example_end_to_end(tmp_path, monkeypatch):
    ckpt = tiny_checkpoint(tmp_path / "ckpt", [t for t, _ in SENTENCES])
    monkeypatch.setenv("TRANSFORMER_CHECKPOINT", str(ckpt))  # as the config's comment says
    cfg, out = _shipped(
        "kk-transformers.yaml",
        tmp_path,
        epochs=60,
        batch_size=2,
        learn_rate=0.005,
        warmup_ratio=0.0,
        max_length=32,
    )
    terminal = FakeTerminal()
    monkeypatch.setattr(progress, "REFRESH_SECONDS", 0)
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["train", "--config", str(cfg)]) == 0
    monkeypatch.setattr(sys, "stderr", sys.__stderr__)
    assert re.search(
        r"epoch 60/60: +100%\|.*\| 8/8 \[.*sent/s, loss \d+\.\d{3}\]", terminal.getvalue()
    )
    card = json.loads((out / "model-card.json").read_text(encoding="utf-8"))
    assert card["backend"] == "transformers" and card["base_model"] == str(ckpt)
    component = _example_component("transformers.yaml", {"../../models/kk-bert-ner": str(out)})
    assert _spans(component, TEXT) == EXPECTED
