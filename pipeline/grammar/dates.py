"""Date expressions: every shape a date takes in news, tried at each token, the longest kept.

:func:`find_dates` returns :class:`~pipeline.grammar.date_parts.DateMatch` objects whose
reading :mod:`pipeline.grammar.timex` resolves. The shapes: numeric dates (``06/27/2022``),
calendar dates in the orders news writes them (``Қыркүйектің 14-і``, ``2017 жылдың сәуір
айынан``, ``December 14, 2021``), decades, relative dates (``Былтыр``, ``last week``),
durations and ages (:mod:`pipeline.grammar.durations`), weekdays and seasons; a part word
or postposition after them (``басынан бері``) and a second date of a range join the span.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.grammar.date_parts import (
    DateMatch,
    DateReading,
    Part,
    day_after_month,
    day_at,
    month_at,
    premod_month,
    season_word_at,
    valid_ymd,
    weekday_at,
    year_abs,
    year_context,
    year_rel,
    year_word_at,
)
from pipeline.grammar.durations import duration_at
from pipeline.grammar.tokens import TokenStream


def find_dates(ts: TokenStream, strict: bool = True, sets: bool = True) -> list[DateMatch]:
    """All date expressions of the stream, left to right, longest first, non-overlapping."""
    blocked = _blocked_ranges(ts) if strict else []
    out: list[DateMatch] = []
    i = 0
    while i < ts.n:
        m = date_at(ts, i, strict, sets)
        if m is not None and m.i >= i and not any(b < m.j and m.i < e for b, e in blocked):
            m = date_range(ts, m, strict, sets)
            out.append(m)
            i = m.j
        else:
            i += 1
    return out


def _blocked_ranges(ts: TokenStream) -> list[tuple[int, int]]:
    """Token ranges of fixed phrases that are not dates (осы күнге дейін, to date)."""
    out = []
    for i in range(ts.n):
        e = ts.phrase_at(i, ts.lex.not_dates)
        if e is not None:
            out.append((i, e))
    return out


def date_at(ts: TokenStream, i: int, strict: bool, sets: bool) -> DateMatch | None:
    """The longest date expression starting at token ``i``."""
    t = ts.tok(i)
    if t is None or t.kind == "punct" or (t.kind == "word" and not ts.lex.may_start_date(t.low)):
        return None
    best: Part | None = None
    shapes: tuple[Callable[[TokenStream, int, bool], Part | None], ...] = (
        numeric_date,
        calendar_date,
        decade,
        relative_date,
        duration_at,
        weekday_date,
        season_date,
    )
    for shape in shapes:
        got = shape(ts, i, strict)
        if got is not None and (best is None or got[0] > best[0]):
            best = got
    if best is None:
        return None
    j, reading = tail(ts, *best)
    if reading.kind == "set" and strict and not sets:
        return None
    return DateMatch(i, j, ts.toks[i].start, ts.toks[j - 1].end, reading)


def date_range(ts: TokenStream, m: DateMatch, strict: bool, sets: bool) -> DateMatch:
    """Extend a date over a range connector to a second date of the same kind (or a day)."""
    lex = ts.lex
    k = m.j
    conn = ts.tok(k)
    if conn is None or conn.low not in lex.date_range_connectors:
        return m
    if not (ts.joined(k) or ts.glued(k)) or not (ts.joined(k + 1) or ts.glued(k + 1)):
        return m
    second = date_at(ts, k + 1, strict, sets)
    if second is not None and second.reading.kind == m.reading.kind:
        if second.reading.is_calendar or second.reading.kind != "date":
            reading = m.reading.plus(DateReading(), range_end=second.reading)
            return DateMatch(m.i, second.j, m.start, second.end, reading)
    if m.reading.day and m.reading.month is not None:
        d = day_at(ts, k + 1)
        if d is not None and d[1].day is not None and d[1].day > m.reading.day:
            j, _ = tail(ts, d[0], DateReading())
            return DateMatch(m.i, j, m.start, ts.toks[j - 1].end, m.reading)
    return m


def tail(ts: TokenStream, j: int, reading: DateReading) -> Part:
    """Part words and postpositions after a date (басынан бері, бастап, сайын)."""
    lex = ts.lex
    if lex.parts and ts.ok(j) and reading.kind == "date":
        hit = lex.split(ts.word(j) or "", lex.parts)
        if hit is not None and hit[1]:
            reading = reading.plus(DateReading(part=lex.parts[hit[0]]))
            j += 1
    if ts.ok(j) and ts.word(j) in lex.set_after and reading.kind == "duration":
        return j + 1, reading.plus(DateReading(kind="set"))
    for _ in range(2):
        low = ts.word(j) or ""
        if not ts.ok(j) or low not in lex.postpositions:
            break
        if low in lex.ago and reading.kind == "duration" and reading.amount is not None:
            reading = reading.plus(DateReading(kind="ago"))
        j += 1
    return j, reading


def numeric_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """06/27/2022 | 23/07/2020 | 14.09.2018 | 2018-09-14."""
    t = ts.tok(i)
    if t is None or t.kind != "num" or t.suf:
        return None
    m = re.fullmatch(r"(\d{1,4})([/.])(\d{1,2})\2(\d{1,4})", t.num)
    if m:
        a, sep, b, c = m.group(1), m.group(2), m.group(3), m.group(4)
        fields = (int(a), int(b), int(c))
        if len(a) == 4 and len(c) <= 2:
            order: str | None = "YMD"
            if not valid_ymd(*fields):
                return None
        elif len(c) == 4 and len(a) <= 2:
            order = None
            if not (
                valid_ymd(fields[2], fields[1], fields[0])
                or valid_ymd(fields[2], fields[0], fields[1])
            ):
                return None
        else:
            return None
        return i + 1, DateReading(numeric=fields, sep=sep, order=order)
    # ISO 2018-09-14 (five glued tokens)
    if re.fullmatch(r"\d{4}", t.num) and i + 4 < ts.n:
        parts = ts.toks[i : i + 5]
        if (
            all(ts.glued(i + k) for k in range(1, 5))
            and parts[1].text == "-"
            and parts[3].text == "-"
            and re.fullmatch(r"\d{2}", parts[2].num or "x")
            and re.fullmatch(r"\d{2}", parts[4].num or "x")
            and not parts[2].suf
        ):
            y, mo, d = int(t.num), int(parts[2].num), int(parts[4].num)
            if valid_ymd(y, mo, d) and not parts[4].suf:
                return i + 5, DateReading(numeric=(y, mo, d), sep="-", order="YMD")
    return None


def calendar_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """Year, month and day in the orders news uses (each shape is tried; the longest wins).

    M D [, Y]: December 14, 2021 / Қыркүйектің 14-і;  [the] D [of] M [Y]: 14 December 2021 /
    14 қыркүйекте;  Y M [D]: 2017 жылдың сәуір айынан / Биыл мамыр айында;  Y D M: 2018
    жылғы 14 қыркүйек;  M [,] Y: July 2021;  M: Тамызда;  Y: 2017 жылы / in 2017 / Былтыр.
    An optional weekday (Monday, December 14) or premodifier (early 2017) may lead.
    """
    lex = ts.lex
    results: list[Part] = []
    pre = DateReading()
    wd = weekday_at(ts, i)
    if wd is not None and ts.ok(ts.skip_comma(wd.end)):
        pre = DateReading(weekday=wd.weekday)
        i = ts.skip_comma(wd.end)
    premod = False
    i2 = i
    if ts.word(i) in lex.premods and i + 1 < ts.n:
        if ts.toks[i + 1].text == "-" and ts.glued(i + 1) and ts.glued(i + 2):
            premod, i2 = True, i + 2
        elif ts.ok(i + 1):
            premod, i2 = True, i + 1

    def add(j: int, reading: DateReading) -> None:
        if pre.weekday is not None and reading.day is None:
            return
        results.append((j, pre.plus(reading)))

    def year_after(j: int, reading: DateReading) -> None:
        k = ts.skip_comma(j)
        if ts.ok(k):
            y = year_abs(ts, k)
            if y is not None and not ts.toks[k].suf:
                add(y[0], reading.plus(y[1]))

    # Y ...
    for y in (year_abs(ts, i2), year_rel(ts, i2)):
        if y is None:
            continue
        yj, yr = y
        marked = yr.year_word or yr.year_rel is not None
        if marked and ts.ok(yj):
            m = month_at(ts, yj) or premod_month(ts, yj)
            if m is not None:
                ym = yr.plus(m[1], month_context=True)
                add(m[0], ym)
                d = day_after_month(ts, m[0], m[1])
                if d is not None:
                    add(d[0], ym.plus(d[1]))
            d = day_at(ts, yj)
            if d is not None and ts.ok(d[0]):
                m = month_at(ts, d[0])
                if m is not None:
                    add(m[0], yr.plus(d[1]).plus(m[1], month_context=True))
            s = season_word_at(ts, yj)
            if s is not None:
                add(s[0], yr.plus(DateReading(season=s[1])))
        ctx = marked or premod or yr.end_year is not None
        if not ctx and yr.year is not None:
            blo, bhi = lex.bare_year_range
            ctx = not strict or (blo <= yr.year <= bhi and year_context(ts, i2))
        if ctx:
            add(yj, yr)
    # M ...
    m = month_at(ts, i2) or premod_month(ts, i2)
    if m is not None:
        mj, mr = m
        d = day_after_month(ts, mj, mr)
        if d is not None:
            md = mr.plus(d[1], month_context=True)
            add(d[0], md)
            year_after(d[0], md)
        year_after(mj, mr.plus(DateReading(), month_context=True))
        alone_ok = not mr.month_ambiguous or mr.month_context or premod
        if strict and not lex.month_capitalised and ts.toks[i2].text[:1].isupper():
            # a capitalised month mid-sentence is a name (Тамыз конференциясы)
            alone_ok = alone_ok and ts.sentence_initial(i2)
        if alone_ok or not strict or year_context(ts, i2):
            add(mj, mr)
    # [the] D [of] M [, Y]
    k = i2
    if ts.word(k) in lex.day_articles and ts.ok(k + 1):
        k += 1
    d = day_at(ts, k)
    if d is not None:
        dj = d[0]
        if ts.word(dj) in lex.day_connectors and ts.ok(dj) and ts.ok(dj + 1):
            dj += 1
        m = month_at(ts, dj) if ts.ok(dj) else None
        if m is not None and m[1].month_ambiguous and ts.toks[k].kind != "num":
            m = None
        if m is not None:
            dm = d[1].plus(m[1], month_context=True)
            add(m[0], dm)
            year_after(m[0], dm)
    if not results:
        return None
    return max(results, key=lambda r: r[0])


def season_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """summer 2020 | last winter | жазда | the summer of 2020."""
    lex = ts.lex
    j = i
    reading = DateReading()
    low = ts.word(i)
    if low in lex.rel_det and ts.ok(i + 1):
        reading = DateReading(year_rel=lex.rel_det[low])
        j = i + 1
    elif low in lex.day_articles and ts.ok(i + 1):
        j = i + 1
    s = season_word_at(ts, j)
    if s is None:
        return None
    reading = reading.plus(DateReading(season=s[1]))
    e = s[0]
    ending = lex.split(ts.word(j) or "", lex.seasons)
    k = e
    if ts.word(k) in lex.day_connectors and ts.ok(k + 1):
        k += 1
    if ts.ok(k) or (k < ts.n and ts.joined(k)):
        y = year_abs(ts, k)
        if y is not None:
            return y[0], reading.plus(y[1])
    if reading.year_rel is not None:
        return e, reading
    if not strict:
        return e, reading
    if lex.season_alone_endings is not None and ending is not None and j == i:
        bare_ok = ending[1] or ending[0] not in lex.seasons_ambiguous
        if ending[1] in lex.season_alone_endings and bare_ok:
            return e, reading
    return None


def weekday_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """Monday | last Friday | сенбі күні; Mondays (a set)."""
    lex = ts.lex
    j = i
    week_rel = None
    low = ts.word(i)
    if low in lex.rel_det and ts.ok(i + 1):
        week_rel = lex.rel_det[low]
        j = i + 1
    wd = weekday_at(ts, j)
    if wd is None:
        return None
    if wd.ambiguous and strict and j == i and wd.end == j + 1:
        return None
    if wd.plural:
        return wd.end, DateReading(kind="set", amount=1, unit="W")
    return wd.end, DateReading(weekday=wd.weekday, week_rel=week_rel)


def decade(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """1990s | the 1990s | 1990-шы жылдары | 90-жылдары."""
    lex = ts.lex
    k = i
    if ts.word(i) in lex.day_articles and ts.ok(i + 1):
        k = i + 1
    t = ts.tok(k)
    if t is None or t.kind != "num" or not re.fullmatch(r"\d{2}|\d{4}", t.num):
        return None
    value = int(t.num)
    if len(t.num) == 2:
        if value % 10:
            return None
        value += 1900
    elif value % 10:
        return None
    lo, hi = lex.year_range
    if not lo <= value <= hi:
        return None
    j = k + 1
    if t.suf == "s" or t.suf == "'s":
        return j, DateReading(decade=value // 10)
    if not lex.year_words:
        return None
    if t.suf:
        kind, _ = lex.digit_suffix(t.suf)
        unit = lex.unit_of(t.suf)
        if unit is not None and unit.unit == "Y" and unit.plural:
            return j, DateReading(decade=value // 10)
        if kind != "ordinal":
            return None
    low = ts.word(j)
    if low and ts.ok(j):
        unit = lex.unit_of(low)
        if unit is not None and unit.unit == "Y" and unit.plural and year_word_at(ts, j):
            return j + 1, DateReading(decade=value // 10)
    return None


def relative_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """бүгін | кешегі | yesterday | last week | келесі айда | жыл басынан бері."""
    lex = ts.lex
    low = ts.word(i)
    if low is None:
        return None
    hit = lex.split(low, lex.relative)
    if hit is not None and "day" in lex.relative[hit[0]]:
        allowed = lex.relative_endings.get(hit[0])
        if allowed is None or hit[1] in allowed:
            j = i + 1
            dw = ts.word(j)
            if dw and ts.ok(j) and lex.day_words and lex.is_word_of(dw, lex.day_words) is not None:
                j += 1
            return j, DateReading(day_rel=lex.relative[hit[0]]["day"])
    if low in lex.rel_det and ts.ok(i + 1):
        u = lex.unit_of(ts.word(i + 1) or "")
        if u is not None and not u.plural and u.type != "age":
            offset = lex.rel_det[low]
            by_unit = {
                "Y": DateReading(year_rel=offset),
                "M": DateReading(month_rel=offset),
                "W": DateReading(week_rel=offset),
                "D": DateReading(day_rel=offset),
            }
            if u.unit in by_unit:
                return i + 2, by_unit[u.unit]
    # жыл басынан бері: a bare year word + a part word
    if lex.parts and lex.year_words and ts.ok(i + 1):
        u = lex.unit_of(low)
        if u is not None and u.unit == "Y" and not u.plural and u.type != "age":
            part = lex.split(ts.word(i + 1) or "", lex.parts)
            if part is not None and part[1]:
                return i + 1, DateReading(year_rel=0)
    return None
