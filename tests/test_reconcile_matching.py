"""Matching per-article claims across articles: concepts, pair decisions, clusters (no model needed)."""
from __future__ import annotations

import pytest

from claimledger.reconcile.matching import compare_concepts
from claimledger.reconcile.records import _stem, word_concepts


@pytest.mark.parametrize("word, stem", [
    ("expelled", "expel"), ("expel", "expel"), ("forces", "forc"), ("force", "forc"),
    ("killed", "kil"), ("kill", "kil"), ("operating", "operat"), ("operate", "operat"),
    ("cities", "city"), ("city", "city"), ("troops", "troop"), ("deployed", "deploy"),
])
def test_stem_is_one_form_per_family(word, stem):
    assert _stem(word) == stem


@pytest.mark.parametrize("text, expected", [
    ("Russian forces had expelled Ukrainian troops", {"country:RU", "country:UA", "MILITARY_PERSONNEL",
                                                      "TERRITORIAL_CONTROL"}),
    ("North Korean soldiers were deployed", {"country:KP", "MILITARY_PERSONNEL", "DEPLOY"}),
    ("the ceasefire talks collapsed", {"lemma:ceasefir", "TALKS", "lemma:collaps"}),
])
def test_word_concepts(text, expected):
    assert word_concepts(text) == expected


KREMLIN = frozenset({"country:RU", "country:UA", "MILITARY_PERSONNEL", "TERRITORIAL_CONTROL", "place:538555"})
KYIV_DENIAL = frozenset({"MILITARY_PERSONNEL", "TERRITORIAL_CONTROL", "place:538555", "actor:ua"})
ZELENSKY = frozenset({"country:UA", "MILITARY_PERSONNEL", "DEPLOY", "place:538555"})
NK_TROOPS = frozenset({"country:KP", "country:RU", "MILITARY_PERSONNEL", "DEPLOY", "place:538555"})
US_PROFIT = frozenset({"country:US", "lemma:profit", "lemma:million"})
US_PROFIT_2 = frozenset({"country:US", "lemma:profit", "lemma:million", "lemma:quarter"})
STRIKE_KHARKIV = frozenset({"ATTACK", "WEAPON", "country:RU", "place:706483"})
STRIKE_KHARKIV_2 = frozenset({"ATTACK", "country:RU", "place:706483", "KILL"})


@pytest.mark.parametrize("a, b, a_cont, b_cont, expected", [
    (KREMLIN, KYIV_DENIAL, False, False, "same"),          # same predicate, place and participants
    (KREMLIN, ZELENSKY, False, True, "contrary"),          # expelled vs still operating there
    (KREMLIN, ZELENSKY, False, False, None),               # without 'still' it is another proposition
    (ZELENSKY, NK_TROOPS, False, False, None),             # Ukrainian units are not North Korean troops
    (KREMLIN, NK_TROOPS, False, False, None),              # expelling is not deploying
    (US_PROFIT, US_PROFIT_2, False, False, None),          # two lemmas and one country decide nothing
    (STRIKE_KHARKIV, STRIKE_KHARKIV_2, False, False, "same"),
])
def test_compare_concepts(a, b, a_cont, b_cont, expected):
    found = compare_concepts(a, b, a_cont, b_cont)
    assert (found[1] if found else None) == expected
    if found:  # the reason names what the two share
        assert found[0] <= a & b or found[1] == "contrary"
