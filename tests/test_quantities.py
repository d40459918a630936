"""Quantities: numbers with unit, hedge and the actor they count."""
import pytest

from claimledger.pipeline.quantities import parse_number


@pytest.mark.parametrize("words, expected", [
    (["14,000"], 14000),
    (["1.5", "million"], 1_500_000),
    (["eight"], 8),
    (["two", "hundred"], 200),
    (["$3bn"], 3_000_000_000),
    (["twenty", "five", "thousand"], 25_000),
    (["dozens"], 24),
    (["none"], None),
])
def test_parse_number(words, expected):
    assert parse_number(words) == expected


@pytest.mark.parametrize("text, expected", [
    ("Officials said some 14,000 North Korean troops had been deployed.",
     [("some 14,000 North Korean troops", 14000, True, "troops", "KP")]),
    ("The army lost about 300 tanks last month.", [("about 300 tanks", 300, True, "tanks", None)]),
    ("Two hundred Ukrainian soldiers were captured.", [("Two hundred Ukrainian soldiers", 200, False, "soldiers", "UA")]),
    ("Prices rose 20% in a year.", [("20%", 20, False, "percent", None)]),
    ("The deal is worth $3 billion.", [("$3 billion", 3e9, False, "USD", None)]),
    ("More than 1.5 million people fled.", [("More than 1.5 million people", 1.5e6, True, "people", None)]),
])
def test_quantities_component(nlp, text, expected):
    doc = nlp(text)
    got = [(q.text, q.value, q.approximate, q.unit, q.country) for q in doc._.cl_quantities]
    assert got == expected
    for q in doc._.cl_quantities:
        assert text[q.start:q.end] == q.text
