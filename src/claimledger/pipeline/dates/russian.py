"""Russian date expressions, normalised against the publication date.

"28 апреля", "6 августа 2024 года" (a
date without a year is the latest one not after publication), "в апреле", "в марте 2023 года",
"в 2024 году", "в понедельник" (the publication day when it is that weekday, else the latest one
before), "вчера", "в прошлом году", "на прошлой неделе".  The words are data/dates/ru/russian.json.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Doc

from claimledger.model import DateValue
from claimledger.pipeline.dates.values import parse_published
from claimledger.resources import read_json


@lru_cache(maxsize=1)
def words() -> dict:
    return read_json("dates/ru/russian.json")


@lru_cache(maxsize=1)
def pattern() -> re.Pattern:
    w = words()
    months, weekdays, periods = w["month_forms"], w["weekday_forms"], w["period_forms"]
    return re.compile(
        rf"(?P<dm>\b\d{{1,2}}\s+(?:{months})(?:\s+\d{{4}}(?:\s+года)?)?)"
        rf"|(?P<my>\bв\s+(?:{months})(?:\s+\d{{4}}\s+года)?)"
        rf"|(?P<y>\bв\s+\d{{4}}\s+году)"
        rf"|(?P<wd>\bв\s+(?:{weekdays})\b)"
        rf"|(?P<rel>\b(?:на|в)\s+(?:{periods})\s+(?:году|месяце|неделе)\b)"
        rf"|(?P<day>\b(?:{'|'.join(w['days'])})\b)",
        re.IGNORECASE)


def _month(word: str) -> int | None:
    word = word.lower()
    return next((n for stem, n in sorted(words()["months"].items(), key=lambda kv: -len(kv[0]))
                 if word.startswith(stem)), None)


def normalise(text: str, kind: str, anchor: dt.date | None) -> tuple[str | None, str]:
    """(ISO value or None, precision) of one matched expression."""
    year = re.search(r"\d{4}", text)
    if kind == "y":
        return year.group(), "year"
    if kind == "dm":
        day = int(re.match(r"\d+", text).group())
        month = _month(text.split()[1])
        y = int(year.group()) if year else None
        if y is None and anchor is None:
            return None, "unresolved"
        if y is None:
            y = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
        try:
            return dt.date(y, month, day).isoformat(), "day"
        except ValueError:
            return None, "unresolved"
    if kind == "my":
        month = _month(text.split()[1])
        if year:
            return f"{year.group()}-{month:02d}", "month"
        if anchor is None:
            return None, "unresolved"
        y = anchor.year if month <= anchor.month else anchor.year - 1
        return f"{y}-{month:02d}", "month"
    if anchor is None:
        return None, "unresolved"
    if kind == "wd":
        target = next(n for stem, n in words()["weekdays"].items() if text.split()[1].lower().startswith(stem))
        back = (anchor.weekday() - target) % 7
        return (anchor - dt.timedelta(days=back)).isoformat(), "day"
    if kind == "day":
        return (anchor + dt.timedelta(days=words()["days"][text.lower()])).isoformat(), "day"
    shift = next(n for stem, n in words()["period_words"].items() if text.split()[1].lower().startswith(stem))
    unit = next(u for stem, u in words()["units"].items() if text.split()[2].lower().startswith(stem))
    if unit == "year":
        return str(anchor.year + shift), "year"
    if unit == "month":
        m = anchor.year * 12 + anchor.month - 1 + shift
        return f"{m // 12}-{m % 12 + 1:02d}", "month"
    start = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
    return f"{start.isoformat()}/{(start + dt.timedelta(days=6)).isoformat()}", "range"


def find_dates(doc: Doc, published: str | None) -> list[DateValue]:
    anchor = parse_published(published)
    found = []
    for match in pattern().finditer(doc.text):
        kind = match.lastgroup
        text = match.group()
        value, precision = normalise(text, kind, anchor)
        found.append(DateValue(text=text, start=match.start(), end=match.end(), value=value, precision=precision))
    return found
