"""Hostile input: no record lost, no run destroyed, no worker left behind, nothing injected.

Every run here checks the accounting identity: input records = documents + rejects, with
the output and rejects files holding exactly those lines.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.batch import OutputPaths
from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]

GAZ_CONFIG = """\
languages: [kk, en]
components:
  - name: rules.gazetteer
chunk_size: 4
checkpoint_every: 10
"""
GOOD_A = {"id": "a", "text": "Protesters gathered in Almaty."}
GOOD_C = {"id": "c", "text": "Алматыда жиын өтті."}


@pytest.fixture
def config(tmp_path):
    p = tmp_path / "gaz.yaml"
    p.write_text(GAZ_CONFIG, encoding="utf-8")
    return p


def jsonl(*records) -> bytes:
    out = b""
    for r in records:
        out += (r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode()) + b"\n"
    return out


def run_cli(config, inputs, out, *extra):
    argv = ["run", "--config", str(config), "--output", str(out), *map(str, extra)]
    for inp in inputs if isinstance(inputs, list) else [inputs]:
        argv += ["--input", str(inp)]
    return main(argv)


def run_subprocess(config, inputs, out, *extra, **kwargs):
    cmd = [sys.executable, "-m", "pipeline", "run", "--config", str(config)]
    cmd += ["--output", str(out), *map(str, extra)]
    for inp in inputs if isinstance(inputs, list) else [inputs]:
        cmd += ["--input", str(inp)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, **kwargs)


def outputs(out):
    """(output records, reject records, summary) of a finished run."""
    paths = OutputPaths.for_output(out)
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    rejects = []
    if paths.rejects.exists():
        rejects = [json.loads(x) for x in paths.rejects.read_text(encoding="utf-8").splitlines()]
    summary = json.loads(paths.summary.read_text(encoding="utf-8"))
    return docs, rejects, summary


def accounted(out, records_in):
    """Assert that every input record is a document or a reject; return both."""
    docs, rejects, s = outputs(out)
    assert s["input_records"] == records_in
    assert s["documents"] + s["rejected"] == records_in
    assert (len(docs), len(rejects)) == (s["documents"], s["rejected"])
    assert sum(s["rejected_by_kind"].values()) == s["rejected"]
    return docs, rejects


# -- 1. the output never replaces an input -------------------------------------------------


def test_output_equal_to_input_is_refused(tmp_path, config):
    inp = tmp_path / "in.jsonl"
    data = jsonl(GOOD_A, GOOD_C)
    inp.write_bytes(data)
    proc = run_subprocess(config, inp, inp, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"error: {inp}: the output would overwrite the input {inp}; choose another --output"
    ]
    assert inp.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaz.yaml", "in.jsonl"]


def test_output_through_a_link_or_into_a_directory_input_is_refused(tmp_path, config, capsys):
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(jsonl(GOOD_A))
    (tmp_path / "link.jsonl").symlink_to(inp)
    os.link(inp, tmp_path / "hard.jsonl")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Almaty", encoding="utf-8")
    cases = [
        (inp, tmp_path / "link.jsonl", f"the output would overwrite the input {inp}"),
        (inp, tmp_path / "hard.jsonl", f"the output would overwrite the input {inp}"),
        (tmp_path / "link.jsonl", inp, f"the output would overwrite the input {tmp_path}/link"),
        (docs, docs / "a.txt", f"the output would overwrite the input {docs / 'a.txt'}"),
        (docs, docs / "new.txt", f"the output would be an input file of the directory {docs}"),
        (docs, docs / "meta.jsonl", f"the output would be an input file of the directory {docs}"),
    ]
    for source, target, message in cases:
        capsys.readouterr()
        assert run_cli(config, source, target) == 2, target
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and message in err[0], err
    assert inp.read_bytes() == jsonl(GOOD_A)
    assert sorted(p.name for p in docs.iterdir()) == ["a.txt"]
    # An output beside the .txt files that no run reads is fine.
    assert run_cli(config, docs, docs / "out.jsonl", "--quiet") == 0
    assert [d["id"] for d in accounted(docs / "out.jsonl", 1)[0]] == ["a"]


# -- 2. one bad record never aborts a run with --on-error skip -----------------------------


def test_records_that_used_to_crash_the_run_are_rejects(tmp_path, config):
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(
        jsonl(
            GOOD_A,
            b"[" * 100_000,
            b'{"id": "n", "text": "x", "meta": {"n": ' + b"1" * 5000 + b"}}",
            b'{"id": "s", "text": "x", "lang": "\\ud800"}',
            b'{"id": "m", "text": "x", "meta": ' + b'{"a": ' * 5000 + b"1" + b"}" * 5000 + b"}",
            GOOD_C,
        )
    )
    docs_dir = tmp_path / "docs"
    docs_dir.mkdir()
    (docs_dir / "d.txt").write_text("Astana", encoding="utf-8")
    bad_name = os.fsencode(docs_dir) + b"/caf\xe9.txt"
    with open(bad_name, "wb") as fh:
        fh.write(b"Almaty")
    out = tmp_path / "out.jsonl"
    proc = run_subprocess(config, [inp, docs_dir], out, "--on-error", "skip", text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    docs, rejects = accounted(out, 8)
    assert [d["id"] for d in docs] == ["a", "c", "d"]
    got = [(r["line"], r["id"], r["field"], r["kind"], r["reason"]) for r in rejects]
    assert got == [
        (2, None, None, "malformed_json", "malformed JSON (nested too deeply)"),
        (
            3,
            "n",
            None,
            "malformed_json",
            "malformed JSON (Exceeds the limit (4300 digits) for integer string conversion: "
            "value has 5000 digits)",
        ),
        (4, "s", "lang", "invalid_utf8", "not valid Unicode (lone surrogate at character 0)"),
        (5, "m", None, "malformed_json", "malformed JSON (nested too deeply)"),
        (None, None, "id", "invalid_utf8", "file name is not valid UTF-8"),
    ]
    assert rejects[-1]["error"] == (
        f"{docs_dir}/caf\\udce9.txt, field 'id': file name is not valid UTF-8"
    )


# -- 3. a byte order mark -------------------------------------------------------------------


def test_utf8_bom_at_the_start_of_a_jsonl_file_is_accepted(tmp_path, config):
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b"\xef\xbb\xbf" + jsonl(GOOD_A, GOOD_C))
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out, "--on-error", "skip", "--quiet") == 0
    docs, rejects = accounted(out, 2)
    assert [d["id"] for d in docs] == ["a", "c"] and rejects == []
    assert docs[0]["entities"][0]["text"] == "Almaty"


# -- 4. duplicates: only records that were accepted count -----------------------------------


def test_a_valid_record_after_a_rejected_one_with_the_same_id_is_kept(
    tmp_path, config, monkeypatch
):
    from pipeline.engine import Pipeline

    original = Pipeline.__call__

    def flaky(self, doc):
        if doc.text == "boom":
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(Pipeline, "__call__", flaky)
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(
        jsonl(
            b'{"id": "u", "text": "caf\\ud800"}',  # invalid Unicode
            {"id": "u", "text": "Almaty"},
            {"id": "long", "text": "x" * 200},  # over --max-chars
            {"id": "long", "text": "Astana"},
            {"id": "p", "text": "boom"},  # the pipeline fails on it
            {"id": "p", "text": "Almaty again"},
            {"id": "p", "text": "a real duplicate"},
        )
    )
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out, "--on-error", "skip", "--max-chars", "100", "-q") == 0
    docs, rejects = accounted(out, 7)
    assert [(d["id"], d["entities"][0]["text"]) for d in docs] == [
        ("u", "Almaty"),
        ("long", "Astana"),
        ("p", "Almaty"),
    ]
    assert [(r["line"], r["kind"]) for r in rejects] == [
        (1, "invalid_utf8"),
        (3, "too_long"),
        (5, "processing_error"),
        (7, "duplicate_id"),
    ]


def test_duplicates_after_resume_still_count(tmp_path, config):
    records = [{"id": f"d{i}", "text": "Almaty"} for i in range(30)]
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(jsonl(*records, {"id": "bad", "text": 1}, {"id": "d3", "text": "again"}))
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out, "-q") == 2  # stops at line 31, 30 records checkpointed
    assert run_cli(config, inp, out, "--resume", "--on-error", "skip", "-q") == 0
    docs, rejects = accounted(out, 32)
    assert len(docs) == 30
    assert [(r["line"], r["kind"]) for r in rejects] == [(31, "wrong_type"), (32, "duplicate_id")]


# -- 5. documents over spaCy's own 1,000,000-character limit --------------------------------


def test_documents_over_a_million_characters_are_processed(tmp_path, config):
    from pipeline.tokenize import tokenize

    gap = "\n" + " " * 1_000_000  # over spaCy's limit, cheap to process
    for lang, sentence, n in (
        ("en", "Protesters met in Almaty.", 5),
        ("kk", "Алматыда жиын өтті.", 4),
    ):
        text = sentence + gap + sentence
        tokens = tokenize(text, lang)
        assert [t.text for t in tokens] == [t.text for t in tokenize(sentence, lang)] * 2
        assert len(tokens) == 2 * n
        assert all(text[t.start : t.end] == t.text for t in tokens)
    inp = tmp_path / "in.jsonl"
    text = "Protesters met in Almaty." + gap + "Officials in Astana declined."
    inp.write_bytes(jsonl({"id": "big", "text": text}))
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out, "--quiet") == 0
    docs, _ = accounted(out, 1)
    assert [(e["start"], e["text"]) for e in docs[0]["entities"]] == [
        (18, "Almaty"),
        (len(text) - 16, "Astana"),
    ]


def test_long_texts_are_tokenized_in_pieces_with_the_same_tokens(repo_root):
    from pipeline.io import read_documents
    from pipeline.tokenize import PIECE_CHARS, blank_nlp, tokenize

    corpus = "\n".join(d.text for d in read_documents(repo_root / "corpus"))
    text = (corpus + "\n" + " " * 100 + "\t") * 3
    assert len(text) > 3 * PIECE_CHARS
    for lang in ("kk", "en"):
        whole = blank_nlp(lang).tokenizer(text)
        expected = [(t.idx, t.text) for t in whole if not t.is_space and t.text.strip()]
        assert [(t.start, t.text) for t in tokenize(text, lang)] == expected


# -- 6. --resume when a file the config reads has changed ----------------------------------


def test_resume_refuses_a_changed_resource(tmp_path):
    places = tmp_path / "places.yaml"
    places.write_text(
        "entries:\n  - {id: kz-almaty, kind: city, latin: Almaty, kk: [Алматы], en: [Almaty]}\n",
        encoding="utf-8",
    )
    config = tmp_path / "c.yaml"
    config.write_text(
        "languages: [kk, en]\ncomponents:\n  - name: rules.gazetteer\n"
        f"    places: {places}\n    world: null\nchunk_size: 4\ncheckpoint_every: 10\n",
        encoding="utf-8",
    )
    records = [{"id": f"d{i}", "text": "Protesters gathered in Almaty."} for i in range(40)]
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(jsonl(*records, {"id": "bad", "text": 1}, {"id": "late", "text": "Almaty"}))
    out = tmp_path / "out.jsonl"
    # In another process: this one must not have read the old file (resources are cached).
    first = run_subprocess(config, inp, out, "--quiet", text=True)
    assert first.returncode == 2  # stops at the bad record; 40 records kept for --resume
    assert json.loads(OutputPaths.for_output(out).manifest.read_text())["items"] == 40
    places.write_text(places.read_text(encoding="utf-8").replace("latin: Almaty", "latin: X"))
    resumed = run_subprocess(config, inp, out, "--resume", "--on-error", "skip", text=True)
    assert resumed.returncode == 2
    work = OutputPaths.for_output(out).work
    assert resumed.stderr.strip().splitlines() == [
        f"error: {work}/manifest.json: files the pipeline reads changed since the interrupted "
        f"run ({places}); rerun without --resume"
    ]
    assert not out.exists()
    # A fresh run uses the new file throughout.
    assert run_cli(config, inp, out, "--on-error", "skip", "--quiet") == 0
    docs, _ = accounted(out, 42)
    assert {d["entities"][0]["norm"]["latin"] for d in docs} == {"X"}


# -- 8. workers die with the main process --------------------------------------------------


def _session_processes(sid):
    """Live (not zombie) processes of a session."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_kill_9_with_workers_leaves_no_process_behind(tmp_path, config):
    records = [
        {"id": f"d{i:04d}", "text": "Protesters gathered in Almaty. " * 5} for i in range(3000)
    ]
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(jsonl(*records))
    out = tmp_path / "out.jsonl"
    manifest = OutputPaths.for_output(out).manifest
    cmd = [sys.executable, "-m", "pipeline", "run", "--config", str(config), "--quiet"]
    cmd += ["--input", str(inp), "--output", str(out), "--workers", "2"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, start_new_session=True, stderr=subprocess.DEVNULL
    )
    sid = proc.pid  # a new session: every process the run starts belongs to it
    try:
        deadline = time.monotonic() + 180
        while True:
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no checkpoint within 180 s"
            try:
                if json.loads(manifest.read_text())["items"] >= 20:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.05)
        assert len(_session_processes(sid)) >= 4  # main, resource tracker, fork server, workers
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 20
        while _session_processes(sid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _session_processes(sid) == []
    finally:
        for pid in _session_processes(sid):
            os.kill(pid, signal.SIGKILL)
    assert run_cli(config, inp, out, "--resume", "--quiet") == 0
    docs, _ = accounted(out, 3000)
    assert [d["id"] for d in docs] == [r["id"] for r in records]


# -- 9. control characters in messages ------------------------------------------------------


def test_ids_with_control_characters_cannot_forge_lines(tmp_path, config, capsys):
    forged = "x\nerror: all records were lost\x1b[31m\u202e"
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(jsonl(GOOD_A, {"id": forged, "text": 5}, {"id": forged + "2", "text": ""}))
    out = tmp_path / "out.jsonl"
    skipped = run_subprocess(config, inp, out, "--on-error", "skip", text=True)
    assert skipped.returncode == 0
    escaped = "x\\x0aerror: all records were lost\\x1b[31m\\u202e"
    lines = skipped.stderr.splitlines()
    assert all(line.startswith(("INFO ", "WARNING ")) for line in lines), lines
    assert [line for line in lines if line.startswith("WARNING")] == [
        f"WARNING pipeline.batch: skipped: {inp}:2, id={escaped}, field 'text': must be a string",
        f"WARNING pipeline: document {escaped}2: empty text, no entities",
    ]
    assert "\x1b" not in skipped.stderr and "\u202e" not in skipped.stderr
    docs, rejects = accounted(out, 3)
    assert rejects[0]["id"] == forged  # the data keeps the id as it is
    capsys.readouterr()
    assert run_cli(config, inp, tmp_path / "fail.jsonl") == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {inp}:2, id={escaped}, field 'text': must be a string"
    ]


