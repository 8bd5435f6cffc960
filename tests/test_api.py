"""The Python API: pipeline.load, nlp(text, lang=...), nlp.pipe; a cheap `import pipeline`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

import pipeline
from pipeline.errors import ConfigError


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load(ROOT / "configs" / "rules-only.yaml")


def test_text_in_documents_out(nlp):
    doc = nlp("Кеше Алматыда 300 адам жиналды.", lang="kk")
    assert isinstance(doc, pipeline.Document)
    assert (doc.id, doc.lang) == ("", "kk")
    assert [(s.start, s.end, s.label, s.text) for s in doc.entities] == [
        (0, 4, "DATE", "Кеше"),
        (5, 13, "PLACE", "Алматыда"),
        (14, 17, "COUNT", "300"),
    ]
    assert doc.entities[1].norm == {"name": "Алматы", "latin": "Almaty"}


def test_language_detected_and_meta_date_used(nlp):
    doc = nlp("Relatives gathered in Almaty on December 14.", id="d1", meta={"date": "2018-12-20"})
    assert (doc.id, doc.lang) == ("d1", "en")
    dates = [(s.text, s.norm["value"]) for s in doc.entities if s.label == "DATE"]
    assert dates == [("December 14", "2018-12-14")]


def test_pipe_keeps_order_and_numbers_texts(nlp):
    texts = ["Tokayev met Putin in Moscow.", "Кеше Астанада жиын өтті.", ""]
    docs = list(nlp.pipe(texts))
    assert [(d.id, d.lang) for d in docs] == [("0", "en"), ("1", "kk"), ("2", None)]
    assert [s.text for s in docs[0].entities] == ["Tokayev", "Putin", "Moscow"]
    assert docs[2].entities == []
    out = docs[1].to_output()
    assert json.loads(json.dumps(out, ensure_ascii=False))["entities"][0]["text"] == "Кеше"


def test_pipe_with_documents_and_one_language(nlp):
    docs = [pipeline.Document("a", "Алматыда жиын өтті."), pipeline.Document("b", "Астанада.")]
    assert [[s.text for s in d.entities] for d in nlp.pipe(docs, lang="KK")] == [
        ["Алматыда"],
        ["Астанада"],
    ]


def test_load_a_mapping_and_bad_configs():
    nlp = pipeline.load({"components": ["rules.counts"], "languages": ["en"]})
    assert [s.text for s in nlp("About 200 people came.", lang="en").entities] == ["About 200"]
    with pytest.raises(ConfigError, match=r"<config>: key 'components\[0\].name': unknown"):
        pipeline.load({"components": ["rules.nope"]})
    with pytest.raises(ConfigError, match="config file not found"):
        pipeline.load(ROOT / "configs" / "nope.yaml")


def _run(code: str, cwd) -> str:
    env_path = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin", "HOME": str(cwd)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_api_from_another_directory_and_cheap_import(tmp_path):
    """`import pipeline` loads no spaCy, YAML or NLP library; the default config works from
    another directory; a config without PyTorch components never imports torch."""
    code = f"""
import sys
import pipeline
heavy = [m for m in ("spacy", "torch", "yaml", "seqeval", "sklearn", "numpy") if m in sys.modules]
print("heavy after import:", heavy)
nlp = pipeline.load({str(ROOT / "configs" / "default.yaml")!r})
doc = nlp("Кеше Алматыда 300 адам жиналды.", lang="kk")
print([(s.text, s.label) for s in doc.entities])
print("models loaded:", sorted(nlp.components[0].nlps))
print("torch:", "torch" in sys.modules)
"""
    out = _run(code, tmp_path).splitlines()
    assert out[0] == "heavy after import: []"
    assert out[1] == str([("Кеше", "DATE"), ("Алматыда", "PLACE"), ("300", "COUNT")])
    assert out[2] == "models loaded: ['kk']"  # the English model waits for an English text
    assert out[3] == "torch: False"
