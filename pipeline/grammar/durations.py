"""Durations, ages and sets: ``310 days``, ``екі жылдан бері``, ``3-year-old``, ``жыл сайын``."""

from __future__ import annotations

import re

from pipeline.grammar.date_parts import DateReading, Part
from pipeline.grammar.numbers import Accumulator, number_at, parse_digits
from pipeline.grammar.tokens import TokenStream


def amount_at(
    ts: TokenStream, i: int, strict: bool, after_mod: bool
) -> tuple[int, float | None] | None:
    """The amount of a duration: a number, a vague word (several) or an article (a month)."""
    lex = ts.lex
    e = ts.phrase_at(i, lex.vague_amounts)
    if e is not None:
        return e, None
    e = ts.phrase_at(i, lex.half_amounts)
    if e is not None:
        return e, 0.5
    if ts.word(i) in lex.date_articles:
        if not strict or after_mod:
            return i + 1, 1
        if ts.joined(i) and ts.toks[i - 1].low in lex.article_triggers:
            return i + 1, 1
        return None
    expr = number_at(ts, i)
    if expr is None or expr.ordinal or expr.vague or expr.ending:
        return None
    value = expr.value if expr.value is not None else expr.vmin
    if value is None:
        return None
    return expr.j, value


def duration_at(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """[modifier] amount unit [old|ago] — 310 days, the past 500 days, екі жылдан бері."""
    lex = ts.lex
    low = ts.word(i)
    # at the age of 62, aged 62
    e = ts.phrase_at(i, lex.age_before)
    if e is not None and ts.ok(e):
        expr = number_at(ts, e)
        if expr is not None and expr.value is not None and not expr.ordinal and not expr.ending:
            if not (ts.ok(expr.j) and lex.unit_of(ts.word(expr.j) or "")):
                return expr.j, DateReading(kind="age", amount=expr.value, unit="Y")
    # recent months, соңғы жылдары
    if low in lex.recent and ts.ok(i + 1):
        u = lex.unit_of(ts.word(i + 1) or "")
        if u is not None and u.plural and u.type != "age":
            return i + 2, DateReading(kind="duration", amount=None, unit=u.unit)
    # every year, әр жылы; жыл сайын
    if low in lex.set_before and ts.ok(i + 1):
        u = lex.unit_of(ts.word(i + 1) or "")
        if u is not None and not u.plural and u.type != "age":
            return i + 2, DateReading(kind="set", amount=1, unit=u.unit)
    u = lex.unit_of(low) if low else None
    if u is not None and u.ending == "" and ts.ok(i + 1):
        nxt = ts.word(i + 1)
        if nxt in lex.set_after:
            return i + 1, DateReading(kind="duration", amount=1, unit=u.unit)
        if nxt in lex.duration_postpositions and u.type != "age":
            return i + 2, DateReading(kind="duration", amount=1, unit=u.unit)
    j, after_mod = i, False
    e = ts.phrase_at(i, lex.dur_mods)
    if e is not None and ts.ok(e):
        j, after_mod = e, True
        # the past week, соңғы айда: a modifier + a bare unit
        u = lex.unit_of(ts.word(j) or "")
        if u is not None and u.type != "age":
            amount = None if u.plural else 1
            return j + 1, DateReading(kind="duration", amount=amount, unit=u.unit)
    hy = hyphen_unit_at(ts, j)
    if hy is not None:
        return hy
    got = amount_at(ts, j, strict, after_mod)
    if got is None:
        return None
    k, amount = got
    # a range of amounts: 5-6 жыл, 5 to 6 years
    conn = ts.tok(k)
    if conn is not None and amount is not None and conn.low in lex.range_connectors:
        if ts.joined(k) or ts.glued(k):
            b = number_at(ts, k + 1)
            if b is not None and b.value is not None and b.value > amount and not b.ordinal:
                k = b.j
    if ts.ok(k) and ts.word(k) in lex.amount_approx:
        k += 1
    if not ts.ok(k):
        return None
    unit = lex.unit_of(ts.word(k) or "")
    if unit is None:
        return None
    if ts.ok(k + 1) and lex.split(ts.word(k + 1) or "", lex.not_after_unit):
        return None
    first = ts.toks[j]
    if first.kind == "num" and unit.unit == "Y" and unit.type != "age":
        if re.fullmatch(r"\d{4}", first.num):
            lo, hi = lex.year_range
            if lo <= int(first.num) <= hi:
                return None  # 2017 жылы: a calendar year
    kind = unit.type
    k += 1
    nxt = ts.word(k) if ts.ok(k) else None
    if nxt in lex.age_after:
        kind = "age"
        k += 1
    elif nxt in lex.ago and amount is not None:
        kind = "ago"
        k += 1
    elif nxt in lex.later:
        k += 1
    return k, DateReading(kind=kind, amount=amount, unit=unit.unit)


def hyphen_unit_at(ts: TokenStream, j: int) -> Part | None:
    """3-year-old | 10-day | two-year-old | 5-жылдық."""
    lex = ts.lex
    t = ts.tok(j)
    if t is None:
        return None
    if t.kind == "num" and t.hyph and t.suf:
        parsed = parse_digits(t.num)
        if parsed is None:
            return None
        amount = parsed[0]
        parts = t.suf.split("-")
    elif t.kind == "word" and "-" in t.low:
        parts = t.low.split("-")
        acc = Accumulator()
        k = 0
        while k < len(parts):
            nw = lex.number_word(parts[k])
            if nw is None or nw.ordinal or not acc.add(nw):
                break
            k += 1
        if k == 0 or k == len(parts):
            return None
        amount = acc.value
        parts = parts[k:]
    else:
        return None
    unit = lex.unit_of(parts[0])
    if unit is None:
        return None
    kind = unit.type
    if parts[1:] and parts[1:] != [w for w in parts[1:] if w in lex.age_after]:
        return None
    if parts[1:]:
        kind = "age"
    if unit.unit == "Y" and t.kind == "num" and re.fullmatch(r"\d{4}", t.num) and kind != "age":
        return None
    k = j + 1
    if kind != "age" and ts.word(k) in lex.age_after and ts.ok(k):
        kind = "age"
        k += 1
    return k, DateReading(kind=kind, amount=amount, unit=unit.unit)