# -- 10. report.md ---------------------------------------------------------------------------


def test_report_md_escapes_ids_texts_labels_and_norms(tmp_path, capsys):
    text = "<b>Almaty</b> | *Astana* on 2021-12-14."
    hostile = "<svg onload=alert(1)>"
    gold = {
        "id": hostile,
        "lang": "en",
        "text": text,
        "entities": [
            {
                "start": 3,
                "end": 9,
                "label": "PLACE",
                "text": "Almaty",
                "norm": {"name": "<img src=x>", "latin": "Almaty"},
            },
        ],
    }
    pred = {
        "id": hostile,
        "lang": "<i>en</i>",
        "entities": [
            {
                "start": 3,
                "end": 9,
                "label": "PLACE",
                "text": "Almaty",
                "norm": {"name": "Almaty|`x`", "latin": "Almaty"},
            },
        ],
    }
    g, p = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    g.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    p.write_text(json.dumps(pred) + "\n", encoding="utf-8")
    assert main(["evaluate", "--gold", str(g), "--pred", str(p), "--report", str(tmp_path)]) == 0
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "<svg" not in md and "<img" not in md and "<i>" not in md
    assert "| &lt;svg onload=alert\\(1\\)&gt; | en |" in md
    mismatch = [line for line in md.splitlines() if "img" in line]
    assert mismatch == [
        "| &lt;svg onload=alert\\(1\\)&gt; | Almaty | PLACE | "
        "\\{&quot;name&quot;: &quot;&lt;img src=x&gt;&quot;, &quot;latin&quot;: "
        "&quot;Almaty&quot;\\} | \\{&quot;name&quot;: &quot;Almaty\\|\\`x\\`&quot;, "
        "&quot;latin&quot;: &quot;Almaty&quot;\\} |"
    ]


