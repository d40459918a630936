"""Grammar rules for expressions that name their calendar unit.

Dates ("Sept. 30", "2025-04-28", "4/28/25"), months, years and year spans,
decades, centuries, quarters and halves, seasons, fiscal years and holidays.
A year left out is the nearest one on the side the clause's tense points to.
Each rule takes the pattern's match and a :class:`~claimledger.pipeline.dates.values.Context`
and returns a Timex (or None: not a temporal expression after all);
data/timex_patterns.json names them.
"""
from __future__ import annotations

import datetime as dt
import re

from claimledger.pipeline.dates.values import (
    NO_ANCHOR,
    Timex,
    day_year,
    month_year,
    nearest_year,
    nth_weekday,
    quarter_of,
    safe_date,
    unresolved,
)
from claimledger.pipeline.dates.words import lexicon, month_number, time_suffix, year_number


def rule_year_span(m, ctx):
    """"2010-11" in "by 2010-11" is a (fiscal) year span when the second part is the next year, else a month."""
    year, second = int(m.group("y")), int(m.group("y2"))
    if second == (year + 1) % 100:
        return Timex(f"{year}/{year + 1}", note="year span")
    if 1 <= second <= 12:
        return Timex(f"{year}-{second:02d}")
    return None


def rule_iso(m, ctx):
    value = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return Timex(value) if value else None


def rule_numeric_date(m, ctx):
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    y = y + (1900 if y >= 50 else 2000) if y < 100 else y
    value = safe_date(y, a, b) or safe_date(y, b, a)  # US month/day first
    return Timex(value) if value else None


def rule_month_day(m, ctx):
    month, day = month_number(m.group("month")), int(m.group("day"))
    year = year_number(m.group("year"))
    time_part = time_suffix(m.groupdict().get("tail"))
    if year is None:
        if ctx.anchor is None:
            return unresolved("day and month without a year, and no publication date")
        year = day_year(ctx.anchor, month, day, ctx.tense)
    value = safe_date(year, month, day)
    if value is None:
        return None
    return Timex(value + time_part, "TIME" if time_part else "DATE")


def rule_month(m, ctx):
    month = month_number(m.group("month"))
    year = year_number(m.group("year"))
    which = m.group("which")
    if year is None:
        if ctx.anchor is None:
            return unresolved(NO_ANCHOR)
        strict = {"last": "last", "past": "last", "next": "next", "this": None, "coming": "next"}.get(which or "")
        year = month_year(ctx.anchor, month, ctx.tense, strict)
    return Timex(f"{year:04d}-{month:02d}")


def rule_year(m, ctx):
    return Timex(m.group("year"))


def rule_decade(m, ctx):
    digits = m.group("digits")
    if len(digits) == 4:
        return Timex(digits[:3] + "X")
    century = "19"
    if ctx.anchor and int(digits) <= (ctx.anchor.year % 100):
        century = str(ctx.anchor.year // 100)
    return Timex(century + digits[0] + "X")


def rule_century(m, ctx):
    n = lexicon()["ordinals"].get(m.group("n")) or int(re.sub(r"\D", "", m.group("n")) or 0)
    return Timex(f"{n - 1:02d}") if n and n > 0 else None


def rule_quarter(m, ctx):
    lex = lexicon()
    q = lex["ordinals"].get(m.group("q")) or int(m.group("q")[-1])
    if q == -1:
        q = 4
    if not 1 <= q <= 4:
        return None
    half = m.group("kind") in ("half", "halves")
    if half and q > 2:
        return None
    year = year_number(m.group("year") or m.groupdict().get("year_before"))
    if year is None:
        if ctx.anchor is None:
            return unresolved(NO_ANCHOR)
        current = quarter_of(ctx.anchor) if not half else (1 if ctx.anchor.month <= 6 else 2)
        year = ctx.anchor.year - 1 if q > current and ctx.tense == "past" else ctx.anchor.year
    return Timex(f"{year}-{'H' if half else 'Q'}{q}")


def rule_year_period(m, ctx):
    """"the 1988 quarter", "the 1988 period": the quarter under discussion, in that year."""
    year = m.group("year")
    if ctx.reference and re.fullmatch(r"\d{4}-Q\d", ctx.reference):
        return Timex(f"{year}{ctx.reference[4:]}", anaphoric=True)
    return Timex(year)


def rule_season(m, ctx):
    code = lexicon()["seasons"][m.group("season")]
    year = year_number(m.group("year"))
    if year is None:
        if ctx.anchor is None:
            return unresolved(NO_ANCHOR)
        year = ctx.anchor.year
        season_month = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
        which = m.group("which")
        if which in ("last", "past", "previous"):
            year = year if season_month < ctx.anchor.month - 2 else year - 1
        elif which in ("next", "coming"):
            year = year if season_month > ctx.anchor.month else year + 1
        elif not which and ctx.tense == "past" and season_month > ctx.anchor.month:
            year -= 1
        elif not which and ctx.tense == "future" and season_month < ctx.anchor.month:
            year += 1
    return Timex(f"{year}-{code}")


def rule_fiscal_year(m, ctx):
    return Timex(str(year_number(m.group("year"))))


def holiday_date(name: str, year: int) -> dt.date:
    lex = lexicon()
    if name in lex["holidays"]:
        mm, dd = map(int, lex["holidays"][name].split("-"))
        return dt.date(year, mm, dd)
    month, weekday, n = lex["nth_weekday_holidays"][name]
    return nth_weekday(year, month, weekday, n)


def rule_holiday(m, ctx):
    """Christmas, Thanksgiving Day, last Thanksgiving: the nearest one on the side the tense points to."""
    name = m.group("name")
    year = year_number(m.group("year"))
    if year is None:
        if ctx.anchor is None:
            return unresolved(NO_ANCHOR)
        tense = {"last": "past", "next": "future"}.get(m.group("which") or "", ctx.tense)
        probe = holiday_date(name, ctx.anchor.year)
        year = nearest_year(ctx.anchor, probe.month, tense, probe.day)
    return Timex(holiday_date(name, year).isoformat())


def rule_month_this_year(m, ctx):
    """"July last year", "February this year", "March 2025"."""
    if m.group("this") and ctx.anchor:
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m.group("this")]
        return Timex(f"{year}-{month_number(m.group('month')):02d}")
    return rule_month(m, ctx)
