"""Tiny training data and configs shared by the training tests (seconds to train)."""

from __future__ import annotations

from pathlib import Path

import yaml

CONLL = (
    "Алматыда B-GPE\nжиын O\nөтті O\n. O\n\n"
    "Рысбек B-PERSON\nСәрсенбаев I-PERSON\nсөз O\nсөйледі O\n. O\n\n"
    "Астанада B-GPE\nкездесу O\nболды O\n. O\n"
)
TINY = {
    "width": 16,
    "depth": 1,
    "hidden_width": 16,
    "rows": [200, 50, 100, 50],
    "epochs": 1,
    "batch_start": 4,
    "batch_end": 4,
}


def tiny_spacy_config(tmp_path: Path, output: Path, name: str = "kk-tiny") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    data = tmp_path / "tiny.conll"
    data.write_text(CONLL, encoding="utf-8")
    cfg = {
        "name": name,
        "lang": "kk",
        "labels": ["PERSON", "PLACE"],
        "split": {"heldout": 0.0, "dev": 0.0},
        "output": str(output),
        "sources": [{"name": "tiny", "path": str(data), "format": "conll", "label_map": "kaznerd"}],
        "spacy": TINY,
    }
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path