# -- 11. an unknown gold label ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["evaluate", "report"])
def test_unknown_gold_label_is_validates_message_and_exit_2(tmp_path, capsys, command):
    gold = tmp_path / "gold.jsonl"
    record = {
        "id": "d1",
        "lang": "en",
        "text": "Rysbek spoke in Almaty.",
        "entities": [{"start": 16, "end": 22, "label": "LOC", "text": "Almaty", "norm": {}}],
    }
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    expected = (
        f"{gold}:1: id=d1: span [16,22) 'Almaty': unknown label 'LOC'; "
        "allowed: PERSON, PLACE, DATE, COUNT, ORG"
    )
    assert main(["validate", str(gold)]) == 1
    assert expected in capsys.readouterr().out.splitlines()
    argv = [command, "--gold", str(gold), "--pred", str(gold)]
    argv += ["--report" if command == "evaluate" else "--out", str(tmp_path / "r")]
    assert main(argv) == 2
    assert capsys.readouterr().err.splitlines() == [f"error: {expected}"]


# -- 12. meta.date ---------------------------------------------------------------------------


def test_invalid_meta_date_is_a_bad_field(tmp_path, config):
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(
        jsonl(
            {"id": "ok", "text": "On December 14 they met.", "meta": {"date": "2021-02-28"}},
            {"id": "m13", "text": "On December 14 they met.", "meta": {"date": "2021-13-45"}},
            {"id": "f30", "text": "Yesterday they met.", "meta": {"date": "2021-02-30"}},
            {"id": "num", "text": "x", "meta": {"date": 20210228}},
            {"id": "shape", "text": "x", "meta": {"date": "14.12.2021"}},
        )
    )
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out, "--on-error", "skip", "--quiet") == 0
    docs, rejects = accounted(out, 5)
    assert [d["id"] for d in docs] == ["ok"]
    assert [r["error"] for r in rejects] == [
        f"{inp}:2, id=m13, field 'meta.date': '2021-13-45' is not a date (month 13)",
        f"{inp}:3, id=f30, field 'meta.date': '2021-02-30' is not a date (no day 30 in 2021-02)",
        f"{inp}:4, id=num, field 'meta.date': must be a string YYYY[-MM[-DD]]",
        f"{inp}:5, id=shape, field 'meta.date': '14.12.2021' is not YYYY[-MM[-DD]]",
    ]
    assert [r["kind"] for r in rejects] == ["invalid_value"] * 2 + ["wrong_type", "invalid_value"]


