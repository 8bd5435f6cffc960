"""Provenance (pipeline.provenance): one source of versions, hashes and model cards."""

from __future__ import annotations

import hashlib
import platform
from datetime import UTC, datetime
from importlib import metadata

from pipeline.provenance import (
    collect_provenance,
    file_sha256,
    find_model_cards,
    library_versions,
    now_iso,
)


def test_library_versions_name_python_and_missing_libraries():
    versions = library_versions(("spacy", "surely-not-a-package"))
    assert list(versions) == ["python", "spacy", "surely-not-a-package"]
    assert versions["python"] == platform.python_version()
    assert versions["spacy"] == metadata.version("spacy")
    assert versions["surely-not-a-package"] == "not installed"


def test_file_and_directory_hashes(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"abc")
    assert file_sha256(f) == hashlib.sha256(b"abc").hexdigest()
    d = tmp_path / "d"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "x").write_bytes(b"1")
    expected = hashlib.sha256(b"sub/x\x001").hexdigest()
    assert file_sha256(d) == expected


def test_collect_provenance(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{}\n")
    config = tmp_path / "c.yaml"
    config.write_text("languages: [en]\n")
    models = tmp_path / "models"
    (models / "m").mkdir(parents=True)
    (models / "m" / "model-card.json").write_text('{"name": "m"}')
    prov = collect_provenance(
        gold=gold,
        pred=tmp_path / "missing.jsonl",
        config=config,
        models_dir=models,
        command="python -m pipeline report",
        now=datetime(2024, 1, 2, 3, 4, 5, 678, tzinfo=UTC),
    )
    assert prov.generated == "2024-01-02T03:04:05+00:00"
    assert prov.inputs == [("gold", str(gold), hashlib.sha256(b"{}\n").hexdigest())]
    assert prov.config_text == "languages: [en]\n"
    assert prov.model_cards == find_model_cards(models)
    assert prov.model_cards == [(str(models / "m" / "model-card.json"), '{\n  "name": "m"\n}')]
    assert prov.versions["python"] == platform.python_version()


def test_now_iso_is_to_the_second():
    assert now_iso(datetime(2024, 1, 1, tzinfo=UTC)) == "2024-01-01T00:00:00+00:00"
