"""Numbers read exactly, checked against num2words (an independent generator) as an oracle.

Written out by num2words in British English (``nine hundred and fifty-nine``, ``one
thousand, five hundred``), in American English (the same without ``and`` and commas) and in
Kazakh (num2words' code for Kazakh is ``kz``), every number must read back as itself.
A sample of 0 to 10**12 plus the edge cases runs here; benchmarks/numbers_oracle.py sweeps
far more numbers.
"""

from __future__ import annotations

import random

import pytest

from pipeline.grammar import read_count

num2words = pytest.importorskip("num2words").num2words

EDGES = [
    *range(0, 130),
    *(
        10**k + d
        for k in range(2, 13)
        for d in (-1, 0, 1, 10, 11, 99, 100, 101)
        if 10**k + d <= 10**12
    ),
    959,
    1500,
    2021,
    15200,
    676288,
    999_999_999_999,
]
_RNG = random.Random(12)
SAMPLE = sorted(set(EDGES) | {_RNG.randrange(0, 10**12 + 1) for _ in range(400)})


def american(words: str) -> str:
    """num2words writes British English; American drops the ``and`` and the commas."""
    return words.replace(",", "").replace(" and ", " ")


STYLES = {
    "en-british": ("en", lambda n: num2words(n, lang="en")),
    "en-american": ("en", lambda n: american(num2words(n, lang="en"))),
    "kk": ("kk", lambda n: num2words(n, lang="kz")),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_every_sampled_number_reads_back(style):
    lang, write = STYLES[style]
    wrong = []
    for n in SAMPLE:
        text = write(n)
        reading = read_count(text, lang)
        value = None if reading is None else reading.norm().get("value")
        if value != n or type(value) is not int:
            wrong.append((n, text, value))
    assert wrong == [], f"{len(wrong)} of {len(SAMPLE)} misread"


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("one and a half million", "en", 1_500_000),
        ("two and a half", "en", 2.5),
        ("2.5 million", "en", 2_500_000),
        ("twenty-five thousand", "en", 25_000),
        ("15 мың 200", "kk", 15_200),
        ("екі жарым миллион", "kk", 2_500_000),
        ("2 миллион 500 мың", "kk", 2_500_000),
    ],
)
def test_mixed_forms(text, lang, value):
    assert read_count(text, lang).norm() == {"value": value}


@pytest.mark.parametrize(
    ("text", "lang"),
    [("one hundred and fifth", "en"), ("twenty-first", "en"), ("жиырма бірінші", "kk")],
)
def test_ordinals_are_kept_out(text, lang):
    reading = read_count(text, lang)
    assert reading is None or reading.norm() == {}
