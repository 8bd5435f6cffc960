"""Batched inference (Pipeline.pipe, Pipeline.prepare): many documents through the model at
once, long ones in sentence windows, and not one span different from one document at a time."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

import pipeline
from pipeline.components import ner_spacy
from pipeline.tokenize import tokenize
from pipeline.types import Document

EN = [
    "Protesters gathered in Almaty, Kazakhstan's largest city, on Monday.",
    "Reuters reported that relatives met at the Chinese Consulate in Almaty.",
    "The United Nations and Human Rights Watch called on China to release them.",
    "Serikzhan Bilash, the head of Atajurt, was detained in Almaty in March 2019.",
    "Officials in Astana declined to comment.",
    "About 200 people signed a letter to President Kassym-Jomart Tokayev.",
]
KK = [
    "Алматыда Қытайдың Тарбағатай аймағы Сауан ауданынан келгендер жиналды.",
    "Азаттық радиосы Астанада жиын өтті деп хабарлады.",
    "БҰҰ-ның адам құқығы жөніндегі кеңесі Қытайға үндеу жасады.",
    "Серікжан Біләш 2019 жылғы наурызда Алматыда ұсталды.",
    "Шымкент пен Қарағандыда да жиындар болды, оған 300-ге жуық адам қатысты.",
    "Нұрсұлтан Назарбаев пен Қасым-Жомарт Тоқаев Астанада кездесті.",
]


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load(ROOT / "configs" / "default.yaml")


def make_docs() -> list[Document]:
    """Short documents in both languages, long ones (many windows), a document in two
    languages (detected) and an empty one, interleaved."""
    docs = []
    for i, (en, kk) in enumerate(zip(EN, KK, strict=True)):
        docs.append(Document(f"en{i}", en, "en"))
        docs.append(Document(f"kk{i}", kk, "kk"))
    docs.append(Document("en-long", "\n\n".join(EN * 8), "en"))
    docs.append(Document("kk-long", "\n\n".join(KK * 8), "kk"))
    docs.append(Document("mixed", " ".join(KK[:3]) + "\n\n" + " ".join(EN[:3])))
    docs.append(Document("detected-kk", KK[3]))
    docs.append(Document("empty", "", "en"))
    docs.append(Document("en-long-2", " ".join(EN[::-1] * 5), "en"))
    return docs


def outputs(docs) -> list[str]:
    return [json.dumps(d.to_output(), ensure_ascii=False) for d in docs]


@pytest.fixture
def small_windows(monkeypatch):
    """Windows of at most 40 tokens and model calls of at most 100: a long document here
    goes through in several windows, and a call holds several documents or windows."""
    monkeypatch.setattr(ner_spacy, "MAX_DOC_TOKENS", 40)
    monkeypatch.setattr(ner_spacy, "BATCH_TOKENS", 100)


@pytest.mark.parametrize("batch_chars", [100_000, 700])
def test_pipe_gives_the_output_of_one_document_at_a_time(nlp, small_windows, batch_chars):
    one_by_one = outputs(nlp(d) for d in make_docs())
    batched = outputs(nlp.pipe(make_docs(), batch_chars=batch_chars))
    assert batched == one_by_one
    ids = [json.loads(line)["id"] for line in batched]
    assert ids == [d.id for d in make_docs()]
    entities = {json.loads(line)["id"]: json.loads(line)["entities"] for line in batched}
    assert {"text": "Almaty", "label": "PLACE"}.items() <= entities["en0"][0].items()
    assert [e["text"] for e in entities["kk3"] if e["label"] == "PERSON"] == ["Серікжан Біләш"]
    assert entities["empty"] == []


def test_model_spans_batched_equal_one_document_at_a_time(nlp, small_windows):
    comp = next(c for c in nlp.components if c.name == "ner.spacy")
    docs = [d for d in make_docs() if d.lang in ("kk", "en") and d.text]
    tokens = [tokenize(d.text, d.lang) for d in docs]
    alone = [comp.propose(d, t) for d, t in zip(docs, tokens, strict=True)]
    together = comp.propose_batch(docs, tokens)
    key = [[(s.start, s.end, s.label, s.text) for s in spans] for spans in together]
    assert key == [[(s.start, s.end, s.label, s.text) for s in spans] for spans in alone]
    assert sum(map(len, together)) > 40  # the models found names in every kind of document
    for doc, spans in zip(docs, together, strict=True):
        assert all(doc.text[s.start : s.end] == s.text for s in spans)


def test_prepare_sends_many_documents_per_model_call(nlp, monkeypatch):
    comp = next(c for c in nlp.components if c.name == "ner.spacy")
    calls: dict[str, list[int]] = {"kk": [], "en": []}

    class Recorder:
        def __init__(self, lang, real):
            self.lang, self.real, self.vocab = lang, real, real.vocab

        def pipe(self, sdocs, batch_size):
            calls[self.lang].append(len(sdocs))
            return self.real.pipe(sdocs, batch_size=batch_size)

    for lang in ("kk", "en"):
        monkeypatch.setitem(comp.nlps, lang, Recorder(lang, comp.nlp(lang)))
    docs = [Document(f"d{i}", t, "en" if i % 2 else "kk") for i, t in enumerate(KK + EN)]
    list(nlp.pipe(docs))
    # twelve short documents, one call per language
    assert calls == {"kk": [6], "en": [6]}


def test_a_failing_batch_leaves_each_document_to_itself(nlp, monkeypatch):
    comp = next(c for c in nlp.components if c.name == "ner.spacy")
    expected = outputs(nlp(d) for d in make_docs())
    real = comp.propose_batch
    sizes = []

    def fails_on_many(docs, tokens):
        sizes.append(len(docs))
        if len(docs) > 1:
            raise RuntimeError("out of memory")
        return real(docs, tokens)

    monkeypatch.setattr(comp, "propose_batch", fails_on_many)
    assert outputs(nlp.pipe(make_docs())) == expected
    assert sizes[0] > 1 and set(sizes[1:]) == {1}  # the batch failed, then one by one
