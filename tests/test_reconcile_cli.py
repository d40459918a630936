"""claimledger claims / claim / timeline across articles through click's CliRunner."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_reconcile_history import MON, SAT, SUN, TUE

from claimledger.cli import main
from claimledger.ingest.core import finish_pending
from claimledger.ledger import Ledger


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "l.db"
    with Ledger(path) as ledger:
        for analysis in (TUE, MON, SUN, SAT):
            ledger.store(analysis)
        finish_pending(ledger)  # as an ingest does
    return str(path)


def _run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("options, n_claims", [
    ([], 3), (["--status", "disputed"], 1), (["--status", "confirmed"], 1), (["--status", "denied"], 0),
    (["--about", "Zelensky"], 1), (["--about", "Kursk"], 3), (["--about", "Western intelligence"], 2),
])
def test_claims_json_contract(ledger_db, options, n_claims):
    claims = json.loads(_run("claims", "--db", ledger_db, "--json", *options))
    assert len(claims) == n_claims
    for c in claims:
        assert {"id", "text", "status", "for", "against", "sources", "history"} <= set(c)
        assert isinstance(c["sources"], int)
        for h in c["history"]:
            assert {"date", "date_source", "source", "stance", "article_id"} <= set(h)
            assert h["date_source"] in ("stated", "published")


def test_claim_dossier(ledger_db):
    [claim] = json.loads(_run("claims", "--db", ledger_db, "--json", "--status", "disputed"))
    dossier = json.loads(_run("claim", claim["id"][:8], "--db", ledger_db, "--json"))
    assert dossier["id"] == claim["id"]
    for e in dossier["evidence"]:
        assert e["quote"] and e["end"] > e["start"]
    assert {x["kind"] for x in dossier["contradictions"]} == {"denial", "contrary_statement"}
    assert len(dossier["members"]) == 2 and dossier["matches"][0]["shared"]
    assert "Contradictions" in _run("claim", claim["id"], "--db", ledger_db)


def test_unknown_claim_is_an_error(ledger_db):
    result = CliRunner().invoke(main, ["claim", "nope", "--db", ledger_db])
    assert result.exit_code != 0 and "no claim" in result.output


def test_timeline_in_date_order(ledger_db):
    rows = json.loads(_run("timeline", "--db", ledger_db, "--json"))
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates) and dates[0] == "2024-11"
    about = json.loads(_run("timeline", "--db", ledger_db, "--json", "--about", "Zelensky"))
    assert {r["status"] for r in about} == {"disputed"}


def test_claim_rows_reads_either_source(ledger_db):
    from claimledger.ledger.queries import ARTICLE_CLAIMS, LEDGER_CLAIMS
    from claimledger.reconcile.store import claim_rows

    with Ledger(ledger_db) as ledger:
        assert claim_rows(ledger.db, source=ARTICLE_CLAIMS) == ledger.claims()
        assert claim_rows(ledger.db, status="disputed", source=ARTICLE_CLAIMS) == ledger.claims(status="disputed")
        assert claim_rows(ledger.db) == claim_rows(ledger.db, source=LEDGER_CLAIMS)
        assert len(claim_rows(ledger.db)) == 3  # across articles
        with pytest.raises(ValueError, match="unknown claim source"):
            claim_rows(ledger.db, source="nope")


@pytest.mark.parametrize("raw, default, expected", [
    (None, [], []), ("", None, None), ('["a", "b"]', [], ["a", "b"]), ("not json", [], []),
    ('{"a": 1}', [], []),  # another kind than the default's: the default
    ('{"a": 1}', None, {"a": 1}),
])
def test_json_column(raw, default, expected):
    from claimledger.ledger.queries import json_column
    assert json_column(raw, default) == expected
