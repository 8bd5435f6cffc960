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
from dataclasses import replace

from pipeline.grammar.date_parts import (
    DateMatch,
    DateReading,
    Part,
    day_after_month,
    day_at,
    month_at,
    premod_month,
    rel_det_at,
    season_word_at,
    sentence_tense,
    valid_ymd,
    weekday_at,
    year_abs,
    year_context,
    year_rel,
    year_word_at,
)
from pipeline.grammar.durations import age_apposition, duration_at
from pipeline.grammar.numbers import number_at
from pipeline.grammar.periods import (
    anchored_date,
    day_part_date,
    holiday_date,
    period_date,
    reference_date,
    set_date,
    vague_reference,
    weekend_date,
)
from pipeline.grammar.stream import TokenStream

Shape = Callable[[TokenStream, int, bool], Part | None]
# Tried at each token; the longest wins, the first of equals.
SHAPES: tuple[Shape, ...] = ()  # filled below, after the shapes are defined
# How deep a chain of narrative-relative dates is followed back (the next day, the day after).
MAX_ANCHOR_DEPTH = 8


def find_dates(
    ts: TokenStream, strict: bool = True, sets: bool = True, vague: bool = True
) -> list[DateMatch]:
    """All date expressions of the stream, left to right, longest first, non-overlapping.

    ``vague`` also finds vague references (now, recently); strict matching then reads each
    match's sentence tense and links it to the date before it (its narrative anchor).
    """
    blocked = _blocked_ranges(ts) if strict else []
    out: list[DateMatch] = []
    i = 0
    while i < ts.n:
        m = date_at(ts, i, strict, sets, vague)
        if m is not None and (
            m.reading.vague_ref or not any(b < m.j and m.i < e for b, e in blocked)
        ):
            m = date_range(ts, m, strict, sets, vague)
            out.append(m)
            i = m.j
        else:
            i += 1
    return _in_context(ts, out) if strict else out


def _in_context(ts: TokenStream, matches: list[DateMatch]) -> list[DateMatch]:
    """Each match with its sentence's tense (when its value may need it) and its anchor."""
    out: list[DateMatch] = []
    anchor: DateReading | None = None
    quarter: DateReading | None = None  # the last quarter named with its number
    depth = 0
    for k, m in enumerate(matches):
        r = m.reading
        changes: dict = {}
        apposed = _apposition(ts, m, matches[k + 1] if k + 1 < len(matches) else None)
        if apposed is not None:  # бүгін, 14 наурызда / today, March 14: that date
            r = replace(apposed, kind="date")
        if r.kind == "date" and r.year is None and r.year_rel is None:
            if (
                r.month is not None
                or r.weekday is not None
                or r.quarter is not None
                or (r.weekend or r.anchored)
            ):
                changes["tense"] = sentence_tense(ts, m.i, m.j)
        if r.anchored and r.unit == "Q":
            if quarter is not None:
                changes["anchor"] = quarter
        elif anchor is not None and (r.anchored or r.kind == "ago"):
            changes["anchor"] = anchor
        if changes:
            r = replace(r, **changes)
            m = replace(m, reading=r)
        out.append(m)
        if r.quarter is not None and r.kind == "date" and not r.period_rel:
            quarter = r
        if r.kind == "date" and r.ref is None and (r.is_calendar or r.quarter or r.anchored):
            depth = depth + 1 if r.anchored else 0
            anchor = r if depth <= MAX_ANCHOR_DEPTH else None
    return out


def _apposition(ts: TokenStream, m: DateMatch, nxt: DateMatch | None) -> DateReading | None:
    """The reading of an explicit date right after a relative day and a comma (today, March
    14; бүгін, 14 наурызда): the same day, told twice."""
    r = m.reading
    if nxt is None or r.kind != "date" or (r.day_rel is None and r.weekday is None):
        return None
    if r.month is not None or not (m.j < ts.n and ts.toks[m.j].text == "," and nxt.i == m.j + 1):
        return None
    n = nxt.reading
    if n.kind != "date" or n.day is None or n.month is None or n.range_end is not None:
        return None
    return n


