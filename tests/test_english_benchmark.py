"""benchmarks/english.py: documents rebuilt from token rows, GUM's documents, the passage split."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _english():
    spec = importlib.util.spec_from_file_location("english", ROOT / "benchmarks" / "english.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rows_become_documents_with_exact_spans():
    english = _english()
    rows = [
        {"doc_id": "a", "tokens": ["Pugh", "said", "."], "tags": ["B-PERSON", "O", "O"]},
        {"doc_id": "a", "tokens": ["In", "New", "York"], "tags": ["O", "B-PLACE", "I-PLACE"]},
        {"doc_id": "b", "tokens": ["Leeds", "won"], "tags": ["B-ORG", "O"]},
    ]
    docs = english.rows_to_documents(rows)
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].text == "Pugh said .\nIn New York"
    assert [(s.start, s.end, s.label, s.text) for s in docs[0].entities] == [
        (0, 4, "PERSON", "Pugh"),
        (15, 23, "PLACE", "New York"),
    ]


def test_gum_documents_open_at_the_title_before_a_date_line():
    english = _english()
    rows = [
        {"tokens": ["Title", "one"]},
        {"tokens": ["Friday", ",", "May", "8", ",", "2009"]},
        {"tokens": ["Text", "."]},
        {"tokens": ["Title", "two"]},
        {"tokens": ["Monday", ",", "May", "18", ",", "2015"]},
    ]
    out = english.gum_documents("gum", rows)
    assert [r["doc_id"] for r in out] == ["gum:0", "gum:0", "gum:0", "gum:1", "gum:1"]


def test_domain_passages_split_by_passage_with_a_fixed_quarter_held_out(tmp_path):
    english = _english()
    path = tmp_path / "gold.jsonl"
    lines = [{"id": f"den{i:02d}", "lang": "en", "text": "x", "entities": []} for i in range(1, 21)]
    lines.append({"id": "dkk01", "lang": "kk", "text": "x", "entities": []})
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    parts = english.domain_parts(path)
    assert len(parts["heldout"]) == 5 and len(parts["dev"]) == 15
    held = [d.id for d in parts["heldout"]]
    assert held == [d.id for d in english.domain_parts(path)["heldout"]]  # deterministic
    assert not set(held) & {d.id for d in parts["dev"]}
