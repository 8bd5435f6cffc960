"""Batch runs: order with N workers, resume after kill -9, bad input policy, Dask, gzip."""

from __future__ import annotations

import gzip
import importlib.util
import json
import logging
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.batch import BatchOptions, OutputPaths, run_batch
from pipeline.cli import main
from pipeline.config import load_config, parse_config
from pipeline.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]

# Gazetteer only (fast); small chunks and frequent checkpoints so that a few hundred
# documents make many chunks and checkpoints.
GAZ_CONFIG = """\
languages: [kk, en]
components:
  - name: rules.gazetteer
chunk_size: 4
checkpoint_every: 10
"""

EN = [
    "Protesters gathered in Almaty, Kazakhstan's largest city.",
    "Reuters reported that relatives met at the Chinese Consulate in Almaty.",
    "The United Nations and Human Rights Watch called on China to release them.",
    "Officials in Astana declined to comment.",
    "Nothing to find here at all.",
]
KK = [
    "Алматыда Қытайдың Тарбағатай аймағы Сауан ауданынан келгендер жиналды.",
    "Азаттық радиосы Астанада жиын өтті деп хабарлады.",
    "БҰҰ-ның адам құқығы жөніндегі кеңесі Қытайға үндеу жасады.",
    "Шымкент пен Қарағандыда да жиындар болды.",
]


def make_docs(n, seed=0):
    rnd = random.Random(seed)
    docs = []
    for i in range(n):
        pool = EN if i % 2 else KK
        text = " ".join(rnd.choice(pool) for _ in range(rnd.randint(1, 5)))
        if i % 50 == 7:
            text = ""
        elif i % 50 == 9:
            text = "Москва является столицей России и крупнейшим городом страны."
        docs.append({"id": f"doc-{i:05d}", "text": text})
    return docs


def write_jsonl(path, docs, opener=open):
    with opener(path, "wt", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return path


@pytest.fixture
def config(tmp_path):
    p = tmp_path / "gaz.yaml"
    p.write_text(GAZ_CONFIG, encoding="utf-8")
    return p


def run_cli(config, inputs, out, *extra):
    argv = ["run", "--config", str(config), "--output", str(out), *map(str, extra)]
    for inp in inputs if isinstance(inputs, list) else [inputs]:
        argv += ["--input", str(inp)]
    return main(argv)


def read_ids(path):
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def summary_of(out):
    return json.loads(OutputPaths.for_output(out).summary.read_text(encoding="utf-8"))


# -- order and parallelism ---------------------------------------------------------------


def test_workers_give_identical_bytes_in_input_order(tmp_path, config):
    docs = make_docs(150)
    inp = write_jsonl(tmp_path / "in.jsonl", docs)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run_cli(config, inp, one, "--quiet") == 0
    assert run_cli(config, inp, two, "--workers", "2", "--quiet") == 0
    assert one.read_bytes() == two.read_bytes()
    assert read_ids(two) == [d["id"] for d in docs]
    s1, s2 = summary_of(one), summary_of(two)
    assert s1["documents"] == s2["documents"] == 150
    assert s1["entities"] == s2["entities"] > 0
    assert s2["engine"]["workers"] == 2
    # Models load once per worker process, not per document (or chunk).
    assert 1 <= s2["engine"]["worker_processes"] <= 2
    assert s2["engine"]["pipeline_builds"] == s2["engine"]["worker_processes"]
    # No work directory left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gaz.yaml",
        "in.jsonl",
        "one.jsonl",
        "one.jsonl.summary.json",
        "two.jsonl",
        "two.jsonl.summary.json",
    ]


def test_empty_text_and_unknown_language_are_counted_not_rejected(tmp_path, config, caplog):
    docs = [
        {"id": "a", "text": "Almaty"},
        {"id": "empty", "text": ""},
        {"id": "ru", "text": "Москва является столицей России и крупнейшим городом страны."},
        {"id": "de", "text": "Almaty", "lang": "de"},
    ]
    inp = write_jsonl(tmp_path / "in.jsonl", docs)
    out = tmp_path / "out.jsonl"
    with caplog.at_level(logging.WARNING, logger="pipeline"):
        assert run_cli(config, inp, out, "--on-error", "skip") == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], len(r["entities"])) for r in records] == [
        ("a", 1),
        ("empty", 0),
        ("ru", 0),
        ("de", 0),
    ]
    s = summary_of(out)
    assert (s["documents"], s["rejected"], s["empty_text"], s["unsupported_language"]) == (
        4,
        0,
        1,
        2,
    )
    assert not OutputPaths.for_output(out).rejects.exists()
    messages = [r.getMessage() for r in caplog.records]
    assert "document empty: empty text, no entities" in messages
    assert "document de: language 'de' (German) is not supported (kk, en); no entities" in messages


