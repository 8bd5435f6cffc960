"""The I/O contract: inputs, output order and ids, offsets, language handling, atomic writes."""

from __future__ import annotations

import json
import logging

import pytest

from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.io import read_documents, write_jsonl_atomic
from pipeline.langid import detect_language

GAZ_CONFIG = """\
languages: [kk, en]
components:
  - name: rules.gazetteer
"""


@pytest.fixture
def config(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text(GAZ_CONFIG, encoding="utf-8")
    return p


def run_cli(config, inp, out):
    return main(["run", "--config", str(config), "--input", str(inp), "--output", str(out)])


def read_out(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_input_order_ids_and_offsets(tmp_path, config):
    docs = [
        {
            "id": "z-last-id-first",
            "text": "Protesters gathered in Almaty, Kazakhstan's largest city.",
        },
        {
            "id": "a",
            "text": "Алматыда Қытайдың Тарбағатай аймағы Сауан ауданынан келгендер жиналды.",
        },
        {"id": "m", "text": "Nothing to find here at all.", "lang": "en"},
    ]
    inp = tmp_path / "in.jsonl"
    inp.write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out) == 0
    records = read_out(out)
    assert [r["id"] for r in records] == ["z-last-id-first", "a", "m"]
    assert [r["lang"] for r in records] == ["en", "kk", "en"]
    assert set(records[0]) == {"id", "lang", "entities"}
    texts = {d["id"]: d["text"] for d in docs}
    for rec in records:
        for e in rec["entities"]:
            assert set(e) == {"start", "end", "label", "text", "norm", "source", "score"}
            assert texts[rec["id"]][e["start"] : e["end"]] == e["text"]
            assert e["label"] in {"PERSON", "PLACE", "DATE", "COUNT", "ORG"}
    assert [(e["text"], e["label"]) for e in records[0]["entities"]] == [
        ("Almaty", "PLACE"),
        ("Kazakhstan", "PLACE"),
    ]
    assert [e["text"] for e in records[1]["entities"]] == [
        "Алматыда",
        "Қытайдың",
        "Тарбағатай аймағы",
        "Сауан ауданынан",
    ]
    assert records[1]["entities"][3]["norm"] == {"name": "Сауан ауданы", "latin": "Shawan County"}
    assert records[2]["entities"] == []


def test_directory_input_sorted_by_name_with_sidecar(tmp_path, config):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "b.txt").write_text("Almaty", encoding="utf-8")
    (d / "a.txt").write_text("Алматыда жиын өтті.", encoding="utf-8")
    (d / "notes.md").write_text("ignored", encoding="utf-8")
    (d / "meta.jsonl").write_text(json.dumps({"id": "a", "meta": {"date": "2018-09-14"}}) + "\n")
    docs = list(read_documents(d))
    assert [(x.id, x.meta) for x in docs] == [("a", {"date": "2018-09-14"}), ("b", {})]
    out = tmp_path / "out.jsonl"
    assert run_cli(config, d, out) == 0
    assert [r["id"] for r in read_out(out)] == ["a", "b"]


def test_unknown_language_and_empty_text_warn_and_yield_no_entities(tmp_path, config, caplog):
    docs = [
        {"id": "ru", "text": "Москва является столицей России и крупнейшим городом страны."},
        {"id": "empty", "text": ""},
        {"id": "de", "text": "Almaty", "lang": "de"},
    ]
    inp = tmp_path / "in.jsonl"
    inp.write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    with caplog.at_level(logging.WARNING, logger="pipeline"):
        assert run_cli(config, inp, out) == 0
    records = read_out(out)
    assert [(r["id"], r["lang"], r["entities"]) for r in records] == [
        ("ru", "ru", []),
        ("empty", None, []),
        ("de", "de", []),
    ]
    messages = [r.getMessage() for r in caplog.records]
    assert "document ru: language 'ru' (Russian) is not supported (kk, en); no entities" in messages
    assert "document empty: empty text, no entities" in messages


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Қыркүйектің 14-і Алматыда жиын өтті.", "kk"),
        ("On December 14, supporters held a press conference in Almaty.", "en"),
        ("Москва является столицей России.", "ru"),
        ("", None),
        ("12345 ...", None),
        ("Der Hund und die Katze schlafen im Garten hinter dem Haus.", "de"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"id": "a", "text": "x"', "in.jsonl:1: malformed JSON"),
        ('{"text": "x"}', "in.jsonl:1, field 'id': missing field"),
        ('{"id": "a", "text": 5}', "in.jsonl:1, id=a, field 'text': must be a string"),
        ('{"id": "a"}', "in.jsonl:1, id=a, field 'text': missing field"),
    ],
)
def test_bad_input_names_file_line_and_field(tmp_path, config, line, message, capsys):
    inp = tmp_path / "in.jsonl"
    inp.write_text(line + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]


