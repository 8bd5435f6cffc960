"""Numbers in digits and words: ``35 000``, ``2.5 million``, ``екі жүз сексен тоғыз мың``.

:func:`number_at` reads the number that starts at a token into a :class:`NumExpr` (its
value, or a range, a vague lower bound, a mod carried by an ending). Words are added left
to right by :class:`Accumulator`, which refuses a word that cannot continue the number
(``five two``, ``hundred thousand hundred``), so a number ends where the text stops being one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.grammar.lexicon import Lexicon, NumWord
from pipeline.grammar.stream import TokenStream
from pipeline.grammar.tokens import HYPHENS, SPACE_SEPARATORS

# Digit strings longer than this are no count (a phone number run together, a hash); they
# would also cost quadratic time to convert.
MAX_DIGITS = 40


class Accumulator:
    """Left-to-right accumulator of number words (екі жүз сексен тоғыз мың = 289000)."""

    def __init__(self) -> None:
        self.total: int | float = 0
        self.current: int | float = 0
        self.last: str | None = None
        self.last_big: float | None = None
        self.mult: int | float = 1  # the last multiplier applied (for ranges: 5-6 мың)
        self.count = 0

    def seed(self, value: float) -> None:
        self.current = value
        self.last = "digits"
        self.count = 1

    def add(self, w: NumWord) -> bool:
        """Add one word; ``False`` (and nothing changed) when it cannot continue the number."""
        k, v = w.kind, w.value
        last = self.last
        if last == "zero":
            return False
        if k == "zero":
            if self.count:
                return False
        elif k == "unit":
            if last in ("unit", "teen", "digits", "half", "zero") or self.current % 10:
                return False
            self.current += v
        elif k in ("teen", "ten"):
            if last in ("unit", "teen", "ten", "digits", "half") or self.current % 100:
                return False
            self.current += v
        elif k == "mult" and v < 1000:
            if last in ("hundred", "ten", "half") or self.current >= 100:
                return False
            self.current = (self.current or 1) * v
            k = "hundred"
            self.mult = v
        elif k == "mult":
            if self.last_big is not None and v >= self.last_big:
                return False
            if last == "big":
                return False
            self.total += (self.current or 1) * v
            self.current = 0
            self.last_big = v
            self.mult = v
            k = "big"
        elif k == "half":
            if last == "big" and self.last_big:
                self.total += 0.5 * self.last_big
            elif last in ("unit", "ten", "teen", "hundred", "digits"):
                self.current += 0.5
            else:
                return False
        else:
            return False
        self.last = k
        self.count += 1
        return True

    @property
    def value(self) -> float:
        return self.total + self.current


@dataclass
class NumExpr:
    """A number over tokens ``[i, j)``."""

    i: int
    j: int
    value: float | None
    mod: str | None = None
    vague: bool = False
    vmin: float | None = None
    vmax: float | None = None
    ordinal: bool = False
    decimal: bool = False
    mult: float = 1.0
    ending: str = ""
    words: bool = False
    bare_article: bool = False


def parse_digits(s: str) -> tuple[float, bool] | None:
    """Digits with thousands separators or a decimal part -> (value, is_decimal); else None.

    ``35,000`` / ``35.000`` -> 35000; ``2.5`` / ``2,5`` -> 2.5; ``1,234.5`` -> 1234.5;
    ``1,2,3`` -> None (malformed); ``10:05`` and ``06/27/2022`` -> None (not a number).
    """
    if not s or ":" in s or "/" in s or len(s) > MAX_DIGITS:
        return None
    seps = re.findall(r"[.,]", s)
    groups = re.split(r"[.,]", s)
    if not seps:
        return int(s), False
    if len(set(seps)) == 1:
        if len(seps) == 1:
            if len(groups[1]) == 3 and 1 <= len(groups[0]) <= 3 and groups[0] != "0":
                return int(groups[0] + groups[1]), False
            return float(f"{groups[0]}.{groups[1]}"), True
        if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            return int("".join(groups)), False
        return None
    # two kinds: the last separator is the decimal point, the others group thousands
    if seps[-1] in seps[:-1]:
        return None
    head, frac = groups[:-1], groups[-1]
    if not (1 <= len(head[0]) <= 3 and all(len(g) == 3 for g in head[1:])):
        return None
    return float(f"{''.join(head)}.{frac}"), True


def as_number(value: float) -> int | float:
    """Whole numbers as ``int`` (``2.5e6`` -> 2500000), others as ``float``."""
    if isinstance(value, int):
        return value
    if value != value or value in (float("inf"), float("-inf")):
        return value
    if float(value).is_integer():
        return int(value)
    return round(value, 6)


def digits_at(ts: TokenStream, i: int) -> tuple[int, str, int] | None:
    """Digit tokens from ``i`` joined by space thousands separators: (end, digits, last index)."""
    t = ts.tok(i)
    if t is None or t.kind != "num":
        return None
    digits, j, last = t.num, i + 1, i
    if re.fullmatch(r"\d{1,3}", t.num) and not t.suf:
        while j < ts.n and len(digits) <= MAX_DIGITS:
            u = ts.toks[j]
            gap = ts.text[ts.toks[j - 1].end : u.start]
            if u.kind != "num" or gap not in SPACE_SEPARATORS:
                break
            if not re.fullmatch(r"\d{3}", u.num):
                break
            digits += u.num
            last = j
            j += 1
            if u.suf:
                break
    return j, digits, last


def number_at(ts: TokenStream, i: int) -> NumExpr | None:
    """A number starting at token ``i`` (digits or words), with multipliers and mods."""
    lex = ts.lex
    t = ts.tok(i)
    if t is None:
        return None
    if t.kind == "num":
        got = digits_at(ts, i)
        if got is None:
            return None
        j, digits, last_i = got
        last = ts.toks[last_i]
        parsed = parse_digits(digits)
        if parsed is None:
            return None
        value, decimal = parsed
        kind, mod = lex.digit_suffix(last.suf)
        if kind == "bad":
            return None
        expr = NumExpr(i, j, value, decimal=decimal, ending=last.suf)
        if kind == "ordinal":
            expr.ordinal = True
            return expr
        if mod == "VAGUE":
            expr.vague, expr.vmin, expr.value = True, value, None
            return expr
        expr.mod = mod
        if last.suf:
            return expr
        acc = Accumulator()
        acc.seed(value)
        extend_words(ts, expr, acc, j)
        expr.words = False
        return expr
    if t.kind != "word":
        return None
    low = t.low
    # "a hundred", "a dozen"
    if low in lex.num_articles:
        nxt = ts.word(i + 1)
        nw = lex.number_word(nxt) if nxt and ts.joined(i + 1) else None
        if nw is None or nw.kind != "mult" or nw.ordinal:
            return None
        acc = Accumulator()
        acc.seed(1)
        acc.last = "unit"
        expr = NumExpr(i, i + 1, 1.0, words=True)
        extend_words(ts, expr, acc, i + 1)
        return expr if expr.j > i + 1 else None
    # жарты миллион, half a million
    if low in lex.half_prefix:
        k = i + 1
        if ts.word(k) in lex.num_articles and ts.ok(k):
            k += 1
        nw = lex.number_word(ts.word(k) or "") if ts.ok(k) else None
        if nw is None or nw.kind != "mult" or nw.value < 1000 or nw.ordinal:
            return None
        return NumExpr(i, k + 1, 0.5 * nw.value, words=True, mult=nw.value, ending=nw.ending)
    # hyphenated words: twenty-five (compound, and it may go on: twenty-five thousand) or
    # бес-алты (a range)
    if any(h in low for h in HYPHENS) and low not in lex.extra_words:
        if lex.hyphen_mode == "compound" and _compound_parts(lex, low) is not None:
            expr = NumExpr(i, i, None, words=True)
            extend_words(ts, expr, Accumulator(), i)
            return expr if expr.j > i else None
        return _hyphen_number(ts, i, low)
    nw = lex.number_word(low)
    if nw is None:
        return None
    if nw.kind == "vague_needs":
        return _vague_of(ts, i, nw.value)
    if nw.kind == "vague":
        expr = NumExpr(i, i + 1, None, mod="VAGUE", vague=True, vmin=nw.value, words=True)
        return _vague_tail(ts, expr, i + 1)
    if nw.kind == "half":
        return None
    expr = NumExpr(i, i, None, words=True)
    extend_words(ts, expr, Accumulator(), i)
    return expr if expr.j > i else None


def extend_words(ts: TokenStream, expr: NumExpr, acc: Accumulator, j: int) -> None:
    """Add number words from token ``j`` on while they form one number."""
    lex = ts.lex
    start = j
    first_low, first_ending = None, ""
    while j < ts.n:
        if j > expr.i and not ts.joined(j) and not (ts.glued(j) and ts.toks[j].text == ","):
            break
        t = ts.toks[j]
        if t.text == "," and acc.last == "big" and j > start:
            # six hundred and seventy-six thousand, two hundred: a smaller number goes on
            got = _after_comma(ts, j, acc)
            if got is None:
                break
            j, rest = got
            acc.current += rest
            acc.last, acc.count = "digits", acc.count + 1  # nothing more may join it
            expr.ending = ""
            continue
        if t.kind == "num" and lex.digits_after_multiplier and acc.last == "big" and j > start:
            # 15 мың 200: digits after a multiplier word, less than it
            parsed = parse_digits(t.num) if not t.suf else None
            if parsed is None or parsed[1] or acc.last_big is None or parsed[0] >= acc.last_big:
                break
            acc.current, acc.last, acc.count = parsed[0], "digits", acc.count + 1
            j += 1
            continue
        low = ts.word(j)
        if low is None:
            break
        e = ts.phrase_at(j, lex.half_after) if acc.count else None
        if e is not None:  # one and a half (million)
            if not acc.add(NumWord("half", 0.5, "", False, None)):
                break
            j = e
            continue
        if any(h in low for h in HYPHENS):
            parts = _compound_parts(lex, low) if lex.hyphen_mode == "compound" else None
            if parts is None or not _add_all(acc, parts):
                break
            if first_low is None:
                first_low, first_ending = low, parts[-1].ending
            j += 1
            expr.ending = parts[-1].ending
            if parts[-1].ordinal:
                expr.ordinal = True
                break
            continue
        if low in lex.connectors and acc.last in ("hundred", "big"):
            nxt = ts.word(j + 1) or ""
            nw2 = lex.number_word(nxt)
            if nw2 is None and any(h in nxt for h in HYPHENS):
                parts = _compound_parts(lex, nxt)
                nw2 = parts[0] if parts else None
            if nw2 is not None and nw2.kind in ("unit", "teen", "ten") and ts.joined(j + 1):
                j += 1
                continue
            break
        if low in lex.mult_abbr:
            if acc.last != "digits":
                break
            factor = lex.mult_abbr[low]
            acc.total, acc.current = acc.value * factor, 0.0
            acc.mult = acc.last_big = factor
            acc.last = "big"
            acc.count += 1
            j += 1
            if j < ts.n and ts.toks[j].text == "." and ts.glued(j):
                j += 1
            break
        if low in lex.decimal_marks and acc.count and acc.last not in ("big", "half"):
            got = _spelled_fraction(ts, j + 1)
            if got is None:
                break
            j, frac = got
            acc.current += frac
            acc.last = "half"  # only a multiplier may follow (бес бүтін оннан үш миллиард)
            expr.decimal = True
            continue
        nw = lex.number_word(low)
        if nw is None or nw.kind in ("vague", "vague_needs") or not acc.add(nw):
            break
        if first_low is None:
            first_low, first_ending = low, nw.ending
        j += 1
        expr.ending = nw.ending
        if nw.mod == "VAGUE":
            expr.vague = True
        elif nw.mod:
            expr.mod = nw.mod
        if nw.ordinal:
            expr.ordinal = True
            break
        # an inflected word closes the number (мыңнан астам); a bare vague word may
        # still take a multiplier (ондаған мың)
        if nw.ending and not (nw.mod == "VAGUE" and lex.bare_vague(nw.ending)):
            break
    if j == start:
        if acc.last == "digits":
            expr.value = acc.value
        return
    expr.j = j
    expr.value = acc.value
    expr.mult = acc.mult
    expr.words = True
    if expr.vague:
        expr.vmin, expr.value = acc.value, None
    expr.bare_article = (
        acc.count == 1
        and first_low in lex.article_words
        and not first_ending
        # "бір ғана" (only one) is the numeral
        and (ts.word(j) if ts.joined(j) else None) not in lex.article_numeral_after
    )


def _compound_parts(lex: Lexicon, low: str) -> list[NumWord] | None:
    """The number words of a hyphenated compound (fifty-nine, twenty-first), or None."""
    parts = [lex.number_word(p) for p in re.split("[" + HYPHENS + "]", low)]
    if len(parts) < 2 or any(p is None or p.kind not in ("unit", "teen", "ten") for p in parts):
        return None
    return [p for p in parts if p is not None]


def _add_all(acc: Accumulator, words: list[NumWord]) -> bool:
    """Add every word, or none of them (the accumulator is left as it was)."""
    saved = dict(vars(acc))
    if all(acc.add(w) for w in words):
        return True
    vars(acc).update(saved)
    return False


def _after_comma(ts: TokenStream, j: int, acc: Accumulator) -> tuple[int, float] | None:
    """After ``thousand,``: the number that follows, when it is smaller than the multiplier."""
    if not ts.ok(j + 1) or ts.word(j + 1) is None or acc.last_big is None:
        return None
    rest = NumExpr(j + 1, j + 1, None)
    extend_words(ts, rest, Accumulator(), j + 1)
    if rest.j == j + 1 or rest.value is None or rest.ordinal or rest.vague or rest.ending:
        return None
    # British style writes the comma only before hundreds or thousands (one thousand, five
    # hundred; one thousand and one): "fifteen thousand, two people" is two things
    if rest.value >= acc.last_big or rest.mult <= 1:
        return None
    return rest.j, rest.value


def _spelled_fraction(ts: TokenStream, j: int) -> tuple[int, float] | None:
    """оннан үш -> 0.3, жүзден жиырма бес -> 0.25 (after a decimal mark such as бүтін)."""
    lex = ts.lex
    den = lex.number_word(ts.word(j) or "") if ts.ok(j) else None
    if den is None or den.value not in (10, 100, 1000) or not lex.case_of(den.ending, "ablative"):
        return None
    acc = Accumulator()
    k = j + 1
    while ts.ok(k):
        nw = lex.number_word(ts.word(k) or "")
        if nw is None or nw.kind not in ("unit", "ten", "teen", "mult", "zero") or nw.value >= 1000:
            break
        if not acc.add(nw):
            break
        k += 1
        if nw.ending:
            break
    if k == j + 1 or not 0 <= acc.value < den.value:
        return None
    return k, acc.value / den.value


def _hyphen_number(ts: TokenStream, i: int, low: str) -> NumExpr | None:
    lex = ts.lex
    parts = re.split("[" + HYPHENS + "]", low)
    if len(parts) == 2 and parts[1] in lex.particles:
        nw = lex.number_word(parts[0])
        if nw is None or nw.ordinal or nw.kind not in ("unit", "ten", "teen", "mult"):
            return None
        return NumExpr(i, i + 1, nw.value, words=True)
    nws = [lex.number_word(p) for p in parts]
    if any(w is None for w in nws):
        return None
    if lex.hyphen_mode == "compound":
        acc = Accumulator()
        for w in nws:
            if w is None or w.kind in ("vague", "vague_needs") or not acc.add(w):
                return None
        ordinal = any(w.ordinal for w in nws if w)
        return NumExpr(i, i + 1, acc.value, words=True, ordinal=ordinal)
    if len(parts) != 2:
        return None
    a, b = nws
    if a is None or b is None or a.ordinal or b.ordinal or a.ending:
        return None
    if a.kind in ("vague", "vague_needs", "half") or b.kind in ("vague", "vague_needs", "half"):
        return None
    if not a.value < b.value:
        return None
    expr = NumExpr(i, i + 1, None, vmin=a.value, vmax=b.value, words=True, ending=b.ending)
    expr.mod = b.mod if b.mod != "VAGUE" else None
    # бес-алты мың: a following multiplier scales both ends
    acc = Accumulator()
    acc.seed(b.value)
    acc.last = "unit"
    probe = NumExpr(i + 1, i + 1, None)
    if not b.ending:
        extend_words(ts, probe, acc, i + 1)
        if probe.j > i + 1 and probe.value:
            factor = probe.value / b.value if b.value else 1
            expr.vmin, expr.vmax = a.value * factor, probe.value
            expr.j = probe.j
            expr.ending = probe.ending
            expr.mod = probe.mod or expr.mod
    return expr


def _vague_of(ts: TokenStream, i: int, base: float) -> NumExpr | None:
    """tens of thousands: a vague word that needs "of" + a vague multiplier."""
    j = i + 1
    if ts.word(j) in ts.lex.vague_connectors and ts.joined(j):
        j += 1
    nw = ts.lex.number_word(ts.word(j) or "") if ts.joined(j) else None
    if nw is None or nw.kind != "vague":
        return None
    return NumExpr(i, j + 1, None, mod="VAGUE", vague=True, vmin=base * nw.value, words=True)


def _vague_tail(ts: TokenStream, expr: NumExpr, j: int) -> NumExpr:
    """hundreds of thousands: a vague word followed by "of" + another vague word."""
    k = j
    if ts.word(k) in ts.lex.vague_connectors and ts.joined(k):
        k += 1
        nw = ts.lex.number_word(ts.word(k) or "") if ts.joined(k) else None
        if nw is not None and nw.kind == "vague" and expr.vmin is not None:
            expr.vmin *= nw.value
            expr.j = k + 1
    return expr
