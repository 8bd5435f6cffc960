"""Start-up: what a command line imports, the on-disk resource cache, spaCy without PyTorch."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest
from conftest import ROOT

import pipeline
from pipeline import cache
from pipeline.cli import COMMANDS, build_parser, help_line, main
from pipeline.config import load_config, parse_config
from pipeline.engine import config_needs_torch
from pipeline.startup import spacy_model_needs_torch


def _python(code: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": "/tmp", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_version(capsys):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert pipeline.__version__ == version
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"kaznews-pipeline {version}\n"


def test_help_lists_every_command_with_its_modules_help(capsys):
    import importlib

    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    for name in COMMANDS:
        module = importlib.import_module(f"pipeline.commands.{name}")
        assert help_line(name) == module.HELP
        assert f"{name} {' '.join(module.HELP.split())}" in out


def test_a_command_line_imports_only_its_command():
    code = (
        "import sys; from pipeline.cli import build_parser; build_parser('validate');"
        "print(sorted(m for m in ('spacy', 'torch', 'seqeval', 'sklearn', 'pandas',"
        " 'pipeline.commands.run', 'pipeline.commands.train') if m in sys.modules))"
    )
    assert _python(code) == "[]"
    args = build_parser("validate").parse_args(["validate", "x.jsonl", "--texts", "corpus"])
    assert args.texts == "corpus"


def test_shipped_models_need_no_torch_and_torch_backends_do():
    assert not spacy_model_needs_torch(str(ROOT / "models" / "kk-ner"))
    assert not spacy_model_needs_torch(str(ROOT / "models" / "en-ner"))
    assert not config_needs_torch(load_config(ROOT / "configs" / "default.yaml"))
    assert config_needs_torch(load_config(ROOT / "configs" / "examples" / "stanza.yaml"))
    assert config_needs_torch(
        parse_config({"components": [{"name": "ner.transformers", "models": {}}]})
    )


def test_a_spacy_model_with_pytorch_layers_needs_torch(tmp_path):
    (tmp_path / "config.cfg").write_text('[model]\n@architectures = "spacy-transformers.X"\n')
    assert spacy_model_needs_torch(str(tmp_path))
    assert spacy_model_needs_torch("no_such_package_anywhere")


def test_spacy_without_torch_then_torch_still_imports():
    code = (
        "import sys; from pipeline.startup import import_spacy; import_spacy(False);"
        "import thinc.compat; print('torch' in sys.modules, thinc.compat.has_torch);"
        "import torch; print(torch.__name__)"
    )
    assert _python(code).splitlines() == ["False False", "torch"]
    assert _python(code, KAZNEWS_TORCH="1").splitlines()[0] == "True True"


def test_cache_hits_and_rebuilds_when_a_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("KAZNEWS_CACHE", str(tmp_path / "c"))
    src = tmp_path / "data.txt"
    src.write_text("one", encoding="utf-8")
    builds = []

    def build():
        builds.append(1)
        return {"words": src.read_text(encoding="utf-8").split()}

    assert cache.cached("t", [src], build) == {"words": ["one"]}
    assert cache.cached("t", [src], build) == {"words": ["one"]}
    assert len(builds) == 1
    src.write_text("one two", encoding="utf-8")
    assert cache.cached("t", [src], build) == {"words": ["one", "two"]}
    assert len(builds) == 2
    assert len(list((tmp_path / "c").glob("t-*.pickle"))) == 1  # the new entry replaced the old
    other = tmp_path / "other.txt"
    other.write_text("x", encoding="utf-8")
    assert cache.cached("t", [other], lambda: 0) == 0
    assert len(list((tmp_path / "c").glob("t-*.pickle"))) == 2  # another resource, its own slot


def test_cache_damaged_entry_unwritable_dir_and_off(tmp_path, monkeypatch):
    src = tmp_path / "data.txt"
    src.write_text("x", encoding="utf-8")
    monkeypatch.setenv("KAZNEWS_CACHE", str(tmp_path / "c"))
    assert cache.cached("t", [src], lambda: 1) == 1
    (entry,) = (tmp_path / "c").glob("t-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.cached("t", [src], lambda: 2) == 2  # rebuilt and replaced
    assert cache.cached("t", [src], lambda: 3) == 2
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KAZNEWS_CACHE", str(blocker / "sub"))  # cannot be created
    assert cache.cached("t", [src], lambda: 4) == 4
    monkeypatch.setenv("KAZNEWS_CACHE", "off")
    assert cache.cache_dir() is None
    assert cache.cached("t", [src], lambda: 5) == 5


def test_cached_lexicon_matches_a_fresh_build(monkeypatch, tmp_path):
    from pipeline.lexicon import _build_world_places, load_world_places

    monkeypatch.setenv("KAZNEWS_CACHE", str(tmp_path / "c"))
    load_world_places.cache_clear()
    try:
        first = load_world_places()  # builds and writes
        load_world_places.cache_clear()
        second = load_world_places()  # reads the entry
    finally:
        load_world_places.cache_clear()
    fresh = _build_world_places("gazetteer/world_places.yaml")
    text = "They flew from Kerala to Lawrence, KS and on to Gaza City."
    for world in (first, second):
        assert [(m.start, m.end, m.entry.id) for m in world.lexicon.match(text, "en")] == [
            (m.start, m.end, m.entry.id) for m in fresh.lexicon.match(text, "en")
        ]
    assert len(second.lexicon.entries) == len(fresh.lexicon.entries)


def test_a_run_as_a_program_ends_fast_with_its_outputs_complete(tmp_path):
    """`python -m pipeline run` ends without interpreter teardown once its outputs are
    written: the output, its summary and the exit code must be all there."""
    inp = tmp_path / "in.jsonl"
    inp.write_text(
        '{"id": "a", "text": "Кеше Алматыда 300 адам жиналды."}\n{"id": "b", "text": 5}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    config = str(ROOT / "configs" / "rules-only.yaml")
    argv = ["run", "--config", config, "--input", str(inp), "--output", str(out)]
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", *argv, "--on-error", "skip"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stderr and "1 rejected" in result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and '"Алматыда"' in lines[0]
    assert (tmp_path / "out.jsonl.summary.json").is_file()
    assert (tmp_path / "out.jsonl.rejects.jsonl").read_text(encoding="utf-8").count("\n") == 1
