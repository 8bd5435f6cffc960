"""Tags over tokens (pipeline.iob): every scheme decodes to the same chunks, encoders round-trip."""

from __future__ import annotations

import pytest

from pipeline.iob import (
    chunks_to_tags,
    continue_tag,
    iob2_names,
    keep_labels,
    spans_to_tags,
    split_tag,
    tags_to_chunks,
    to_bioes,
    to_iob2,
    tokens_within,
)
from pipeline.types import Span

# Three entities over seven tokens: PER over 0-1, LOC alone on 3, PER over 4-6.
CHUNKS = [(0, 2, "PER"), (3, 4, "LOC"), (4, 7, "PER")]


@pytest.mark.parametrize(
    "tag, split",
    [
        ("B-PER", ("B", "PER")),
        ("i_org", ("I", "org")),
        ("E-LOC", ("E", "LOC")),
        ("U-X", ("U", "X")),
        ("PER", ("I", "PER")),
        ("O", ("O", None)),
        ("_", ("O", None)),
        ("-", ("O", None)),
        ("", ("O", None)),
        (" B-PER ", ("B", "PER")),
    ],
)
def test_split_tag(tag, split):
    assert split_tag(tag) == split


@pytest.mark.parametrize(
    "tags",
    [
        ["B-PER", "I-PER", "O", "B-LOC", "B-PER", "I-PER", "I-PER"],  # IOB2
        ["B-PER", "E-PER", "O", "S-LOC", "B-PER", "I-PER", "E-PER"],  # BIOES
        ["B-PER", "L-PER", "O", "U-LOC", "B-PER", "I-PER", "L-PER"],  # BILOU
        ["I-PER", "I-PER", "O", "I-LOC", "B-PER", "I-PER", "I-PER"],  # IOB1
    ],
)
def test_every_scheme_decodes_to_the_same_chunks(tags):
    assert tags_to_chunks(tags) == CHUNKS


def test_lenient_decoding():
    # an I- after O or after another type opens an entity; an E- closes it
    assert tags_to_chunks(["O", "I-PER", "I-LOC", "E-LOC", "I-LOC"]) == [
        (1, 2, "PER"),
        (2, 4, "LOC"),
        (4, 5, "LOC"),
    ]
    # bare IO types: a run of one type is one entity
    assert tags_to_chunks(["PER", "PER", "O", "ORG"]) == [(0, 2, "PER"), (3, 4, "ORG")]


def test_encoders():
    iob2 = chunks_to_tags(7, CHUNKS)
    assert iob2 == ["B-PER", "I-PER", "O", "B-LOC", "B-PER", "I-PER", "I-PER"]
    assert to_bioes(iob2) == ["B-PER", "E-PER", "O", "S-LOC", "B-PER", "I-PER", "E-PER"]
    assert to_iob2(to_bioes(iob2)) == iob2
    assert to_iob2(["I-PER", "I-LOC", "O"]) == ["B-PER", "B-LOC", "O"]


def test_continue_tag():
    assert continue_tag("S-PER") == ("B-PER", "E-PER")
    assert continue_tag("E-PER") == ("I-PER", "E-PER")
    assert continue_tag("B-PER") == ("B-PER", "I-PER")
    assert continue_tag("O") == ("O", "O")


def test_iob2_names():
    assert iob2_names(["PERSON", "ORG"]) == ["O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG"]
    assert len(iob2_names()) == 11


def test_spans_to_tags_by_character_offsets():
    text = "Rysbek Sarsenbay spoke in Almaty"
    offsets = [(0, 6), (7, 16), (17, 22), (23, 25), (26, 32)]
    spans = [Span.from_text(text, 26, 32, "PLACE"), Span.from_text(text, 0, 16, "PERSON")]
    assert tokens_within(offsets, 0, 16) == [0, 1]
    assert spans_to_tags(offsets, spans) == ["B-PERSON", "I-PERSON", "O", "O", "B-PLACE"]
    # a span that covers no whole token tags nothing
    assert spans_to_tags(offsets, [Span.from_text(text, 1, 5, "PERSON")]) == ["O"] * 5


def test_keep_labels():
    tags = [["B-PERSON", "I-PERSON", "B-ORG"], ["O", "B-DATE"]]
    assert keep_labels(tags, ["PERSON"]) == [["B-PERSON", "I-PERSON", "O"], ["O", "O"]]
