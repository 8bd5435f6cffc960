"""Document dates read from the text when the record has none (meta.date_inferred)."""

from __future__ import annotations

from pipeline.config import load_config
from pipeline.engine import Pipeline
from pipeline.grammar import lexicon
from pipeline.grammar.docdate import infer_document_date
from pipeline.types import Document

HEADER = "06/27/2022, 10.01\nSend to a friend\nProtesters said they met yesterday.\n"


def test_a_time_stamp_line_at_the_top_is_the_document_date():
    got = infer_document_date(HEADER, lexicon("en"))
    assert got is not None
    assert (got.date, got.text, got.start, got.end, got.line) == (
        "2022-06-27",
        "06/27/2022",
        0,
        10,
        1,
    )
    assert got.to_meta() == {
        "date": "2022-06-27",
        "evidence": {
            "text": "06/27/2022",
            "start": 0,
            "end": 10,
            "rule": "a complete date on header line 1",
        },
    }


def test_a_dateline_after_a_title_and_byline():
    text = "Kazakhs despair\nBy A. Reporter\nAlmaty (AFP) Oct 23, 2020\n\nThe story began in 2017."
    got = infer_document_date(text, lexicon("en"))
    assert got is not None and (got.date, got.text, got.line) == ("2020-10-23", "Oct 23, 2020", 3)


def test_a_kazakh_dateline():
    text = "Алматы, 8 желтоқсан 2021 жыл.\n\nКеше наразылық болды."
    got = infer_document_date(text, lexicon("kk"))
    assert got is not None and (got.date, got.text) == ("2021-12-08", "8 желтоқсан 2021 жыл")


def test_no_date_is_taken_from_running_text_or_when_incomplete():
    lex = lexicon("kk")
    running = "Биыл 4,5 мың қазақ\n\n2022 жылғы 1 мамырдағы жағдай бойынша 4 502 этникалық қазақ "
    running += "тарихи отанымен табысып, қандас мәртебесін алды, деп хабарлайды сайт.\n"
    assert infer_document_date(running, lex) is None
    assert infer_document_date("December 2021\nNews of the day.\n", lexicon("en")) is None
    assert infer_document_date("Title\nA\nB\nMarch 3, 2020\n", lexicon("en")) is None  # line 4
    assert infer_document_date("", lexicon("en")) is None


def test_the_pipeline_resolves_against_the_inferred_date_and_records_it():
    config = load_config("configs/rules-only.yaml")
    doc = Pipeline(config)(Document("d", HEADER, "en"))
    out = doc.to_output()
    assert out["meta"]["date_inferred"]["date"] == "2022-06-27"
    dates = {e["text"]: e["norm"]["value"] for e in out["entities"] if e["label"] == "DATE"}
    assert dates == {"06/27/2022": "2022-06-27", "yesterday": "2022-06-26"}


def test_a_stated_document_date_wins_and_inference_can_be_switched_off():
    config = load_config("configs/rules-only.yaml")
    doc = Pipeline(config)(Document("d", HEADER, "en", {"date": "2022-07-01"}))
    assert "meta" not in doc.to_output()
    assert {e.text: e.norm["value"] for e in doc.entities}["yesterday"] == "2022-06-30"
    config.infer_doc_date = False
    doc = Pipeline(config)(Document("d", HEADER, "en"))
    assert "meta" not in doc.to_output()
    assert {e.text: e.norm["value"] for e in doc.entities}["yesterday"] == "XXXX-XX-XX"


def test_the_setting_must_be_a_boolean(tmp_path):
    import pytest

    from pipeline.errors import ConfigError

    path = tmp_path / "c.yaml"
    path.write_text(
        "languages: [en]\ncomponents: [{name: rules.dates}]\ninfer_doc_date: maybe\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value) == f"{path}: key 'infer_doc_date': must be true or false, not 'maybe'"