# -- resume after kill -9 ----------------------------------------------------------------


def _manifest_items(work):
    try:
        return json.loads((work / "manifest.json").read_text(encoding="utf-8"))["items"]
    except (FileNotFoundError, ValueError, KeyError):
        return 0


def test_resume_after_kill_9_gives_identical_bytes(tmp_path, config):
    docs = make_docs(800, seed=3)
    inp = write_jsonl(tmp_path / "in.jsonl", docs)
    out = tmp_path / "out.jsonl"
    paths = OutputPaths.for_output(out)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "pipeline", "run", "--config", str(config)]
    cmd += ["--input", str(inp), "--output", str(out), "--quiet"]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 120
        while _manifest_items(paths.work) < 20:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "no checkpoint within 120 s"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    done = _manifest_items(paths.work)
    assert 0 < done < len(docs), "the run was not killed mid-way"
    assert not out.exists()

    assert run_cli(config, inp, out, "--resume", "--quiet") == 0
    reference = tmp_path / "reference.jsonl"
    assert run_cli(config, inp, reference, "--quiet") == 0
    assert out.read_bytes() == reference.read_bytes()
    s, ref = summary_of(out), summary_of(reference)
    assert s["resumed_after"] == done
    for key in ("documents", "entities", "empty_text", "unsupported_language", "rejected"):
        assert s[key] == ref[key], key
    assert not paths.work.exists()


def test_resume_refuses_a_changed_input(tmp_path, config, capsys):
    docs = make_docs(40)
    inp = tmp_path / "in.jsonl"
    inp.write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs) + "{bad\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out) == 2  # fails at the bad line, keeps 40 records done
    assert _manifest_items(OutputPaths.for_output(out).work) == 40
    docs[3]["text"] = "Changed."
    write_jsonl(inp, docs)
    capsys.readouterr()
    assert run_cli(config, inp, out, "--resume") == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "error: the input changed since the interrupted run (its first 40 records differ); "
        "rerun without --resume"
    )
    assert run_cli(config, inp, out, "--quiet") == 0  # a fresh run replaces the work
    assert len(read_ids(out)) == 40


# -- bad input ---------------------------------------------------------------------------

GOOD_A = json.dumps({"id": "a", "text": "Protesters gathered in Almaty."}).encode()
GOOD_C = json.dumps({"id": "c", "text": "Алматыда жиын өтті."}, ensure_ascii=False).encode()
TEN_MB = "Almaty is a city. " * 580_000  # 10,440,000 characters

