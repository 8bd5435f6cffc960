"""Counts: a number with its approximators, comparatives and ranges, and what is no count.

:func:`find_counts` reads every count of a text into a :class:`CountMatch` whose
:class:`CountReading` the normaliser turns into ``{"value", "mod", "min", "max"}``
(:meth:`CountReading.norm`). Strict matching (the component) adds the context checks that
keep precision: money, percentages, measures, clock times, numbers inside names and dates,
the Kazakh article ``бір``; lenient matching (the normaliser) reads whatever the span allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.grammar.numbers import NumExpr, as_number, number_at
from pipeline.grammar.stream import TokenStream
from pipeline.grammar.tokens import DASHES


@dataclass(frozen=True)
class CountReading:
    """What a count says: a value or a range or a vague lower bound, and a mod."""

    value: float | None
    min: float | None = None
    max: float | None = None
    vague: bool = False
    mod: str | None = None
    decimal: bool = False
    mult: float = 1.0
    bare_article: bool = False
    words: bool = False
    num_start: int = 0  # token range of the number itself (without approximators)
    num_end: int = 0

    def norm(self) -> dict[str, Any]:
        """The COUNT norm: ``{"value"}`` plus ``mod``, ``min``/``max`` where the text says so."""
        if self.vague:
            norm: dict[str, Any] = {"value": None, "mod": "VAGUE"}
            if self.min is not None:
                norm["min"] = as_number(self.min)
            return norm
        if self.min is not None and self.max is not None:
            norm = {"value": None, "min": as_number(self.min), "max": as_number(self.max)}
            if self.mod:
                norm["mod"] = self.mod
            return norm
        if self.value is None:
            return {}
        norm = {"value": as_number(self.value)}
        if self.mod:
            norm["mod"] = self.mod
        return norm


@dataclass(frozen=True)
class CountMatch:
    """A count over tokens ``[i, j)`` and characters ``[start, end)``."""

    i: int
    j: int
    start: int
    end: int
    reading: CountReading


def count_at(ts: TokenStream, i: int) -> CountMatch | None:
    """A count expression starting at ``i``: [approximator] number [range] [approximator]."""
    lex = ts.lex
    t = ts.tok(i)
    if t is None or t.kind == "punct" or (t.kind == "word" and not lex.may_start_count(t.low)):
        return None
    mod_before = None
    range_and = None
    j = i
    e = ts.phrase_at(i, lex.vague_before)
    if e is not None and ts.ok(e):
        # several hundred, бірнеше мың: a vague count with the multiplier as its lower bound
        nw = lex.number_word(ts.word(e) or "")
        if nw is None or nw.kind != "mult" or nw.ordinal:
            return None
        reading = CountReading(
            None, min=nw.value, vague=True, words=True, num_start=e, num_end=e + 1
        )
        return CountMatch(i, e + 1, ts.toks[i].start, ts.toks[e].end, reading)
    e = ts.phrase_at(i, lex.approx_before)
    if e is not None:
        if not ts.ok(e):
            return None
        phrase = tuple(t.low for t in ts.toks[i:e])
        j, mod_before = e, lex.approx_before_mods[phrase]
    else:
        e = ts.phrase_at(i, lex.range_prefix_phrases)
        if e is not None and ts.ok(e):
            range_and, j = lex.range_prefixes[" ".join(t.low for t in ts.toks[i:e])], e
    a = number_at(ts, j)
    if a is None or a.ordinal:
        return None
    expr, k = a, a.j
    cased = _case_range(ts, a) if a.value is not None and a.ending else None
    if cased is not None:
        expr, k = cased, cased.j
    # range: 5 to 6, 5-6, 5 – 6, between 5 and 6
    conn = ts.tok(k)
    if conn is not None and a.value is not None and not a.ending:
        is_conn = conn.low in lex.range_connectors or (range_and and conn.low == range_and)
        near = (ts.joined(k) or ts.glued(k)) and (ts.joined(k + 1) or ts.glued(k + 1))
        b = number_at(ts, k + 1) if is_conn and near else None
        if b is not None and b.value is not None and not b.ordinal:
            lo = a.value
            if a.mult == 1 and b.mult > 1 and lo * b.mult <= b.value:
                lo = lo * b.mult  # 5 to 6 million
            if lo < b.value:
                expr = NumExpr(
                    a.i,
                    b.j,
                    None,
                    vmin=lo,
                    vmax=b.value,
                    mod=b.mod,
                    ending=b.ending,
                    words=a.words or b.words,
                    mult=b.mult,
                )
                k = b.j
    if range_and is not None and expr is a:
        return None
    mod_after, end = None, k
    if ts.ok(k):
        for approx in lex.approx_after:
            e = ts.phrase_at(k, [approx.words])
            if e is None and len(approx.words) == 1:
                hit = lex.split(ts.word(k) or "", lex.approx_after_words)
                if hit is not None and hit[0] == approx.words[0]:
                    e = k + 1  # an inflected approximator: мыңға жуығы, мыңнан астамы
            if e is not None and (not approx.case or lex.case_of(expr.ending, approx.case)):
                mod_after, end = approx.mod, e
                break
    own_mod = expr.mod if expr.mod != "VAGUE" else None
    reading = CountReading(
        value=expr.value,
        min=expr.vmin,
        max=expr.vmax,
        vague=expr.vague,
        mod=mod_before or mod_after or own_mod,
        decimal=expr.decimal,
        mult=expr.mult,
        bare_article=expr.bare_article and expr is a and not mod_before and not mod_after,
        words=expr.words,
        num_start=a.i,
        num_end=k,
    )
    return CountMatch(i, end, ts.toks[i].start, ts.toks[end - 1].end, reading)


def _case_range(ts: TokenStream, a: NumExpr) -> NumExpr | None:
    """700-ден 2000-ға дейін (a range) and үштен екісі (a fraction), by case endings."""
    lex = ts.lex
    if not ts.ok(a.j) or a.value is None:
        return None
    b = number_at(ts, a.j)
    if b is None or b.value is None or b.ordinal or b.vague:
        return None
    for rule in lex.case_ranges:
        if lex.case_of(a.ending, rule.from_) and lex.case_of(b.ending, rule.to):
            if a.value < b.value:
                j = b.j
                if ts.ok(j) and ts.word(j) in set(rule.after):
                    j += 1
                return NumExpr(a.i, j, None, vmin=a.value, vmax=b.value, words=a.words)
    for frac in lex.case_fractions:
        if lex.case_of(a.ending, frac.denominator) and lex.case_of(b.ending, frac.numerator):
            if 0 < b.value < a.value:
                return NumExpr(a.i, b.j, b.value / a.value, words=True, ending=b.ending)
    return None


# ----------------------------------------------------------------------------- context


def count_ok(ts: TokenStream, m: CountMatch) -> bool:
    """The strict context checks: is this number a count of things here?"""
    lex = ts.lex
    r = m.reading
    first = ts.toks[r.num_start]
    if r.bare_article:
        return False
    if r.decimal and r.mult == 1:
        return False  # 10.01 (a clock time), 2.5 on its own: not a count of things
    # glued to letters or other symbols: COVID-19, 16x9, $5, 90%
    if first.kind == "num" and ts.glued(r.num_start):
        prev = ts.toks[r.num_start - 1]
        if prev.kind in ("word", "num") or prev.text in "$€£¥₸₽#№":
            return False
        if prev.text in DASHES and ts.glued(r.num_start - 1):
            if ts.toks[r.num_start - 2].kind in ("word", "num"):
                return False  # COVID-19; the second number of a score (2-1)
    if m.j < ts.n and ts.glued(m.j):
        nxt = ts.toks[m.j]
        if nxt.kind in ("word", "num") or nxt.text in "%‰$€£¥₸₽":
            return False
        if nxt.text in DASHES and m.j + 1 < ts.n and ts.glued(m.j + 1):
            if ts.toks[m.j + 1].kind in ("word", "num"):
                return False
    # the first word of a quoted title: “100 Camp Testimonies”
    if m.i > 0 and ts.toks[m.i - 1].text in '«“"' and ts.glued(m.i) and m.j < ts.n:
        nxt = ts.toks[m.j]
        if ts.joined(m.j) and nxt.kind == "word" and nxt.text[:1].isupper():
            return False
    # a list number: "1." or "2)" at the start of a line
    if first.kind == "num" and not ts.joined(r.num_start) and m.j == r.num_start + 1:
        nxt = ts.tok(m.j)
        if nxt is not None and nxt.text in ".)" and ts.glued(m.j):
            return False
    # inside a quoted name: «Хабар 24», "Сухой Суперджет 100", «ПУИД – екі»
    if m.j < ts.n and ts.toks[m.j].text in '»”"' and (ts.joined(m.j) or ts.glued(m.j)):
        line = ts.prev_text(m.i)
        if line.count("«") > line.count("»") or line.count("“") > line.count("”"):
            if m.i > 0 and ts.toks[m.i - 1].text not in "«“":
                return False
    # money, percent, measures, clock units after the number
    if _followed_by_unit(ts, r.num_end):
        return False
    before = ts.prev_text(m.i).rstrip()
    for w in lex.not_count_before:
        if before.endswith(w):
            k = len(before) - len(w)
            if k == 0 or not before[k - 1].isalnum() or not w[0].isalnum():
                return False
    if m.i > 0 and ts.joined(m.i):
        prev = ts.toks[m.i - 1]
        # an ordinal right before a number word (үшінші тоқсанда "third quarter")
        if prev.kind == "word" and r.words:
            pw = lex.number_word(prev.low)
            if pw is not None and pw.ordinal:
                return False
        if (
            lex.capitalised_is_name
            and prev.kind == "word"
            and prev.text[:1].isupper()
            and not ts.sentence_initial(m.i - 1)
            and lex.month_of(prev) is None
            and prev.low not in lex.weekdays
        ):
            return False
    first_low = ts.toks[m.i].low
    if first_low in lex.pronoun_contexts and m.j == m.i + 1:
        before_ph, after_ph = lex.pronoun_contexts[first_low]
        if ts.phrase_before(m.i, before_ph):
            return False
        if m.j < ts.n and (ts.joined(m.j) or ts.glued(m.j)):
            if ts.phrase_at(m.j, after_ph) is not None:
                return False
        if ts.toks[m.i].text.endswith(("'s", "’s")):
            return False
    return True


def _followed_by_unit(ts: TokenStream, k: int) -> bool:
    lex = ts.lex
    if ts.word(k) in lex.vague_connectors and ts.ok(k) and ts.ok(k + 1):
        k += 1  # billions of dollars, thousands of tenge
    for step in range(2):
        t = ts.tok(k + step)
        if t is None or not (ts.joined(k + step) or ts.glued(k + step)):
            return False
        if t.kind == "punct":
            return t.text in lex.not_count_after
        if ts.phrase_at(k + step, lex.not_count_after_phrases) is not None:
            return True
        low = t.low.rstrip(".")
        if low in lex.not_count_after or t.low in lex.not_count_after:
            return True
        if lex.split(low, lex.not_count_after_table) is not None:
            return True
        if lex.unit_of(low) is not None and step == 0:
            return True  # a duration or age: left to the date rules
        # one capitalised/adjective word may stand between (US dollars, АҚШ доллары)
        if not (t.text[:1].isupper() or t.text.isupper()):
            return False
    return False


def find_counts(
    ts: TokenStream, strict: bool = True, avoid: list[tuple[int, int]] | None = None
) -> list[CountMatch]:
    """All count expressions of the stream; ``avoid`` are character ranges (dates) to skip."""
    avoid = avoid or []
    out: list[CountMatch] = []
    i = 0
    while i < ts.n:
        m = count_at(ts, i)
        if m is None:
            i += 1
            continue
        clash = any(s < m.end and m.start < e for s, e in avoid)
        if not clash and (not strict or count_ok(ts, m)):
            out.append(m)
        # a rejected expression is consumed whole: no "million" out of "$5 million"
        i = m.j
    return out
