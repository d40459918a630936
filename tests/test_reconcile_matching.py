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


def _statement(content):
    from claimledger.reconcile.records import SourceStatement
    return SourceStatement(article_id="a", id="s", speaker="X", entity_id=None, country=None, entity_type=None,
                           role=None, stance="assert", negated=False, hedges=[], via=[], cue={"text": "said"},
                           content={"text": content, "start": 0, "end": len(content)}, date=None,
                           date_precision=None, published=None, outlet=None)


@pytest.mark.parametrize("content, predicate, subject", [
    ("that Russian forces had expelled Ukrainian troops from the region", "TERRITORIAL_CONTROL", {"country:RU"}),
    ("that its forces had been expelled from the region", "TERRITORIAL_CONTROL", set()),  # passive: no doer
    ("that it had sent troops to help the Russian military recapture the region", "DEPLOY", set()),
    ("that North Korean soldiers fought alongside Russian troops", "DEPLOY", {"country:KP"}),
    ("that Ukrainian units were still operating in the region", "DEPLOY", {"country:UA"}),
    ("the presence of North Korean soldiers", "DEPLOY", set()),
    ("that the talks were a success", "TALKS", set()),
    ("that the weather was fine", None, set()),
])
def test_predicate_frame(content, predicate, subject):
    from claimledger.reconcile.records import predicate_frame
    rows = {"mentions": []}
    assert predicate_frame(_statement(content), rows, {}) == (predicate, frozenset(subject))


def _framed(content):
    """A statement with its concepts; 'Kursk' in it is a place (as the places component would say)."""
    from claimledger.reconcile.records import statement_concepts
    st = _statement(content)
    at = content.find("Kursk")
    places = [{"name": "Kursk", "start": at, "end": at + 5, "geonames_id": 538560, "admin1": "RU-KRS",
               "feature": "city"}] if at >= 0 else []
    st.concepts = frozenset(statement_concepts(st, {"mentions": [], "places": places}, {}))
    return st


@pytest.mark.parametrize("a, b, expected", [
    ("that Russian forces expelled Ukrainian troops from Kursk", "that Russia's forces drove Ukrainian troops out of Kursk",
     "same"),
    ("that Russian forces expelled Ukrainian troops", "that Russia's forces drove Ukrainian troops out", "same"),
    ("that Russian troops expelled Ukrainian troops", "that Russian soldiers expelled Ukrainian soldiers", "same"),
    ("that Russian troops expelled Ukrainian troops", "that Russian soldiers sent Ukrainian soldiers", None),
    ("that Ukrainian units were still operating", "that North Korean troops were operating", None),
    ("that Ukrainian units were still operating", "that Ukrainian troops were operating", None),  # polarity
    ("that Ukrainian units were still operating in Kursk", "that Russian troops expelled Ukrainian troops from Kursk",
     "contrary"),
    ("that Ukrainian units were still operating", "that Russian troops expelled Ukrainian troops", None),  # no place
])
def test_compare_statements(a, b, expected):
    from claimledger.reconcile.matching import compare_statements
    found = compare_statements(_framed(a), _framed(b))
    assert (found[1] if found else None) == expected


@pytest.mark.parametrize("fa, fb, other", [
    ({"predicate": "fight", "agent": "North Korea's troops"}, {"predicate": "expel", "agent": "Russian forces"}, True),
    ({"predicate": "expel", "agent": "Russian forces"}, {"predicate": "expel", "agent": "Russia"}, False),
    ({"predicate": "bury", "agent": "Kim Jong Un"}, {"predicate": "hide", "agent": "Kim"}, False),  # one doer, other verb
    ({"predicate": "fight", "agent": None}, {"predicate": "expel", "agent": "Russian forces"}, False),
    ({}, {"predicate": "expel", "agent": "Russian forces"}, False),
])
def test_frames_name_other_events(fa, fb, other):
    from claimledger.reconcile.matching import _frames_name_other_events
    assert _frames_name_other_events(fa, fb) is other


def _frame_claim(article_id, predicate, agent, patient=None, polarity="positive", modality="asserted"):
    from claimledger.reconcile.records import ArticleClaim
    frame = {"predicate": predicate, "agent": agent, "patient": patient, "polarity": polarity, "modality": modality,
             "quantity": {"value": 5.0, "unit": "usd", "approximate": False}}
    return ArticleClaim(article_id=article_id, id="c", text="", status="reported", start=0, end=1, published=None,
                        title=None, statements=[], frame=frame)


@pytest.mark.parametrize("a, b, kind", [
    # two frames of one polarity and modality need less shared weight (a frame is a few phrases)
    (("harvest", "ISIS", "organs"), ("harvest", "Militants", "the organs of victims"), "similar"),
    (("harvest", "ISIS", "organs", "negative"), ("harvest", "Militants", "the organs of victims"), None),
    (("harvest", "ISIS", "organs", "positive", "hedged"), ("harvest", "Militants", "organs"), None),
    # common words alone ('stock', 'market', 'world', 'fall') name no particular story, however many
    (("fall", "Stock markets around the world"), ("fall", "world stock markets"), None),
    (("fall", "Gazprom shares in Kobani"), ("fall", "shares of Gazprom at Kobani"), "similar"),
    (("fall", "Gazprom shares in Kobani"), ("surge", "Gazprom shares in Kobani"), None),  # opposite directions
])
def test_compare_words_on_frames(a, b, kind):
    from claimledger.reconcile.matching import compare_words
    found = compare_words(_frame_claim("a1", *a), _frame_claim("a2", *b))
    assert (found[1] if found else None) == kind


@pytest.mark.parametrize("frame, text", [
    ({"predicate": "rise", "agent": "prices", "polarity": "positive", "modality": "hedged",
      "quantity": {"value": 5.0, "unit": "usd", "approximate": True}}, "prices rise"),
    ({"predicate": "fall", "time": {"text": "today", "value": "2008-09-17"}, "polarity": "negative"}, "fall today"),
])
def test_frame_words_are_its_phrases_not_its_labels(frame, text):
    from claimledger.reconcile.index import frame_text, text_terms
    assert text_terms(frame_text(frame)) == text_terms(text)