def _blocked_ranges(ts: TokenStream) -> list[tuple[int, int]]:
    """Token ranges of fixed phrases that are not dates (осы күнге дейін, to date)."""
    out = []
    phrases = ts.lex.not_dates
    for i, t in enumerate(ts.toks):
        if t.low not in phrases.by_first:  # most tokens start no phrase: no call for them
            continue
        e = ts.phrase_at(i, phrases)
        if e is not None:
            out.append((i, e))
    return out


def date_at(
    ts: TokenStream, i: int, strict: bool, sets: bool, vague: bool = True
) -> DateMatch | None:
    """The longest date expression starting at token ``i``."""
    t = ts.tok(i)
    if t is None or t.kind == "punct" or (t.kind == "word" and not ts.lex.may_start_date(t.low)):
        return None
    best: Part | None = None
    for shape in SHAPES:
        got = shape(ts, i, strict)
        if got is not None and (best is None or got[0] > best[0]):
            best = got
    pre = _premodified(ts, i, strict)
    if pre is not None and (best is None or pre[0] > best[0]):
        best = pre
    ref = vague_reference(ts, i, strict) if vague else None
    if ref is not None and (best is None or ref[0] > best[0]):
        best = ref  # now; осы күнге дейін "so far" (a fixed phrase otherwise blocked)
    if best is None:
        return None
    j, reading = tail(ts, *best)
    if reading.kind == "set" and strict and not sets:
        return None
    part = _day_part_after(ts, j, reading)
    if part is not None:
        reading = replace(reading, day_part=part)
        return DateMatch(i, j + 1, ts.toks[i].start, _end_of(ts, j), reading, day_part_at=j)
    return DateMatch(i, j, ts.toks[i].start, _end_of(ts, j - 1), reading)


def _day_part_after(ts: TokenStream, j: int, r: DateReading) -> str | None:
    """A time of day right after a date of one day (Wednesday night, yesterday morning)."""
    if not ts.ok(j) or r.kind != "date" or r.range_end is not None:
        return None
    one_day = (
        r.weekday is not None
        or r.day_rel is not None
        or r.numeric is not None
        or (r.day is not None and r.month is not None)
    )
    return ts.lex.day_parts.get(ts.word(j) or "") if one_day else None


def _end_of(ts: TokenStream, k: int) -> int:
    """The end of token ``k`` in a span: an English possessive ('s) stays outside."""
    t = ts.toks[k]
    for ending in ts.lex.span_outside_endings:
        if t.kind == "word" and t.low.endswith(ending) and len(t.low) > len(ending):
            return t.end - len(ending)
    return t.end


