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

Vocabulary lives in data/dates/timex_lexicon.json.  Returns ``None`` for spans that
are not temporal expressions at all (ages such as "52-year-old", bare numbers).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from claimledger.resources import read_json

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


# ---------------------------------------------------------------- vocabulary

@lru_cache(maxsize=1)
def lexicon() -> dict:
    return read_json("dates/timex_lexicon.json")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict:
    lex = lexicon()
    month = _alternation(lex["months"])
    weekday = _alternation(lex["weekdays"])
    number = r"(?:\d+(?:[.,]\d+)?(?: \d/\d)?|(?:%s)(?:[ -](?:%s))?(?: and a half)?)" % (
        _alternation(lex["numbers"]), _alternation(lex["numbers"]))
    unit = _alternation(lex["units"])
    return {"month": month, "weekday": weekday, "num": number, "unit": unit,
            "season": _alternation(lex["seasons"]), "part": _alternation(lex["parts_of_day"]),
            "ordinal": _alternation(lex["ordinals"]), "vague": _alternation(lex["vague_quantities"])}


# ---------------------------------------------------------------- calendar helpers

def parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _quarter(d: dt.date) -> int:
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
            return _safe_date(y, mo, d.day)
    return None


def _safe_date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def value_at_granularity(d: dt.date, unit: str) -> str:
    """The value naming the unit that contains d (unit from the lexicon: D, W, M, Q, Y, E, C)."""
    if unit == "D":
        return d.isoformat()
    if unit == "W":
        return _iso_week(d)
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year}-Q{_quarter(d)}"
    if unit == "E":
        return f"{d.year // 10}X"
    if unit == "C":
        return f"{d.year // 100}"
    return f"{d.year}"


def add_units(d: dt.date, n: int, unit: str) -> dt.date:
    if unit == "D":
        return d + dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return d + dt.timedelta(weeks=n)
    if unit in ("M", "Q"):
        y, m = _shift_month(d.year, d.month, n * (3 if unit == "Q" else 1))
        return dt.date(y, m, min(d.day, 28))
    years = n * {"Y": 1, "E": 10, "C": 100, "L": 1000}.get(unit, 1)
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


def _nearest_year(anchor: dt.date, month: int, tense: str | None, day: int = 15) -> int:
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
    return _nearest_year(anchor, month, tense)


def day_year(anchor: dt.date, month: int, day: int, tense: str | None) -> int:
    """The year of "Sept. 30": the nearest one on the side the tense points to."""
    return _nearest_year(anchor, month, tense, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


# ---------------------------------------------------------------- text clean-up

_SPACE = re.compile(r"\s+")


_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# Years as broadcast transcripts spell them: "nineteen ninety-six", "two thousand and one"
SPELLED_YEAR = re.compile(
    r"\b(?:(?P<century>nineteen|eighteen|twenty)(?: hundred(?: and)?)? (?P<tail>(?:%s)(?:[ -](?:%s))?|%s|oh[ -](?:%s))"
    r"|two thousand(?:(?: and)? (?P<tail2>%s|%s))?)\b"
    % ("|".join(_TENS), "|".join(_ONES), "|".join(_TEENS), "|".join(_ONES), "|".join(_ONES), "|".join(_TEENS)),
    re.I,
)


def _spelled_year_digits(m: re.Match) -> str:
    words = {w: i for i, w in enumerate(_ONES, 1)}
    words.update({w: i for i, w in enumerate(_TEENS, 10)})
    words.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
    if m.group("century"):
        century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m.group("century").lower()]
        parts = re.split(r"[ -]", m.group("tail").lower())
        tail = sum(words.get(p, 0) for p in parts)
        return str(century * 100 + tail)
    tail2 = (m.group("tail2") or "").lower()
    return str(2000 + words.get(tail2, 0))


def clean(text: str) -> str:
    """Lower-case, single spaces, digits for spelled years, no possessive or trailing punctuation, no leading preposition."""
    s = _SPACE.sub(" ", text.lower().replace("\u2019", "'")).strip()
    s = SPELLED_YEAR.sub(_spelled_year_digits, s)
    s = re.sub(r"^the year (?=\d{4}$)", "", s)
    s = re.sub(r"(?<!\d0)'s$|'$", "", s).strip(" ,;:!?\"()")  # "1930's" is a decade, not a possessive
    s = re.sub(r"\.$", "", s) if not re.search(r"\b[ap]\.m\.$", s) else s
    return _leading_preposition().sub("", s)


