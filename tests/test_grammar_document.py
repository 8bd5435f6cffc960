"""One date scan per document for both grammar components; readings ride on the spans."""

from __future__ import annotations

import pipeline.grammar.document as document
import pipeline.normalise.counts as count_normaliser
import pipeline.normalise.dates as date_normaliser
from pipeline.components.counts import CountRules
from pipeline.components.dates import DateRules
from pipeline.grammar import CountReading, DateReading
from pipeline.normalise import normalise_spans
from pipeline.types import Document, Span

TEXT = "Былтыр 2018 жылдың сәуір айынан бері 35 мыңға жуық адам келді."


def test_dates_and_counts_share_one_date_scan(monkeypatch):
    calls = []
    real = document.find_dates

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(document, "find_dates", counting)
    doc = Document("shared-scan", TEXT + " ", "kk")  # a text no earlier test scanned
    dates = DateRules().propose(doc, [])
    counts = CountRules().propose(doc, [])
    assert [s.text for s in dates] == ["Былтыр", "2018 жылдың сәуір айынан бері"]
    assert [s.text for s in counts] == ["35 мыңға жуық"]
    assert len(calls) == 1


def test_the_normalisers_use_the_components_readings_without_reading_again(monkeypatch):
    def no_reread(*args, **kwargs):
        raise AssertionError("the span was read again")

    monkeypatch.setattr(date_normaliser, "read_date", no_reread)
    monkeypatch.setattr(count_normaliser, "read_count", no_reread)
    doc = Document("readings", TEXT, "kk", {"date": "2019-05-01"})
    spans = DateRules().propose(doc, []) + CountRules().propose(doc, [])
    assert all(isinstance(s.reading, (DateReading, CountReading)) for s in spans)
    norms = {
        s.text: s.norm for s in normalise_spans(spans, "kk", "2019-05-01", ["dates", "counts"])
    }
    assert norms == {
        "Былтыр": {"value": "2018", "type": "date"},
        "2018 жылдың сәуір айынан бері": {"value": "2018-04", "type": "date"},
        "35 мыңға жуық": {"value": 35000, "mod": "APPROX"},
    }


def test_a_span_without_a_reading_is_read_from_its_text():
    spans = [Span(0, 6, "DATE", "Былтыр"), Span(7, 13, "COUNT", "үш мың")]
    out = normalise_spans(spans, "kk", "2019", ["dates", "counts"])
    assert [s.norm for s in out] == [{"value": "2018", "type": "date"}, {"value": 3000}]


def test_the_reading_is_not_part_of_the_output():
    doc = Document("out", TEXT, "kk")
    (span, *_) = DateRules().propose(doc, [])
    assert span.reading is not None
    assert set(span.to_dict()) == {"start", "end", "label", "text", "norm", "source", "score"}
