"""TIMEX3 values: a :class:`DateReading` resolved against the document date.

``Қыркүйектің 14-і`` -> ``2018-09-14`` for a 2018 document and ``XXXX-09-14`` with none;
``Былтыр`` -> the year before; ``екі жылдан бері`` -> ``P2Y``; ``5 жыл бұрын`` -> five
years before the document date. A part that cannot be known stays X-filled.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from pipeline.grammar.date_parts import DateReading, valid_ymd
from pipeline.grammar.lexicon import Lexicon
from pipeline.grammar.numbers import as_number


@dataclass(frozen=True)
class DateValue:
    """A resolved date: TIMEX3 ``value`` and the project's ``type``."""

    value: str
    type: str  # date | duration | age | set

    def norm(self) -> dict[str, Any]:
        return {"value": self.value, "type": self.type}


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


def duration_value(amount: float | None, unit: str) -> str:
    if amount is None:
        return f"PX{unit}"
    return f"P{as_number(amount)}{unit}"


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
) -> DateValue | None:
    """The TIMEX3 value of ``reading`` against ``doc_date``; ``None`` when it has none."""
    kind = reading.kind
    if kind in ("duration", "age", "set"):
        return DateValue(duration_value(reading.amount, reading.unit), kind)
    dy, dm, dd = parse_doc_date(doc_date)
    if kind == "ago":
        return DateValue(_ago_value(reading, dy, dm, dd), "date")
    if reading.numeric is not None:
        order = numeric_order_of(reading, lex, numeric_order)
        f = reading.numeric
        if order == "YMD":
            y, m, d = f
        elif order == "DMY":
            d, m, y = f
        else:
            m, d, y = f
        if not valid_ymd(y, m, d):
            return None
        return DateValue(f"{y:04d}-{m:02d}-{d:02d}", "date")
    if reading.decade is not None:
        return DateValue(str(reading.decade), "date")
    if reading.day_rel is not None:
        off = reading.day_rel
        if dy and dm and dd:
            day = _dt.date(dy, dm, dd) + _dt.timedelta(days=off)
            return DateValue(day.isoformat(), "date")
        if off == 0 and dy:
            return DateValue(f"{dy:04d}" + (f"-{dm:02d}" if dm else ""), "date")
        return DateValue("XXXX-XX-XX", "date")
    if reading.week_rel is not None and reading.weekday is None:
        if dy and dm and dd:
            day = _dt.date(dy, dm, dd) + _dt.timedelta(weeks=reading.week_rel)
            iso = day.isocalendar()
            return DateValue(f"{iso[0]:04d}-W{iso[1]:02d}", "date")
        return DateValue("XXXX-WXX", "date")
    if reading.month_rel is not None:
        if dy and dm:
            total = dy * 12 + (dm - 1) + reading.month_rel
            return DateValue(f"{total // 12:04d}-{total % 12 + 1:02d}", "date")
        return DateValue("XXXX-XX", "date")
    if reading.weekday is not None and reading.month is None:
        wd = reading.weekday
        if dy and dm and dd:
            base = _dt.date(dy, dm, dd) + _dt.timedelta(weeks=reading.week_rel or 0)
            back = (base.isoweekday() - wd) % 7
            return DateValue((base - _dt.timedelta(days=back)).isoformat(), "date")
        return DateValue(f"XXXX-WXX-{wd}", "date")
    return _calendar_value(reading, dy, dm)


def _calendar_value(reading: DateReading, dy: int | None, dm: int | None) -> DateValue | None:
    """A year (absolute or relative), month, day or season."""
    year = reading.year
    month = reading.month
    if year is None and reading.year_rel is not None:
        year = dy + reading.year_rel if dy else None
    elif year is None and reading.season and dy:
        year = dy
    elif year is None and month is not None and dy:
        year = dy
        direction = reading.month_dir
        if direction and dm:
            if direction < 0 and month >= dm:
                year = dy - 1
            elif direction > 0 and month <= dm:
                year = dy + 1
        elif dm and month - dm > 6:
            year = dy - 1  # a month well after the publication month: last year's
    ytxt = f"{year:04d}" if year is not None else "XXXX"
    if reading.season:
        return DateValue(f"{ytxt}-{reading.season}", "date")
    if month is None:
        if year is None and reading.year is None and reading.year_rel is None:
            return None
        return DateValue(ytxt, "date")
    value = f"{ytxt}-{int(month):02d}"
    if reading.day:
        value += f"-{int(reading.day):02d}"
    return DateValue(value, "date")


def _ago_value(reading: DateReading, dy: int | None, dm: int | None, dd: int | None) -> str:
    amount, unit = reading.amount, reading.unit
    try:
        n = int(amount) if amount is not None else None
    except (TypeError, ValueError, OverflowError):
        n = None
    if n is None or dy is None:
        return {"Y": "XXXX", "M": "XXXX-XX"}.get(unit, "XXXX-XX-XX")
    if unit == "Y":
        return f"{dy - n:04d}"
    if unit == "DE":
        return f"{dy - 10 * n:04d}"
    if unit == "CE":
        return f"{dy - 100 * n:04d}"
    if unit == "M":
        if dm is None:
            return "XXXX-XX"
        total = dy * 12 + dm - 1 - n
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if dm is None or dd is None:
        return "XXXX-XX-XX"
    days = n * (7 if unit == "W" else 1)
    try:
        return (_dt.date(dy, dm, dd) - _dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return "XXXX-XX-XX"