def test_invalid_meta_date_in_a_sidecar_is_rejected(tmp_path, config):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text("Almaty", encoding="utf-8")
    (d / "meta.jsonl").write_text(
        json.dumps({"id": "a", "meta": {"date": "2021-02-30"}}) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    assert run_cli(config, d, out, "--on-error", "skip", "--quiet") == 0
    docs, rejects = accounted(out, 2)  # the sidecar line is a record of its own
    assert [d["id"] for d in docs] == ["a"]
    assert rejects[0]["error"] == (
        f"{d}/meta.jsonl:1, id=a, field 'meta.date': '2021-02-30' is not a date "
        "(no day 30 in 2021-02)"
    )


def test_invalid_document_date_in_a_config_or_on_the_command_line(tmp_path, config, capsys):
    from pipeline.config import parse_config
    from pipeline.errors import ConfigError

    with pytest.raises(ConfigError) as exc:
        parse_config({"components": ["rules.dates"], "doc_date": "2021-02-30"}, "c.yaml")
    assert str(exc.value) == (
        "c.yaml: key 'doc_date': '2021-02-30' is not a date (no day 30 in 2021-02)"
    )
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(jsonl(GOOD_A))
    with pytest.raises(SystemExit):
        run_cli(config, inp, tmp_path / "out.jsonl", "--doc-date", "2021-13-45")
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m pipeline run: error: argument --doc-date: '2021-13-45' is not a date (month 13)"
    )