def test_duplicate_id_is_an_error(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"in.jsonl:2, id=a, field 'id': duplicate id"):
        list(read_documents(inp))


def test_failed_run_leaves_earlier_output_intact(tmp_path, config):
    out = tmp_path / "out.jsonl"
    out.write_text("earlier results\n", encoding="utf-8")
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "Almaty"}\n{"id": "b", "text": 1}\n', encoding="utf-8")
    assert run_cli(config, inp, out) == 2
    assert out.read_text(encoding="utf-8") == "earlier results\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_atomic_writer_cleans_up_on_error(tmp_path):
    target = tmp_path / "x.jsonl"

    def records():
        yield {"a": 1}
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_jsonl_atomic(target, records())
    assert list(tmp_path.iterdir()) == []


# -- standard input and output, a single .txt file, a JSON array ---------------------------


def test_stdin_to_stdout_keeps_logs_off_the_output(tmp_path, config):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    lines = [
        json.dumps({"id": "a", "text": "Protesters gathered in Almaty."}),
        '{"id": "b", "text": 5}',
        json.dumps({"id": "c", "text": "Алматыда жиын өтті."}, ensure_ascii=False),
    ]
    cmd = [sys.executable, "-m", "pipeline", "run", "--config", str(config)]
    cmd += ["--input", "-", "--output", "-", "--on-error", "skip"]
    proc = subprocess.run(
        cmd,
        cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(root)),
        input=("\n".join(lines) + "\n").encode(),
        capture_output=True,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    records = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [(r["id"], [e["text"] for e in r["entities"]]) for r in records] == [
        ("a", ["Almaty"]),
        ("c", ["Алматыда"]),
    ]
    err = proc.stderr.decode().splitlines()
    assert "WARNING pipeline.batch: skipped: <stdin>:2, id=b, field 'text': must be a string" in err
    assert any(x.startswith("INFO pipeline.run: wrote <stdout>: 2 documents, ") for x in err)
    assert "1 rejected (wrong_type 1);" in err[-1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml"]  # no file named "-"


def test_stdout_output_takes_nothing_else(tmp_path, config, capfd, monkeypatch):
    from pipeline.engine import Pipeline

    original = Pipeline.__call__

    def noisy(self, doc):
        print("a library writing to standard output")
        return original(self, doc)

    monkeypatch.setattr(Pipeline, "__call__", noisy)
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": "Almaty"}) + "\n", encoding="utf-8")
    assert main(["run", "--config", str(config), "--input", str(inp), "--output", "-"]) == 0
    out, err = capfd.readouterr()
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["a"]
    assert "a library writing to standard output" in err
    assert not (tmp_path / "-").exists()
    args = ["run", "--config", str(config), "--input", str(inp), "--output", "-", "--resume"]
    assert main(args) == 2
    assert capfd.readouterr().err.strip() == (
        "error: --resume needs an output file, not standard output ('-')"
    )


def test_a_single_txt_file_is_one_document(tmp_path, config):
    one = tmp_path / "report-2021.txt"
    one.write_text('{"id": "not json"}\nProtesters gathered in Almaty.\n', encoding="utf-8")
    upper = tmp_path / "NOTE.TXT"
    upper.write_text("Алматыда жиын өтті.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["run", "--config", str(config), "--output", str(out)]
    assert main([*args, "--input", str(one), "--input", str(upper)]) == 0
    records = read_out(out)
    assert [(r["id"], r["lang"]) for r in records] == [("report-2021", "en"), ("NOTE", "kk")]
    assert [e["text"] for e in records[0]["entities"]] == ["Almaty"]
    assert records[0]["entities"][0]["start"] == 19 + 23


def test_validate_names_a_json_array_in_one_line(tmp_path, capsys):
    export = tmp_path / "project-1.json"
    export.write_text(
        json.dumps([{"id": 1, "data": {"text": "x"}, "annotations": []}] * 3, indent=2) + "\n",
        encoding="utf-8",
    )
    minified = tmp_path / "min.json"
    minified.write_text(json.dumps([{"id": 1, "data": {"text": "x"}}]), encoding="utf-8")
    assert main(["validate", str(export), str(minified)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:1: a JSON array (a Label Studio export?), not JSONL (one JSON object per line); "
        "convert it first: python -m pipeline convert --from labelstudio --to jsonl "
        f"{path} {path.with_suffix('.jsonl')}"
        for path in (export, minified)
    ]


def test_validate_accepts_a_byte_order_mark(tmp_path, capsys):
    rec = {"id": "d1", "lang": "en", "text": "Almaty.", "entities": []}
    path = tmp_path / "ann.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(rec).encode() + b"\n")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().err.strip() == f"{path}: ok"
