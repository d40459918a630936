"""The TimeML normaliser (claimledger.pipeline.dates.timex): pure rules, no model."""
import pytest

from claimledger.model import DATE_PRECISIONS
from claimledger.pipeline.dates.timex import normalise
from claimledger.pipeline.dates.values import parse_published, precision_of, shift_value, weekday_date

SEED = "2025-04-28"  # a Monday

# (text, published, tense, expected TimeML value, expected precision)
CASES = [
    # the seed article's dates
    ("on Monday", SEED, "past", "2025-04-28", "day"),
    ("on Monday", SEED, "future", "2025-04-28", "day"),
    ("On Saturday", SEED, "past", "2025-04-26", "day"),
    ("on Sunday", SEED, "past", "2025-04-27", "day"),
    ("last year", SEED, None, "2024", "year"),
    ("19 June 2024", SEED, None, "2024-06-19", "day"),
    ("eight-month", SEED, None, "P8M", "duration"),
    # weekdays follow the tense; last/next are strict
    ("Friday", SEED, "future", "2025-05-02", "day"),
    ("last Monday", SEED, None, "2025-04-21", "day"),
    ("next Monday", SEED, None, "2025-05-05", "day"),
    ("Friday morning", "2025-04-30", "past", "2025-04-25TMO", "time"),
    # deictic days and times
    ("yesterday", SEED, None, "2025-04-27", "day"),
    ("tomorrow", SEED, None, "2025-04-29", "day"),
    ("last night", SEED, None, "2025-04-27TNI", "time"),
    ("10:35 a.m.", SEED, None, "2025-04-28T10:35", "time"),
    ("5 p.m. EST Nov. 9", "1989-11-06", None, "1989-11-09T17:00", "time"),
    # months and days without a year: the nearest on the tense's side
    ("Sept. 30", "1989-10-27", "past", "1989-09-30", "day"),
    ("Nov. 15", "1989-10-27", "future", "1989-11-15", "day"),
    ("late November", "2000-01-06", None, "1999-11", "month"),
    ("December", "1999-04-10", "past", "1998-12", "month"),
    ("April", "1998-12-03", "future", "1999-04", "month"),
    ("last November", "2000-01-13", None, "1999-11", "month"),
    ("Aug. 7, 1998", "1999-06-07", None, "1998-08-07", "day"),
    ("July 1997", SEED, None, "1997-07", "month"),
    ("2025-04-01", SEED, None, "2025-04-01", "day"),
    # weeks, months, years relative to publication
    ("last week", "1989-10-27", None, "1989-W42", "range"),
    ("this month", SEED, None, "2025-04", "month"),
    ("earlier this year", SEED, None, "2025", "year"),
    ("early next year", "1989-10-26", None, "1990", "year"),
    ("five years ago", "1989-10-26", None, "1984", "year"),
    ("three months ago", SEED, None, "2025-01", "month"),
    # quarters, halves, fiscal years, seasons, decades, centuries
    ("the third quarter", "1989-10-27", "past", "1989-Q3", "quarter"),
    ("fourth-quarter", "1989-10-30", None, "1989-Q4", "quarter"),
    ("the fourth quarter", "1998-02-06", "past", "1997-Q4", "quarter"),
    ("the first quarter of 1990", "1989-10-27", None, "1990-Q1", "quarter"),
    ("the first half of 1989", "1989-10-27", None, "1989-H1", "range"),
    ("the latest quarter", "1989-10-26", None, "1989-Q3", "quarter"),
    ("fiscal 1989", "1989-10-27", None, "1989", "year"),
    ("last fall", "1998-02-06", None, "1997-FA", "season"),
    ("the summer of 1994", SEED, None, "1994-SU", "season"),
    ("the 1990s", SEED, None, "199X", "decade"),
    ("the early '80s", "1998-01-01", None, "198X", "decade"),
    ("the 20th century", SEED, None, "19", "range"),
    ("nineteen ninety-six", "1998-01-15", None, "1996", "year"),
    # durations and sets
    ("the past two months", SEED, None, "P2M", "duration"),
    ("16-hour", SEED, None, "PT16H", "duration"),
    ("two decades", SEED, None, "P20Y", "duration"),
    ("2 1/2 years", SEED, None, "P2Y6M", "duration"),
    ("more than four hours", SEED, None, "PT4H", "duration"),
    ("several years", SEED, None, "PXY", "duration"),
    ("the first nine months", SEED, None, "P9M", "duration"),
    ("daily", SEED, None, "P1D", "duration"),
    ("every month", SEED, None, "P1M", "duration"),
    ("15 a year", SEED, None, "P1Y", "duration"),
    ("2010-11", "2008-03-01", None, "2010/2011", "range"),
    ("the 1930\u2019s", SEED, None, "193X", "decade"),
    ("the past century", SEED, None, "P100Y", "duration"),
    # references to the present, past and future
    ("now", SEED, None, "PRESENT_REF", "unresolved"),
    ("currently", SEED, None, "PRESENT_REF", "unresolved"),
    ("recently", SEED, None, "PAST_REF", "unresolved"),
    ("the future", SEED, None, "FUTURE_REF", "unresolved"),
    # holidays
    ("Thanksgiving Day", "2000-01-07", "past", "1999-11-25", "day"),
    ("Christmas", SEED, "future", "2025-12-25", "day"),
]


