"""Paths in a config resolve against the config file's directory, from any working directory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline.cli import main
from pipeline.config import load_config, parse_config
from pipeline.engine import Pipeline
from pipeline.errors import ModelNotFoundError


def test_shipped_config_paths_resolve_against_its_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = load_config(ROOT / "configs" / "default.yaml")
    assert cfg.base_dir == ROOT / "configs"
    assert cfg.input == str(ROOT / "configs" / ".." / "corpus")
    assert cfg.output == str(ROOT / "configs" / ".." / "outputs" / "corpus.jsonl")
    models = cfg.components[0].settings["models"]
    assert models == {
        "kk": str(ROOT / "configs" / ".." / "models" / "kk-ner"),
        "en": str(ROOT / "configs" / ".." / "models" / "en-ner"),
    }
    stanza = load_config(ROOT / "configs" / "examples" / "stanza.yaml")
    entry = stanza.components[0].settings["models"]["kk"]
    assert entry["dir"] == str(ROOT / "configs" / "examples" / "../../models/kk-stanza")
    assert entry["ner_model_path"].endswith("configs/examples/../../models/kk-stanza/ner.pt")


def test_run_with_an_absolute_config_from_another_directory(tmp_path, monkeypatch):
    """The issue's reproduction: `kaznews run --config /abs/configs/default.yaml` from /tmp."""
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "Кеше Алматыда 300 адам жиналды."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    monkeypatch.chdir(tmp_path)
    config = str((ROOT / "configs" / "default.yaml").resolve())
    assert (
        main(["run", "--config", config, "--input", "in.jsonl", "--output", "out.jsonl", "-q"]) == 0
    )
    assert '"text": "Алматыда"' in out.read_text(encoding="utf-8")


def test_missing_model_error_names_the_directory_tried(tmp_path, capsys):
    copy = tmp_path / "elsewhere" / "configs"
    copy.mkdir(parents=True)
    shutil.copy(ROOT / "configs" / "default.yaml", copy / "default.yaml")
    with pytest.raises(ModelNotFoundError) as exc:
        Pipeline(load_config(copy / "default.yaml"))
    assert f"not found at '{copy / '..' / 'models' / 'kk-ner'}'" in str(exc.value)
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    argv = ["run", "--config", str(copy / "default.yaml"), "--input", str(inp), "-q"]
    assert main([*argv, "--output", str(tmp_path / "o.jsonl")]) == 2
    assert str(copy / ".." / "models" / "kk-ner") in capsys.readouterr().err


def test_bare_package_names_and_absolute_paths_stay(tmp_path):
    data = {
        "components": [{"name": "ner.spacy", "models": {"en": "en_core_web_sm", "kk": "/m/kk"}}],
        "input": "~/news",
        "output": "-",
    }
    cfg = parse_config(data, "c.yaml", tmp_path)
    assert cfg.components[0].settings["models"] == {"en": "en_core_web_sm", "kk": "/m/kk"}
    assert cfg.input == str(Path.home() / "news")
    assert cfg.output == "-"
    (tmp_path / "mymodel").mkdir()
    data["components"][0]["models"] = {"en": "mymodel"}
    cfg = parse_config(data, "c.yaml", tmp_path)
    assert cfg.components[0].settings["models"] == {"en": str(tmp_path / "mymodel")}


def test_config_without_a_file_resolves_against_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = parse_config({"components": ["rules.dates"], "input": "docs"}, "<config>")
    assert cfg.input == str(tmp_path / "docs")