# name → (line 2 of the input, message after "<file>:", rejects record's id, field, kind)
BAD_LINES = {
    "malformed_json": (
        b'{"id": "b", "text": "x"',
        "2: malformed JSON (Expecting ',' delimiter)",
        None,
        None,
        "malformed_json",
    ),
    "missing_id": (b'{"text": "x"}', "2, field 'id': missing field", None, "id", "missing_field"),
    "missing_text": (
        b'{"id": "b"}',
        "2, id=b, field 'text': missing field",
        "b",
        "text",
        "missing_field",
    ),
    "text_not_a_string": (
        b'{"id": "b", "text": 5}',
        "2, id=b, field 'text': must be a string",
        "b",
        "text",
        "wrong_type",
    ),
    "lang_not_a_string": (
        b'{"id": "b", "text": "x", "lang": 1}',
        "2, id=b, field 'lang': must be a string",
        "b",
        "lang",
        "wrong_type",
    ),
    "invalid_utf8": (
        b'{"id": "b", "text": "caf\xe9 au lait"}',
        "2, id=b: not valid UTF-8 (byte 24)",
        "b",
        None,
        "invalid_utf8",
    ),
    "duplicate_id": (
        b'{"id": "a", "text": "Astana again."}',
        "2, id=a, field 'id': duplicate id",
        "a",
        "id",
        "duplicate_id",
    ),
    "ten_mb_document": (
        json.dumps({"id": "b", "text": TEN_MB}).encode(),
        "2, id=b, field 'text': text too long: 10,440,000 characters, "
        "over max_chars (2,000,000 characters)",
        "b",
        "text",
        "too_long",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_bad_jsonl_record_skipped_to_rejects(tmp_path, config, caplog, case):
    line, message, rid, field, kind = BAD_LINES[case]
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(GOOD_A + b"\n" + line + b"\n" + GOOD_C + b"\n")
    out = tmp_path / "out.jsonl"
    with caplog.at_level(logging.WARNING, logger="pipeline"):
        assert run_cli(config, inp, out, "--on-error", "skip") == 0
    assert read_ids(out) == ["a", "c"]
    error = f"{inp}:{message}"
    assert f"skipped: {error}" in [r.getMessage() for r in caplog.records]
    rejects = OutputPaths.for_output(out).rejects.read_text(encoding="utf-8").splitlines()
    assert len(rejects) == 1
    rec = json.loads(rejects[0])
    assert (rec["file"], rec["line"], rec["id"], rec["field"], rec["kind"]) == (
        str(inp),
        2,
        rid,
        field,
        kind,
    )
    assert rec["error"] == error and error.endswith(rec["reason"])
    s = summary_of(out)
    assert (s["input_records"], s["documents"], s["rejected"]) == (3, 2, 1)
    assert s["rejected_by_kind"] == {kind: 1}
    assert s["rejects_file"] == str(OutputPaths.for_output(out).rejects)


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_bad_jsonl_record_fails_with_one_line(tmp_path, config, capsys, case):
    line, message, *_ = BAD_LINES[case]
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(GOOD_A + b"\n" + line + b"\n" + GOOD_C + b"\n")
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out, "--on-error", "fail") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {inp}:{message}"]
    assert not out.exists()
    assert not OutputPaths.for_output(out).rejects.exists()


@pytest.mark.parametrize(
    "name, content, message, kind",
    [
        (
            "b.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "b.txt, id=b, field 'text': binary file, not text (NUL byte at byte 8)",
            "binary_file",
        ),
        (
            "b.txt",
            "Алматы\nжиын ".encode() + b"\xff\n",
            "b.txt:2, id=b, field 'text': not valid UTF-8 (byte 22)",
            "invalid_utf8",
        ),
    ],
)
def test_bad_txt_file_in_directory(tmp_path, config, caplog, capsys, name, content, message, kind):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text("Protesters gathered in Almaty.", encoding="utf-8")
    (d / name).write_bytes(content)
    (d / "c.txt").write_text("Алматыда жиын өтті.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with caplog.at_level(logging.WARNING, logger="pipeline"):
        assert run_cli(config, d, out, "--on-error", "skip") == 0
    assert read_ids(out) == ["a", "c"]
    error = f"{d}/{message}"
    assert f"skipped: {error}" in [r.getMessage() for r in caplog.records]
    rec = json.loads(OutputPaths.for_output(out).rejects.read_text(encoding="utf-8"))
    assert (rec["file"], rec["id"], rec["kind"], rec["error"]) == (str(d / name), "b", kind, error)
    assert summary_of(out)["rejected_by_kind"] == {kind: 1}
    capsys.readouterr()
    assert run_cli(config, d, tmp_path / "fail.jsonl") == 2  # on_error defaults to fail
    assert capsys.readouterr().err.strip().splitlines() == [f"error: {error}"]


def test_over_long_line_is_skipped_without_reading_it_whole(tmp_path, config):
    inp = tmp_path / "in.jsonl"
    big = json.dumps({"id": "big", "text": "x" * 1_200_000})
    inp.write_text(f"{GOOD_A.decode()}\n{big}\n{GOOD_C.decode()}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out, "--on-error", "skip", "--max-chars", "1000") == 0
    assert read_ids(out) == ["a", "c"]
    rec = json.loads(OutputPaths.for_output(out).rejects.read_text(encoding="utf-8"))
    assert rec["id"] == "big" and rec["line"] == 2 and rec["kind"] == "too_long"
    assert rec["reason"] == (
        "line too long: over 1,060,576 bytes, so text over max_chars (1,000 characters)"
    )


def test_processing_error_is_a_reject(tmp_path, config, monkeypatch):
    from pipeline.engine import Pipeline

    original = Pipeline.__call__

    def flaky(self, doc):
        if doc.id == "b":
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(Pipeline, "__call__", flaky)
    inp = write_jsonl(
        tmp_path / "in.jsonl",
        [{"id": x, "text": "Almaty"} for x in "abc"],
    )
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out, "--on-error", "skip") == 0
    assert read_ids(out) == ["a", "c"]
    rec = json.loads(OutputPaths.for_output(out).rejects.read_text(encoding="utf-8"))
    assert rec["error"] == f"{inp}:2, id=b: processing failed: RuntimeError: boom"


# -- atomicity ---------------------------------------------------------------------------


def test_failing_run_leaves_earlier_output_untouched_then_resumes(tmp_path, config, capsys):
    docs = make_docs(60)
    good = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    tail = json.dumps({"id": "late", "text": "Astana"}) + "\n"
    inp = tmp_path / "in.jsonl"
    inp.write_text(good + '{"id": "bad", "text": 1}\n' + tail, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    paths = OutputPaths.for_output(out)
    out.write_text("earlier results\n", encoding="utf-8")
    paths.summary.write_text("{}\n", encoding="utf-8")
    paths.rejects.write_text("earlier rejects\n", encoding="utf-8")

    assert run_cli(config, inp, out, "--on-error", "fail") == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"error: {inp}:61, id=bad, field 'text': must be a string"
    ]
    assert out.read_text(encoding="utf-8") == "earlier results\n"
    assert paths.summary.read_text(encoding="utf-8") == "{}\n"
    assert paths.rejects.read_text(encoding="utf-8") == "earlier rejects\n"
    assert _manifest_items(paths.work) == 60  # the 60 good records are kept for --resume

    # Fix the line and resume: same bytes as a clean run over the fixed input.
    inp.write_text(good + json.dumps({"id": "bad", "text": "Almaty"}) + "\n" + tail)
    assert run_cli(config, inp, out, "--resume", "--quiet") == 0
    reference = tmp_path / "reference.jsonl"
    assert run_cli(config, inp, reference, "--quiet") == 0
    assert out.read_bytes() == reference.read_bytes()
    assert summary_of(out)["resumed_after"] == 60
    assert not paths.rejects.exists()  # this run rejected nothing: the stale file is gone
    assert not paths.work.exists()


# -- engines and inputs ------------------------------------------------------------------


def test_dask_local_cluster_gives_identical_bytes(tmp_path, config):
    pytest.importorskip("dask.distributed")
    docs = make_docs(120, seed=5)
    inp = write_jsonl(tmp_path / "in.jsonl", docs)
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert run_cli(config, inp, local, "--quiet") == 0
    # The engine named in the config; the CLI's --workers gives the local cluster's size.
    dask_config = tmp_path / "dask.yaml"
    dask_config.write_text(GAZ_CONFIG + "engine: dask\n", encoding="utf-8")
    assert run_cli(dask_config, inp, dask, "--workers", "2", "--quiet") == 0
    assert local.read_bytes() == dask.read_bytes()
    engine = summary_of(dask)["engine"]
    assert engine["name"] == "dask" and engine["workers"] == 2
    assert engine["pipeline_builds"] == engine["worker_processes"] >= 1


def test_gzip_and_several_inputs_in_order(tmp_path, config):
    docs = make_docs(30)
    plain = write_jsonl(tmp_path / "all.jsonl", docs)
    gz = write_jsonl(tmp_path / "part1.jsonl.gz", docs[:20], opener=gzip.open)
    d = tmp_path / "part2"
    d.mkdir()
    for doc in docs[20:]:
        (d / f"{doc['id']}.txt").write_text(doc["text"], encoding="utf-8")
    expected, got = tmp_path / "expected.jsonl", tmp_path / "got.jsonl"
    assert run_cli(config, plain, expected, "--quiet") == 0
    assert run_cli(config, [gz, d], got, "--quiet") == 0
    assert got.read_bytes() == expected.read_bytes()
    # An id seen in an earlier input is a duplicate.
    dup = write_jsonl(tmp_path / "dup.jsonl", [{"id": "doc-00003", "text": "again"}])
    assert run_cli(config, [gz, dup], tmp_path / "dup-out.jsonl", "--on-error", "skip") == 0
    rec = json.loads(OutputPaths.for_output(tmp_path / "dup-out.jsonl").rejects.read_text())
    assert rec["error"] == f"{dup}:1, id=doc-00003, field 'id': duplicate id"


def test_inputs_and_batch_keys_from_config(tmp_path):
    docs = make_docs(12)
    a = write_jsonl(tmp_path / "a.jsonl", docs[:6])
    b = write_jsonl(tmp_path / "b.jsonl", docs[6:])
    out = tmp_path / "out.jsonl"
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        GAZ_CONFIG + f"input: [{a}, {b}]\noutput: {out}\non_error: skip\nmax_chars: 100\n",
        encoding="utf-8",
    )
    config = load_config(cfg)
    assert config.input == [str(a), str(b)] and config.max_chars == 100
    assert main(["run", "--config", str(cfg), "--quiet"]) == 0
    s = summary_of(out)
    assert s["input_records"] == 12 and s["max_chars"] == 100 and s["on_error"] == "skip"
    assert s["documents"] + s.get("rejected_by_kind", {}).get("too_long", 0) == 12


@pytest.mark.parametrize(
    "data, message",
    [
        ({"engine": "spark"}, "key 'engine': unknown engine 'spark'; allowed: local, dask"),
        ({"workers": 0}, "key 'workers': must be a positive integer or 'auto', not 0"),
        ({"workers": "many"}, "key 'workers': must be a positive integer or 'auto', not 'many'"),
        ({"max_chars": "big"}, "key 'max_chars': must be a positive integer, not 'big'"),
        ({"chunk_size": 0}, "key 'chunk_size': must be a positive integer, not 0"),
        (
            {"checkpoint_every": True},
            "key 'checkpoint_every': must be a positive integer, not True",
        ),
        ({"input": [1]}, "key 'input': must be a path or a non-empty list of paths"),
        ({"scheduler": 8786}, "key 'scheduler': must be a string, not 8786"),
    ],
)
def test_batch_config_keys_are_validated(data, message):
    with pytest.raises(ConfigError) as exc:
        parse_config({"components": ["rules.gazetteer"], **data}, "c.yaml")
    assert str(exc.value) == f"c.yaml: {message}"


def test_progress_log_lines_and_quiet(tmp_path, config, caplog, capsys):
    inp = write_jsonl(tmp_path / "in.jsonl", make_docs(20))
    cfg = load_config(config)
    opts = BatchOptions(
        inputs=[str(inp)], output=str(tmp_path / "out.jsonl"), progress="log", progress_seconds=0
    )
    with caplog.at_level(logging.INFO, logger="pipeline"):
        summary = run_batch(cfg, opts)
    assert summary["documents"] == 20
    progress = [r.getMessage() for r in caplog.records if r.getMessage().startswith("progress:")]
    assert progress[-1].startswith("progress: 20/20 documents (100.0%), ")
    assert "docs/s" in progress[-1]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="pipeline"):
        assert run_cli(config, inp, tmp_path / "q.jsonl", "--quiet") == 0
    assert [r for r in caplog.records if r.levelno < logging.WARNING] == []
    assert capsys.readouterr().err == ""


