"""The reading of a date expression, and the parts dates are built from.

A :class:`DateReading` says what a matched expression means (a calendar date and its
parts, a relative offset, a duration, an age, a set) without resolving it; resolution
against the document date is :mod:`pipeline.grammar.timex`. The part readers below (a
year, a month, a day, a weekday, a season) each return ``(end token, partial reading)``;
the shapes of :mod:`pipeline.grammar.dates` combine them with :meth:`DateReading.plus`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from pipeline.grammar.numbers import number_at
from pipeline.grammar.stream import TokenStream
from pipeline.grammar.tokens import DASHES, Tok


@dataclass(frozen=True)
class DateReading:
    """What a date expression says, before it is resolved against a document date."""

    kind: str = "date"  # date | duration | age | set | ago (before the document date)
    # calendar parts
    year: int | None = None
    end_year: int | None = None  # 2017-2018
    year_word: bool = False  # written with a year word (2017 жылы) or as one
    year_rel: int | None = None  # биыл 0, былтыр -1, last year -1
    month: int | None = None
    month_ambiguous: bool = False  # the month name is also an ordinary word
    month_ending: str = ""
    month_context: bool = False  # the month is sure to be a month (a day, year, "ай")
    month_dir: int | None = None  # last December -1, next May +1
    day: int | None = None
    weekday: int | None = None  # 1 = Monday
    week_rel: int | None = None
    month_rel: int | None = None
    day_rel: int | None = None
    season: str | None = None  # SP SU FA WI
    decade: int | None = None  # 199 for the 1990s
    numeric: tuple[int, int, int] | None = None  # the fields of 06/27/2022, in text order
    sep: str = ""
    order: str | None = None  # YMD when the text fixes the order
    quarter: int | None = None  # the third quarter: 3 (with half: the first half, H1)
    half: int | None = None
    period_rel: int | None = None  # the latest quarter -1, this quarter 0 (unit in `unit`)
    century: int | None = None  # TIMEX3 century digits: 19 for the 20th century
    weekend: bool = False
    holiday: str | None = None  # a movable feast: "11-4-4" (4th Thursday of November), "easter"
    day_part: str | None = None  # a time of day: MO AF EV NI (Wednesday night)
    ref: str | None = None  # PRESENT_REF | PAST_REF | FUTURE_REF
    vague_ref: bool = False  # now, recently: not DATE in the project's spec (a setting)
    # durations, ages, sets, "ago"
    amount: float | None = None  # None: vague (several years, recent months)
    unit: str = ""
    more: tuple[tuple[float, str], ...] = ()  # үш жыл, бес ай: the (amount, unit)s after
    amount_max: float | None = None  # three to five years: 5
    quant: str | None = None  # EVERY (every week, жыл сайын)
    # relative to the narrative (a year later, the next day): offset from ``anchor``
    anchored: bool = False
    anchor: DateReading | None = None
    tense: int | None = None  # the sentence's tense: -1 past, +1 future (bare months, weekdays)
    mod: str | None = None  # TIMEX3 mod: START | MID | END | APPROX | MORE_THAN | LESS_THAN
    # after the expression
    part: str | None = None  # start | mid | end (2018 жылдың басынан)
    range_end: DateReading | None = None

    def plus(self, other: DateReading, **changes: Any) -> DateReading:
        """This reading with every field ``other`` sets (to a non-default value) taken from it."""
        taken = {
            f.name: getattr(other, f.name)
            for f in fields(self)
            if getattr(other, f.name) != f.default
        }
        return replace(self, **(taken | changes))

    @property
    def in_hours(self) -> bool:
        """A duration, set or offset counted in hours or minutes (48 hours, hourly)."""
        units = {self.unit} | {u for _, u in self.more}
        return bool(units & {"HR", "MIN"}) or self.day_part is not None

    @property
    def is_calendar(self) -> bool:
        """A date with a calendar part (a year, month, day, relative year or numeric date)."""
        return (
            self.year is not None
            or self.month is not None
            or self.day is not None
            or self.year_rel is not None
            or self.numeric is not None
        )


@dataclass(frozen=True)
class DateMatch:
    """A date expression over tokens ``[i, j)`` and characters ``[start, end)``."""

    i: int
    j: int
    start: int
    end: int
    reading: DateReading
    cut: int | None = None  # a range: the token index of its connector (2017-2019, 5-і мен 14-і)
    day_part_at: int | None = None  # the token index of a time of day that ends it (night)


Part = tuple[int, DateReading]


def valid_ymd(y: int, m: int, d: int) -> bool:
    try:
        _dt.date(y, m, d)
    except (ValueError, OverflowError):
        return False
    return True


def year_word_at(ts: TokenStream, j: int) -> tuple[int, str] | None:
    """A year word (жылы, жылдың, ж.) at ``j``: (end, ending)."""
    lex = ts.lex
    low = ts.word(j)
    if low is None or not ts.joined(j):
        return None
    end = lex.is_word_of(low, lex.year_words) if lex.year_words else None
    if end is not None:
        return j + 1, end
    if low in lex.year_abbr and j + 1 < ts.n and ts.toks[j + 1].text == "." and ts.glued(j + 1):
        return j + 2, ""
    return None


def year_abs(ts: TokenStream, i: int) -> Part | None:
    """2017 | 2017 жылы | 2017-ге дейін | 2017-2018 жылдары | екі мың он жетінші жылы."""
    lex = ts.lex
    t = ts.tok(i)
    if t is None:
        return None
    lo, hi = lex.year_range
    if t.kind == "word":
        if lex.spelled_years:
            return _spelled_year(ts, i)
        if not lex.year_words:
            return None
        expr = number_at(ts, i)
        if expr is None or expr.value is None or not expr.ordinal:
            return None
        yw = year_word_at(ts, expr.j)
        if yw is None or not lo <= expr.value <= hi:
            return None
        return yw[0], DateReading(year=int(expr.value), year_word=True)
    if t.kind != "num" or not re.fullmatch(r"\d{4}", t.num):
        return None
    year = int(t.num)
    if not lo <= year <= hi:
        return None
    j = i + 1
    if t.suf:
        unit = lex.unit_of(t.suf) if t.hyph else None
        if unit is not None and unit.unit == "Y" and unit.type != "age":
            if unit.plural:
                return None  # 1990-жылдары: a decade
            return j, DateReading(year=year, year_word=True)  # 2019-жылы
        kind, mod = lex.digit_suffix(t.suf)
        if kind == "ordinal":  # 2017-ші жылы
            yw = year_word_at(ts, j)
            if yw is None:
                return None
            unit = lex.unit_of(ts.word(j) or "")
            if unit is not None and unit.plural:
                return None
            return yw[0], DateReading(year=year, year_word=True)
        # 2017-ге дейін: a case ending and a year postposition; 2019-да, 2019-дағы
        if kind == "plain" and not mod and ts.ok(j) and ts.word(j) in lex.year_postpositions:
            return j, DateReading(year=year, year_word=True)
        if kind == "plain" and not mod and t.hyph and t.suf in lex.year_endings:
            return j, DateReading(year=year, year_word=True)
        return None
    end_year = None
    # 2017-2018, 2017–18
    if j + 1 < ts.n and ts.toks[j].text in DASHES and (ts.glued(j) or ts.joined(j)):
        u = ts.toks[j + 1]
        # the second year may carry an ordinal suffix before a year word (2018-інші жылдар)
        ordinal_end = bool(u.suf) and u.hyph and lex.digit_suffix(u.suf)[0] == "ordinal"
        ordinal_end = ordinal_end and year_word_at(ts, j + 2) is not None
        if u.kind == "num" and (ts.glued(j + 1) or ts.joined(j + 1)) and (not u.suf or ordinal_end):
            if re.fullmatch(r"\d{4}|\d{2}", u.num):
                y2 = int(u.num) if len(u.num) == 4 else (year // 100) * 100 + int(u.num)
                if year < y2 <= hi:
                    end_year = y2
                    j += 2
    year_word = False
    yw = year_word_at(ts, j)
    if yw is not None:
        unit = lex.unit_of(ts.word(j) or "")
        if unit is not None and unit.plural and end_year is None:
            return None  # 1990 жылдары: a decade
        year_word = True
        j = yw[0]
    return j, DateReading(year=year, end_year=end_year, year_word=year_word)


def rel_det_at(ts: TokenStream, i: int) -> tuple[int, int] | None:
    """A relative determiner at ``i`` (last, this past, өткен): (end, offset)."""
    e = ts.phrase_at(i, ts.lex.rel_det_phrases)
    if e is None:
        return None
    words = tuple(t.low for t in ts.toks[i:e])
    return e, ts.lex.rel_det[words]


def _spelled_year(ts: TokenStream, i: int) -> Part | None:
    """nineteen ninety-six (1996), nineteen eighty (1980): a teen word, then tens."""
    lex = ts.lex
    head = lex.number_word(ts.word(i) or "")
    if head is None or head.ordinal or head.kind not in ("teen", "ten") or not ts.ok(i + 1):
        return None
    if not 10 <= head.value <= 20:
        return None
    tail = ts.word(i + 1) or ""
    parts = [lex.number_word(p) for p in re.split(r"[-\u2010\u2011]", tail)]
    if not parts or any(p is None or p.ordinal for p in parts):
        return None
    if parts[0] is None or parts[0].kind != "ten":
        return None
    value = sum(p.value for p in parts if p is not None)
    if len(parts) > 2 or (len(parts) == 2 and (parts[1] is None or parts[1].kind != "unit")):
        return None
    year = int(head.value * 100 + value)
    lo, hi = lex.year_range
    return (i + 2, DateReading(year=year, year_word=True)) if lo <= year <= hi else None


def year_rel(ts: TokenStream, i: int) -> Part | None:
    """биыл | былтыр | биылғы жылы | өткен жылы | last year | this year."""
    lex = ts.lex
    low = ts.word(i)
    if low is None:
        return None
    hit = lex.split(low, lex.relative)
    if hit is not None and "year" in lex.relative[hit[0]]:
        j = i + 1
        nxt = ts.word(j)
        if nxt and ts.joined(j):
            u = lex.unit_of(nxt)
            if u is not None and u.unit == "Y" and not u.plural:
                j += 1
        return j, DateReading(year_rel=lex.relative[hit[0]]["year"])
    rd = rel_det_at(ts, i)
    if rd is not None:
        e, offset = rd
        nxt = ts.word(e)
        if nxt and ts.ok(e):
            u = lex.unit_of(nxt)
            if u is not None and u.unit == "Y" and not u.plural and u.type != "age":
                return e + 1, DateReading(year_rel=offset)
    return None


def month_at(ts: TokenStream, i: int) -> Part | None:
    """сәуір | сәуір айынан | сәуірінен | Қыркүйектің | December | Dec. | last December."""
    lex = ts.lex
    t = ts.tok(i)
    if t is None or t.kind != "word":
        return None
    month_dir = None
    context = False
    j = i
    rd = rel_det_at(ts, i)
    if rd is not None and ts.ok(rd[0]):
        nt = ts.tok(rd[0])
        got = lex.month_of(nt) if nt is not None else None
        if nt is not None and got is not None:
            # last May, this coming March: the determiner makes an ambiguous name a month
            month_dir = rd[1]
            context = True
            j = rd[0]
            t = nt
    got = lex.month_of(t)
    if got is not None:
        month, ending, ambiguous = got.month, got.ending, got.ambiguous
        j += 1
    elif t.low in lex.month_abbr and (not lex.month_capitalised or t.text[:1].isupper()):
        has_dot = j + 1 < ts.n and ts.toks[j + 1].text == "." and ts.glued(j + 1)
        if lex.abbr_dot_required and not has_dot:
            return None
        month, ending, ambiguous = lex.month_abbr[t.low], "", True
        j += 2 if has_dot else 1
    else:
        return None
    mw = ts.word(j)
    if mw and ts.joined(j) and lex.month_words:
        word_ending = lex.is_word_of(mw, lex.month_words)
        if word_ending is not None:
            context = True
            ending = word_ending
            j += 1
    reading = DateReading(
        month=month,
        month_ambiguous=ambiguous,
        month_ending=ending,
        month_context=context,
        month_dir=month_dir,
    )
    return j, reading


def day_at(ts: TokenStream, i: int) -> Part | None:
    """14 | 14-і | 12-сі күні | 14th | он төртінші | first."""
    lex = ts.lex
    t = ts.tok(i)
    if t is None:
        return None
    if t.kind == "num":
        if not re.fullmatch(r"\d{1,2}", t.num):
            return None
        day = int(t.num)
        if t.suf:
            kind, mod = lex.digit_suffix(t.suf)
            if kind == "bad" or mod:
                return None
        j = i + 1
    elif t.kind == "word":
        expr = number_at(ts, i)
        if expr is None or expr.value is None or expr.mod or expr.vague:
            return None
        if expr.value != int(expr.value):
            return None
        day = int(expr.value)
        j = expr.j
    else:
        return None
    if not 1 <= day <= 31:
        return None
    # the day word after a date (Қыркүйектің 12-сі күні) stays outside the span
    return j, DateReading(day=day)


@dataclass(frozen=True)
class WeekdayWord:
    end: int
    weekday: int
    ambiguous: bool
    plural: bool


def weekday_at(ts: TokenStream, i: int) -> WeekdayWord | None:
    """Monday | дүйсенбі күні | Mondays (plural: a set)."""
    lex = ts.lex
    t = ts.tok(i)
    if t is None or t.kind != "word" or not lex.weekdays:
        return None
    if lex.month_capitalised and not t.text[:1].isupper():
        return None
    hit = lex.split(t.low, lex.weekdays)
    if hit is None:
        return None
    j = i + 1  # the day word after (сенбі күні) stays outside the span
    plural = any(hit[1].startswith(p) for p in lex.plural_marks)
    return WeekdayWord(j, lex.weekdays[hit[0]], hit[0] in lex.weekday_ambiguous, plural)


def season_word_at(ts: TokenStream, j: int) -> tuple[int, str] | None:
    """A season word at ``j``: (end, TIMEX3 season code)."""
    lex = ts.lex
    low = ts.word(j)
    if not low or not lex.seasons:
        return None
    hit = lex.split(low, lex.seasons)
    if hit is None:
        return None
    return j + 1, lex.seasons[hit[0]]


def premod_month(ts: TokenStream, i: int) -> Part | None:
    """One hyphenated word: mid-October (premodifier + month), қаңтар-мамыр (a range)."""
    lex = ts.lex
    t = ts.tok(i)
    if t is None or t.kind != "word" or "-" not in t.low:
        return None
    head, rest = t.low.split("-", 1)
    k = len(head) + 1
    last = lex.month_of(Tok(t.start + k, t.end, t.text[k:], "word", rest))
    if last is None:
        return None
    month, range_end = last.month, None
    if head not in lex.premods:
        first = lex.month_of(Tok(t.start, t.start + len(head), t.text[: len(head)], "word", head))
        if first is None or first.ending:
            return None
        month, range_end = first.month, DateReading(month=last.month)
    ending = last.ending
    j = i + 1
    mw = ts.word(j)
    if mw and ts.ok(j) and lex.month_words:
        word_ending = lex.is_word_of(mw, lex.month_words)
        if word_ending is not None:
            ending = word_ending
            j += 1
    reading = DateReading(month=month, month_ending=ending, month_context=True, range_end=range_end)
    return j, reading


def day_after_month(ts: TokenStream, j: int, month: DateReading) -> Part | None:
    """A day right after a month: only after a month form that takes one (Қыркүйектің
    14-і, not маусымда 6), and for an ambiguous month only in digits."""
    lex = ts.lex
    if not ts.ok(j):
        return None
    if lex.month_day_endings is not None and month.month_ending not in lex.month_day_endings:
        return None
    d = day_at(ts, j)
    if d is not None and month.month_ambiguous and ts.toks[j].kind != "num":
        return None
    return d


def year_context(ts: TokenStream, i: int) -> bool:
    """A bare four-digit number at ``i`` reads as a year here (in 2017, 2017 to 2019)."""
    lex = ts.lex
    if i == 0 or not ts.joined(i):
        return False
    prev = ts.toks[i - 1]
    if prev.kind == "word" and prev.low in lex.year_context:
        return True
    if lex.year_context_possessive and prev.kind == "word" and prev.low.endswith("'s"):
        return True
    # the second year of a range or list: 2017 to 2019, 2017 and 2018, 1994, 1995
    if (prev.kind == "word" and prev.low in lex.range_connectors | {"and", "or", "to"}) or (
        prev.text == "," and ts.glued(i - 1)
    ):
        if i >= 2 and ts.toks[i - 2].kind == "num" and re.fullmatch(r"\d{4}", ts.toks[i - 2].num):
            return True
    return False


def sentence_tense(ts: TokenStream, i: int, j: int) -> int | None:
    """The tense of the sentence around tokens ``[i, j)``: -1 past, +1 future, None unknown.

    The nearest tense word (will, 'll, going to / was, said, a verb in -ed) on either side,
    within the sentence, decides; the date's own words do not count.
    """
    lex = ts.lex
    if not (lex.future_words or lex.past_words or lex.past_endings):
        return None

    def tense_at(k: int) -> int | None:
        t = ts.toks[k]
        if t.kind != "word":
            return None
        if ts.phrase_at(k, lex.future_words) is not None:
            return 1
        if t.low in lex.past_words or (len(t.low) > 4 and t.low.endswith(lex.past_endings)):
            return -1
        return None

    stops = {".", "!", "?", ";"}
    left: list[int] = []
    k = i - 1
    while k >= 0 and i - k <= 25 and ts.toks[k].text not in stops and ts.joined(k + 1):
        left.append(k)
        k -= 1
    right: list[int] = []
    k = j
    while k < ts.n and k - j < 25 and ts.toks[k].text not in stops and ts.joined(k):
        right.append(k)
        k += 1
    for dist in range(max(len(left), len(right))):
        for side in (left, right):
            if dist < len(side):
                got = tense_at(side[dist])
                if got is not None:
                    return got
    return None
