"""claimledger_dates on real text (the `nlp` fixture) and on hand-built Docs (no model)."""
import pytest
import spacy
from spacy.tokens import Span

from claimledger.pipeline.dates.component import DatesComponent, find_dates, split_range, trim
from claimledger.model import DATE_PRECISIONS

TEXT = (
    "The council voted on Tuesday to close the bridge. "
    "Repairs began last month and will take about six weeks, the mayor said on Friday. "
    "Traffic fell 12% in the third quarter compared with a year earlier. "
    "The bridge, built in 1958, now carries 40,000 cars daily."
)
PUBLISHED = "2024-10-17"  # a Thursday


def _by_text(dates):
    return {d.text: d for d in dates}


def _doc(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def test_component_finds_and_normalises(nlp):
    dates = _doc(nlp, TEXT, PUBLISHED)._.cl_dates
    found = {d.text: (d.value, d.precision) for d in dates}
    assert found.get("Tuesday") == ("2024-10-15", "day")
    assert found.get("last month") == ("2024-09", "month")
    assert found.get("about six weeks") == ("P6W", "duration") or found.get("six weeks") == ("P6W", "duration")
    assert found.get("Friday") == ("2024-10-11", "day")
    assert found.get("1958") == ("1958", "year")
    assert "on Tuesday" not in found  # TimeML spans leave the preposition out


def test_component_records_are_sorted_with_offsets(nlp):
    dates = _doc(nlp, TEXT, PUBLISHED)._.cl_dates
    assert dates == sorted(dates, key=lambda d: d.start)
    for d in dates:
        assert TEXT[d.start:d.end] == d.text
        assert d.precision in DATE_PRECISIONS


def test_references_and_rates(nlp):
    found = _by_text(_doc(nlp, TEXT, PUBLISHED)._.cl_dates)
    assert found["now"].value is None and found["now"].timex == "PRESENT_REF"
    assert found["daily"].timex == "P1D"


def test_without_publication_date_relative_dates_stay_unresolved(nlp):
    found = _by_text(_doc(nlp, TEXT, None)._.cl_dates)
    assert found["Tuesday"].value is None
    assert found["Tuesday"].precision == "unresolved"
    assert found["Tuesday"].note
    assert found["1958"].value == "1958"


def test_bad_publication_date_counts_as_none(nlp):
    found = _by_text(_doc(nlp, TEXT, "not a date")._.cl_dates)
    assert found["Tuesday"].value is None and found["Tuesday"].precision == "unresolved"
    assert found["1958"].value == "1958"


def test_hand_built_doc_without_model():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("Sales rose 5% last year and fell on Monday.")
    doc.ents = [Span(doc, 4, 6, label="DATE"), Span(doc, 9, 10, label="DATE")]
    dates = find_dates(doc, "2025-04-28")
    assert [(d.text, d.value) for d in dates] == [("last year", "2024"), ("Monday", "2025-04-28")]


def test_component_survives_empty_doc():
    nlp = spacy.blank("en")
    doc = DatesComponent("claimledger_dates")(nlp.make_doc(""))
    assert doc._.cl_dates == []


@pytest.mark.parametrize("text,expected", [
    ("between 1994 and 1997", ["1994", "1997"]),
    ("the quarter ended Sept. 30", ["the quarter", "Sept. 30"]),
    ("the first nine months of 1997", ["the first nine months", "1997"]),
    ("Aug. 7, 1998", ["Aug. 7, 1998"]),
    ("a year and a half", ["a year and a half"]),
])
def test_split_range(text, expected):
    pieces = [trim(text, s, e) for s, e in split_range(text, 0, len(text))]
    assert [text[s:e] for s, e in pieces] == expected
