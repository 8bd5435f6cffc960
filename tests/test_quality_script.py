"""benchmarks/quality.py: the README's quality table in one command."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quality():
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_held_out_row_without_its_data_is_skipped_with_the_path(tmp_path, monkeypatch):
    quality = _quality()
    cfg = tmp_path / "t.yaml"
    cfg.write_text(
        "name: x\nlang: en\nsources: [{path: /nowhere/uner.iob2, format: conll, "
        "label_map: {PER: PERSON}}]\n",
        encoding="utf-8",
    )
    row = quality.heldout_row(None, "UNER", str(cfg))
    assert row == {"measured_on": "UNER", "skipped": "data not found: /nowhere/uner.iob2"}


def test_an_annotated_set_that_is_missing_is_skipped_with_the_path(tmp_path):
    quality = _quality()
    rows = quality.annotated_rows(None, "domain dev set", tmp_path / "nowhere.jsonl")
    assert rows == [
        {
            "measured_on": "domain dev set",
            "skipped": f"data not found: {tmp_path / 'nowhere.jsonl'}",
        }
    ]


def test_the_domain_dev_set_is_found_through_the_environment(tmp_path, monkeypatch):
    quality = _quality()
    monkeypatch.delenv("DOMAIN_DEV", raising=False)
    monkeypatch.setenv("PIPELINE_SHARED", str(tmp_path))
    assert quality.domain_dev_path() == tmp_path / "domain_dev" / "gold.jsonl"
    monkeypatch.setenv("DOMAIN_DEV", str(tmp_path / "mine.jsonl"))
    assert quality.domain_dev_path() == tmp_path / "mine.jsonl"


def test_the_table_has_one_line_per_row_and_bold_micro():
    quality = _quality()
    md = quality.render(
        [
            {
                "measured_on": "gold set, English",
                "f1": {
                    "PERSON": 1.0,
                    "PLACE": 0.969,
                    "DATE": 1.0,
                    "COUNT": 1.0,
                    "micro": 0.982,
                    "ORG": 0.95,
                },
                "support": 166,
            },
            {"measured_on": "UNER", "f1": {"PERSON": 0.761, "micro": 0.755}, "support": 143},
            {"measured_on": "KazNERD", "skipped": "data not found: x"},
        ],
        "configs/default.yaml",
    )
    rows = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1:] == [
        "| gold set, English | 1.000 | 0.969 | 1.000 | 1.000 | **0.982** | 0.950 | 166 |",
        "| UNER | 0.761 |  |  |  | **0.755** |  | 143 |",
        "| KazNERD | skipped: data not found: x | | | | | | |",
    ]
