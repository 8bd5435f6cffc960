"""Every kind of problem `validate` reports, one line each naming file, line, id and span."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.validate import check_norm, validate_records

TEXT = "Rysbek Sarsenbay spoke in Almaty, Kazakhstan."
GOOD = {
    "start": 0,
    "end": 16,
    "label": "PERSON",
    "text": "Rysbek Sarsenbay",
    "norm": {"name": "Rysbek Sarsenbay", "latin": "Rysbek Sarsenbay"},
}


def write(tmp_path, records):
    p = tmp_path / "ann.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def problems(tmp_path, entities, **extra):
    rec = {"id": "d1", "lang": "en", "text": TEXT, "entities": entities} | extra
    path = write(tmp_path, [rec])
    return [str(p) for p in validate_records(str(path))], str(path)


def test_clean_file_has_no_problem(tmp_path):
    found, _ = problems(tmp_path, [GOOD])
    assert found == []


@pytest.mark.parametrize(
    "entity, message",
    [
        (GOOD | {"end": 99}, "offsets outside the text (length 45) or empty"),
        (GOOD | {"text": "Rysbek"}, "text does not match text[start:end] = 'Rysbek Sarsenbay'"),
        (GOOD | {"label": "PER"}, "unknown label 'PER'; allowed: PERSON, PLACE, DATE, COUNT, ORG"),
        (
            {
                "start": 25,
                "end": 32,
                "label": "PLACE",
                "text": " Almaty",
                "norm": {"name": "Almaty", "latin": "Almaty"},
            },
            "span starts with space or punctuation ' '",
        ),
        (
            {
                "start": 26,
                "end": 33,
                "label": "PLACE",
                "text": "Almaty,",
                "norm": {"name": "Almaty", "latin": "Almaty"},
            },
            "span ends with space or punctuation ','",
        ),
        (
            GOOD | {"norm": {"name": "Rysbek Sarsenbay"}},
            "norm.latin must be a non-empty string for PERSON",
        ),
        ({k: v for k, v in GOOD.items() if k != "norm"}, "field 'norm' missing"),
        (GOOD | {"start": "0"}, "'start' and 'end' must be integers"),
    ],
)
def test_each_span_problem(tmp_path, entity, message):
    found, path = problems(tmp_path, [entity])
    assert len(found) == 1
    assert found[0].startswith(f"{path}:1: id=d1")
    assert found[0].endswith(message)


def test_overlap(tmp_path):
    other = {
        "start": 7,
        "end": 16,
        "label": "PERSON",
        "text": "Sarsenbay",
        "norm": {"name": "S", "latin": "S"},
    }
    found, path = problems(tmp_path, [GOOD, other])
    assert found == [
        f"{path}:1: id=d1: span [7,16) 'Sarsenbay': overlaps span [0,16) 'Rysbek Sarsenbay'"
    ]


def test_duplicate_id_malformed_json_and_bad_lang(tmp_path):
    rec = {"id": "d1", "lang": "en", "text": TEXT, "entities": []}
    path = write(tmp_path, [rec, "{not json", rec | {"lang": "de"}])
    found = [str(p) for p in validate_records(str(path))]
    assert found == [
        f"{path}:2: malformed JSON (Expecting property name enclosed in double quotes)",
        f"{path}:3: id=d1: duplicate id (first on line 1)",
        f"{path}:3: id=d1: field 'lang' 'de' not one of kk, en",
    ]


def test_bad_meta_date(tmp_path):
    found, path = problems(tmp_path, [], meta={"date": "14.12.2021"})
    assert found == [f"{path}:1: id=d1: field 'meta.date' '14.12.2021' is not YYYY[-MM[-DD]]"]


@pytest.mark.parametrize(
    "label, norm, expected",
    [
        ("DATE", {"value": "2018-09-14"}, []),
        ("DATE", {"value": "P2Y", "type": "duration"}, []),
        ("DATE", {"value": "XXXX-12-14"}, []),
        # the grammar's other TIMEX3 values: decade, century, quarters, weekends, units
        ("DATE", {"value": "199"}, []),
        ("DATE", {"value": "19", "mod": "END"}, []),
        ("DATE", {"value": "1989-Q3"}, []),
        ("DATE", {"value": "1998-W12-WE"}, []),
        ("DATE", {"value": "PXDE", "type": "duration"}, []),
        ("DATE", {"value": "P3Q", "type": "duration"}, []),
        ("DATE", {"value": "PT1H30M", "type": "duration"}, []),
        ("DATE", {"value": "PXY", "type": "duration", "min": "P3Y", "max": "P5Y"}, []),
        ("DATE", {"value": "P1D", "type": "set", "quant": "EVERY"}, []),
        ("DATE", {"value": "1"}, ["norm.value '1' is not a TIMEX3 value for DATE"]),
        ("DATE", {"value": "14 Sept"}, ["norm.value '14 Sept' is not a TIMEX3 value for DATE"]),
        (
            "DATE",
            {"value": "2018", "type": "day"},
            ["norm.type 'day' not one of date, duration, age, set, time"],
        ),
        ("COUNT", {"value": 35000, "mod": "APPROX"}, []),
        ("COUNT", {"value": None, "min": 5, "max": 6}, []),
        ("COUNT", {"value": None, "mod": "VAGUE", "min": 12}, []),
        ("COUNT", {"value": 12, "mod": "VAGUE"}, ["norm.value must be null when mod is VAGUE"]),
        (
            "COUNT",
            {"value": "35"},
            [
                "norm.value must be a number or null",
                "norm needs a value, or min/max for a range or vague count",
            ][:1],
        ),
        (
            "COUNT",
            {"value": 3, "mod": "ABOUT"},
            ["norm.mod 'ABOUT' not one of APPROX, MORE_THAN, LESS_THAN, AT_MOST, AT_LEAST, VAGUE"],
        ),
        ("ORG", {"name": ""}, ["norm.name must be a non-empty string for ORG"]),
    ],
)
def test_norm_shapes(label, norm, expected):
    assert check_norm(label, norm) == expected


def test_prediction_without_text_needs_texts(tmp_path, capsys):
    pred = write(
        tmp_path, [{"id": "d1", "lang": "en", "entities": [GOOD | {"source": "x", "score": 1.0}]}]
    )
    texts = tmp_path / "in.jsonl"
    texts.write_text(json.dumps({"id": "d1", "text": TEXT}) + "\n", encoding="utf-8")
    assert main(["validate", str(pred)]) == 1
    assert "no text to check offsets against (pass --texts)" in capsys.readouterr().out
    assert main(["validate", str(pred), "--texts", str(texts)]) == 0


def test_gold_set_validates(repo_root, capsys):
    assert main(["validate", str(repo_root / "annotations" / "gold.jsonl")]) == 0