@lru_cache(maxsize=1)
def _leading_preposition() -> re.Pattern:
    return re.compile(rf"^(?:{_alternation(lexicon()['leading_prepositions'])}) (?=\S)")


@lru_cache(maxsize=1)
def _leading_modifier() -> re.Pattern:
    return re.compile(rf"^(?:{_alternation(lexicon()['modifiers'])})(?:\s+|-(?=\w))(?=\S)")


def strip_modifiers(s: str) -> str:
    """Drop leading hedges and edge modifiers ("early", "nearly", "the end of") that do not change the value."""
    prev = None
    while prev != s:
        prev = s
        s = _leading_modifier().sub("", s)
    return s


def parse_number(s: str) -> float | None:
    """'16', 'sixteen', 'twenty four', '2 1/2', 'a', 'a couple of', 'one and a half' -> a number."""
    nums = lexicon()["numbers"]
    s = s.strip().replace(",", "")
    half = 0.0
    if s.endswith(" and a half"):
        half, s = 0.5, s[: -len(" and a half")]
    frac = re.fullmatch(r"(\d+) (\d)/(\d)", s)
    if frac:
        return int(frac.group(1)) + int(frac.group(2)) / int(frac.group(3))
    if re.fullmatch(r"\d+(\.\d+)?", s):
        return float(s) + half
    if s in nums:
        return nums[s] + half
    parts = re.split(r"[ -]", s)
    if parts and all(p in nums for p in parts):
        total = 0
        for p in parts:
            total = total * nums[p] if nums[p] in (100, 1000) and total else total + nums[p]
        return total + half
    return None


def duration_value(n: float | None, unit: str) -> str:
    """P8M, PT2H, PXY; fractions spill into the next unit down (2.5 years -> P2Y6M)."""
    timed = unit in ("H", "S") or unit == "MIN"
    letter = "M" if unit == "MIN" else unit
    if unit == "WE":
        letter = "WE"
    prefix = "PT" if timed else "P"
    if n is None:
        return f"{prefix}X{letter}"
    whole = int(n)
    rest = n - whole
    if rest and letter == "Y":
        return f"P{whole}Y{int(round(rest * 12))}M" if whole else f"P{int(round(rest * 12))}M"
    if rest and letter == "H":
        return f"PT{whole}H{int(round(rest * 60))}M" if whole else f"PT{int(round(rest * 60))}M"
    if rest and letter == "M" and timed:
        return f"PT{whole}M{int(round(rest * 60))}S"
    if letter == "E":
        return f"P{whole * 10}Y"
    if letter == "C":
        return f"P{whole * 100}Y"
    return f"{prefix}{whole}{letter}"


def unit_letter(word: str) -> str | None:
    """The TimeML unit of a unit word; 'minutes' are MIN so they land after the T."""
    word = word.strip()
    letter = lexicon()["units"].get(word)
    if letter == "M" and word.startswith("min"):
        return "MIN"
    return letter


# ---------------------------------------------------------------- the rules

@dataclass
class Context:
    anchor: dt.date | None
    tense: str | None
    reference: str | None


def _unresolved(why: str, type_: str = "DATE") -> Timex:
    return Timex(None, type_, note=why)


NO_ANCHOR = "relative expression and no publication date to anchor it"


def rule_every(m, ctx):
    n = parse_number(m.group("n")) if m.group("n") else 1
    unit = unit_letter(m.group("unit"))
    if unit is None:
        return None
    return Timex(duration_value(n, unit), "SET")


def rule_age(m, ctx):
    return None  # "52-year-old", "52 years old": an age, not a time


def rule_year_span(m, ctx):
    """"2010-11" in "by 2010-11" is a (fiscal) year span when the second part is the next year, else a month."""
    year, second = int(m.group("y")), int(m.group("y2"))
    if second == (year + 1) % 100:
        return Timex(f"{year}/{year + 1}", note="year span")
    if 1 <= second <= 12:
        return Timex(f"{year}-{second:02d}")
    return None


