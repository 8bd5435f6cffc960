"""Durations, ages and sets: ``310 days``, ``екі жылдан бері``, ``3-year-old``, ``жыл сайын``.

Also what a duration becomes with the words around it: ``five years ago`` (a date before
the document date), ``three years later`` (a date after the one the narrative is at),
``three to five years`` (a range), ``үш жыл, бес ай`` (one duration, P3Y5M), ``more than a
month`` (a qualified duration), ``years`` on its own (a vague one, PXY).
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.grammar.date_parts import DateReading, Part
from pipeline.grammar.numbers import Accumulator, number_at, parse_digits
from pipeline.grammar.stream import TokenStream

# Units in the order a compound duration writes them (үш жыл, бес ай; two hours, 30 minutes).
UNIT_ORDER = ("CE", "DE", "Y", "Q", "M", "W", "D", "HR", "MIN")


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
        if not strict or after_mod or (ts.joined(i) and ts.phrase_before(i, lex.article_triggers)):
            return i + 1, 1
        # "a year ago", "a year earlier": the word after the unit decides (see duration_at)
        return i + 1, -1.0
    expr = number_at(ts, i)
    if expr is None or expr.ordinal or expr.vague or expr.ending:
        return None
    value = expr.value if expr.value is not None else expr.vmin
    if value is None:
        return None
    return expr.j, value


def _mod_phrase(ts: TokenStream, i: int) -> tuple[int, str | None] | None:
    """A duration modifier at ``i`` (more than, the past, соңғы): (end, its mod)."""
    e = ts.phrase_at(i, ts.lex.dur_mods)
    if e is None or not ts.ok(e):
        return None
    return e, ts.lex.dur_mod_of[tuple(t.low for t in ts.toks[i:e])]


def duration_at(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """[modifier] amount unit [old|ago|later] — 310 days, the past 500 days, екі жылдан бері."""
    lex = ts.lex
    low = ts.word(i)
    got = _age_before(ts, i) or _age_verb(ts, i)
    if got is not None:
        return got
    # recent months, соңғы жылдары
    if low in lex.recent and ts.ok(i + 1):
        u = lex.unit_of(ts.word(i + 1) or "")
        if u is not None and u.plural and u.type != "age":
            return i + 2, DateReading(kind="duration", amount=None, unit=u.unit)
    # every year, әр жылы; жыл сайын
    if low in lex.set_before and ts.ok(i + 1):
        u = lex.unit_of(ts.word(i + 1) or "")
        if u is not None and not u.plural and u.type != "age":
            return i + 2, DateReading(kind="set", amount=1, unit=u.unit, quant="EVERY")
    u = lex.unit_of(low) if low else None
    if u is not None and u.ending == "" and ts.ok(i + 1):
        nxt = ts.word(i + 1)
        if nxt in lex.set_after:
            return i + 1, DateReading(kind="duration", amount=1, unit=u.unit)
        if nxt in lex.duration_postpositions and u.type != "age":
            return i + 2, DateReading(kind="duration", amount=1, unit=u.unit)
    j, after_mod, mod = i, False, None
    mp = _mod_phrase(ts, i)
    if mp is not None:
        j, mod = mp
        after_mod = True
        # the past week, соңғы айда: a modifier + a bare unit
        u = lex.unit_of(ts.word(j) or "")
        if u is not None and u.type != "age":
            amount = None if u.plural else 1
            return j + 1, DateReading(kind="duration", amount=amount, unit=u.unit, mod=mod)
    hy = hyphen_unit_at(ts, j)
    if hy is not None:
        return hy[0], hy[1].plus(DateReading(mod=mod))
    got_amount = amount_at(ts, j, strict, after_mod)
    if got_amount is None:
        return _bare_unit(ts, i) if j == i else None
    k, amount = got_amount
    article_only = amount == -1.0  # "a" + unit: a date only before ago / later / earlier
    if article_only:
        amount = 1
    amount_max = None
    # a range of amounts: 5-6 жыл, 5 to 6 years, three to five years, a year or two
    conn = ts.tok(k)
    if conn is not None and amount is not None and conn.low in lex.duration_range_connectors:
        if ts.joined(k) or ts.glued(k):
            b = number_at(ts, k + 1)
            if b is not None and b.value is not None and b.value > amount and not b.ordinal:
                k, amount_max = b.j, b.value
    if ts.ok(k) and ts.word(k) in lex.amount_approx:
        k += 1
    link = ts.phrase_at(k, lex.amount_unit_links) if ts.ok(k) and amount is not None else None
    if link is not None and ts.ok(link):
        u = lex.unit_of(ts.word(link) or "")
        if u is not None and u.plural and u.type == "duration":
            k = link  # six of those months
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
    k += 1
    # a year or two, a week or so: a second amount after the unit
    if amount is not None and amount_max is None and ts.ok(k) and ts.ok(k + 1):
        if ts.word(k) in lex.duration_range_connectors:
            b = number_at(ts, k + 1)
            if b is not None and b.value is not None and b.value > amount and not b.ordinal:
                if not (ts.ok(b.j) and lex.unit_of(ts.word(b.j) or "")):
                    k, amount_max, article_only = b.j, b.value, False
    reading = DateReading(
        kind=unit.type, amount=amount, unit=unit.unit, amount_max=amount_max, mod=mod
    )
    nxt = ts.word(k) if ts.ok(k) else None
    if nxt in lex.age_after:
        return k + 1, reading.plus(DateReading(kind="age"))
    if nxt in lex.ago:
        if amount is None:
            return k + 1, DateReading(ref="PAST_REF")
        return k + 1, reading.plus(DateReading(kind="ago"))
    if nxt in lex.narrative_after and nxt is not None:
        sign = lex.narrative_after[nxt]
        offset = None if amount is None or amount_max is not None else sign * amount
        return k + 1, DateReading(anchored=True, unit=unit.unit, period_rel=offset, amount=amount)
    if article_only:
        return None
    e = ts.phrase_at(k, lex.half_after) if amount is not None and ts.ok(k) else None
    if e is not None and reading.amount_max is None:  # an hour and a half
        reading = replace(reading, amount=(reading.amount or 0) + 0.5)
        k = e
        nxt = ts.word(k) if ts.ok(k) else None
    if unit.ending and nxt in lex.dur_mod_verbs:
        reading = reading.plus(DateReading(mod=lex.dur_mod_verbs[nxt]))
    return _compound(ts, k, reading)


def _compound(ts: TokenStream, k: int, reading: DateReading) -> Part:
    """үш жыл, бес ай (P3Y5M): a smaller unit after a comma or ``and`` joins the duration."""
    lex = ts.lex
    if reading.kind not in ("duration", "age") or reading.amount is None or reading.amount_max:
        return k, reading
    more: list[tuple[float, str]] = []
    last = reading.unit
    while True:
        m = k
        if m < ts.n and ts.toks[m].text == "," and ts.glued(m):
            m += 1
        elif ts.word(m) in lex.compound_joiners and ts.ok(m):
            m += 1
        else:
            break
        if not ts.ok(m):
            break
        got = amount_at(ts, m, True, True)
        if got is None or got[1] is None or not ts.ok(got[0]):
            break
        u = lex.unit_of(ts.word(got[0]) or "")
        if u is None or u.type != "duration" or u.unit not in UNIT_ORDER or last not in UNIT_ORDER:
            break
        if UNIT_ORDER.index(u.unit) <= UNIT_ORDER.index(last):
            break
        more.append((got[1], u.unit))
        last = u.unit
        k = got[0] + 1
    if more:
        reading = reading.plus(DateReading(more=tuple(more)))
    return k, reading


def _bare_unit(ts: TokenStream, i: int) -> Part | None:
    """years, months, weeks on their own: a vague duration (PXY) — not after a determiner
    (the years) nor before ``of age``, ``old``, ``ago``."""
    lex = ts.lex
    low = ts.word(i)
    if not low or not lex.bare_units_not_before and not lex.bare_units_not_after:
        return None
    for suffix in lex.bare_unit_suffixes:  # yearslong, decades-long
        if low.endswith(suffix) and len(low) > len(suffix):
            low = low[: -len(suffix)]
            break
    u = lex.unit_of(low)
    if (
        u is None
        or not u.plural
        or u.type == "age"
        or u.unit not in ("Y", "M", "W", "D", "DE", "CE")
    ):
        return None
    if u.ending not in lex.plural_marks and u.ending:
        return None  # an inflected Kazakh plural (жылдары) is read with its year
    if i > 0 and ts.joined(i):
        prev = ts.toks[i - 1]
        if prev.low in lex.bare_units_not_after or prev.kind == "num":
            return None
        if lex.number_word(prev.low) is not None:
            return None
    if ts.ok(i + 1) and ts.phrase_at(i + 1, lex.bare_units_not_before) is not None:
        return None
    return i + 1, DateReading(kind="duration", amount=None, unit=u.unit)


def _age_before(ts: TokenStream, i: int) -> Part | None:
    """at the age of 62, aged 62, Жас шамасы 40-тағы (about 40)."""
    lex = ts.lex
    e = ts.phrase_at(i, lex.age_before)
    if e is None or not ts.ok(e):
        return None
    mod = lex.age_before_mod[tuple(t.low for t in ts.toks[i:e])]
    expr = number_at(ts, e)
    if expr is None or expr.value is None or expr.ordinal:
        return None
    if expr.ending and not lex.case_of(expr.ending, "locative"):
        return None
    if ts.ok(expr.j) and lex.unit_of(ts.word(expr.j) or ""):
        return None
    return expr.j, DateReading(kind="age", amount=expr.value, unit="Y", mod=mod)


def _age_verb(ts: TokenStream, i: int) -> Part | None:
    """Жетпіске келіп қалған: a number in the dative before an age verb (the verb outside)."""
    lex = ts.lex
    if not lex.age_verbs:
        return None
    expr = number_at(ts, i)
    if expr is None or expr.value is None or expr.ordinal or expr.vague:
        return None
    if not expr.ending or not ts.ok(expr.j) or not 1 <= expr.value <= 120:
        return None
    if lex.case_of(expr.ending, "dative"):
        e = ts.phrase_at(expr.j, lex.age_verbs)
        if e is None:
            return None
        mod = lex.age_verb_mod[tuple(t.low for t in ts.toks[expr.j : e])]
        return expr.j, DateReading(kind="age", amount=expr.value, unit="Y", mod=mod)
    # жасы сексеннен асқан "his age is over eighty": an ablative number, a comparative
    # verb, and the word for age shortly before (without it, "мыңнан асқан" is a count)
    if lex.case_of(expr.ending, "ablative"):
        e = ts.phrase_at(expr.j, lex.age_verbs_ablative)
        if e is None or not any(ts.word(k) in lex.age_words for k in range(max(0, i - 3), i)):
            return None
        mod = lex.age_verb_ablative_mod[tuple(t.low for t in ts.toks[expr.j : e])]
        return expr.j, DateReading(kind="age", amount=expr.value, unit="Y", mod=mod)
    return None


def age_apposition(ts: TokenStream, i: int, strict: bool) -> Part | None:
    """Qalybek Tursynbaiuly, 54, was detained: a number between commas after a name."""
    lex = ts.lex
    if not lex.age_apposition:
        return None
    t = ts.tok(i)
    if t is None or t.kind != "num" or t.suf or not re.fullmatch(r"\d{1,3}", t.num):
        return None
    if not 1 <= int(t.num) <= 120 or i < 2:
        return None
    comma, name = ts.toks[i - 1], ts.toks[i - 2]
    if comma.text != "," or not ts.glued(i - 1) or not ts.joined(i):
        return None
    if name.kind != "word" or not name.text[:1].isupper():
        return None
    if lex.month_of(name) is not None or name.low in lex.weekdays:
        return None  # March 3, 2020 / Monday, 5
    after = ts.tok(i + 1)
    if after is None or after.text != "," or not ts.glued(i + 1):
        return None
    return i + 1, DateReading(kind="age", amount=int(t.num), unit="Y")


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
