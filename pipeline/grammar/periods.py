"""Periods, sets, references and dates relative to the narrative.

Quarters, halves and centuries named with an ordinal or a determiner (``the third
quarter``, ``third-quarter``, ``the year-ago quarter``, ``ХХ ғасырда``, ``үшінші тоқсанда``);
sets (``daily``, ``every Monday``, ``each July``, ``жыл сайын``); reference words (``бүгінде``)
and, behind a setting, vague references (``now``, ``recently``: PRESENT_REF, PAST_REF);
weekends; and dates relative to the date the narrative is at (``that day``, ``the next
day``, ``the year before``, ``сол жылы``), resolved later against the previous date.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.grammar.date_parts import (
    DateReading,
    Part,
    month_at,
    rel_det_at,
    season_word_at,
    weekday_at,
    year_abs,
)
from pipeline.grammar.lexicon import roman_value
from pipeline.grammar.numbers import number_at
from pipeline.grammar.stream import TokenStream
from pipeline.grammar.tokens import Phrases


def _phrase_value(
    ts: TokenStream, i: int, phrases: Phrases, table: dict[Any, Any]
) -> tuple[int, Any]:
    """The end and data value of the phrase of a data table at ``i`` ((i, None): none)."""
    e = ts.phrase_at(i, phrases)
    if e is None:
        return i, None
    return e, table[tuple(t.low for t in ts.toks[i:e])]


def reference_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """бүгінде (PRESENT_REF): a word whose value is a reference, always a date."""
    e, ref = _phrase_value(ts, i, ts.lex.reference_words, ts.lex.reference_of)
    return None if ref is None else (e, DateReading(ref=str(ref)))


def vague_reference(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """now, currently, the past, қазір: PRESENT_REF / PAST_REF / FUTURE_REF (a setting)."""
    e, ref = _phrase_value(ts, i, ts.lex.vague_refs, ts.lex.vague_ref_of)
    if ref is None:
        return None
    return e, DateReading(ref=str(ref), vague_ref=True)


def _ordinal_at(ts: TokenStream, i: int) -> tuple[int, int, bool] | None:
    """An ordinal at ``i`` (third, 3rd, 3-ші, үшінші, ХХ, III): (end, value, hyphen glued)."""
    t = ts.tok(i)
    if t is None:
        return None
    if t.kind == "word":
        rv = roman_value(t.text) if t.text.isupper() else None
        if rv is not None:
            return i + 1, rv, False
        head = re.split(r"[-\u2010\u2011]", t.low)[0]
        nw = ts.lex.number_word(head)
        if nw is not None and nw.ordinal and float(nw.value).is_integer():
            return i + 1, int(nw.value), head != t.low
        expr = number_at(ts, i)
        if expr is not None and expr.ordinal and expr.value is not None:
            return expr.j, int(expr.value), False
        return None
    if t.kind == "num" and re.fullmatch(r"\d{1,2}", t.num) and t.suf:
        kind, _ = ts.lex.digit_suffix(t.suf.split("-")[0])
        if kind == "ordinal":
            return i + 1, int(t.num), "-" in t.suf
    return None


def _period_word(ts: TokenStream, k: int, glued_part: str | None = None) -> str | None:
    """The TIMEX3 unit of a period word at ``k`` (quarter, тоқсанда, ғасырдың)."""
    lex = ts.lex
    low = glued_part if glued_part is not None else ts.word(k)
    if not low or not lex.period_words:
        return None
    hit = lex.split(low, lex.period_words)
    if hit is None or any(hit[1].startswith(p) for p in lex.plural_marks):
        return None
    return lex.period_words[hit[0]]


def period_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """[the] [fiscal] third quarter [of 1990] | third-quarter | the quarter | ХХ ғасыр."""
    lex = ts.lex
    if not lex.period_words:
        return None
    k = i
    if ts.word(k) in lex.period_determiners and ts.ok(k + 1):
        k += 1
    # a year before the ordinal: the 1988 second quarter
    year: DateReading | None = None
    y = year_abs(ts, k)
    if y is not None and k > i and ts.ok(y[0]):
        year, k = y[1], y[0]
    shift, modified, current = 0, year is not None, False
    for _ in range(2):
        low = ts.word(k)
        if low in lex.period_modifiers and ts.ok(k + 1):
            shift += lex.period_modifiers[low]
            modified = True
            k += 1
        elif low in lex.period_current and ts.ok(k + 1) and k > i:
            current = True
            k += 1
    rd = rel_det_at(ts, k) if k == i else None
    ordinal = _ordinal_at(ts, k)
    if ordinal is not None:
        end, n, hyphen = ordinal
        t = ts.toks[k]
        if hyphen:  # third-quarter, 3rd-quarter: one token
            unit = _period_word(ts, k, t.low.split("-", 1)[1] if t.kind == "word" else None)
            if t.kind == "num":
                unit = _period_word(ts, k, t.suf.split("-", 1)[1])
        else:
            unit = _period_word(ts, end) if ts.ok(end) else None
            end += 1
        if unit is None or not _valid_period(unit, n):
            return None
        reading = DateReading(unit=unit)
        if unit == "Q":  # the year-ago third quarter: four quarters back
            reading = DateReading(quarter=n, unit="Q", period_rel=shift or None)
        elif unit == "H":
            reading = DateReading(half=n, unit="H")
        else:
            reading = DateReading(century=n - 1, unit="CE")
        if year is not None:
            reading = reading.plus(year)
        return _of_year(ts, end, reading)
    if rd is not None and ts.ok(rd[0]):
        unit = _period_word(ts, rd[0])
        if unit is not None and unit != "H":
            return rd[0] + 1, DateReading(unit=unit, period_rel=rd[1])
        return None
    # the quarter, the latest quarter, the year-ago quarter: the quarter under discussion;
    # the current quarter: the document date's
    if k > i and ts.ok(k):
        unit = _period_word(ts, k)
        word = lex.split(ts.word(k) or "", lex.period_words)
        if unit != "Q" or (word and word[0] in lex.period_needs_modifier and not modified):
            return None
        if current:
            return k + 1, DateReading(unit="Q", period_rel=shift)
        reading = DateReading(unit="Q", period_rel=shift, anchored=True)
        if year is not None:
            return k + 1, reading.plus(year)
        return _of_year(ts, k + 1, reading)  # the same period in 2022
    return None


def _valid_period(unit: str, n: int) -> bool:
    return {"Q": 1 <= n <= 4, "H": 1 <= n <= 2, "CE": 1 <= n <= 21}.get(unit, False)


def _of_year(ts: TokenStream, j: int, reading: DateReading) -> Part:
    """An ``of`` + year after a period (the third quarter of 1990); a Kazakh year before."""
    lex = ts.lex
    k = j
    if ts.word(k) in lex.period_year_links and ts.ok(k + 1):
        y = year_abs(ts, k + 1)
        if y is not None and reading.year is None and y[1].end_year is None:
            return y[0], reading.plus(y[1])
    return j, reading


def set_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """daily, annually | every Monday, each July, each winter, every quarter (sets)."""
    lex = ts.lex
    low = ts.word(i)
    if low is None:
        return None
    if low in lex.set_words:
        return i + 1, DateReading(kind="set", amount=1, unit=lex.set_words[low])
    if low not in lex.set_before or not ts.ok(i + 1):
        return None
    j = i + 1
    wd = weekday_at(ts, j)
    if wd is not None:
        return wd.end, DateReading(kind="set", weekday=wd.weekday, quant="EVERY")
    m = month_at(ts, j)
    if m is not None and m[1].month_dir is None:
        return m[0], DateReading(kind="set", month=m[1].month, quant="EVERY")
    s = season_word_at(ts, j)
    if s is not None:
        return s[0], DateReading(kind="set", season=s[1], quant="EVERY")
    if ts.word(j) in lex.weekend_words:
        return j + 1, DateReading(kind="set", weekend=True, quant="EVERY")
    return None


def holiday_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """Christmas, Thanksgiving Day, Тәуелсіздік күні [and a year after it]."""
    lex = ts.lex
    e, rule = _phrase_value(ts, i, lex.holidays, lex.holiday_of)
    if rule is None:
        return None
    if lex.month_capitalised and not ts.toks[i].text[:1].isupper():
        return None
    rule = str(rule)
    if rule == "easter":
        reading = DateReading(month=3, holiday=rule, month_context=True)
    elif rule.count("-") == 1:
        month, day = (int(x) for x in rule.split("-"))
        reading = DateReading(month=month, day=day, month_context=True)
    else:
        reading = DateReading(month=int(rule[:2]), holiday=rule, month_context=True)
    k = ts.skip_comma(e)
    y = year_abs(ts, k) if ts.ok(k) else None
    if y is not None and not ts.toks[k].suf and y[1].end_year is None:
        return y[0], reading.plus(y[1])
    return e, reading


def day_part_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """tonight, this morning, last night: a time of day of a day near the document date."""
    e, data = _phrase_value(ts, i, ts.lex.day_part_phrases, ts.lex.day_part_of)
    if data is None:
        return None
    return e, DateReading(day_rel=data.day, day_part=data.part)


def weekend_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """the weekend, this weekend, last weekend."""
    lex = ts.lex
    if not lex.weekend_words:
        return None
    k, week_rel = i, None
    rd = rel_det_at(ts, i)
    if rd is not None:
        k, week_rel = rd
    elif ts.word(i) in lex.day_articles:
        k = i + 1
    if k > i and not ts.ok(k):
        return None
    low = ts.word(k)
    if low is None or lex.split(low, lex.weekend_words) is None:
        return None
    if k == i:
        return None  # a bare "weekend" (weekend trips) is no date
    return k + 1, DateReading(weekend=True, week_rel=week_rel)


def anchored_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """that day, the next day, the following year, the year before, сол жылы, later that year."""
    lex = ts.lex
    e, shift = _phrase_value(ts, i, lex.anchor_dets, lex.anchor_det_of)
    if shift is not None and ts.ok(e):
        u = lex.unit_of(ts.word(e) or "")
        if u is not None and not u.plural and u.type != "age" and u.unit in ("Y", "M", "W", "D"):
            return e + 1, DateReading(anchored=True, unit=u.unit, period_rel=int(shift))
    # the day before, the year after
    if ts.word(i) in lex.day_articles and ts.ok(i + 1) and ts.ok(i + 2):
        u = lex.unit_of(ts.word(i + 1) or "")
        after = ts.word(i + 2)
        if u is not None and not u.plural and after in lex.anchor_after:
            if u.unit in ("Y", "M", "W", "D"):
                reading = DateReading(
                    anchored=True, unit=u.unit, period_rel=lex.anchor_after[after]
                )
                return i + 3, reading
    return None
