"""TimeML values: the Timex record, its precision, and calendar arithmetic on values (pure).

Also what a grammar rule (calendar_rules.py, relative_rules.py) gets besides its
match: the publication date it anchors to, the clause's tense and the last date
mentioned (:class:`Context`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


@dataclass(frozen=True)
class Timex:
    value: str | None  # TimeML value; None when unresolved
    type: str = "DATE"  # TIMEX3 type: DATE, TIME, DURATION, SET
    note: str | None = None
    anaphoric: bool = False  # resolved against an earlier date ("a year earlier"): not a new reference

    @property
    def precision(self) -> str:
        return precision_of(self.value)

    @property
    def calendar_value(self) -> str | None:
        """The value as a calendar value (None for PRESENT_REF-like and X-underspecified values)."""
        if self.value is None or self.value in REFS:
            return None
        if "X" in self.value and not _DECADE.match(self.value):
            return None
        return self.value


_DECADE = re.compile(r"^\d{3}X?$")


def precision_of(value: str | None) -> str:
    """The model.DATE_PRECISIONS name for the granularity of a TimeML value."""
    if value is None or value in REFS:
        return "unresolved"
    if value.startswith("P"):
        return "duration"
    if "X" in value and not _DECADE.match(value):
        return "unresolved"
    if "T" in value:
        return "time"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if _DECADE.match(value):
        return "decade"
    if re.fullmatch(r"\d{4}-Q\d", value):
        return "quarter"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return "season"
    return "range"  # weeks, weekends, halves, centuries


def parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + n
    return idx // 12, idx % 12 + 1


def shift_value(value: str, n: int, unit: str) -> str | None:
    """Move a TimeML date value by n units, keeping its granularity (``1989-Q3`` - 1 year = ``1988-Q3``)."""
    m = re.fullmatch(r"(\d{4})(?:-(.+))?", value)
    if not m:
        return None
    year, rest = int(m.group(1)), m.group(2)
    if unit == "Y":
        return f"{year + n}" + (f"-{rest}" if rest else "")
    if rest is None:
        return None
    if unit == "Q" and re.fullmatch(r"Q\d", rest):
        idx = year * 4 + int(rest[1]) - 1 + n
        return f"{idx // 4}-Q{idx % 4 + 1}"
    if unit == "M" and re.fullmatch(r"\d{2}", rest):
        y, mo = _shift_month(year, int(rest), n)
        return f"{y:04d}-{mo:02d}"
    if re.fullmatch(r"\d{2}-\d{2}", rest):
        d = dt.date(year, int(rest[:2]), int(rest[3:]))
        if unit == "D":
            return (d + dt.timedelta(days=n)).isoformat()
        if unit == "W":
            return (d + dt.timedelta(weeks=n)).isoformat()
        if unit == "M":
            y, mo = _shift_month(d.year, d.month, n)
            return safe_date(y, mo, d.day)
    return None


def safe_date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


# The value naming the unit that holds a day, per unit letter of the lexicon (any other: the year)
UNIT_VALUE = {
    "D": dt.date.isoformat,
    "W": iso_week,
    "M": lambda d: f"{d.year:04d}-{d.month:02d}",
    "Q": lambda d: f"{d.year}-Q{quarter_of(d)}",
    "E": lambda d: f"{d.year // 10}X",
    "C": lambda d: f"{d.year // 100}",
}
# Years in the units longer than one (decade, century, millennium)
YEARS_IN = {"Y": 1, "E": 10, "C": 100, "L": 1000}


def value_at_granularity(d: dt.date, unit: str) -> str:
    """The value naming the unit that contains d (unit from the lexicon: D, W, M, Q, Y, E, C)."""
    value = UNIT_VALUE.get(unit)
    return value(d) if value is not None else f"{d.year}"


def add_units(d: dt.date, n: int, unit: str) -> dt.date:
    if unit == "D":
        return d + dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return d + dt.timedelta(weeks=n)
    if unit in ("M", "Q"):
        y, m = _shift_month(d.year, d.month, n * (3 if unit == "Q" else 1))
        return dt.date(y, m, min(d.day, 28))
    years = n * YEARS_IN.get(unit, 1)
    return dt.date(d.year + years, d.month, min(d.day, 28))


def weekday_date(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """The weekday nearest the anchor in the given direction; the anchor's own weekday is the anchor.

    direction "past": on or before the anchor; "future": on or after; "last"/"next": strictly.
    """
    delta = (weekday - anchor.weekday()) % 7
    if direction == "future":
        return anchor + dt.timedelta(days=delta)
    if direction == "next":
        return anchor + dt.timedelta(days=delta or 7)
    back = (anchor.weekday() - weekday) % 7
    if direction == "last":
        return anchor - dt.timedelta(days=back or 7)
    return anchor - dt.timedelta(days=back)


# How far (in months) a month named in a past-tense clause may still lie after publication
# ("said it would pay in May" written in March), and vice versa for the future.
TENSE_SLACK_MONTHS = 2


def nearest_year(anchor: dt.date, month: int, tense: str | None, day: int = 15) -> int:
    """Of last, this and next year, the one that puts month/day nearest publication on the side the tense points to."""
    best, best_dist = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        months = (year - anchor.year) * 12 + (month - anchor.month) + (day - anchor.day) / 31
        if tense == "past" and months > TENSE_SLACK_MONTHS:
            continue
        if tense == "future" and months < -TENSE_SLACK_MONTHS:
            continue
        if best_dist is None or abs(months) < best_dist:
            best, best_dist = year, abs(months)
    return best


def month_year(anchor: dt.date, month: int, tense: str | None, strict: str | None = None) -> int:
    """The year of an unqualified month name: the nearest one on the side the tense points to."""
    if strict == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if strict == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    return nearest_year(anchor, month, tense)


def day_year(anchor: dt.date, month: int, day: int, tense: str | None) -> int:
    """The year of "Sept. 30": the nearest one on the side the tense points to."""
    return nearest_year(anchor, month, tense, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


@dataclass
class Context:
    anchor: dt.date | None
    tense: str | None
    reference: str | None


def unresolved(why: str, type_: str = "DATE") -> Timex:
    return Timex(None, type_, note=why)


NO_ANCHOR = "relative expression and no publication date to anchor it"
