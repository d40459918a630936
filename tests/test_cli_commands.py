"""The command line through click's CliRunner: analyze, ingest, statements, claims, entities."""
from __future__ import annotations

import csv
import io
import json

import pytest

from claimledger.cli import main
from claimledger.ledger import Ledger
from claimledger.resources import REPO_ROOT

from test_ledger_store import sample

CONTRACT_KEYS = {"article", "entities", "statements", "claims", "places", "dates", "quantities"}


@pytest.mark.model
def test_analyze_json_has_the_contract_keys(runner, nlp):
    result = runner.invoke(main, ["analyze", str(REPO_ROOT / "examples" / "kursk.txt"), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) == CONTRACT_KEYS
    assert doc["article"]["published"] == "2025-04-28"
    assert doc["article"]["captions"][0]["start"] == 1


@pytest.mark.model
def test_analyze_dossier_and_overrides(runner, nlp, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The minister said on Monday that the talks in Geneva had ended without an agreement.", encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(path), "--published", "2024-02-05", "--source", "Wire"])
    assert result.exit_code == 0, result.output
    assert "published 2024-02-05" in result.output and "Wire" in result.output


def test_analyze_bad_input_is_one_line(runner, tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4\n....")
    result = runner.invoke(main, ["analyze", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "PDF" in result.output


@pytest.mark.model
def test_ingest_exit_status_is_nonzero_when_a_file_fails(runner, nlp, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The minister said on Monday that the talks had ended without an agreement.", encoding="utf-8")
    (folder / "b.txt").write_text("Officials in Paris told reporters on Tuesday that the strike would continue.", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    db = str(tmp_path / "l.db")
    result = runner.invoke(main, ["ingest", str(folder), "--db", db, "--quiet"])
    assert result.exit_code == 1
    assert "c.txt" in result.output and "2 added, 0 already in the ledger, 1 failed" in result.output
    assert Ledger(db).count() == 2
    again = runner.invoke(main, ["ingest", str(folder / "a.txt"), "--db", db, "--quiet"])
    assert again.exit_code == 0 and "0 added, 1 already in the ledger, 0 failed" in again.output


@pytest.mark.parametrize("command, columns, n_rows", [
    (["statements"], ["id", "article_id", "speaker", "via", "cue", "stance", "date", "content"], 3),
    (["statements", "--about", "Kyiv"], ["id", "speaker"], 1),
    (["claims"], ["id", "status", "text", "sources", "for", "against"], 1),
    (["claims", "--status", "confirmed"], ["id", "status"], 0),
    (["entities"], ["id", "name", "type", "country", "aliases", "mentions"], 2),
])
def test_listings_as_json_and_csv(runner, ledger_db, command, columns, n_rows):
    as_json = runner.invoke(main, command + ["--db", ledger_db, "--json"])
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.output)
    assert len(rows) == n_rows and all(set(columns) <= set(r) for r in rows)
    as_csv = runner.invoke(main, command + ["--db", ledger_db, "--csv"])
    assert as_csv.exit_code == 0
    table = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert len(table) == n_rows
    assert set(columns) <= set(next(csv.reader(io.StringIO(as_csv.output))))


def test_claims_csv_lists_json_encode_people(runner, ledger_db):
    result = runner.invoke(main, ["claims", "--db", ledger_db, "--csv"])
    [row] = list(csv.DictReader(io.StringIO(result.output)))
    assert "Kim" in json.loads(row["for"]) and "Kyiv" in json.loads(row["against"])


def test_listing_table_prints(runner, ledger_db):
    result = runner.invoke(main, ["claims", "--db", ledger_db])
    assert result.exit_code == 0 and "disputed" in result.output


def test_listing_without_ledger_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["statements", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "no ledger" in result.output


def test_dossier_shows_statements_claims_places_dates_quantities():
    from rich.console import Console

    from claimledger.output.report import print_dossier
    console = Console(record=True, width=160)
    print_dossier(sample(), console=console)
    out = console.export_text()
    for expected in ("Troops", "Kim (KP)", "confirm", "KCNA", "disputed", "Kim Jong Un", "Kursk",
                     "51.730, 36.190", "RU-KRS", "2025-04-28", "14000", "troops"):
        assert expected in out, expected
    assert "not confirm" in out  # the negated statement reads as such
