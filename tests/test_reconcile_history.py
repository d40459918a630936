"""History, status, sides, sources and contradictions of ledger claims, on hand-built analyses."""
from __future__ import annotations

import itertools
import json

import pytest
from reconcile_helpers import article

from claimledger.reconcile import reconcile_analyses

SAT = article(
    "Kursk retaken. The Kremlin announced on Saturday that Russian forces had expelled Ukrainian troops from "
    "the Kursk region.", "2025-04-26",
    [("kremlin", "The Kremlin", "announced", "assert",
      "Russian forces had expelled Ukrainian troops from the Kursk region", "2025-04-26", [], False)])
SUN = article(
    "Kyiv denies. Kyiv denied on Sunday that its forces had been expelled from Kursk. The Kremlin said, "
    "Reuters reported, that Russian forces had expelled Ukrainian troops from Kursk. Volodymyr Zelensky said "
    "Ukrainian units were still operating in Kursk and Belgorod.", "2025-04-27",
    [("kyiv", "Kyiv", "denied", "deny", "its forces had been expelled from Kursk", "2025-04-27", [], False),
     ("kremlin", "The Kremlin", "said", "assert", "Russian forces had expelled Ukrainian troops from Kursk", None,
      ["Reuters"], False),
     ("zelensky", "Volodymyr Zelensky", "said Ukrainian", "assert",
      "Ukrainian units were still operating in Kursk and Belgorod", None, [], False)], claims=[[0, 1, 2]])
MON = article(
    "Troops confirmed. The Central Military Commission confirmed that North Korean troops had fought in the "
    "Kursk region alongside Russian forces. Valery Gerasimov confirmed the presence of North Korean troops in "
    "Kursk. In November, Western intelligence reported that some 11,000 North Korean troops had been deployed "
    "to Kursk.", "2025-04-28",
    [("cmc", "Central Military Commission", "confirmed that", "confirm",
      "North Korean troops had fought in the Kursk region alongside Russian forces", "2025-04-28", ["KCNA"], False),
     ("gerasimov", "Valery Gerasimov", "confirmed the presence", "confirm",
      "the presence of North Korean troops in Kursk", None, [], False),
     ("intel", "Western intelligence", "reported", "assert",
      "some 11,000 North Korean troops had been deployed to Kursk", "2024-11", [], False)],
    claims=[[0, 1], [2]], quantities=[("some 11,000 North Korean troops", 11000, "troops", "KP")])
TUE = article(
    "New estimate. Western intelligence said on Tuesday that some 14,000 North Korean troops had been deployed "
    "to Kursk.", "2025-04-29",
    [("intel", "Western intelligence", "said", "assert", "some 14,000 North Korean troops had been deployed to Kursk",
      "2025-04-29", [], False)], quantities=[("some 14,000 North Korean troops", 14000, "troops", "KP")])


def _claim(claims, *words):
    hits = [c for c in claims if all(w in c["text"].lower() for w in words)]
    assert len(hits) == 1, [c["text"] for c in claims]
    return hits[0]


@pytest.fixture(scope="module")
def claims():
    return reconcile_analyses([SAT, SUN, MON, TUE])


def test_expulsion_disputed_in_date_order(claims):
    c = _claim(claims, "expelled")
    assert c["status"] == "disputed"
    assert c["for"] == ["Government of Russia"]
    assert c["against"] == ["Government of Ukraine", "Volodymyr Zelensky"]
    assert [(h["date"], h["date_source"]) for h in c["history"]] == [
        ("2025-04-26", "stated"), ("2025-04-27", "stated"), ("2025-04-27", "published"), ("2025-04-27", "published")]


def test_relay_is_not_a_second_source(claims):
    c = _claim(claims, "expelled")
    assert c["sources_by_side"] == {"for": 1, "against": 1}  # Kremlin twice (once via Reuters); Ukraine
    assert "Reuters" not in c["for"]


def test_troops_confirmed_first_reported_by_western_intelligence(claims):
    c = _claim(claims, "fought")
    assert c["status"] == "confirmed"
    assert c["first_reported"]["source"] == "Western intelligence"
    assert (c["first_reported"]["date"], c["first_reported"]["date_source"]) == ("2024-11", "stated")
    confirmed = [h for h in c["history"] if h["event"] in ("first_confirmed", "confirmed")]
    assert {h["source"] for h in confirmed} == {"Central Military Commission", "Valery Gerasimov"}
    assert {h["source_kind"] for h in confirmed} == {"party"}


def test_conflicting_counts_are_a_contradiction(claims):
    c = _claim(claims, "troops", "deployed")
    kinds = [x["kind"] for x in c["contradictions"]]
    assert kinds == ["quantity"]
    assert "11,000" in c["contradictions"][0]["reason"] and "14,000" in c["contradictions"][0]["reason"]


def test_one_conflict_repeated_by_many_reports_is_one_contradiction():
    wed = article(
        "Estimate repeated. Western intelligence said on Wednesday that some 14,000 North Korean troops had been "
        "deployed to Kursk.", "2025-04-30",
        [("intel", "Western intelligence", "said", "assert",
          "some 14,000 North Korean troops had been deployed to Kursk", "2025-04-30", [], False)],
        quantities=[("some 14,000 North Korean troops", 14000, "troops", "KP")])
    c = _claim(reconcile_analyses([MON, TUE, wed]), "troops", "deployed")
    assert len(c["articles"]) == 3  # 11,000 once, 14,000 twice: one conflict of values, not two
    assert [(x["kind"], x["a"]["date"], x["b"]["date"]) for x in c["contradictions"]] == [
        ("quantity", "2024-11", "2025-04-29")]