# -- 13. nothing passed over in silence ------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_directory_entries_that_are_not_files_are_rejects_and_others_are_counted(tmp_path, config):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text("Almaty", encoding="utf-8")
    (d / "B.TXT").write_text("Astana", encoding="utf-8")
    (d / "dangling.txt").symlink_to(d / "nowhere.txt")
    (d / "loop.txt").symlink_to(d / "loop.txt")
    os.mkfifo(d / "fifo.txt")
    (d / "sub.txt").mkdir()
    (d / "notes.md").write_text("not an input", encoding="utf-8")
    (d / "data.csv").write_text("x,y", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli(config, d, out, "--on-error", "skip", "--quiet") == 0
    docs, rejects = accounted(out, 6)
    assert [x["id"] for x in docs] == ["B", "a"]
    assert [(Path(r["file"]).name, r["kind"], r["reason"]) for r in rejects] == [
        ("dangling.txt", "unreadable_file", "dangling symbolic link"),
        ("fifo.txt", "unreadable_file", "a FIFO, not a regular file"),
        ("loop.txt", "unreadable_file", "symbolic link loop"),
        ("sub.txt", "unreadable_file", "a directory, not a regular file"),
    ]
    s = outputs(out)[2]
    assert s["skipped_files"] == 2
    assert s["skipped_file_examples"] == [str(d / "data.csv"), str(d / "notes.md")]


@pytest.mark.parametrize("meta", ['""', "0", "false", "[]", '"2021-01-01"'])
def test_meta_of_the_wrong_type_is_rejected(tmp_path, config, meta):
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(jsonl(GOOD_A, f'{{"id": "b", "text": "x", "meta": {meta}}}'.encode()))
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out, "--on-error", "skip", "--quiet") == 0
    docs, rejects = accounted(out, 2)
    assert rejects[0]["error"] == f"{inp}:2, id=b, field 'meta': must be an object"
    assert rejects[0]["kind"] == "wrong_type"


