"""TIMEX3 values: a :class:`DateReading` resolved against the document date.

``Қыркүйектің 14-і`` -> ``2018-09-14`` for a 2018 document and ``XXXX-09-14`` with none;
``Былтыр`` -> the year before; ``екі жылдан бері`` -> ``P2Y``; ``5 жыл бұрын`` -> five
years before the document date; ``three years later`` -> three years after the date the
narrative is at (the reading's anchor); ``three to five years`` -> ``PXY`` with ``min``
``P3Y`` and ``max`` ``P5Y``. A part that cannot be known stays X-filled.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace
from typing import Any

from pipeline.grammar.date_parts import DateReading, valid_ymd
from pipeline.grammar.lexicon import Lexicon
from pipeline.grammar.numbers import as_number

_TIME_UNITS = {"HR": "H", "MIN": "M"}
_DATE_UNITS = ("Y", "Q", "M", "W", "D")
_PARTS = {"start": "START", "mid": "MID", "end": "END"}
_MAX_DEPTH = 10


@dataclass(frozen=True)
class DateValue:
    """A resolved date: TIMEX3 ``value``, the project's ``type`` and the optional keys."""

    value: str
    type: str  # date | duration | age | set
    mod: str | None = None
    min: str | None = None
    max: str | None = None
    quant: str | None = None

    def norm(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "type": self.type}
        for key in ("mod", "min", "max", "quant"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


def parse_doc_date(doc_date: Any) -> tuple[int | None, int | None, int | None]:
    """``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` (or a date) -> (year, month, day), Nones if unknown."""
    if isinstance(doc_date, _dt.date):
        return doc_date.year, doc_date.month, doc_date.day
    if not isinstance(doc_date, str):
        return None, None, None
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", doc_date)
    if not m:
        return None, None, None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    if mo is not None and not 1 <= mo <= 12:
        return y, None, None
    if d is not None and (mo is None or not valid_ymd(y, mo, d)):
        d = None
    return y, mo, d


def duration_value(
    amount: float | None, unit: str, more: tuple[tuple[float, str], ...] = ()
) -> str:
    """``P3Y``, ``P3Y5M``, ``PT48H``, ``PT1H30M``, ``PXY``; a decade or century counted in years."""
    if amount is None:
        return f"PTX{_TIME_UNITS[unit]}" if unit in _TIME_UNITS else f"PX{unit}"
    parts = [(amount, unit), *more]
    date_part, time_part = "", ""
    for value, u in parts:
        if u == "DE":
            value, u = value * 10, "Y"
        elif u == "CE":
            value, u = value * 100, "Y"
        if u in _TIME_UNITS:
            whole = int(value)
            time_part += f"{whole}{_TIME_UNITS[u]}" if whole else ""
            rest = round((value - whole) * 60, 6)
            if rest:  # an hour and a half: PT1H30M
                time_part += f"{as_number(rest)}{'M' if u == 'HR' else 'S'}"
        else:
            date_part += f"{as_number(value)}{u}"
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def numeric_order_of(reading: DateReading, lex: Lexicon | None, hint: str | None) -> str:
    """The field order of a numeric date: explicit, forced by a field above 12, hint, default."""
    if reading.order:
        return reading.order
    assert reading.numeric is not None
    a, b, _ = reading.numeric
    if a > 12 >= b:
        return "DMY"
    if b > 12 >= a:
        return "MDY"
    if hint in ("DMY", "MDY"):
        return hint
    default = lex.numeric_orders.get(reading.sep or "/", "MDY") if lex else "MDY"
    return default if default in ("DMY", "MDY") else "MDY"


def resolve(
    reading: DateReading,
    doc_date: Any,
    lex: Lexicon | None = None,
    numeric_order: str | None = None,
    _depth: int = 0,
) -> DateValue | None:
    """The TIMEX3 value of ``reading`` against ``doc_date``; ``None`` when it has none."""
    if reading.ref is not None:
        return DateValue(reading.ref, "date")
    kind = reading.kind
    if kind == "set":
        return DateValue(_set_value(reading), "set", quant=reading.quant)
    if kind in ("duration", "age"):
        if reading.amount_max is not None and reading.amount is not None:
            return DateValue(
                duration_value(None, reading.unit),
                kind,
                reading.mod,
                duration_value(reading.amount, reading.unit),
                duration_value(reading.amount_max, reading.unit),
            )
        value = duration_value(reading.amount, reading.unit, reading.more)
        return DateValue(value, kind, reading.mod)
    if reading.range_end is not None or reading.end_year is not None:
        return _range_value(reading, doc_date, lex, numeric_order, _depth)
    value = _date_value(reading, doc_date, lex, numeric_order, _depth)
    if value is None:
        return None
    mod = reading.mod or (_PARTS.get(reading.part) if reading.part else None)
    if reading.day_part is not None:  # Wednesday night: a TIMEX3 TIME
        return DateValue(f"{value}T{reading.day_part}", "time", mod)
    return DateValue(value, "date", mod)


def _set_value(r: DateReading) -> str:
    if r.weekday is not None:
        return f"XXXX-WXX-{r.weekday}"
    if r.month is not None:
        return f"XXXX-{r.month:02d}"
    if r.season is not None:
        return f"XXXX-{r.season}"
    if r.weekend:
        return "XXXX-WXX-WE"
    return duration_value(r.amount if r.amount is not None else 1, r.unit)


def _range_value(
    reading: DateReading, doc_date: Any, lex: Lexicon | None, order: str | None, depth: int
) -> DateValue | None:
    """A range of dates: X where the ends differ (2018-08-XX), with ``min`` and ``max``."""
    first = replace(reading, range_end=None, end_year=None, mod=None, part=None)
    if reading.end_year is not None:
        second = replace(first, year=reading.end_year)
    else:
        assert reading.range_end is not None
        second = first.plus(replace(reading.range_end, range_end=None))
    lo = _date_value(first, doc_date, lex, order, depth)
    hi = _date_value(second, doc_date, lex, order, depth)
    if lo is None:
        return None
    if hi is None or hi == lo:
        return DateValue(lo, "date", reading.mod)
    lo_parts, hi_parts = lo.split("-"), hi.split("-")
    if len(lo_parts) != len(hi_parts):
        return DateValue(lo, "date", reading.mod, lo, hi)
    out, differ = [], False
    for a, b in zip(lo_parts, hi_parts, strict=True):
        differ = differ or a != b
        out.append("X" * len(a) if differ else a)
    return DateValue("-".join(out), "date", reading.mod, lo, hi)


def _date_value(
    r: DateReading, doc_date: Any, lex: Lexicon | None, order: str | None, depth: int
) -> str | None:
    dy, dm, dd = parse_doc_date(doc_date)
    if r.kind == "ago":
        anchor = _anchor_quarter(r, doc_date, lex, depth)
        if anchor is not None and r.unit == "Y" and r.amount is not None:
            y, q = anchor
            return f"{y - int(r.amount):04d}-Q{q}"
        return _ago_value(r, dy, dm, dd)
    if r.anchored:
        return _anchored_value(r, doc_date, lex, depth)
    if r.numeric is not None:
        f = r.numeric
        how = numeric_order_of(r, lex, order)
        y, m, d = f if how == "YMD" else (f[2], f[1], f[0]) if how == "DMY" else (f[2], f[0], f[1])
        return f"{y:04d}-{m:02d}-{d:02d}" if valid_ymd(y, m, d) else None
    if r.decade is not None:
        return str(r.decade)
    if r.century is not None:
        return f"{r.century:02d}"
    if r.unit in ("DE", "CE") and r.period_rel is not None:
        if dy is None:
            return "XXX" if r.unit == "DE" else "XX"
        return str(dy // 10 + r.period_rel) if r.unit == "DE" else f"{dy // 100 + r.period_rel:02d}"
    if r.quarter is not None or r.half is not None:
        return _quarter_value(r, dy, dm)
    if r.unit == "Q" and r.period_rel is not None:
        if dy is None or dm is None:
            return "XXXX-QX"
        total = dy * 4 + (dm - 1) // 3 + r.period_rel
        return f"{total // 4:04d}-Q{total % 4 + 1}"
    if r.weekend:
        return _week_value(r, dy, dm, dd, weekend=True)
    if r.day_rel is not None:
        off = r.day_rel
        if dy and dm and dd:
            return (_dt.date(dy, dm, dd) + _dt.timedelta(days=off)).isoformat()
        if off == 0 and dy:
            return f"{dy:04d}" + (f"-{dm:02d}" if dm else "")
        return "XXXX-XX-XX"
    if r.week_rel is not None and r.weekday is None:
        return _week_value(r, dy, dm, dd)
    if r.month_rel is not None:
        if dy and dm:
            total = dy * 12 + (dm - 1) + r.month_rel
            return f"{total // 12:04d}-{total % 12 + 1:02d}"
        return f"{dy:04d}-XX" if dy and r.month_rel == 0 else "XXXX-XX"
    if r.weekday is not None and r.month is None:
        wd = r.weekday
        if dy and dm and dd:
            base = _dt.date(dy, dm, dd) + _dt.timedelta(weeks=r.week_rel or 0)
            if r.tense == 1 and r.week_rel is None:
                return (base + _dt.timedelta(days=(wd - base.isoweekday()) % 7)).isoformat()
            back = (base.isoweekday() - wd) % 7
            return (base - _dt.timedelta(days=back)).isoformat()
        return f"XXXX-WXX-{wd}"
    return _calendar_value(r, dy, dm)


def _week_value(
    r: DateReading, dy: int | None, dm: int | None, dd: int | None, weekend: bool = False
) -> str:
    suffix = "-WE" if weekend else ""
    if not (dy and dm and dd):
        this_year = dy is not None and (r.week_rel or 0) == 0
        return (f"{dy:04d}" if this_year else "XXXX") + "-WXX" + suffix
    rel = r.week_rel
    day = _dt.date(dy, dm, dd)
    if rel is None:
        # the weekend in a past sentence, written on a weekday: the one before
        rel = -1 if weekend and r.tense == -1 and day.isoweekday() < 6 else 0
    iso = (day + _dt.timedelta(weeks=rel)).isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}{suffix}"


def _quarter_value(r: DateReading, dy: int | None, dm: int | None) -> str:
    """2018-Q3, 1990-H1: the year from the text, or the document's year by the tense."""
    n, letter, per_year = (r.quarter, "Q", 4) if r.quarter is not None else (r.half, "H", 2)
    assert n is not None
    year = r.year
    if year is None and r.year_rel is not None and dy is not None:
        year = dy + r.year_rel
    if year is None and dy is not None:
        year = dy
        if dm is not None:
            now = (dm - 1) * per_year // 12 + 1
            if r.tense == -1 and n > now:
                year = dy - 1
            elif r.tense == 1 and n < now:
                year = dy + 1
            elif r.tense is None and n > now + 1:
                year = dy - 1
    if year is not None and r.period_rel and letter == "Q":  # the year-ago third quarter
        total = year * 4 + n - 1 + r.period_rel
        year, n = total // 4, total % 4 + 1
    ytxt = f"{year:04d}" if year is not None else "XXXX"
    return f"{ytxt}-{letter}{n}"


def _calendar_value(r: DateReading, dy: int | None, dm: int | None) -> str | None:
    """A year (absolute or relative), month, day or season."""
    year = r.year
    month = r.month
    if year is None and r.year_rel is not None:
        year = dy + r.year_rel if dy else None
    elif year is None and r.season and dy:
        year = dy
    elif year is None and month is not None and dy:
        year = dy
        direction = r.month_dir
        if direction and dm:
            if direction < 0 and month >= dm:
                year = dy - 1
            elif direction > 0 and month <= dm:
                year = dy + 1
        elif dm and r.tense == -1 and month - dm > 2:
            # told in the past, a month more than two after the publication month: last year's
            year = dy - 1
        elif dm and r.tense == 1 and month < dm:
            year = dy + 1
        elif dm and r.tense is None and month - dm > 6:
            year = dy - 1  # a month well after the publication month: last year's
    ytxt = f"{year:04d}" if year is not None else "XXXX"
    if r.season:
        return f"{ytxt}-{r.season}"
    if month is None:
        if year is None and r.year is None and r.year_rel is None:
            return None
        return ytxt
    if r.holiday is not None:
        if year is None:
            return f"{ytxt}-{int(month):02d}-XX" if r.holiday != "easter" else "XXXX-XX-XX"
        month, day = holiday_in(r.holiday, year)
        return f"{ytxt}-{month:02d}-{day:02d}"
    value = f"{ytxt}-{int(month):02d}"
    if r.day:
        value += f"-{int(r.day):02d}"
    return value


def holiday_in(rule: str, year: int) -> tuple[int, int]:
    """(month, day) of a movable feast in ``year``: ``easter`` or ``MM-N-WD`` (the Nth, or
    with N = -1 the last, ISO weekday WD of month MM)."""
    if rule == "easter":  # the anonymous Gregorian algorithm
        a, b, c = year % 19, year // 100, year % 100
        d, e = divmod(b, 4)
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = divmod(c, 4)
        m = (32 + 2 * e + 2 * i - h - k) % 7
        n = (a + 11 * h + 19 * m) // 433
        month = (h + m - 7 * n + 90) // 25
        return month, (h + m - 7 * n + 33 * month + 19) % 32
    mm, nth, wd = rule.split("-") if not rule.count("--") else (rule[:2], "-1", rule[-1])
    month, n, weekday = int(mm), int(nth), int(wd)
    if n > 0:
        first = _dt.date(year, month, 1)
        day = 1 + (weekday - first.isoweekday()) % 7 + 7 * (n - 1)
        return month, day
    nxt = _dt.date(year + month // 12, month % 12 + 1, 1) - _dt.timedelta(days=1)
    return month, nxt.day - (nxt.isoweekday() - weekday) % 7


def _anchor_values(r: DateReading, doc_date: Any, lex: Lexicon | None, depth: int) -> list[str]:
    """The resolved values of the dates before ``r`` (nearest first), up to a few."""
    out = []
    a = r.anchor
    while a is not None and depth + len(out) < _MAX_DEPTH:
        v = resolve(a, doc_date, lex, None, depth + 1)
        if v is not None:
            out.append(v.value)
        a = a.anchor if a.anchored or a.unit == "Q" else None
    return out


def _anchor_quarter(
    r: DateReading, doc_date: Any, lex: Lexicon | None, depth: int
) -> tuple[int, int] | None:
    """The quarter the text is about (the nearest quarter before ``r``), if any."""
    for value in _anchor_values(r, doc_date, lex, depth)[:1]:
        m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
        if m:
            return int(m.group(1)), int(m.group(2))
    return None


def _anchored_value(r: DateReading, doc_date: Any, lex: Lexicon | None, depth: int) -> str:
    """that day, the next day, three years later, the quarter: from the date before."""
    dy, dm, dd = parse_doc_date(doc_date)
    offset = r.period_rel
    if r.unit == "Q":
        got = _anchor_quarter(r, doc_date, lex, depth)
        if got is None:
            if dy is None or dm is None:
                return "XXXX-QX"
            # no quarter named before: the one just reported (before the document date's)
            now = dy * 4 + (dm - 1) // 3
            got = divmod(now - (0 if r.tense == 1 else 1), 4)
            got = (got[0], got[1] + 1)
        if r.year is not None:  # the 1988 period: that year's quarter of the one discussed
            got = (r.year, got[1])
        total = got[0] * 4 + got[1] - 1 + (offset or 0)
        return f"{total // 4:04d}-Q{total % 4 + 1}"
    values = _anchor_values(r, doc_date, lex, depth)
    base = values[0] if values else None
    if base is None:
        base = (
            f"{dy:04d}" + (f"-{dm:02d}" if dm else "") + (f"-{dd:02d}" if dm and dd else "")
            if dy
            else None
        )
    return _shift(base, r.unit, offset)


def _shift(base: str | None, unit: str, offset: int | float | None) -> str:
    """``base`` moved by ``offset`` units, at that unit's granularity (X where unknown)."""
    blank = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX"}.get(unit, "XXXX")
    if base is None or offset is None or offset != int(offset):
        return blank
    n = int(offset)
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4]))?", base)
    if m is None:
        return blank
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    if m.group(4) and unit == "Y":
        return f"{y + n:04d}-Q{m.group(4)}"  # a year earlier than a quarter: that quarter
    if unit == "Y":
        return f"{y + n:04d}"
    if unit == "M":
        if mo is None:
            return f"{y:04d}-XX"
        total = y * 12 + mo - 1 + n
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if mo is None or d is None:
        return f"{y:04d}" + (f"-{mo:02d}" if mo else "-XX") + ("-XX" if unit == "D" else "")
    try:
        day = _dt.date(y, mo, d) + _dt.timedelta(days=n * (7 if unit == "W" else 1))
    except OverflowError:
        return blank
    if unit == "W":
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return day.isoformat()