def test_denials_are_pairs_with_both_sources(claims):
    c = _claim(claims, "expelled")
    pairs = {(x["kind"], x["a"]["source"], x["b"]["source"]) for x in c["contradictions"]}
    assert pairs == {("denial", "Government of Russia", "Government of Ukraine"),
                     ("contrary_statement", "Government of Russia", "Volodymyr Zelensky")}


def test_any_order_gives_the_same_claims():
    expected = json.dumps(reconcile_analyses([SAT, SUN, MON, TUE]), sort_keys=True)
    for order in itertools.permutations([SAT, SUN, MON, TUE]):
        assert json.dumps(reconcile_analyses(list(order)), sort_keys=True) == expected
    assert json.dumps(reconcile_analyses([SAT, SUN, MON, TUE, SAT, MON]), sort_keys=True) == expected


NEGATED = article(
    "Pyongyang responds. Kyiv said on Monday that no Russian forces had expelled Ukrainian troops from Kursk.",
    "2025-04-28",
    [("kyiv", "Kyiv", "said", "assert", "no Russian forces had expelled Ukrainian troops from Kursk", None, [], True)])
RETRACT = article(
    "Correction. The Kremlin retracted on Tuesday its statement that Russian forces had expelled Ukrainian troops "
    "from Kursk.", "2025-04-29",
    [("kremlin", "The Kremlin", "retracted", "deny",
      "Russian forces had expelled Ukrainian troops from Kursk", None, [], False)])


@pytest.mark.parametrize("extra, status, event, kind", [
    ([NEGATED], "disputed", "denied", "negated_predicate"),
    ([RETRACT], "retracted", "retracted", "denial"),
])
def test_negation_and_retraction(extra, status, event, kind):
    c = _claim(reconcile_analyses([SAT, *extra]), "expelled")
    assert c["status"] == status
    assert c["history"][-1]["event"] == event
    assert kind in {x["kind"] for x in c["contradictions"]} or event == "retracted"


def test_statement_relaying_another_joins_its_claim_and_is_not_a_second_source():
    nested = article(
        "Relay. North Korea confirmed that North Korean troops had fought in the Kursk region alongside Russian "
        "forces, Reuters reported.", "2025-04-28",
        [("cmc", "North Korea", "confirmed", "confirm",
          "North Korean troops had fought in the Kursk region alongside Russian forces", None, [], False),
         ("reuters", "Reuters", "reported", "assert",
          "North Korea confirmed that North Korean troops had fought in the Kursk region alongside Russian forces",
          None, [], False)])
    [claim] = reconcile_analyses([nested])
    kinds = {h["source"]: h["source_kind"] for h in claim["history"]}
    assert kinds == {"Central Military Commission": "party", "Reuters": "relay"}
    assert claim["sources"] == 1 and claim["for"] == ["Central Military Commission"]


def _strike(place, day, weekday, published):
    text = f"Strike. Kyiv said Russian forces struck Ukrainian troops in {place} on {weekday}."
    return article(text, published, [("kyiv", "Kyiv", "said", "assert",
                                      f"Russian forces struck Ukrainian troops in {place} on {weekday}", None, [],
                                      False)], dates=[(weekday, day)])


@pytest.mark.parametrize("a, b, kinds", [
    (_strike("Kharkiv", "2025-03-03", "Monday", "2025-03-04"), _strike("Sumy", "2025-03-03", "Monday", "2025-03-05"),
     ["place"]),
    (_strike("Kharkiv", "2025-03-03", "Monday", "2025-03-04"),
     _strike("Kharkiv", "2025-03-04", "Tuesday", "2025-03-05"), ["date"]),
    (_strike("Kharkiv", "2025-03-03", "Monday", "2025-03-04"),
     _strike("Kharkiv", "2025-03-03", "Monday", "2025-03-05"), []),
])
def test_conflicting_places_and_dates(a, b, kinds):
    [claim] = reconcile_analyses([a, b])
    assert [x["kind"] for x in claim["contradictions"]] == kinds
    assert claim["sources"] == 1  # Kyiv twice is one source


@pytest.mark.parametrize("actor, speaker, status", [
    ("intel", "Western intelligence", "reported"),  # a vague source's confirmation is not a confirmation
    ("gerasimov", "Valery Gerasimov", "confirmed"),  # a party's is
    ("reuters", "Reuters", "reported"),  # a relay only repeats
])
def test_who_can_confirm(actor, speaker, status):
    text = f"Confirmed. {speaker} confirmed that North Korean troops had fought in the Kursk region."
    one = article(text, "2025-04-28", [(actor, speaker, "confirmed", "confirm",
                                        "North Korean troops had fought in the Kursk region", None, [], False)])
    [claim] = reconcile_analyses([one])
    assert claim["status"] == status


def test_a_statement_the_text_puts_earlier_comes_first_on_its_date():
    text = ("Troops. North Korea confirmed that North Korean troops had fought in the Kursk region. "
            "Western intelligence had earlier reported that North Korean troops had fought in the Kursk region.")
    one = article(text, "2025-04-28", [
        ("cmc", "North Korea", "confirmed", "confirm", "North Korean troops had fought in the Kursk region", None, [],
         False),
        ("intel", "Western intelligence", "reported", "assert",
         "North Korean troops had fought in the Kursk region.", None, [], False)], claims=[[0, 1]])
    [claim] = reconcile_analyses([one])
    assert claim["first_reported"]["source"] == "Western intelligence"
    assert claim["first_confirmed"]["source"] == "Central Military Commission"
