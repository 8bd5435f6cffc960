"""Fuzz: random bytes, random JSON and random Unicode through ``run --on-error skip``.

Whatever the input, the run exits 0 and accounts for every record: input records (the
non-blank lines of a JSONL file, the .txt entries of a directory) = documents written +
records rejected, and the output and rejects files hold exactly those lines.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.batch import OutputPaths
from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
CONFIG = """\
languages: [kk, en]
components:
  - name: rules.gazetteer
    world: null
"""
BOM = b"\xef\xbb\xbf"
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces that reach the readers' edge cases: valid records, BOMs, deep nesting, huge
# numbers, surrogates, wrong types, duplicates.
PIECES = [
    b'{"id": "a", "text": "Protesters gathered in Almaty."}',
    b'{"id": "a", "text": "\\u0410\\u043b\\u043c\\u0430\\u0442\\u044b"}',
    b'{"id": "b", "text": "x", "lang": "KK", "meta": {"date": "2021-02-30"}}',
    b'{"id": "c", "text": "\\ud800", "meta": []}',
    b'{"id": "\\u001b[31m\\n", "text": ""}',
    b"[" * 3000,
    b'{"n": ' + b"9" * 5000 + b"}",
    BOM,
    b"\xff\xfe",
    b"",
    b"   ",
    b"[",
]


def jsonl_records(data: bytes) -> int:
    """Records in a JSONL file as the reader counts them: non-blank lines (a BOM at the
    start is no content)."""
    lines = data.split(b"\n")
    if lines[0].startswith(BOM):
        lines[0] = lines[0][len(BOM) :]
    return sum(1 for line in lines if line.strip())


def run_and_account(work: Path, inp: Path, records_in: int) -> None:
    config = work / "c.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    out = work / "out.jsonl"
    argv = ["run", "--config", str(config), "--input", str(inp), "--output", str(out)]
    assert main([*argv, "--on-error", "skip", "--quiet"]) == 0
    check_accounting(out, records_in)


def check_accounting(out: Path, records_in: int) -> None:
    paths = OutputPaths.for_output(out)
    summary = json.loads(paths.summary.read_text(encoding="utf-8"))
    docs = out.read_bytes().splitlines()
    rejects = paths.rejects.read_bytes().splitlines() if paths.rejects.exists() else []
    assert summary["input_records"] == records_in
    assert summary["documents"] + summary["rejected"] == records_in
    assert (len(docs), len(rejects)) == (summary["documents"], summary["rejected"])
    for line in docs:
        record = json.loads(line)
        assert isinstance(record["id"], str) and isinstance(record["entities"], list)
    for line in rejects:
        assert json.loads(line)["kind"] in summary["rejected_by_kind"]


@FUZZ
@given(
    st.lists(st.one_of(st.binary(max_size=80), st.sampled_from(PIECES)), min_size=1, max_size=12)
)
def test_random_bytes(lines):
    data = b"\n".join(lines)
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in.jsonl"
        inp.write_bytes(data)
        run_and_account(Path(tmp), inp, jsonl_records(data))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=10,
)
# Text with lone surrogates, format characters and marks among ordinary characters.
TEXTS = st.text(
    alphabet=st.one_of(
        st.characters(), st.sampled_from(["\ud800", "\udfff", "\ufeff", "\u200d", "\u0301"])
    ),
    max_size=40,
)
RECORDS = st.fixed_dictionaries(
    {"id": st.one_of(TEXTS, JSON_VALUES), "text": st.one_of(TEXTS, JSON_VALUES)},
    optional={
        "lang": st.one_of(st.sampled_from(["kk", "EN", "", "de", " kk-KZ"]), JSON_VALUES),
        "meta": st.one_of(st.fixed_dictionaries({"date": TEXTS}), JSON_VALUES),
    },
)


@FUZZ
@given(st.lists(st.one_of(RECORDS, JSON_VALUES), min_size=1, max_size=10), st.booleans())
def test_random_json(values, ascii_only):
    lines = []
    for value in values:
        try:
            line = json.dumps(value, ensure_ascii=ascii_only, allow_nan=True)
            lines.append(line.encode("utf-8"))
        except UnicodeEncodeError:  # a lone surrogate cannot be written raw: escape it
            lines.append(json.dumps(value).encode("ascii"))
    data = b"\n".join(lines) + b"\n"
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in.jsonl"
        inp.write_bytes(data)
        run_and_account(Path(tmp), inp, jsonl_records(data))


FILE_NAMES = st.text(
    alphabet=st.characters(blacklist_characters="/\0", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=8,
)


@FUZZ
@given(
    st.dictionaries(
        FILE_NAMES,
        st.one_of(TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=60)),
        min_size=1,
        max_size=6,
    ),
    st.lists(TEXTS, max_size=4),
)
def test_random_unicode(files, lines):
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        d = work / "docs"
        d.mkdir()
        names = [f"{stem}.txt" for stem in files]
        for name, content in zip(names, files.values(), strict=True):
            (d / name).write_bytes(content)
        run_and_account(work, d, len(names))
        # The same texts, one per line of a JSONL file written as they are.
        data = "\n".join(lines).encode("utf-8", "surrogatepass")
        inp = work / "lines.jsonl"
        inp.write_bytes(data)
        (work / "out.jsonl").unlink()
        run_and_account(work, inp, jsonl_records(data))


def test_random_input_through_the_command_line(tmp_path):
    rnd = random.Random(16)
    lines = [bytes(rnd.randrange(256) for _ in range(rnd.randrange(60))) for _ in range(40)]
    lines += [rnd.choice(PIECES) for _ in range(40)]
    rnd.shuffle(lines)
    data = b"\n".join(lines)
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(data)
    d = tmp_path / "docs"
    d.mkdir()
    for i in range(10):
        stem = bytes(rnd.randrange(1, 256) for _ in range(6)).replace(b"/", b"_")
        with open(os.fsencode(d) + b"/" + stem + b"-%d.txt" % i, "wb") as fh:
            fh.write(bytes(rnd.randrange(256) for _ in range(rnd.randrange(80))))
    config = tmp_path / "c.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "pipeline", "run", "--config", str(config), "--quiet"]
    cmd += ["--input", str(inp), "--input", str(d), "--output", str(out), "--on-error", "skip"]
    proc = subprocess.run(
        cmd, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in proc.stderr
    check_accounting(out, jsonl_records(data) + 10)