def test_language_codes_are_normalised(tmp_path, config):
    inp = tmp_path / "in.jsonl"
    en, kk = "Protesters gathered in Almaty.", "Алматыда жиын өтті."
    inp.write_bytes(
        jsonl(
            {"id": "1", "text": en, "lang": "EN"},
            {"id": "2", "text": kk, "lang": "KK"},
            {"id": "3", "text": kk, "lang": ""},
            {"id": "4", "text": en, "lang": " en-US "},
            {"id": "5", "text": kk, "lang": "kaz"},
            {"id": "6", "text": en, "lang": "DE"},
        )
    )
    out = tmp_path / "out.jsonl"
    assert run_cli(config, inp, out, "--quiet") == 0
    docs, _ = accounted(out, 6)
    assert [(d["lang"], len(d["entities"])) for d in docs] == [
        ("en", 1),
        ("kk", 1),
        ("kk", 1),
        ("en", 1),
        ("kk", 1),
        ("de", 0),
    ]


def test_an_empty_input_file_is_reported(tmp_path, config, caplog):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n  \n")
    full = tmp_path / "full.jsonl"
    full.write_bytes(jsonl(GOOD_A))
    out = tmp_path / "out.jsonl"
    assert run_cli(config, [empty, full], out) == 0
    assert f"{empty}: no records" in [r.getMessage() for r in caplog.records]
    accounted(out, 1)
    assert outputs(out)[2]["empty_inputs"] == [str(empty)]