def rule_rate(m, ctx):
    """"15 a year", "twice per week": a frequency, TimeML SET."""
    unit = unit_letter(m.group("unit"))
    return Timex(duration_value(1, unit), "SET") if unit else None


def rule_iso(m, ctx):
    value = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return Timex(value) if value else None


def rule_numeric_date(m, ctx):
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    y = y + (1900 if y >= 50 else 2000) if y < 100 else y
    value = _safe_date(y, a, b) or _safe_date(y, b, a)  # US month/day first
    return Timex(value) if value else None


def _month(word: str) -> int:
    return lexicon()["months"][word.rstrip(".")]


def _year(text: str | None) -> int | None:
    """'1998' -> 1998, "'98" -> 1998, '08' -> 2008."""
    if not text:
        return None
    text = text.strip("' ")
    y = int(text)
    if y < 100:
        y += 1900 if y >= 30 else 2000
    return y


def rule_month_day(m, ctx):
    month, day = _month(m.group("month")), int(m.group("day"))
    year = _year(m.group("year"))
    time_part = _time_suffix(m.groupdict().get("tail"))
    if year is None:
        if ctx.anchor is None:
            return _unresolved("day and month without a year, and no publication date")
        year = day_year(ctx.anchor, month, day, ctx.tense)
    value = _safe_date(year, month, day)
    if value is None:
        return None
    return Timex(value + time_part, "TIME" if time_part else "DATE")


def rule_month(m, ctx):
    month = _month(m.group("month"))
    year = _year(m.group("year"))
    which = m.group("which")
    if year is None:
        if ctx.anchor is None:
            return _unresolved(NO_ANCHOR)
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


def rule_this_century(m, ctx):
    if ctx.anchor is None:
        return _unresolved(NO_ANCHOR)
    return Timex(f"{ctx.anchor.year // 100:02d}")


def _time_suffix(tail: str | None) -> str:
    if not tail:
        return ""
    tail = tail.strip()
    part = lexicon()["parts_of_day"].get(tail)
    if part:
        return "T" + part
    return ""


def rule_deictic_day(m, ctx):
    if ctx.anchor is None:
        return _unresolved(NO_ANCHOR)
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("day")]
    d = ctx.anchor + dt.timedelta(days=offset)
    suffix = "TNI" if m.group("day") == "tonight" else _time_suffix(m.group("part"))
    return Timex(d.isoformat() + suffix, "TIME" if suffix else "DATE")


def rule_this_part(m, ctx):
    """this morning, last night, overnight."""
    if ctx.anchor is None:
        return _unresolved(NO_ANCHOR)
    d = ctx.anchor - dt.timedelta(days=1) if m.group("which") in ("last", "overnight") else ctx.anchor
    part = lexicon()["parts_of_day"].get(m.group("part") or "night")
    return Timex(f"{d.isoformat()}T{part}", "TIME")


def rule_weekday(m, ctx):
    if ctx.anchor is None:
        return _unresolved(NO_ANCHOR)
    weekday = lexicon()["weekdays"][m.group("weekday").rstrip(".")]
    which = m.group("which")
    if which in ("last", "past", "previous"):
        direction = "last"
    elif which in ("next", "coming"):
        direction = "next"
    else:
        direction = "future" if ctx.tense == "future" else "past"
    d = weekday_date(ctx.anchor, weekday, direction)
    suffix = _time_suffix(m.group("part"))
    if not suffix and m.groupdict().get("clock"):
        suffix = "T" + clock_value(m.group("clock"))
    return Timex(d.isoformat() + suffix, "TIME" if suffix else "DATE")