def test_missing_input_is_one_line_error(tmp_path, config, capsys):
    out = tmp_path / "out.jsonl"
    assert run_cli(config, [tmp_path / "in.jsonl", tmp_path / "nope.jsonl"], out) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {tmp_path / 'in.jsonl'}: no such file or directory"]
    assert list(tmp_path.iterdir()) == [config]


def test_model_config_gives_identical_bytes_across_engines_and_workers(tmp_path):
    """The shipped models batched per chunk: one worker, two, a Dask cluster, and chunks of
    another size all write the same bytes."""
    models = ROOT / "models"
    base = (
        "languages: [kk, en]\n"
        "components:\n"
        f"  - name: ner.spacy\n    models: {{kk: {models / 'kk-ner'}, en: {models / 'en-ner'}}}\n"
        "  - name: rules.gazetteer\n"
        "  - name: rules.dates\n"
    )
    docs = make_docs(60, seed=11)
    docs.append({"id": "long", "text": "\n\n".join(EN * 30)})
    docs.append({"id": "mixed", "text": " ".join(KK) + "\n\n" + " ".join(EN)})
    inp = write_jsonl(tmp_path / "in.jsonl", docs)
    outs = {}
    for name, extra, args in [
        ("one", "chunk_size: 8\n", []),
        ("one-chunks-3", "chunk_size: 3\n", []),
        ("two", "chunk_size: 8\n", ["--workers", "2"]),
        ("dask", "chunk_size: 8\n", ["--workers", "2", "--engine", "dask"]),
    ]:
        if name == "dask" and importlib.util.find_spec("dask") is None:
            continue
        cfg = tmp_path / f"{name}.yaml"
        cfg.write_text(base + extra, encoding="utf-8")
        outs[name] = tmp_path / f"{name}.jsonl"
        assert run_cli(cfg, inp, outs[name], "--quiet", *args) == 0
    first = outs["one"].read_bytes()
    assert all(path.read_bytes() == first for path in outs.values())
    lines = [json.loads(line) for line in first.decode("utf-8").splitlines()]
    assert [r["id"] for r in lines] == [d["id"] for d in docs]
    by_id = {r["id"]: r for r in lines}
    assert {e["source"] for e in by_id["long"]["entities"]} >= {"ner.spacy", "rules.gazetteer"}
