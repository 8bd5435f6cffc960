"""Conversions between project JSONL, CoNLL IOB2, spaCy DocBin, Label Studio and doccano."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.training.formats import (
    FORMATS,
    iter_conll,
    read_docs,
    read_labelstudio,
    write_docs,
)
from pipeline.types import Document, Span

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
KAZNERD = SHARED / "kaznerd" / "IOB2_valid.txt"
EXT = {
    "jsonl": "jsonl",
    "conll": "conll",
    "docbin": "spacy",
    "labelstudio": "json",
    "doccano": "jsonl",
}


def _doc(
    did: str, lang: str, text: str, ents: list[tuple[str, str]], meta: dict | None = None
) -> Document:
    spans = []
    pos = 0
    for s, label in ents:
        start = text.index(s, pos)
        spans.append(Span.from_text(text, start, start + len(s), label))
        pos = start + len(s)
    return Document(did, text, lang, meta or {}, spans)


DOCS = [
    _doc(
        "000_kk",
        "kk",
        "Қыркүйектің 14-і Алматыда Қытайдың Тарбағатай аймағы БҰҰ-ның адам құқығын қорғау "
        "комитетінен араша сұрады.\nЖиынды ұйымдастырушылардың бірі Әбілхайыр Төлеуханның "
        'айтуынша, 35 мыңға жуық қазақ "саяси лагерьге" кетті\n\n  Азаттық  хабарлады. ',
        [
            ("Қыркүйектің 14-і", "DATE"),
            ("Алматыда", "PLACE"),
            ("Қытайдың", "PLACE"),
            ("Тарбағатай аймағы", "PLACE"),
            ("БҰҰ-ның адам құқығын қорғау комитетінен", "ORG"),
            ("бірі", "COUNT"),
            ("Әбілхайыр Төлеуханның", "PERSON"),
            ("35 мыңға жуық", "COUNT"),
            ("Азаттық", "ORG"),
        ],
        {"date": "2018-09-14"},
    ),
    _doc(
        "003_en",
        "en",
        "On December 14, R. Sarsenbay told RFE/RL that 5 to 6 people 😀 left Xinjiang.\n"
        "Thousands\tremain in Central Asia since July 2021.",
        [
            ("December 14", "DATE"),
            ("R. Sarsenbay", "PERSON"),
            ("RFE/RL", "ORG"),
            ("5 to 6", "COUNT"),
            ("Xinjiang", "PLACE"),
            ("Thousands", "COUNT"),
            ("Central Asia", "PLACE"),
            ("July 2021", "DATE"),
        ],
        {"date": None},
    ),
    _doc("empty", "en", "Nothing to see here.", []),
]


def _key(docs: list[Document]) -> list[tuple]:
    return [
        (d.id, d.lang, d.text, d.meta, [(s.start, s.end, s.label, s.text) for s in d.entities])
        for d in docs
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_text_and_exact_spans(tmp_path, fmt):
    path = tmp_path / f"docs.{EXT[fmt]}"
    write_docs(DOCS, path, fmt)
    back = read_docs(path, fmt)
    assert _key(back) == _key(DOCS)
    for d in back:
        assert all(d.text[s.start : s.end] == s.text for s in d.entities)


@pytest.mark.parametrize(("src", "dst"), list(itertools.permutations(FORMATS, 2)))
def test_cli_convert_between_every_pair(tmp_path, src, dst, capsys):
    a = tmp_path / f"a.{EXT[src]}"
    b = tmp_path / f"b.{EXT[dst]}"
    c = tmp_path / "c.jsonl"
    write_docs(DOCS, a, src)
    assert main(["convert", "--from", src, "--to", dst, str(a), str(b)]) == 0
    assert main(["convert", "--from", dst, "--to", "jsonl", str(b), str(c)]) == 0
    assert _key(read_docs(c, "jsonl")) == _key(DOCS)
    assert "converted 3 documents (17 entities)" in capsys.readouterr().out


def test_conll_output_is_iob2_token_lines(tmp_path):
    path = tmp_path / "d.conll"
    write_docs(DOCS[:1], path, "conll")
    sents = list(iter_conll(path))
    assert sents[0].comments["newdoc"] == "000_kk"
    assert sents[0].tokens[:5] == ["Қыркүйектің", "14-і", "Алматыда", "Қытайдың", "Тарбағатай"]
    assert sents[0].tags[:6] == ["B-DATE", "I-DATE", "B-PLACE", "B-PLACE", "B-PLACE", "I-PLACE"]
    assert [len(s.tokens) for s in sents][2] == 0  # the blank line is kept as an empty sentence


def test_conll_without_text_comments_joins_tokens(tmp_path):
    path = tmp_path / "k.txt"
    path.write_text(
        "Алматыда B-GPE\nжиын O\n. O\n\nРысбек B-PERSON\nСәрсенбаев I-PERSON\n", encoding="utf-8"
    )
    out = tmp_path / "k.jsonl"
    assert (
        main(
            [
                "convert",
                "--from",
                "conll",
                "--to",
                "jsonl",
                "--label-map",
                "kaznerd",
                "--lang",
                "kk",
                str(path),
                str(out),
            ]
        )
        == 0
    )
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in recs] == ["Алматыда жиын .", "Рысбек Сәрсенбаев"]
    assert recs[0]["entities"] == [{"start": 0, "end": 8, "label": "PLACE", "text": "Алматыда"}]
    assert recs[1]["entities"] == [
        {"start": 0, "end": 17, "label": "PERSON", "text": "Рысбек Сәрсенбаев"}
    ]
    assert recs[0]["lang"] == "kk"


def test_label_studio_utf16_offsets_are_fixed(tmp_path):
    text = "😀 Алматыда"
    path = tmp_path / "ls.json"
    task = {
        "data": {"text": text},
        "annotations": [
            {
                "result": [
                    {"value": {"start": 3, "end": 11, "text": "Алматыда", "labels": ["PLACE"]}}
                ]
            }
        ],
    }
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    (doc,) = read_labelstudio(path)
    assert (doc.entities[0].start, doc.entities[0].end) == (2, 10)


def test_unknown_format_is_a_clear_error(tmp_path, capsys):
    a = tmp_path / "a.jsonl"
    write_docs(DOCS, a, "jsonl")
    assert main(["convert", "--from", "jsonl", "--to", "brat", str(a), str(tmp_path / "b")]) == 2
    assert "unknown format 'brat'" in capsys.readouterr().err


@pytest.mark.shared
@pytest.mark.skipif(
    not KAZNERD.is_file(),
    reason="KazNERD not found at ../shared/kaznerd (training data is not committed)",
)
def test_kaznerd_sample_through_label_studio_keeps_tokens_and_tags(tmp_path):
    lines = KAZNERD.read_text(encoding="utf-8").split("\n\n")[:300]
    sample = tmp_path / "sample.txt"
    sample.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    ls = tmp_path / "ls.json"
    back = tmp_path / "back.conll"
    assert (
        main(
            [
                "convert",
                "--from",
                "conll",
                "--to",
                "labelstudio",
                "--lang",
                "kk",
                str(sample),
                str(ls),
            ]
        )
        == 0
    )
    assert main(["convert", "--from", "labelstudio", "--to", "conll", str(ls), str(back)]) == 0
    orig = [(s.tokens, s.tags) for s in iter_conll(sample)]
    again = [(s.tokens, s.tags) for s in iter_conll(back)]
    # Tokens come back from the project tokenizer: where it agrees with KazNERD's
    # tokenization (almost everywhere), tokens and tags are identical.
    same = sum(a == b for a, b in zip(orig, again, strict=True))
    assert same >= 0.97 * len(orig)
    chars = [
        (d.text, [(s.start, s.end, s.label) for s in d.entities])
        for d in read_docs(sample, "conll")
    ]
    chars2 = [
        (d.text, [(s.start, s.end, s.label) for s in d.entities])
        for d in read_docs(ls, "labelstudio")
    ]
    assert {d.lang for d in read_docs(ls, "labelstudio")} == {"kk"}
    assert chars == chars2
