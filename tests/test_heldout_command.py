"""``python -m pipeline heldout``: a pipeline scored on a split of a training config."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_heldout_scores_the_pipeline_on_the_split(tmp_path: Path, capsys):
    data = tmp_path / "uner.iob2"
    data.write_text(
        "John\tB-PER\nSmith\tI-PER\nsaid\tO\nhello\tO\n.\tO\n\n"
        "Kerala\tB-LOC\nis\tO\nnice\tO\n.\tO\n\n"
        "Zorbatown\tB-LOC\nis\tO\nfar\tO\n.\tO\n",
        encoding="utf-8",
    )
    train = tmp_path / "t.yaml"
    train.write_text(
        yaml.safe_dump(
            {
                "name": "t",
                "lang": "en",
                "labels": ["PERSON", "PLACE"],
                "split": {"heldout": 0.0, "dev": 0.0},
                "sources": [
                    {
                        "name": "uner",
                        "path": str(data),
                        "format": "conll",
                        "label_map": {"PER": "PERSON", "LOC": "PLACE"},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "scores.json"
    args = ["heldout", "--config", str(ROOT / "configs/rules-only.yaml")]
    args += ["--train-config", str(train), "--split", "train", "--output", str(out)]
    assert main(args) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["sentences"] == 3 and result["labels"] == ["PERSON", "PLACE"]
    scores = result["scores"]
    assert scores["PERSON"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    # Kerala is in the world gazetteer, Zorbatown is not
    assert scores["PLACE"]["precision"] == 1.0 and scores["PLACE"]["recall"] == 0.5
    assert scores["micro"]["support"] == 3
    assert "wrote" in capsys.readouterr().out
