"""The words of temporal expressions (data/dates/timex_lexicon.json) and their plain readings.

Clean-up of an expression's text (case, spelled-out years, possessives, a leading
preposition or hedge), numbers in words ("twenty four", "a couple of"), unit
words, month names, parts of the day and clock times.
"""
from __future__ import annotations

import re
from functools import lru_cache

from claimledger.resources import read_json
from claimledger.pipeline.dates.values import YEARS_IN


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
    if letter in ("E", "C"):  # decades and centuries are counted in years
        return f"P{whole * YEARS_IN[letter]}Y"
    return f"{prefix}{whole}{letter}"


def unit_letter(word: str) -> str | None:
    """The TimeML unit of a unit word; 'minutes' are MIN so they land after the T."""
    word = word.strip()
    letter = lexicon()["units"].get(word)
    if letter == "M" and word.startswith("min"):
        return "MIN"
    return letter


def month_number(word: str) -> int:
    return lexicon()["months"][word.rstrip(".")]


def year_number(text: str | None) -> int | None:
    """'1998' -> 1998, "'98" -> 1998, '08' -> 2008."""
    if not text:
        return None
    text = text.strip("' ")
    y = int(text)
    if y < 100:
        y += 1900 if y >= 30 else 2000
    return y


def time_suffix(tail: str | None) -> str:
    if not tail:
        return ""
    tail = tail.strip()
    part = lexicon()["parts_of_day"].get(tail)
    if part:
        return "T" + part
    return ""


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
