"""`train` never deletes what is at its output path, and replaces a model only when done."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.training import spacy_trainer
from pipeline.training.output import ModelOutput, check_output, is_model_dir
from tests.training_helpers import tiny_spacy_config


def _leftovers(parent: Path) -> list[str]:
    return sorted(
        p.name for p in parent.iterdir() if ".staging-" in p.name or ".previous-" in p.name
    )


def test_train_refuses_a_directory_that_is_not_a_model(tmp_path, capsys):
    # the reproduction from the issue: important.txt used to be deleted
    target = tmp_path / "notamodel"
    target.mkdir()
    (target / "important.txt").write_text("hi\n", encoding="utf-8")
    cfg = tiny_spacy_config(tmp_path, target)
    assert main(["train", "--config", str(cfg), "--output", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"output {target} is a non-empty directory that is not a model;" in err
    assert "--force" in err
    assert (target / "important.txt").read_text(encoding="utf-8") == "hi\n"
    assert _leftovers(tmp_path) == []


def test_train_refuses_a_file_and_force_replaces_it(tmp_path, capsys):
    target = tmp_path / "model"
    target.write_text("not a directory\n", encoding="utf-8")
    cfg = tiny_spacy_config(tmp_path, target)
    assert main(["train", "--config", str(cfg)]) == 2
    assert f"output {target} is a file" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "not a directory\n"
    assert main(["train", "--config", str(cfg), "--force", "--quiet"]) == 0
    assert is_model_dir(target) and (target / "meta.json").is_file()
    assert _leftovers(tmp_path) == []


def test_force_replaces_a_directory_that_is_not_a_model(tmp_path):
    target = tmp_path / "notamodel"
    target.mkdir()
    (target / "important.txt").write_text("hi\n", encoding="utf-8")
    cfg = tiny_spacy_config(tmp_path, target)
    assert main(["train", "--config", str(cfg), "--force"]) == 0
    assert not (target / "important.txt").exists()
    assert (target / "model-card.json").is_file()


def test_previous_model_stays_until_the_new_one_is_complete(tmp_path, monkeypatch):
    target = tmp_path / "kk-ner"
    first = tiny_spacy_config(tmp_path, target, "first")
    assert main(["train", "--config", str(first)]) == 0
    assert json.loads((target / "model-card.json").read_text(encoding="utf-8"))["name"] == "first"

    seen: dict[str, object] = {}
    real_save_card = spacy_trainer.save_card

    def watching_save_card(out: Path, card: dict) -> dict:
        # while the new card is written, the target is still the complete old model
        seen["target_name"] = json.loads((target / "model-card.json").read_text(encoding="utf-8"))[
            "name"
        ]
        seen["staging"] = out
        seen["staged_model"] = (out / "meta.json").is_file()
        return real_save_card(out, card)

    monkeypatch.setattr(spacy_trainer, "save_card", watching_save_card)
    second = tiny_spacy_config(tmp_path, target, "second")
    assert main(["train", "--config", str(second)]) == 0
    assert seen["target_name"] == "first" and seen["staged_model"] is True
    staging = Path(str(seen["staging"]))
    assert staging.parent == target.parent and staging.name.startswith(".kk-ner.staging-")
    assert json.loads((target / "model-card.json").read_text(encoding="utf-8"))["name"] == "second"
    assert _leftovers(tmp_path) == []


def test_a_failed_run_leaves_the_previous_model(tmp_path, monkeypatch, capsys):
    target = tmp_path / "kk-ner"
    cfg = tiny_spacy_config(tmp_path, target, "first")
    assert main(["train", "--config", str(cfg)]) == 0
    before = {p.name: p.read_bytes() for p in target.rglob("*") if p.is_file()}

    def broken_card(out: Path, card: dict) -> dict:
        raise ValueError("disk full (simulated)")

    monkeypatch.setattr(spacy_trainer, "save_card", broken_card)
    assert main(["train", "--config", str(cfg)]) == 2
    assert "disk full (simulated)" in capsys.readouterr().err
    after = {p.name: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert after == before
    assert _leftovers(tmp_path) == []


def test_model_output_unit(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert check_output(empty) == empty  # an empty directory is fine
    assert check_output(tmp_path / "absent") == tmp_path / "absent"
    spacy_like = tmp_path / "spacy"
    spacy_like.mkdir()
    (spacy_like / "meta.json").write_text("{}", encoding="utf-8")
    (spacy_like / "config.cfg").write_text("", encoding="utf-8")
    assert is_model_dir(spacy_like)
    hf_like = tmp_path / "hf"
    hf_like.mkdir()
    (hf_like / "config.json").write_text("{}", encoding="utf-8")
    assert not is_model_dir(hf_like)  # a config without weights is not a model
    (hf_like / "model.safetensors").write_bytes(b"")
    assert is_model_dir(hf_like)
    with pytest.raises(PipelineError, match="not a model"):
        check_output(tmp_path)  # holds the directories above

    with ModelOutput(empty) as staged:
        (staged.path / "model-card.json").write_text('"new"', encoding="utf-8")
        assert not (empty / "model-card.json").exists()
        staged.commit()
    assert (empty / "model-card.json").read_text(encoding="utf-8") == '"new"'

    with pytest.raises(RuntimeError, match="interrupted"):
        with ModelOutput(empty) as staged:
            (staged.path / "model-card.json").write_text('"half"', encoding="utf-8")
            raise RuntimeError("interrupted")
    assert (empty / "model-card.json").read_text(encoding="utf-8") == '"new"'
    assert _leftovers(tmp_path) == []