def rule_relative_unit(m, ctx):
    """last/this/next week|month|year|quarter|weekend|decade|century."""
    if ctx.anchor is None:
        return _unresolved(NO_ANCHOR)
    which, unit_word = m.group("which"), m.group("unit")
    unit = unit_letter(unit_word)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
    if unit == "WE":
        if step:
            direction = "next" if step > 0 else "last"
        else:
            direction = "future" if ctx.tense == "future" else "past"
        return Timex(_iso_week(weekday_date(ctx.anchor, 5, direction)) + "-WE")
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
        return _unresolved(NO_ANCHOR)
    n = parse_number(m.group("n")) if m.group("n") else 1
    unit = unit_letter(m.group("unit"))
    if unit in (None, "WE", "H", "MIN", "S"):
        return None
    sign = 1 if m.group("dir") in ("later", "from now", "hence", "after") else -1
    if n is None:
        return Timex("PAST_REF" if sign < 0 else "FUTURE_REF")
    base_unit = "Y" if unit in ("E", "C", "L") else unit
    steps = int(n) * {"E": 10, "C": 100, "L": 1000}.get(unit, 1)
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
        return _unresolved(NO_ANCHOR)
    last_q = add_units(ctx.anchor, -1, "Q")
    return Timex(value_at_granularity(add_units(last_q, -1, "Y"), "Q"), anaphoric=True)


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
    year = _year(m.group("year") or m.groupdict().get("year_before"))
    if year is None:
        if ctx.anchor is None:
            return _unresolved(NO_ANCHOR)
        current = _quarter(ctx.anchor) if not half else (1 if ctx.anchor.month <= 6 else 2)
        year = ctx.anchor.year - 1 if q > current and ctx.tense == "past" else ctx.anchor.year
    return Timex(f"{year}-{'H' if half else 'Q'}{q}")


def rule_the_quarter(m, ctx):
    """the quarter, the latest quarter, the period: the quarter under discussion, else the last one reported."""
    if m.group("which") in ("this", "current") and ctx.anchor:
        return Timex(value_at_granularity(ctx.anchor, "Q"))
    if ctx.reference and re.fullmatch(r"\d{4}-Q\d", ctx.reference):
        return Timex(ctx.reference, anaphoric=True)
    if ctx.anchor is None:
        return _unresolved(NO_ANCHOR)
    return Timex(value_at_granularity(add_units(ctx.anchor, -1, "Q"), "Q"))


def rule_year_period(m, ctx):
    """"the 1988 quarter", "the 1988 period": the quarter under discussion, in that year."""
    year = m.group("year")
    if ctx.reference and re.fullmatch(r"\d{4}-Q\d", ctx.reference):
        return Timex(f"{year}{ctx.reference[4:]}", anaphoric=True)
    return Timex(year)


def rule_season(m, ctx):
    code = lexicon()["seasons"][m.group("season")]
    year = _year(m.group("year"))
    if year is None:
        if ctx.anchor is None:
            return _unresolved(NO_ANCHOR)
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
    return Timex(str(_year(m.group("year"))))


def rule_this_year_words(m, ctx):
    """the current fiscal year, the fiscal year."""
    if ctx.anchor is None:
        return _unresolved(NO_ANCHOR)
    return Timex(str(ctx.anchor.year))


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
    year = _year(m.group("year"))
    if year is None:
        if ctx.anchor is None:
            return _unresolved(NO_ANCHOR)
        tense = {"last": "past", "next": "future"}.get(m.group("which") or "", ctx.tense)
        probe = holiday_date(name, ctx.anchor.year)
        year = _nearest_year(ctx.anchor, probe.month, tense, probe.day)
    return Timex(holiday_date(name, year).isoformat())


def clock_value(text: str) -> str:
    """'10 p.m.' -> '22:00', '10:35 a.m.' -> '10:35', 'noon' -> '12:00'."""
    text = text.strip()
    part = lexicon()["parts_of_day"].get(text)
    if part and ":" in part:
        return part
    m = re.match(r"(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?\s?m\.?|o'clock)?", text)
    if not m:
        return ""
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) == "p" and hour < 12:
        hour += 12
    if m.group(3) == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


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
        return _unresolved(NO_ANCHOR, "TIME")
    return Timex(f"{ctx.anchor.isoformat()}T{clock}", "TIME")


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


def rule_month_this_year(m, ctx):
    """"July last year", "February this year", "March 2025"."""
    if m.group("this") and ctx.anchor:
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m.group("this")]
        return Timex(f"{year}-{_month(m.group('month')):02d}")
    return rule_month(m, ctx)


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
