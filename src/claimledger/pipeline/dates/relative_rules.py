"""Grammar rules for expressions read against the publication date or the last date mentioned.

"today", "this morning", "on Monday", "last week", "two years ago", "a year
earlier", "the quarter", "that day"; and the expressions that name no point in
time: durations ("two years"), sets ("every week", "15 a year") and ages
("52-year-old", not a time at all).  Each rule takes the pattern's match and a
:class:`~claimledger.pipeline.dates.values.Context`; data/timex_patterns.json names them.
"""
from __future__ import annotations

import datetime as dt
import re

from claimledger.pipeline.dates.values import (
    NO_ANCHOR,
    YEARS_IN,
    Timex,
    add_units,
    iso_week,
    precision_of,
    shift_value,
    unresolved,
    value_at_granularity,
    weekday_date,
)
from claimledger.pipeline.dates.words import (
    _patterns,
    clock_value,
    duration_value,
    lexicon,
    parse_number,
    time_suffix,
    unit_letter,
)


def rule_every(m, ctx):
    n = parse_number(m.group("n")) if m.group("n") else 1
    unit = unit_letter(m.group("unit"))
    if unit is None:
        return None
    return Timex(duration_value(n, unit), "SET")


def rule_age(m, ctx):
    return None  # "52-year-old", "52 years old": an age, not a time


def rule_rate(m, ctx):
    """"15 a year", "twice per week": a frequency, TimeML SET."""
    unit = unit_letter(m.group("unit"))
    return Timex(duration_value(1, unit), "SET") if unit else None


def rule_this_century(m, ctx):
    if ctx.anchor is None:
        return unresolved(NO_ANCHOR)
    return Timex(f"{ctx.anchor.year // 100:02d}")


def rule_deictic_day(m, ctx):
    if ctx.anchor is None:
        return unresolved(NO_ANCHOR)
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("day")]
    d = ctx.anchor + dt.timedelta(days=offset)
    suffix = "TNI" if m.group("day") == "tonight" else time_suffix(m.group("part"))
    return Timex(d.isoformat() + suffix, "TIME" if suffix else "DATE")


def rule_this_part(m, ctx):
    """this morning, last night, overnight."""
    if ctx.anchor is None:
        return unresolved(NO_ANCHOR)
    d = ctx.anchor - dt.timedelta(days=1) if m.group("which") in ("last", "overnight") else ctx.anchor
    part = lexicon()["parts_of_day"].get(m.group("part") or "night")
    return Timex(f"{d.isoformat()}T{part}", "TIME")


def rule_weekday(m, ctx):
    if ctx.anchor is None:
        return unresolved(NO_ANCHOR)
    weekday = lexicon()["weekdays"][m.group("weekday").rstrip(".")]
    which = m.group("which")
    if which in ("last", "past", "previous"):
        direction = "last"
    elif which in ("next", "coming"):
        direction = "next"
    else:
        direction = "future" if ctx.tense == "future" else "past"
    d = weekday_date(ctx.anchor, weekday, direction)
    suffix = time_suffix(m.group("part"))
    if not suffix and m.groupdict().get("clock"):
        suffix = "T" + clock_value(m.group("clock"))
    return Timex(d.isoformat() + suffix, "TIME" if suffix else "DATE")


def rule_relative_unit(m, ctx):
    """last/this/next week|month|year|quarter|weekend|decade|century."""
    if ctx.anchor is None:
        return unresolved(NO_ANCHOR)
    which, unit_word = m.group("which"), m.group("unit")
    unit = unit_letter(unit_word)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
    if unit == "WE":
        if step:
            direction = "next" if step > 0 else "last"
        else:
            direction = "future" if ctx.tense == "future" else "past"
        return Timex(iso_week(weekday_date(ctx.anchor, 5, direction)) + "-WE")
    if unit in (None, "D", "H", "S", "MIN"):
        return None
    if which in ("that", "following"):
        return _from_reference(ctx, unit, 0 if which == "that" else 1)
    if which in ("past", "coming") and unit in ("W", "M", "Y", "Q", "E", "C"):
        return Timex(duration_value(1, unit), "DURATION")
    return Timex(value_at_granularity(add_units(ctx.anchor, step, unit), unit))


