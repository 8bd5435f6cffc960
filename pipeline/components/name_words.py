"""The words of a person name and the shape of the text around them, for ``rules.persons``:
per-word features (:class:`NameWord`, :class:`WordForm`), the cue words next to a name
(:class:`Cues`), and pure tests on the text (sentence starts, title-case lines, quotes,
name word order)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

SPACE = re.compile(r"[ \t\u00a0]+")


@dataclass
class NameWord:
    idx: int  # index in the document's word list
    start: int
    end: int  # end of the element (an initial includes its dot)
    core_end: int  # end of the name when this word is its last (possessive left out)
    text: str
    stem: str  # nominative reading used for the checks
    kind: str  # word, init, particle, suffix
    ok: bool  # may be part of a name
    gaz: bool = False
    fn: bool = False
    cn: bool = False
    shape: str | None = None
    known: bool = False
    closes: bool = False  # inflected: nothing may follow it inside a name
    headline: bool = False  # on a title-case line (headline, link list)
    initial: bool = False  # first word of a sentence or line
    forms: frozenset[str] = frozenset()  # the folded word and its stems
    ending: str = ""  # the inflectional ending of the accepted reading
    patro: bool = False  # a patronymic (Әбішұлы, Toktamuratkyzy)
    lone: bool = False  # a first name that is no common word: a person even alone
    folded_forms: frozenset[str] = frozenset()  # the folded readings of the word

    @property
    def evidence(self) -> bool:
        return self.fn or self.cn or self.kind == "init" or bool(self.shape) or self.known


@dataclass
class Cues:
    honorific: bool = False
    title: bool = False
    role: bool = False
    verb: bool = False
    after: bool = False
    byline: bool = False
    greeting: bool = False
    place_prep: bool = False
    not_after: bool = False
    head_after: bool = False

    @property
    def any(self) -> bool:
        return self.title or self.role or self.verb or self.after or self.byline


@dataclass(frozen=True)
class WordForm:
    """The document-independent features of one word form."""

    stem: str
    cut: int  # characters of the ending left outside the span (English 's)
    closes: bool
    ending: str
    cap: bool
    bad: bool
    fn: bool
    cn: bool
    shape: str | None
    patro: bool
    lone: bool
    forms: frozenset[str]
    folded: str
    reading_folds: frozenset[str]


# The most characters a byline's words may take before the byline word itself.
MAX_BYLINE_PREFIX = 40

# The longest gap between two names of an enumeration that is worth reading (" , and ").
MAX_CONNECTOR_GAP = 24

# A possessive written apart from its name (tokenised text: "Ray 's Pizza").
POSSESSIVES = frozenset({"'s", "’s", "s"})

OPENERS = set("\"'«»“”„‘’([{—–-•*")


def sentence_initial(text: str, start: int) -> bool:
    """Does the word at ``start`` open a sentence or a line (after quotes and dashes)?"""
    i = start - 1
    while i >= 0 and (text[i].isspace() and text[i] != "\n" or text[i] in OPENERS):
        i -= 1
    return i < 0 or text[i] in ".!?…:\n"


def gap_ok(text: str, a: int, b: int) -> bool:
    return b > a and bool(SPACE.fullmatch(text[a:b]))


def headline_lines(
    text: str, ws: list[tuple[int, int, str]], stop: frozenset[str]
) -> Callable[[int], bool]:
    """A test whether an offset lies on a title-case line: at least four words, nearly
    all capitalised, with a capitalised function word inside ("Nur-Sultan Wants China
    'To Help Resolve Issues' Raised By Ethnic Kazakhs From Xinjiang")."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    by_line: dict[int, list[str]] = {}
    for s, _e, w in ws:
        if w[0].isalpha():
            by_line.setdefault(bisect_right(line_starts, s) - 1, []).append(w)
    flagged = set()
    for line, lw in by_line.items():
        caps = sum(1 for w in lw if w[0].isupper())
        inner_stop = any(w[0].isupper() and w.casefold() in stop for w in lw[1:])
        if len(lw) >= 4 and inner_stop and caps >= 0.8 * len(lw):
            flagged.add(line)

    def on_headline(offset: int) -> bool:
        return bisect_right(line_starts, offset) - 1 in flagged

    return on_headline


def quoted(text: str, start: int, end: int) -> bool:
    """Is text[start:end] exactly enclosed in quotation marks?"""
    before = text[max(0, start - 2) : start].rstrip()
    after = text[end : end + 2].lstrip()
    return bool(before) and before[-1] in "«“\"'‘„" and bool(after) and after[0] in "»”\"'’“"


def mailbox(text: str, end: int) -> bool:
    """Is the quoted name ending at ``end`` an e-mail display name (``"X" <x@y.com>``)?"""
    after = text[end : end + 4].lstrip(" ")
    return after[:1] in "\"'”’" and after[1:].lstrip(" ")[:1] == "<"


def alone_on_line(text: str, start: int, end: int) -> bool:
    """Is a word all of its line but for punctuation ("Mark ,", "Phillip")?"""
    # walk out from the word to the line's ends; the nearest letter or digit ends it
    i = start - 1
    while i >= 0 and text[i] != "\n":
        if text[i].isalnum():
            return False
        i -= 1
    j = end
    while j < len(text) and text[j] != "\n":
        if text[j].isalnum():
            return False
        j += 1
    return True


def well_formed(names_: list[NameWord]) -> bool:
    """The order of the words of a name: initials lead; a family name (any shape but a
    patronymic) ends it; a first name after a word that is no first name opens another
    name ("Қасым-Жомарт Тоқаев Дмитрий Медведевті" is two names); family name first
    only as family name + first name (+ patronymic): "Ахметов Асқар Серікұлы"."""
    n = len(names_)
    first = names_[0]
    if n > 1 and first.shape == "strong" and not (first.patro or first.fn) and names_[1].fn:
        return n == 2 or (n == 3 and names_[2].patro)
    for k in range(1, n):
        word, prev = names_[k], names_[k - 1]
        if word.kind == "init" and prev.kind != "init":
            # a middle initial: "Michael J. McDermott"
            if not (k == 1 and prev.fn and k < n - 1 and names_[k + 1].kind == "word"):
                return False
        if k < n - 1 and word.shape and not (word.fn or word.patro):
            return False
        if word.fn and prev.kind == "word" and not (prev.fn or prev.patro):
            return False
        if word.fn and k >= 2 and names_[k - 2].fn and prev.fn:
            return False  # three first names in a row: "Дархан Қыдырәлі Нұрсұлтан ..."
    return True
