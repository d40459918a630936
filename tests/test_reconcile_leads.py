"""Articles' leads and main claims (reconcile/leads.py) and the lead score (matching.compare_leads)."""
from __future__ import annotations

import pytest
from reconcile_helpers import article

from claimledger.reconcile import reconcile_analyses
from claimledger.reconcile.leads import days_apart, direction, lead_of, main_claim, opposite_directions
from claimledger.reconcile.lead_match import compare_leads
from claimledger.reconcile.matching import _unit
from claimledger.reconcile.records import ArticleClaim, SourceStatement, claims_from_analyses


@pytest.mark.parametrize("title, text, lead", [
    (None, "By Jane Doe\nHewlett-Packard will break in two, people said. It makes printers and computers. "
           "Its shares rose on Monday morning. The fourth sentence is not in the lead.",
     "Hewlett-Packard will break in two, people said. It makes printers and computers. "
     "Its shares rose on Monday morning."),
    ("HP to split", "HP will split in two parts. Whitman will lead one of them. Its shares rose on Monday. More.",
     "HP to split HP will split in two parts. Whitman will lead one of them. Its shares rose on Monday."),
    (None, "", ""),
])
def test_lead_is_the_headline_and_first_sentences(title, text, lead):
    assert lead_of(title, text) == lead


@pytest.mark.parametrize("claims, links, starts, main", [
    (["c1", "c2"], {"c1": {"s1"}, "c2": {"s2", "s3"}}, {"s1": 40, "s2": 60, "s3": 10}, "c2"),
    (["c1", "c2"], {"c1": {"s1"}, "c2": {"s2"}}, {"s1": 5, "s2": 5}, "c1"),  # a tie goes to the smaller id
    (["c1"], {"c1": {"s1"}}, {"s1": None}, None),  # no offsets: no main claim
    ([], {}, {}, None),
])
def test_main_claim_is_stated_first(claims, links, starts, main):
    statements = {sid: {"id": sid, "content_start": at} for sid, at in starts.items()}
    assert main_claim([{"id": c} for c in claims], links, statements) == main


@pytest.mark.parametrize("a, b, days", [
    ("2025-04-26", "2025-04-29", 3), ("2025-04-29T10:00", "2025-04-26", 3), (None, "2025-04-26", 0),
    ("2025-04", "2025-04-26", 0),
])
def test_days_apart(a, b, days):
    assert days_apart(a, b) == days


def _claim(article_id, lead, published=None, predicate=None, subject=(), quantity=None, frame=None):
    st = SourceStatement(article_id=article_id, id="s", speaker=None, entity_id=None, country=None,
                         entity_type=None, role=None, stance="assert", negated=False, hedges=[], via=[],
                         cue={}, content={"text": "", "start": 0, "end": 0}, date=None, date_precision=None,
                         published=published, outlet=None, predicate=predicate,
                         subject=frozenset(f"country:{c}" for c in subject))
    return ArticleClaim(article_id=article_id, id="c", text="", status="reported", start=0, end=1,
                        published=published, title=None, statements=[st], article_lead=lead, quantity=quantity,
                        frame=frame)


CRAB = "A giant crab lurking in the harbour at Whitstable in Kent was photographed from the air by a drone pilot"
CRAB_2 = "Photographs of a colossal crab in Whitstable harbour, Kent, taken by a drone, are a hoax"
FALL = "Stock markets worldwide fall dramatically as the Federal Reserve fails to calm the ongoing financial turmoil"
SURGE = "Stock markets worldwide surge dramatically as the Federal Reserve calms the ongoing financial turmoil"
OTHER = "The Alaska Airlines flight was delayed after a scorpion stung a passenger on board"


@pytest.mark.parametrize("a, b, kind", [
    (_claim("a1", CRAB), _claim("a2", CRAB_2), "lead"),
    (_claim("a1", CRAB), _claim("a2", OTHER), None),  # another story
    (_claim("a1", CRAB), _claim("a2", ""), None),  # not its article's main claim
    (_claim("a1", CRAB, "2014-10-01"), _claim("a2", CRAB_2, "2014-10-05"), "lead"),
    (_claim("a1", CRAB, "2014-10-01"), _claim("a2", CRAB_2, "2015-02-05"), None),  # months apart
    (_claim("a1", CRAB, predicate="DEPLOY", subject=["KP"]),
     _claim("a2", CRAB_2, predicate="TERRITORIAL_CONTROL", subject=["RU"]), None),  # another event
    (_claim("a1", FALL, frame={"predicate": "fall"}), _claim("a2", SURGE, frame={"predicate": "surge"}), None),
    (_claim("a1", FALL, frame={"predicate": "fall"}), _claim("a2", SURGE, frame={"predicate": "expect"}), "lead"),
])
def test_leads_that_tell_one_story(a, b, kind):
    found = compare_leads(a, b)
    assert (found[1] if found else None) == kind


@pytest.mark.parametrize("quantity, unit", [
    (None, None), ({"value": 2.0, "unit": "companies"}, None), ({"value": 14000, "unit": "troops"}, "troops"),
    ({"value": None, "unit": "troops"}, "troops"),
])
def test_small_numbers_describe_the_event(quantity, unit):
    assert _unit(_claim("a1", "", quantity=quantity)) == unit


SPLIT_A = article("HP splits. Technology giant Hewlett-Packard will break in two, Reuters reported on Sunday, "
                  "separating its computer and printer business from its corporate hardware and services.",
                  "2014-10-05", [("reuters", "Reuters", "reported", "assert",
                                  "Technology giant Hewlett-Packard will break in two", None, [], False)])
SPLIT_B = article("Split. Hewlett-Packard is planning to split itself into two separate businesses, Reuters "
                  "reported, its computer and printer segments apart from its corporate hardware and services.",
                  "2014-10-06", [("reuters", "Reuters", "reported", "assert",
                                  "Hewlett-Packard is planning to split itself into two separate businesses",
                                  None, [], False)])


def test_two_reports_of_one_story_are_one_ledger_claim():
    assert all(c.article_lead for c in claims_from_analyses([SPLIT_A, SPLIT_B]))
    claims = reconcile_analyses([SPLIT_A, SPLIT_B])
    assert len(claims) == 1 and len(claims[0]["articles"]) == 2
    assert [m["kind"] for m in claims[0]["matches"]] == ["lead"]


@pytest.mark.parametrize("fa, fb, way_a, opposite", [
    ({"predicate": "fall", "polarity": "positive"}, {"predicate": "surge", "polarity": "positive"}, -1, True),
    ({"predicate": "fall"}, {"predicate": "plunge"}, -1, False),  # one direction in other words
    ({"predicate": "fall", "polarity": "negative"}, {"predicate": "rise"}, 1, False),  # 'did not fall'
    ({"predicate": "fall", "polarity": "negative"}, {"predicate": "fall"}, 1, True),
    ({"predicate": "announce"}, {"predicate": "fall"}, 0, False),  # moves nothing: no direction
    (None, {"predicate": "fall"}, 0, False),
])
def test_opposite_directions(fa, fb, way_a, opposite):
    assert direction(fa) == way_a
    assert opposite_directions(fa, fb) is opposite
