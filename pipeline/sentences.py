"""Where sentences start, for rules that treat a sentence's first word apart."""

from __future__ import annotations

# Characters that may stand between a sentence end and its first word.
OPENERS = frozenset("\"'«»“”„‘’([{—–-•*")


def opens_sentence(text: str, start: int) -> bool:
    """Does the word at ``start`` open the text, a sentence or a line (after quotes,
    dashes and bullets)?"""
    i = start - 1
    while i >= 0 and (text[i] in OPENERS or (text[i].isspace() and text[i] != "\n")):
        i -= 1
    return i < 0 or text[i] in ".!?…:\n"
