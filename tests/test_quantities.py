"""Quantities: numbers with unit, hedge and the actor they count."""
import pytest
import spacy
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces

from claimledger.pipeline.quantities import QuantitiesComponent, parse_number

VOCAB = spacy.blank("en").vocab


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


def parsed(text, words, heads, deps, pos, ents):
    """A hand-built Doc (as spaCy's own tests make them): the parse and entities are given, not predicted."""
    words, spaces = get_words_and_spaces(words, text)
    return Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, ents=ents)


# heads are token indices; the rule reads the entity, the noun it modifies and that noun's modifiers
@pytest.mark.parametrize("text, words, heads, deps, pos, ents, expected", [
    # a hedge inside the entity, a two-token demonym naming the country
    ("some 14,000 North Korean troops", ["some", "14,000", "North", "Korean", "troops"],
     [1, 4, 3, 4, 4], ["quantmod", "nummod", "amod", "amod", "ROOT"], ["DET", "NUM", "ADJ", "ADJ", "NOUN"],
     ["B-CARDINAL", "I-CARDINAL", "B-NORP", "I-NORP", "O"],
     [("some 14,000 North Korean troops", 14000, True, "troops", "KP")]),
    ("about 300 tanks", ["about", "300", "tanks"], [1, 2, 2], ["advmod", "nummod", "ROOT"], ["ADV", "NUM", "NOUN"],
     ["B-CARDINAL", "I-CARDINAL", "O"], [("about 300 tanks", 300, True, "tanks", None)]),
    # the hedge just before the entity counts too, and the quantity's span takes it in
    ("about 300 tanks", ["about", "300", "tanks"], [1, 2, 2], ["advmod", "nummod", "ROOT"], ["ADV", "NUM", "NOUN"],
     ["O", "B-CARDINAL", "O"], [("about 300 tanks", 300, True, "tanks", None)]),
    ("More than 1.5 million people", ["More", "than", "1.5", "million", "people"],
     [3, 3, 3, 4, 4], ["amod", "quantmod", "compound", "nummod", "ROOT"], ["ADJ", "ADP", "NUM", "NUM", "NOUN"],
     ["B-CARDINAL", "I-CARDINAL", "I-CARDINAL", "I-CARDINAL", "O"],
     [("More than 1.5 million people", 1.5e6, True, "people", None)]),
    ("Two hundred Ukrainian soldiers", ["Two", "hundred", "Ukrainian", "soldiers"],
     [1, 3, 3, 3], ["compound", "nummod", "amod", "ROOT"], ["NUM", "NUM", "ADJ", "NOUN"],
     ["B-CARDINAL", "I-CARDINAL", "B-NORP", "O"], [("Two hundred Ukrainian soldiers", 200, False, "soldiers", "UA")]),
    ("Prices rose 20%", ["Prices", "rose", "20", "%"], [1, 1, 3, 1], ["nsubj", "ROOT", "nummod", "npadvmod"],
     ["NOUN", "VERB", "NUM", "NOUN"], ["O", "O", "B-PERCENT", "I-PERCENT"], [("20%", 20, False, "percent", None)]),
    ("worth $3 billion", ["worth", "$", "3", "billion"], [0, 3, 3, 0], ["ROOT", "quantmod", "compound", "npadvmod"],
     ["ADJ", "SYM", "NUM", "NUM"], ["O", "B-MONEY", "I-MONEY", "I-MONEY"], [("$3 billion", 3e9, False, "USD", None)]),
    # a number that modifies no noun has no unit
    ("Three were killed", ["Three", "were", "killed"], [2, 2, 2], ["nsubjpass", "auxpass", "ROOT"],
     ["NUM", "AUX", "VERB"], ["B-CARDINAL", "O", "O"], [("Three", 3, False, None, None)]),
    # an entity that reads as no number is no quantity
    ("none of the troops", ["none", "of", "the", "troops"], [0, 0, 3, 1], ["ROOT", "prep", "det", "pobj"],
     ["NOUN", "ADP", "DET", "NOUN"], ["B-CARDINAL", "O", "O", "O"], []),
])
def test_quantities_on_hand_built_docs(text, words, heads, deps, pos, ents, expected):
    doc = QuantitiesComponent("claimledger_quantities")(parsed(text, words, heads, deps, pos, ents))
    got = [(q.text, q.value, q.approximate, q.unit, q.country) for q in doc._.cl_quantities]
    assert got == expected
    for q in doc._.cl_quantities:
        assert text[q.start:q.end] == q.text


def test_quantities_component_in_the_pipeline(nlp):
    text = "Officials said some 14,000 North Korean troops had been deployed."
    got = [(q.text, q.value, q.approximate, q.unit, q.country, q.hedge) for q in nlp(text)._.cl_quantities]
    assert got == [("some 14,000 North Korean troops", 14000, True, "troops", "KP", "some")]
