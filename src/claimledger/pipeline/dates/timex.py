"""Normalise one temporal expression to a TimeML TIMEX3 value (pure: no spaCy, no clock).

``normalise(text, published, tense, reference)`` turns the text of a temporal
expression ("last year", "the third quarter", "eight-month", "on Monday") into a
:class:`Timex` holding the TimeML value ("2024", "1989-Q3", "P8M", "2025-04-28"),
its TIMEX3 type and a precision from ``model.DATE_PRECISIONS``.

Relative expressions are anchored to the publication date (never to today's
clock): without one they stay unresolved.  ``tense`` ("past", "future",
"present" or None) decides which way an unqualified weekday or month points
("on Saturday" in a past-tense sentence is the Saturday before publication; the
weekday of publication is the publication day itself).  ``reference`` is the
value of the last explicit date the text mentioned, so that anaphoric
expressions ("a year earlier", "the quarter") follow it.

The grammar is data/dates/timex_patterns.json: patterns in order, each naming the
rule that reads its match (calendar_rules.py, relative_rules.py; rule_clock is
here because it normalises the day it names).  Vocabulary lives in
data/dates/timex_lexicon.json (words.py).  Anything the grammar does not match but
that holds a month name or a numeric date goes to dateparser.  Returns ``None``
for spans that are not temporal expressions at all (ages such as
"52-year-old", bare numbers).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache

from claimledger.resources import read_json
from claimledger.pipeline.dates.values import (  # noqa: F401  (Timex, parse_published: this module's API)
    NO_ANCHOR,
    Context,
    Timex,
    parse_published,
    precision_of,
    unresolved,
    value_at_granularity,
)
from claimledger.pipeline.dates.words import _alternation, _patterns, clean, clock_value, lexicon, strip_modifiers

# The grammar's rules: rules() finds each by the name data/dates/timex_patterns.json gives it, in this module.
from claimledger.pipeline.dates.calendar_rules import (  # noqa: F401
    rule_century,
    rule_decade,
    rule_fiscal_year,
    rule_holiday,
    rule_iso,
    rule_month,
    rule_month_day,
    rule_month_this_year,
    rule_numeric_date,
    rule_quarter,
    rule_season,
    rule_year,
    rule_year_period,
    rule_year_span,
)
from claimledger.pipeline.dates.relative_rules import (  # noqa: F401
    rule_age,
    rule_ago,
    rule_deictic_day,
    rule_duration,
    rule_every,
    rule_plural_units,
    rule_rate,
    rule_relative_unit,
    rule_that_day,
    rule_the_quarter,
    rule_this_century,
    rule_this_part,
    rule_this_year_words,
    rule_weekday,
    rule_year_ago_period,
)


def rule_clock(m, ctx):
    """10 p.m., 10:35 a.m. EST, noon Thursday, 5 p.m. Nov. 9, 4 in the morning."""
    clock = clock_value(m.group("clock"))
    if m.group("inpart") and clock:
        hour = int(clock[:2])
        if m.group("inpart") in ("afternoon", "evening", "night") and hour < 12:
            clock = f"{hour + 12:02d}{clock[2:]}"
    day = m.group("day")
    if day:
        sub = normalise(day, ctx.anchor, ctx.tense, ctx.reference)
        if sub is None or sub.value is None or sub.precision != "day":
            return sub
        return Timex(f"{sub.value}T{clock}", "TIME")
    if ctx.reference and precision_of(ctx.reference) == "day":
        return Timex(f"{ctx.reference}T{clock}", "TIME", anaphoric=True)  # "Friday ... at 10 p.m."
    if ctx.anchor is None:
        return unresolved(NO_ANCHOR, "TIME")
    return Timex(f"{ctx.anchor.isoformat()}T{clock}", "TIME")


# Fixed sub-patterns of the grammar (data/dates/timex_patterns.json refers to them as @name@).
SUB_PATTERNS = {
    "year": r"(?P<year>'?\d{2}|\d{4})",
    "year4": r"(?P<year>\d{4})",
    "which": r"(?:(?P<which>last|this|next|past|previous|coming|current|following|that) )?",
    "clock": r"(?P<clock>\d{1,2}(?::\d{2})? ?(?:[ap]\.? ?m\.?|o'clock)|\d{1,2}:\d{2}|noon|midnight|midday)",
    "zone": r"(?: (?:[ecmp][sd]t|gmt|utc|local time))?",
    "holidays_which": r"(?P<which>last|this|next) ",
}


@lru_cache(maxsize=1)
def rules() -> list:
    """The compiled grammar: (pattern, handler) pairs in the order of data/dates/timex_patterns.json."""
    lex = lexicon()
    parts = dict(_patterns())
    parts.update(SUB_PATTERNS)
    parts["holidays"] = _alternation(list(lex["holidays"]) + list(lex["nth_weekday_holidays"]))
    table = read_json("dates/timex_patterns.json")["rules"]
    handlers = globals()
    compiled = []
    for entry in table:
        pattern = re.sub(r"@(\w+)@", lambda m: parts[m.group(1)], entry["pattern"])
        compiled.append((re.compile(pattern), handlers["rule_" + entry["rule"]]))
    return compiled


@lru_cache(maxsize=1)
def _has_calendar_word() -> re.Pattern:
    """dateparser reads "15 a year" as a date: only hand it text with a month name or a numeric date."""
    return re.compile(r"\b(?:%s)\b|\d[/.-]\d" % _patterns()["month"])


def _dateparser_fallback(text: str, ctx: Context) -> Timex | None:
    """Anything else with a digit or a month name: ask dateparser, anchored on the publication date."""
    if ctx.anchor is None or not re.search(r"\d", text) or not _has_calendar_word().search(text):
        return None
    parsed = _dateparser_parse(text, ctx.anchor.isoformat())
    if parsed is None:
        return None
    date, period = parsed
    gran = {"day": "D", "week": "W", "month": "M", "year": "Y"}.get(period, "D")
    return Timex(value_at_granularity(date, gran), note="dateparser")


@lru_cache(maxsize=4096)
def _dateparser_parse(text: str, anchor_iso: str):
    try:
        result = _date_data_parser(anchor_iso).get_date_data(text)
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    if result is None or result.date_obj is None:
        return None
    return result.date_obj.date(), result.period


@lru_cache(maxsize=64)
def _date_data_parser(anchor_iso: str):
    """One dateparser parser per publication date: RELATIVE_BASE is always the publication date."""
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": dt.datetime.fromisoformat(anchor_iso), "PREFER_DATES_FROM": "current_period"}
    return DateDataParser(languages=["en"], settings=settings)


def normalise(text: str, published: str | dt.date | None = None, tense: str | None = None,
              reference: str | None = None) -> Timex | None:
    """The TimeML value of one temporal expression, or None when the text is not one."""
    anchor = published if isinstance(published, dt.date) else parse_published(published)
    s = clean(text)
    refs = lexicon()["references"]
    if s in refs:
        return Timex(refs[s], "DATE", note="reference to the present/past/future")
    if s in lexicon()["sets"] and s not in ("a year", "a month", "a week", "a day", "an hour"):
        return Timex(lexicon()["sets"][s], "SET")
    core = strip_modifiers(s)
    if core in refs:
        return Timex(refs[core], "DATE")
    ctx = Context(anchor, tense, reference)
    for pattern, handler in rules():
        m = pattern.fullmatch(core)
        if m:
            result = handler(m, ctx)
            if result is not None or handler is rule_age:
                return result
    return _dateparser_fallback(core, ctx)