def _from_reference(ctx, unit: str, step: int):
    """that year / the following month: the unit holding the date just mentioned, moved by step."""
    if not ctx.reference:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", ctx.reference)
    if not m or unit not in ("Y", "M", "W", "Q") or (unit in ("M", "W") and not m.group(2)):
        return None
    d = dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    return Timex(value_at_granularity(add_units(d, step, unit), unit), anaphoric=True)


def rule_ago(m, ctx):
    """five years ago, a year earlier, two weeks later, the year-ago quarter."""
    if ctx.anchor is None:
        return unresolved(NO_ANCHOR)
    n = parse_number(m.group("n")) if m.group("n") else 1
    unit = unit_letter(m.group("unit"))
    if unit in (None, "WE", "H", "MIN", "S"):
        return None
    sign = 1 if m.group("dir") in ("later", "from now", "hence", "after") else -1
    if n is None:
        return Timex("PAST_REF" if sign < 0 else "FUTURE_REF")
    base_unit = "Y" if unit in ("E", "C", "L") else unit
    steps = int(n) * YEARS_IN.get(unit, 1)
    if ctx.reference and unit == "Y" and _follows_reference(m.group("dir"), ctx.reference):
        shifted = shift_value(ctx.reference, sign * steps, "Y")
        if shifted:
            return Timex(shifted, anaphoric=True)
    gran = {"W": "D"}.get(base_unit, base_unit)
    return Timex(value_at_granularity(add_units(ctx.anchor, sign * steps, base_unit), gran))


def _follows_reference(direction: str, reference: str) -> bool:
    """"a year earlier" counts from the date just mentioned; "a year ago" only in quarterly-results talk."""
    if direction in ("earlier", "later", "before", "after"):
        return True
    return bool(re.fullmatch(r"\d{4}-Q\d", reference))


def rule_year_ago_period(m, ctx):
    """the year-earlier quarter / period: the reference period, a year back."""
    if ctx.reference and re.fullmatch(r"\d{4}(-Q\d|-H\d|-\d{2})?", ctx.reference) and "-" in ctx.reference:
        return Timex(shift_value(ctx.reference, -1, "Y"), anaphoric=True)
    if ctx.anchor is None:
        return unresolved(NO_ANCHOR)
    last_q = add_units(ctx.anchor, -1, "Q")
    return Timex(value_at_granularity(add_units(last_q, -1, "Y"), "Q"), anaphoric=True)


def rule_the_quarter(m, ctx):
    """the quarter, the latest quarter, the period: the quarter under discussion, else the last one reported."""
    if m.group("which") in ("this", "current") and ctx.anchor:
        return Timex(value_at_granularity(ctx.anchor, "Q"))
    if ctx.reference and re.fullmatch(r"\d{4}-Q\d", ctx.reference):
        return Timex(ctx.reference, anaphoric=True)
    if ctx.anchor is None:
        return unresolved(NO_ANCHOR)
    return Timex(value_at_granularity(add_units(ctx.anchor, -1, "Q"), "Q"))


def rule_this_year_words(m, ctx):
    """the current fiscal year, the fiscal year."""
    if ctx.anchor is None:
        return unresolved(NO_ANCHOR)
    return Timex(str(ctx.anchor.year))


def rule_duration(m, ctx):
    """two years, the past five months, 16-hour, the first nine months, several weeks."""
    unit = unit_letter(m.group("unit"))
    if unit is None:
        return None
    n_text = m.group("n")
    n = parse_number(n_text) if n_text else 1
    if n_text and n is None and not re.fullmatch(_patterns()["vague"], n_text):
        return None
    if unit == "WE":
        return Timex("P2D", "DURATION")
    return Timex(duration_value(n, unit), "DURATION")


def rule_plural_units(m, ctx):
    """years, months, decades: an unspecified number of them."""
    unit = unit_letter(m.group("unit"))
    if unit is None:
        return None
    return Timex(duration_value(None, unit), "DURATION")


def rule_that_day(m, ctx):
    if ctx.reference and precision_of(ctx.reference) == "day":
        return Timex(ctx.reference, anaphoric=True)
    return None
