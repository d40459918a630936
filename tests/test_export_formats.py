"""claimledger export: JSON lines, CSV, GeoJSON and schema.org Claim / ClaimReview."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from test_reconcile_history import MON, SAT, SUN, TUE
from web_ledger import build

from claimledger.cli import main


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("export") / "l.db", (SAT, SUN, MON, TUE))


def _export(db, fmt, *extra):
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", fmt, *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_jsonl_one_claim_a_line(ledger_db):
    claims = [json.loads(line) for line in _export(ledger_db, "jsonl").splitlines()]
    assert {c["status"] for c in claims} >= {"disputed", "confirmed"}
    assert all({"id", "text", "status", "for", "against", "sources", "history", "contradictions"} <= set(c)
               for c in claims)


def test_csv_one_row_per_history_entry(ledger_db):
    rows = list(csv.DictReader(io.StringIO(_export(ledger_db, "csv"))))
    assert {"claim_id", "date", "date_source", "source", "stance", "side", "article_id"} <= set(rows[0])
    expelled = [r for r in rows if "expelled" in r["claim"]]
    assert [r["side"] for r in expelled] == ["for", "against", "for", "against"]
    assert expelled[0]["event"] == "first_reported"


def test_geojson_points_from_places(ledger_db):
    data = json.loads(_export(ledger_db, "geojson"))
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["claim_id"] and feature["properties"]["status"]
    assert "Kursk" in {f["properties"]["place"] for f in data["features"]}


def test_claimreview_only_where_a_verdict_exists(ledger_db):
    graph = json.loads(_export(ledger_db, "claimreview"))["@graph"]
    claims = [g for g in graph if g["@type"] == "Claim"]
    reviews = [g for g in graph if g["@type"] == "ClaimReview"]
    assert claims and all(c["author"]["name"] and c["appearance"]["@type"] == "NewsArticle" for c in claims)
    reviewed = {r["claimReviewed"] for r in reviews}
    assert any("fought" in text for text in reviewed)  # confirmed
    assert not any("expelled" in text for text in reviewed)  # disputed: no verdict
    assert all(r["reviewRating"]["ratingValue"] in (1, 5) for r in reviews)


def test_export_to_file_and_filters(ledger_db, tmp_path):
    out = tmp_path / "disputed.jsonl"
    _export(ledger_db, "jsonl", "--status", "disputed", "--output", str(out))
    claims = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [c["status"] for c in claims] == ["disputed"]