def _premodified(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """early 2017, late last week, earlier this month, the end of November (with a mod)."""
    lex = ts.lex
    e = ts.phrase_at(i, lex.premod_phrases)
    if e is None:
        return None
    mod = lex.premod_of[tuple(t.low for t in ts.toks[i:e])]
    k = e
    if k < ts.n and ts.toks[k].text == "-" and ts.glued(k) and ts.glued(k + 1):
        k += 1  # mid-2017
    elif not ts.ok(k):
        return None
    best: Part | None = calendar_date(ts, k, strict, context=True)
    for shape in (relative_date, season_date, period_date, decade, weekday_date, weekend_date):
        got = shape(ts, k, strict)
        if got is not None and (best is None or got[0] > best[0]):
            best = got
    if best is None or best[1].kind != "date" or best[1].ref is not None:
        return None
    return best[0], best[1].plus(DateReading(mod=mod))


def date_range(
    ts: TokenStream, m: DateMatch, strict: bool, sets: bool, vague: bool = True
) -> DateMatch:
    """Extend a date over a range connector to a second date of the same kind (or a day)."""
    lex = ts.lex
    k = m.j
    conn = ts.tok(k)
    if conn is None or conn.low not in lex.date_range_connectors:
        return m
    if not (ts.joined(k) or ts.glued(k)) or not (ts.joined(k + 1) or ts.glued(k + 1)):
        return m
    second = date_at(ts, k + 1, strict, sets, vague)
    if second is not None and second.reading.kind == m.reading.kind and m.reading.kind != "set":
        if second.reading.is_calendar or second.reading.kind != "date":
            reading = replace(m.reading, range_end=second.reading)
            return DateMatch(m.i, second.j, m.start, second.end, reading, cut=k)
    if m.reading.day and m.reading.month is not None:
        d = day_at(ts, k + 1)
        if d is not None and d[1].day is not None and d[1].day > m.reading.day:
            j, reading = d[0], m.reading
            k2 = ts.skip_comma(j)  # March 5-14, 2017
            y = year_abs(ts, k2) if m.reading.year is None and ts.ok(k2) else None
            if y is not None and not ts.toks[k2].suf and not y[1].end_year:
                j, reading = y[0], reading.plus(y[1])
            j, _ = tail(ts, j, DateReading())
            reading = replace(reading, range_end=d[1])
            return DateMatch(m.i, j, m.start, _end_of(ts, j - 1), reading, cut=k)
    return m


def tail(ts: TokenStream, j: int, reading: DateReading) -> Part:
    """Part words and postpositions after a date (басынан бері, бастап, сайын)."""
    lex = ts.lex
    if lex.parts and ts.ok(j) and reading.kind == "date":
        hit = lex.split(ts.word(j) or "", lex.parts)
        # "жылдың басынан": a part word carries the possessive ("басты" is "main")
        if hit is not None and hit[1] and hit[1].startswith(lex.part_ending_prefixes or ("",)):
            reading = reading.plus(DateReading(part=lex.parts[hit[0]]))
            j += 1
    if ts.ok(j) and ts.word(j) in lex.set_after and reading.kind == "duration":
        return j + 1, reading.plus(DateReading(kind="set", quant="EVERY"))
    for _ in range(2):
        low = ts.word(j) or ""
        if not ts.ok(j) or low not in lex.postpositions:
            hit = lex.split(low, lex.postposition_mods) if ts.ok(j) else None
            if hit is None or lex.postposition_mods[hit[0]] is None:
                break
            low = hit[0]  # an inflected postposition that qualifies: 300 күннен астамы
        if low in lex.ago and reading.kind == "duration" and reading.amount is not None:
            reading = reading.plus(DateReading(kind="ago"))
        mod = lex.postposition_mods.get(low)
        if mod is not None and reading.kind in ("duration", "age"):
            reading = reading.plus(DateReading(mod=mod))
        j += 1
    if reading.kind in ("duration", "age") and ts.ok(j) and ts.word(j) in lex.dur_mod_verbs:
        reading = reading.plus(DateReading(mod=lex.dur_mod_verbs[ts.word(j) or ""]))
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


def calendar_date(ts: TokenStream, i: int, strict: bool, context: bool = False) -> Part | None:
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
    premod = context  # after early / late / the end of: a bare year or month is a date
    i2 = i

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

    # the year 2017, the year two thousand
    e = ts.phrase_at(i2, lex.year_intro)
    if e is not None and ts.ok(e):
        expr = year_abs(ts, e) if ts.toks[e].kind == "num" else None
        if expr is not None and expr[1].end_year is None:
            add(expr[0], expr[1])
        elif ts.toks[e].kind == "word":
            n = number_at(ts, e)
            lo, hi = lex.year_range
            if n is not None and n.value is not None and not n.ordinal and lo <= n.value <= hi:
                add(n.j, DateReading(year=int(n.value), year_word=True))
    # Y ...
    for y in (year_abs(ts, i2), year_rel(ts, i2)):
        if y is None:
            continue
        yj, yr = y
        marked = yr.year_word or yr.year_rel is not None
        if marked and ts.ok(yj):
            m = month_at(ts, yj) or premod_month(ts, yj)
            if m is not None and strict and _month_as_name(ts, yj):
                m = None  # 2022 жылы Қаңтар оқиғасы: the January events, a name
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
            p = period_date(ts, yj, strict)  # 2018 жылдың үшінші тоқсанында
            if p is not None and (p[1].quarter or p[1].half):
                add(p[0], yr.plus(p[1]))
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
        # June last year, January this year
        if ts.ok(mj) and mr.month_dir is None:
            y = year_rel(ts, mj)
            if y is not None and ts.toks[mj].kind == "word" and ts.word(mj) in lex.rel_det:
                add(y[0], mr.plus(y[1], month_context=True))
        alone_ok = not mr.month_ambiguous or mr.month_context or premod
        if strict and _month_as_name(ts, i2):
            alone_ok = False  # Тамыз конференциясы, the January Events
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


def _month_as_name(ts: TokenStream, i: int) -> bool:
    """A capitalised month mid-sentence in a language that writes months in lower case is
    a name (Тамыз конференциясы, Қаңтар оқиғасы); so is a month before an event's head
    word (the January Events)."""
    lex = ts.lex
    nxt = ts.tok(i + 1)
    if nxt is not None and ts.ok(i + 1) and nxt.text[:1].isupper():
        if nxt.low in lex.month_name_heads:
            return True
    return (
        not lex.month_capitalised and ts.toks[i].text[:1].isupper() and not ts.sentence_initial(i)
    )


def season_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """summer 2020 | last winter | жазда | the summer of 2020 | the spring."""
    lex = ts.lex
    j = i
    reading = DateReading()
    low = ts.word(i)
    rd = rel_det_at(ts, i)
    article = False
    if rd is not None and ts.ok(rd[0]):
        reading = DateReading(year_rel=rd[1])
        j = rd[0]
    elif low in lex.day_articles and ts.ok(i + 1):
        j = i + 1
        article = True
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
    if not strict or (article and not ts.toks[j].text[:1].isupper()):
        return e, reading  # the spring (not the Winter Olympics)
    if lex.season_alone_endings is not None and ending is not None and j == i:
        bare_ok = ending[1] or ending[0] not in lex.seasons_ambiguous
        if ending[1] in lex.season_alone_endings and bare_ok:
            return e, reading
    return None


def weekday_date(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """Monday | last Friday | сенбі күні; Mondays (a set)."""
    j = i
    week_rel = None
    rd = rel_det_at(ts, i)
    if rd is not None and ts.ok(rd[0]):
        j, week_rel = rd
    wd = weekday_at(ts, j)
    if wd is None:
        return None
    if wd.ambiguous and strict and j == i and wd.end == j + 1:
        return None
    if wd.plural:  # Mondays: every Monday
        return wd.end, DateReading(kind="set", weekday=wd.weekday)
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
    rd = rel_det_at(ts, i)
    if rd is not None and ts.ok(rd[0]):
        u = lex.unit_of(ts.word(rd[0]) or "")
        if u is not None and not u.plural and u.type != "age":
            offset = rd[1]
            by_unit = {
                "Y": DateReading(year_rel=offset),
                "M": DateReading(month_rel=offset),
                "W": DateReading(week_rel=offset),
                "D": DateReading(day_rel=offset),
                "DE": DateReading(unit="DE", period_rel=offset),
                "CE": DateReading(unit="CE", period_rel=offset),
                "Q": DateReading(unit="Q", period_rel=offset),
            }
            if u.unit in by_unit:
                return rd[0] + 1, by_unit[u.unit]
    # жыл басынан бері: a bare year word + a part word
    if lex.parts and lex.year_words and ts.ok(i + 1):
        u = lex.unit_of(low)
        if u is not None and u.unit == "Y" and not u.plural and u.type != "age":
            part = lex.split(ts.word(i + 1) or "", lex.parts)
            if part is not None and part[1]:
                return i + 1, DateReading(year_rel=0)
    return None


SHAPES = (
    numeric_date,
    calendar_date,
    decade,
    reference_date,
    relative_date,
    period_date,
    set_date,
    anchored_date,
    weekend_date,
    holiday_date,
    day_part_date,
    duration_at,
    weekday_date,
    season_date,
    age_apposition,
)