@pytest.mark.parametrize("text,published,tense,value,precision", CASES)
def test_normalise(text, published, tense, value, precision):
    timex = normalise(text, published, tense)
    assert timex is not None, text
    assert (timex.value, timex.precision) == (value, precision)
    assert timex.precision in DATE_PRECISIONS


@pytest.mark.parametrize("text", ["on Monday", "last year", "yesterday", "the third quarter", "Sept. 30", "last week", "earlier this year", "five years ago"])
def test_relative_without_publication_date_stays_unresolved(text):
    timex = normalise(text, None)
    assert timex.value is None
    assert timex.precision == "unresolved"
    assert timex.note  # says why


@pytest.mark.parametrize("text,value", [("19 June 2024", "2024-06-19"), ("eight-month", "P8M"), ("1998", "1998"), ("the 1990s", "199X")])
def test_absolute_without_publication_date_still_resolves(text, value):
    assert normalise(text, None).value == value


@pytest.mark.parametrize("text", ["52-year-old", "52 years old", "44", "his"])
def test_not_a_time(text):
    assert normalise(text, SEED) is None


@pytest.mark.parametrize("text,reference,value", [
    ("a year earlier", "1989-Q3", "1988-Q3"),
    ("a year ago", "1989-Q3", "1988-Q3"),
    ("the year-earlier quarter", "1989-Q3", "1988-Q3"),
    ("the quarter", "1989-Q2", "1989-Q2"),
    ("later that year", "1998-05-03", "1998"),
    ("10 p.m.", "1998-10-23", "1998-10-23T22:00"),
])
def test_anaphora_follows_the_reference(text, reference, value):
    timex = normalise(text, "1989-10-26", "past", reference)
    assert timex.value == value
    assert timex.anaphoric


def test_year_ago_outside_quarterly_talk_counts_from_publication():
    timex = normalise("a year ago", "1989-10-26", "past", "1989-10-20")
    assert (timex.value, timex.anaphoric) == ("1988", False)


def test_calendar_value_hides_references():
    assert normalise("now", SEED).calendar_value is None
    assert normalise("last week", SEED).calendar_value == "2025-W17"


@pytest.mark.parametrize("value,n,unit,expected", [
    ("1989-Q3", -1, "Y", "1988-Q3"), ("1989-Q1", -1, "Q", "1988-Q4"), ("2025-01", -2, "M", "2024-11"),
    ("2025-03-01", -1, "D", "2025-02-28"), ("2024", 1, "Y", "2025"),
])
def test_shift_value(value, n, unit, expected):
    assert shift_value(value, n, unit) == expected


def test_weekday_of_publication_is_publication_day():
    anchor = parse_published(SEED)
    assert weekday_date(anchor, 0, "past") == anchor
    assert weekday_date(anchor, 0, "future") == anchor
    assert weekday_date(anchor, 0, "last").isoformat() == "2025-04-21"


@pytest.mark.parametrize("value,precision", [("2025-04", "month"), ("P3Y", "duration"), ("1998-W07", "range"), ("1989-XX", "unresolved"), (None, "unresolved")])
def test_precision_of(value, precision):
    assert precision_of(value) == precision


def test_grammar_file_compiles_with_a_handler_for_every_rule():
    from claimledger.resources import read_json
    from claimledger.pipeline.dates.timex import rules
    table = read_json("dates/timex_patterns.json")["rules"]
    compiled = rules()
    assert len(compiled) == len(table)
    assert all(callable(handler) for _, handler in compiled)
