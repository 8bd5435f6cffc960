"""`export`: mentions and entities as CSV (UTF-8 with BOM) and XLSX, safe from formula injection."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import ROOT

from pipeline.cli import main
from pipeline.export import (
    context_of,
    csv_safe,
    entity_table,
    mention_table,
    normalised_text,
    write_csv,
    write_xlsx,
)
from pipeline.types import Document, Span

openpyxl = pytest.importorskip("openpyxl")


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need to read UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    "label, norm, expected",
    [
        ("DATE", {"value": "2018-09-14", "type": "date"}, "2018-09-14"),
        ("DATE", {"value": "P2Y", "type": "duration"}, "P2Y [duration]"),
        (
            "DATE",
            {"value": "PXY", "min": "P3Y", "max": "P5Y", "type": "duration"},
            "PXY (P3Y–P5Y) [duration]",
        ),
        ("COUNT", {"value": 35000, "mod": "APPROX"}, "35000 APPROX"),
        ("COUNT", {"min": 5, "max": 6}, "5–6"),
        ("COUNT", {"value": None, "mod": "VAGUE", "min": 12}, "12– VAGUE"),
        ("PLACE", {"name": "Алматы", "latin": "Almaty"}, "Алматы / Almaty"),
        ("PERSON", {"name": "Putin", "latin": "Putin"}, "Putin"),
        ("ORG", {}, ""),
    ],
)
def test_normalised_cell(label, norm, expected):
    assert normalised_text(label, norm) == expected


def test_context_marks_the_mention_on_one_line():
    text = "Кеше\nАлматыда 300 адам жиналды, олар туыстарын іздеп жүр."
    start = text.index("300")
    assert context_of(text, start, start + 3, 12) == "…Алматыда [300] адам…"
    assert context_of(text, 0, 4, 9) == "[Кеше] Алматыда…"
    assert context_of(text, 0, 4, 6) == "[Кеше]…"
    assert context_of(text, len(text) - 4, len(text), 8) == "…іздеп [жүр.]"


def test_formula_cells_are_defused():
    assert [csv_safe(v) for v in ("=1+1", "+7", "-2", "@SUM(A1)", "\tx", "Алматы", 5, -2)] == [
        "'=1+1",
        "'+7",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "Алматы",
        5,
        -2,
    ]


DOCS = [
    Document(
        "d1",
        "Кеше Алматыда 300 адам жиналды.",
        "kk",
        entities=[
            Span(
                5,
                13,
                "PLACE",
                "Алматыда",
                {"name": "Алматы", "latin": "Almaty"},
                "rules.gazetteer",
                0.9,
            ),
            Span(14, 17, "COUNT", "300", {"value": 300}, "rules.counts", 0.85),
        ],
    ),
    Document(
        "d2",
        '=HYPERLINK("http://x") said Almaty residents.',
        "en",
        entities=[
            Span(0, 22, "ORG", '=HYPERLINK("http://x")', {}, "ner.spacy", 0.8),
            Span(
                28,
                34,
                "PLACE",
                "Almaty",
                {"name": "Almaty", "latin": "Almaty"},
                "rules.gazetteer",
                0.9,
            ),
        ],
    ),
]
RECORDS = [
    {
        "id": "place:almaty",
        "label": "PLACE",
        "name": {"kk": "Алматы", "latin": "Almaty", "kk_from": "text", "latin_from": "gazetteer"},
        "gazetteer_id": "kz-almaty",
        "mentions": [
            {"doc": "d1", "start": 5, "end": 13, "text": "Алматыда"},
            {"doc": "d2", "start": 28, "end": 34, "text": "Almaty"},
        ],
        "evidence": [],
    }
]


def test_csv_and_xlsx_round_trip(tmp_path):
    from pipeline.export import entity_ids

    mentions = mention_table(DOCS, entity_ids(RECORDS), width=10)
    entities = entity_table(RECORDS)
    rows = read_csv(write_csv(mentions, tmp_path / "m.csv"))
    assert rows[0] == list(mentions.columns)
    assert rows[1] == [
        "d1", "kk", "PLACE", "Алматыда", "5", "13", "Алматы / Almaty",
        '{"latin": "Almaty", "name": "Алматы"}', "rules.gazetteer", "0.9", "place:almaty",
        "Кеше [Алматыда] 300 адам…",
    ]  # fmt: skip
    assert rows[3][3] == '\'=HYPERLINK("http://x")'
    assert read_csv(write_csv(entities, tmp_path / "e.csv"))[1] == [
        "place:almaty", "PLACE", "Алматы", "Almaty", "text", "gazetteer", "kz-almaty", "2", "2", "d1, d2",
    ]  # fmt: skip
    book = openpyxl.load_workbook(write_xlsx([mentions, entities], tmp_path / "x.xlsx"))
    assert book.sheetnames == ["mentions", "entities"]
    sheet = book["mentions"]
    assert [c.value for c in sheet[1]] == list(mentions.columns)
    assert [c.value for c in sheet[2]][:6] == ["d1", "kk", "PLACE", "Алматыда", 5, 13]
    formula = sheet.cell(row=4, column=4)
    assert (formula.value, formula.data_type) == ('=HYPERLINK("http://x")', "s")
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in book["entities"][2]][7:9] == [2, 2]


@pytest.fixture(scope="module")
def run_output(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "corpus.jsonl"
    argv = [
        "run",
        "--config",
        str(ROOT / "configs" / "rules-only.yaml"),
        "--output",
        str(out),
        "-q",
    ]
    assert main(argv) == 0
    return out


def test_export_command_on_a_real_run(run_output, tmp_path, capsys):
    out = tmp_path / "export"
    argv = ["export", "--pred", str(run_output), "--texts", str(ROOT / "corpus"), "--out", str(out)]
    assert main(argv) == 0
    records = [json.loads(line) for line in run_output.read_text(encoding="utf-8").splitlines()]
    n_mentions = sum(len(r["entities"]) for r in records)
    mentions = read_csv(out / "mentions.csv")
    assert len(mentions) == 1 + n_mentions
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*.txt")}
    for row in mentions[1:]:
        doc, text, start, end = row[0], row[3].removeprefix("'"), int(row[4]), int(row[5])
        assert texts[doc][start:end] == text
        assert f"[{' '.join(text.split())}]" in row[11]
    entities = read_csv(out / "entities.csv")
    linked = {row[10] for row in mentions[1:] if row[10]}
    assert {row[0] for row in entities[1:]} == linked
    book = openpyxl.load_workbook(out / "export.xlsx", read_only=True)
    assert book["mentions"].max_row == 1 + n_mentions
    assert f"{n_mentions} mentions" in capsys.readouterr().out


def test_export_with_a_links_file_and_csv_only(run_output, tmp_path):
    links = tmp_path / "entities.jsonl"
    assert main(["link", "--pred", str(run_output), "--output", str(links)]) == 0
    out = tmp_path / "x"
    argv = ["export", "--pred", str(run_output), "--entities", str(links), "--out", str(out)]
    assert main([*argv, "--format", "csv"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["entities.csv", "mentions.csv"]
    n_records = len(links.read_text(encoding="utf-8").splitlines())
    assert len(read_csv(out / "entities.csv")) == 1 + n_records
    assert all(row[11] == "" for row in read_csv(out / "mentions.csv")[1:])  # no --texts
