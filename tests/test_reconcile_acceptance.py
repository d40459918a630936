"""Acceptance: three short articles written from the seed's facts, ingested end to end.

Saturday the Kremlin announces Ukrainian troops expelled from Kursk; Sunday Kyiv
denies it and Zelensky says units still operate there (TASS relays the
Kremlin's statement again); Monday North Korea confirms, through KCNA, that its
troops fought in Kursk, as Russia's top general does, and the article recalls
that Western intelligence had reported the deployment in November.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.ingest import ingest_paths
from claimledger.ledger import Ledger
from claimledger.reconcile.store import claim_dossier, claim_rows

ARTICLES = sorted((Path(__file__).parent / "data" / "reconcile").glob("*.txt"))


@pytest.fixture(scope="module")
def ledger_claims(nlp, tmp_path_factory):
    db_path = tmp_path_factory.mktemp("ledger") / "ledger.db"
    report = ingest_paths([str(p) for p in ARTICLES], str(db_path), nlp=nlp, progress=False)
    assert report.added == 3 and not report.errors
    with Ledger(db_path) as ledger:
        rows = claim_rows(ledger.db)
        dossiers = {r["id"]: claim_dossier(ledger.db, r["id"]) for r in rows}
    return rows, dossiers


def _find(rows, *words):
    hits = [r for r in rows if all(w in r["text"].lower() for w in words) and not r["implied_by"] == ["?"]]
    assert hits, f"no claim with {words}: {[r['text'] for r in rows]}"
    return max(hits, key=lambda r: len(r["history"]))


def _has(names, *options):
    return any(any(o.lower() in n.lower() for o in options) for n in names)


def test_expulsion_claim_is_disputed_kremlin_for_kyiv_and_zelensky_against(ledger_claims):
    rows, _ = ledger_claims
    claim = _find(rows, "expelled")
    assert claim["status"] == "disputed"
    assert _has(claim["for"], "Kremlin", "Government of Russia")
    assert _has(claim["against"], "Kyiv", "Government of Ukraine")
    assert _has(claim["against"], "Zelensky")
    dates = [h["date"] for h in claim["history"]]
    assert dates == sorted(dates)
    first = claim["history"][0]
    assert first["event"] == "first_reported" and first["date"] == "2025-04-26" and first["date_source"] == "stated"
    assert _has([first["source"]], "Kremlin", "Government of Russia")
    assert {h["date"] for h in claim["history"] if h["side"] == "against"} == {"2025-04-27"}


def test_relay_of_the_kremlin_statement_counts_once(ledger_claims):
    rows, _ = ledger_claims
    claim = _find(rows, "expelled")
    # the Kremlin in two articles (once relayed by TASS) is one source; Kyiv and Zelensky speak for Ukraine
    assert claim["sources_by_side"]["for"] == 1
    assert not _has(claim["for"], "TASS")
    assert claim["sources"] == 2


def test_troops_claim_confirmed_by_both_parties_first_reported_by_western_intelligence(ledger_claims):
    rows, _ = ledger_claims
    claim = next(r for r in rows if r["quantity"] is None and "troops" in r["text"].lower()
                 and "fought" in r["text"].lower())
    assert claim["status"] == "confirmed"
    first = claim["first_reported"]
    assert "western intelligence" in first["source"].lower()
    assert first["date"] == "2024-11" and first["date_source"] == "stated"
    confirmers = [h for h in claim["history"] if h["stance"] == "confirm"]
    assert _has([h["source"] for h in confirmers], "North Korea")
    assert _has([h["source"] for h in confirmers], "Gerasimov")
    assert {h["source_kind"] for h in confirmers} == {"party"}


def test_dossier_has_quotes_with_offsets_and_contradictions(ledger_claims):
    rows, dossiers = ledger_claims
    claim = dossiers[_find(rows, "expelled")["id"]]
    for e in claim["evidence"]:
        assert e["start"] is not None and e["end"] > e["start"] and e["quote"]
    kinds = {x["kind"] for x in claim["contradictions"]}
    assert "denial" in kinds
    assert "contrary_statement" in kinds  # Zelensky: units still operating
    assert all(x["a"]["source"] and x["b"]["source"] for x in claim["contradictions"])
