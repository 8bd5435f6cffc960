"""The JSON Schemas shipped in the package describe what `run` and `link` really write."""

from __future__ import annotations

import copy
import importlib.resources
import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

from pipeline.cli import main
from pipeline.schemas import load_schema

jsonschema = pytest.importorskip("jsonschema")


def validator(name: str):
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(name: str, record: dict) -> list[str]:
    return [e.message for e in validator(name).iter_errors(record)]


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_schemas_ship_in_the_package():
    files = importlib.resources.files("pipeline.schemas")
    for name in ("corpus", "entities"):
        assert (files / f"{name}.schema.json").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"*" = ["*.yaml", "*.yml", "*.json"' in pyproject  # package data takes them


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """A real run over the corpus plus a document in two languages, and its links."""
    d = tmp_path_factory.mktemp("schemas")
    inp = d / "in.jsonl"
    docs = [
        {"id": p.stem, "text": p.read_text(encoding="utf-8")}
        for p in sorted((ROOT / "corpus").glob("*.txt"))
    ]
    docs.append(
        {
            "id": "mixed",
            "text": "Кеше Алматыда 300 адам жиналды.\n\nOn Monday, Tokayev met Putin in Moscow.",
        }
    )
    docs.append({"id": "ru", "text": "Москва является столицей России."})
    docs.append({"id": "empty", "text": ""})
    inp.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in docs), "utf-8")
    corpus, entities = d / "corpus.jsonl", d / "entities.jsonl"
    config = str(ROOT / "configs" / "rules-only.yaml")
    assert (
        main(["run", "--config", config, "--input", str(inp), "--output", str(corpus), "-q"]) == 0
    )
    assert main(["link", "--pred", str(corpus), "--output", str(entities)]) == 0
    return lines(corpus), lines(entities)


def test_run_output_matches_the_corpus_schema(outputs):
    records, _ = outputs
    assert len(records) == 8
    assert [r["lang"] for r in records[-3:]] == ["en", "ru", None]  # most of "mixed" is English
    assert len(records[-3]["langs"]) == 2  # the mixed document
    kinds = {(e["label"], tuple(sorted(e["norm"]))) for r in records for e in r["entities"]}
    assert {k for k, _ in kinds} == {"PERSON", "PLACE", "DATE", "COUNT", "ORG"}
    for record in records:
        assert errors("corpus", record) == [], record["id"]


def test_link_output_matches_the_entities_schema(outputs):
    _, records = outputs
    assert records
    for record in records:
        assert errors("entities", record) == [], record["id"]


def test_gold_files_match_the_corpus_schema():
    for record in lines(ROOT / "annotations" / "gold.jsonl"):
        assert errors("corpus", record) == [], record["id"]


@pytest.mark.shared
def test_domain_dev_gold_matches_the_corpus_schema():
    """The domain set uses every DATE norm of Clarifications v2 (mod, min/max, quant, 19)."""
    path = Path(os.environ.get("PIPELINE_SHARED", SHARED)) / "domain_dev" / "gold.jsonl"
    if not path.is_file():
        pytest.skip(f"no domain_dev gold at {path}")
    for record in lines(path):
        assert errors("corpus", record) == [], record["id"]


GOOD = {
    "id": "d",
    "lang": "kk",
    "entities": [
        {"start": 0, "end": 4, "label": "DATE", "text": "Кеше", "norm": {"value": "2018-09-13", "type": "date"}, "source": "rules.dates", "score": 0.9},
        {"start": 5, "end": 13, "label": "PLACE", "text": "Алматыда", "norm": {"name": "Алматы", "latin": "Almaty"}, "source": "ner.spacy", "score": 0.8},
        {"start": 14, "end": 17, "label": "COUNT", "text": "300", "norm": {"value": 300, "mod": "APPROX"}, "source": "rules.counts", "score": 0.85},
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    "path, value, message",
    [
        (("entities", 0, "norm", "value"), "yesterday", "is not valid under any of the given"),
        (("entities", 0, "norm", "mod"), "ABOUT", "is not valid under any of the given"),
        (("entities", 0, "label"), "MISC", "is not one of"),
        (
            ("entities", 1, "norm"),
            {"name": "Алматы"},
            "is not valid under any of the given schemas",
        ),
        (
            ("entities", 2, "norm"),
            {"value": 3, "mod": "VAGUE"},
            "is not valid under any of the given schemas",
        ),
        (("entities", 2, "norm"), {"mod": "APPROX"}, "is not valid under any of the given schemas"),
        (("entities", 2, "wrong"), 1, "Additional properties are not allowed"),
        (("entities", 2, "score"), 1.5, "is greater than the maximum of 1"),
        (("lang",), "Kazakh", "does not match"),
        (("langs",), [{"start": 0, "end": 5, "lang": "kk"}], "is too short"),
    ],
)
def test_the_schema_rejects_bad_records(path, value, message):
    assert errors("corpus", GOOD) == []
    record = copy.deepcopy(GOOD)
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    found = errors("corpus", record)
    assert found and any(message in m for m in found), found


@pytest.mark.parametrize(
    "norm",
    [
        {"value": "PXY", "min": "P3Y", "max": "P5Y", "type": "duration"},
        {"value": "XXXX-XX-XX", "quant": "EVERY", "type": "set"},
        {"value": "19", "mod": "END"},
        {"value": "2020-SU"},
        {},
    ],
)
def test_date_norms_of_the_clarifications(norm):
    record = copy.deepcopy(GOOD)
    record["entities"][0]["norm"] = norm
    assert errors("corpus", record) == []
