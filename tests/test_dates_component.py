"""claimledger_dates on real text (the `nlp` fixture) and on hand-built Docs (no model)."""
import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.util import get_words_and_spaces

from claimledger.pipeline.dates.component import DatesComponent, find_dates, split_range, trim
from claimledger.model import DATE_PRECISIONS

TEXT = (
    "The council voted on Tuesday to close the bridge. "
    "Repairs began last month and will take about six weeks, the mayor said on Friday. "
    "Traffic fell 12% in the third quarter compared with a year earlier. "
    "The bridge, built in 1958, now carries 40,000 cars daily."
)
PUBLISHED = "2024-10-17"  # a Thursday
VOCAB = spacy.blank("en").vocab


def _by_text(dates):
    return {d.text: d for d in dates}


def _doc(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def parsed(text, words, **annotations):
    """A hand-built Doc (as spaCy's own tests make them): heads, deps, tags, entities given, not predicted."""
    words, spaces = get_words_and_spaces(words, text)
    return Doc(VOCAB, words=words, spaces=spaces, **annotations)


def _with_dates(text, dates):
    """A Doc with no parse and the given DATE entities (token ranges)."""
    doc = spacy.blank("en").make_doc(text)
    doc.ents = [Span(doc, start, end, label="DATE") for start, end in dates]
    return doc


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


# The parse decides the tense a relative date is read in, and whether a rate or
# reference word ("daily", "current", "now", the lexicon the model never tags) is a date at all.
@pytest.mark.parametrize("text, words, heads, deps, pos, tags, ents, expected", [
    # the tense of the governing verb picks the Tuesday before or after publication
    ("They met on Tuesday", ["They", "met", "on", "Tuesday"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
     ["PRON", "VERB", "ADP", "PROPN"], ["PRP", "VBD", "IN", "NNP"], ["O", "O", "O", "B-DATE"],
     [("Tuesday", "2024-10-15", "2024-10-15")]),
    ("They will meet on Tuesday", ["They", "will", "meet", "on", "Tuesday"], [2, 2, 2, 2, 3],
     ["nsubj", "aux", "ROOT", "prep", "pobj"], ["PRON", "AUX", "VERB", "ADP", "PROPN"],
     ["PRP", "MD", "VB", "IN", "NNP"], ["O", "O", "O", "O", "B-DATE"], [("Tuesday", "2024-10-22", "2024-10-22")]),
    # two entities with only a space between them are one expression
    ("on Friday morning", ["on", "Friday", "morning"], [0, 0, 0], ["ROOT", "pobj", "npadvmod"],
     ["ADP", "PROPN", "NOUN"], ["IN", "NNP", "NN"], ["O", "B-DATE", "B-TIME"],
     [("Friday morning", "2024-10-11TMO", "2024-10-11TMO")]),
    # references and rates: dates without a calendar value
    ("It now carries", ["It", "now", "carries"], [2, 2, 2], ["nsubj", "advmod", "ROOT"], ["PRON", "ADV", "VERB"],
     ["PRP", "RB", "VBZ"], ["O", "O", "O"], [("now", None, "PRESENT_REF")]),
    ("40,000 cars daily", ["40,000", "cars", "daily"], [1, 1, 1], ["nummod", "ROOT", "advmod"],
     ["NUM", "NOUN", "ADV"], ["CD", "NNS", "RB"], ["O", "O", "O"], [("daily", "P1D", "P1D")]),
    ("the current government", ["the", "current", "government"], [2, 2, 2], ["det", "amod", "ROOT"],
     ["DET", "ADJ", "NOUN"], ["DT", "JJ", "NN"], ["O", "O", "O"], [("current", None, "PRESENT_REF")]),
    # ... but not where the word describes a thing, or is part of a name
    ("a daily newspaper", ["a", "daily", "newspaper"], [2, 2, 2], ["det", "amod", "ROOT"],
     ["DET", "ADJ", "NOUN"], ["DT", "JJ", "NN"], ["O", "O", "O"], []),
    ("annual sales", ["annual", "sales"], [1, 1], ["amod", "ROOT"], ["ADJ", "NOUN"], ["JJ", "NNS"], ["O", "O"], []),
    ("the current account", ["the", "current", "account"], [2, 2, 2], ["det", "amod", "ROOT"],
     ["DET", "ADJ", "NOUN"], ["DT", "JJ", "NN"], ["O", "O", "O"], []),
    ("the Daily Telegraph", ["the", "Daily", "Telegraph"], [2, 2, 2], ["det", "compound", "ROOT"],
     ["DET", "PROPN", "PROPN"], ["DT", "NNP", "NNP"], ["O", "O", "O"], []),
])
def test_parse_rules_on_hand_built_docs(text, words, heads, deps, pos, tags, ents, expected):
    doc = parsed(text, words, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents)
    dates = find_dates(doc, PUBLISHED)
    assert [(d.text, d.value, d.timex) for d in dates] == expected
    for d in dates:
        assert text[d.start:d.end] == d.text


def test_without_publication_date_relative_dates_stay_unresolved():
    doc = _with_dates("The bridge, built in 1958, closed on Tuesday.", [(5, 6), (9, 10)])
    found = _by_text(find_dates(doc, None))
    assert found["Tuesday"].value is None
    assert found["Tuesday"].precision == "unresolved"
    assert found["Tuesday"].note
    assert found["1958"].value == "1958"


def test_bad_publication_date_counts_as_none():
    doc = _with_dates("The bridge, built in 1958, closed on Tuesday.", [(5, 6), (9, 10)])
    doc._.published = "not a date"
    found = _by_text(DatesComponent("claimledger_dates")(doc)._.cl_dates)
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
