"""claimledger check: the CLI over a hand-built ledger (CliRunner), the side rules, and its FNC-1 scoring."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from web_ledger import EXPULSION_TEXT, build, expulsion_analysis, hostile_analysis

from claimledger.cli import main
from claimledger.evaluation import claim_check
from claimledger.reconcile.check import (
    AGAINST,
    DISCUSSING,
    FOR,
    Evidence,
    article_side,
    evidence_side,
    terms,
    text_position,
    toward_text,
)
from claimledger.reconcile.cues import OBSERVING, words

EXPULSION = "The Russian military expelled Ukrainian soldiers from the Kursk region"
UNRELATED = "A giant crab was photographed in Whitstable harbour"


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("check") / "l.db"
    build(path, [expulsion_analysis(), hostile_analysis()])
    return str(path)


def _check(*args):
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code == 0, result.output
    return result


def test_check_json_lists_one_object_per_claim_in_input_order(ledger_db):
    out = json.loads(_check(UNRELATED, EXPULSION, "--db", ledger_db, "--json").output)
    assert [r["text"] for r in out] == [UNRELATED, EXPULSION]
    assert out[0]["articles"] == [] and out[0]["claims"] == []  # unrelated: nothing listed


def test_check_finds_the_article_against_with_its_evidence(ledger_db):
    (result,) = json.loads(_check(EXPULSION, "--db", ledger_db, "--json").output)
    (article,) = result["articles"]
    assert article["article_id"] == expulsion_analysis().article.id
    assert article["side"] == AGAINST  # Kyiv denied it
    denial = article["evidence"][0]
    assert (denial["speaker"], denial["cue"], denial["side"]) == ("Kyiv", "denied", AGAINST)
    assert EXPULSION_TEXT[denial["start"]:denial["end"]] == denial["quote"]
    assert any("expelled" in c["text"] for c in result["claims"])  # the ledger claim it matches


def test_a_claim_that_calls_it_false_turns_the_sides(ledger_db):
    (result,) = json.loads(_check("The report that the Russian military expelled Ukrainian soldiers from the "
                                  "Kursk region is false", "--db", ledger_db, "--json").output)
    assert [a["side"] for a in result["articles"]] == [FOR]


def test_check_reads_claims_one_per_line_from_a_file(ledger_db, tmp_path):
    claims = tmp_path / "claims.txt"
    claims.write_text(f"{EXPULSION}\n\n{UNRELATED}\n", encoding="utf-8")
    out = json.loads(_check("--file", str(claims), "--db", ledger_db, "--json").output)
    assert [r["text"] for r in out] == [EXPULSION, UNRELATED]


def test_check_prints_sides_and_quotes(ledger_db):
    output = _check(EXPULSION, "--db", ledger_db).output
    assert "against" in output and "Kyiv denied" in output


@pytest.mark.parametrize("args, message", [
    ([], "give a claim"),
    (["X", "--db", "no-such-ledger.db"], "no ledger"),
])
def test_check_refuses_without_claims_or_ledger(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code != 0 and message in result.output


POSITIONS = [
    # (claim text, the position it takes itself)
    ("Kim Jong Un had ankle surgery", FOR),
    ("The third breast was a hoax", AGAINST),
    ("Kyiv denies its forces were expelled", AGAINST),
    ("Kim Jong Un reportedly had ankle surgery", OBSERVING),
    ("Did ISIS reach Baghdad?", OBSERVING),
    ("The president did not adopt a werewolf", FOR),  # negation is part of the proposition
]


@pytest.mark.parametrize("text, position", POSITIONS)
def test_text_position(text, position):
    assert text_position(text) == position


@pytest.mark.parametrize("side, own, expected", [
    (FOR, FOR, FOR), (AGAINST, FOR, AGAINST), (DISCUSSING, FOR, DISCUSSING),
    (FOR, AGAINST, AGAINST), (AGAINST, AGAINST, FOR), (DISCUSSING, AGAINST, DISCUSSING),
    (FOR, OBSERVING, DISCUSSING), (AGAINST, OBSERVING, DISCUSSING),
])
def test_toward_text(side, own, expected):
    assert toward_text(side, own) == expected


def _evidence(quote, kind="outlet", stance=None, hedges=()):
    return Evidence("a", kind, quote, 0, len(quote), stance=stance, hedges=tuple(hedges),
                    terms=frozenset(terms(quote)))


SIDE_CASES = [
    # (evidence, side toward the proposition "a scorpion stung a woman on a plane")
    (_evidence("A scorpion stung a woman on the flight."), FOR),
    (_evidence("A scorpion reportedly stung a woman on the flight."), DISCUSSING),
    (_evidence("The scorpion story was a hoax."), AGAINST),
    (_evidence("Could the scorpion story be a hoax?"), DISCUSSING),
    (_evidence("that a scorpion stung her", kind="statement", stance="assert"), DISCUSSING),
    (_evidence("that a scorpion stung her", kind="statement", stance="deny"), AGAINST),
    (_evidence("that a scorpion stung her", kind="statement", stance="confirm"), FOR),
    (_evidence("that it was a hoax", kind="statement", stance="claim"), DISCUSSING),
    (_evidence("whether a scorpion stung her", kind="statement", stance="question"), DISCUSSING),
]


@pytest.mark.parametrize("evidence, side", SIDE_CASES)
def test_evidence_side(evidence, side):
    assert evidence_side(evidence, set(words("a scorpion stung a woman on a plane"))) == side


BODIES = [{"body_id": i, "emergent_claim_id": c, "text": f"body {i}"} for i, c in
          ((1, "a"), (2, "a"), (3, "b"), (4, "c"), (5, "c"))]
PAIRS = [{"headline": "h1", "body_id": "1", "stance": "agree", "claim": "a"},
         {"headline": "h2", "body_id": "2", "stance": "discuss", "claim": "a"},
         {"headline": "h3", "body_id": "3", "stance": "disagree", "claim": "b"}]


def test_unrelated_pairs_are_as_many_and_from_the_next_claim():
    pairs = claim_check.with_unrelated(PAIRS, BODIES)
    unrelated = [(p["headline"], p["body_id"]) for p in pairs if p["stance"] == "unrelated"]
    assert unrelated == [("h1", "3"), ("h2", "3"), ("h3", "4")]
    assert claim_check.with_unrelated(PAIRS, BODIES) == pairs  # a fixed rule


@pytest.mark.parametrize("predicted, weighted", [
    (["agree", "discuss", "disagree", "unrelated"], 1.0),
    (["discuss", "discuss", "discuss", "unrelated"], round((0.25 * 4 + 0.75) / 3.25, 4)),
    (["unrelated", "unrelated", "unrelated", "unrelated"], round(0.25 / 3.25, 4)),
    (["agree", "discuss", "disagree", "agree"], round(3 / 3.25, 4)),
])
def test_fnc_weighted_score(predicted, weighted):
    scores = claim_check.fnc_scores(["agree", "discuss", "disagree", "unrelated"], predicted)
    assert scores["weighted"] == weighted


@pytest.mark.parametrize("sides, lead_hedges, side", [
    (["for", "discussing"], 1, "for"),
    (["for"], 3, "discussing"),  # "X reportedly ..., allegedly ..., according to ...": relays the story
    (["discussing"], 0, "for"),  # a lead with no hedge states the story as fact
    (["discussing"], 1, "discussing"),
    ([], 0, "discussing"),  # no evidence: nothing stated
    (["against", "for"], 0, "against"),
    (["against"], 4, "against"),  # a denial stands however the lead hedges
])
def test_the_lead_weighs_in_on_the_article_side(sides, lead_hedges, side):
    assert article_side(sides, lead_hedges) == side