def _ago_value(r: DateReading, dy: int | None, dm: int | None, dd: int | None) -> str:
    amount, unit = r.amount, r.unit
    try:
        n = int(amount) if amount is not None and amount == int(amount) else None
    except (TypeError, ValueError, OverflowError):
        n = None
    if n is None or dy is None:
        return {"Y": "XXXX", "M": "XXXX-XX", "DE": "XXXX", "CE": "XXXX"}.get(unit, "XXXX-XX-XX")
    if unit == "Y":
        return f"{dy - n:04d}"
    if unit == "DE":
        return f"{dy - 10 * n:04d}"
    if unit == "CE":
        return f"{dy - 100 * n:04d}"
    if unit == "Q":
        if dm is None:
            return "XXXX-QX"
        total = dy * 4 + (dm - 1) // 3 - n
        return f"{total // 4:04d}-Q{total % 4 + 1}"
    if unit == "M":
        if dm is None:
            return "XXXX-XX"
        total = dy * 12 + dm - 1 - n
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if unit in ("HR", "MIN"):
        return f"{dy:04d}-{dm:02d}-{dd:02d}" if dm and dd else "XXXX-XX-XX"
    if dm is None or dd is None:
        return "XXXX-XX-XX"
    days = n * (7 if unit == "W" else 1)
    try:
        return (_dt.date(dy, dm, dd) - _dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return "XXXX-XX-XX"
