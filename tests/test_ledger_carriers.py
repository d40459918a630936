"""One article, several carriers: the same text from another outlet or URL is recorded as a carrier (a relay,
not a second source); a corrected date, outlet or title for a known carrier is applied and said.

Before: the article id is a hash of the text only, so both were dropped: "0 added, 1 already"."""
from __future__ import annotations

import json
import sqlite3

import pytest
import spacy
from click.testing import CliRunner

from claimledger.ingest import ingest_paths
from claimledger.ledger import ALREADY, CARRIER, UPDATED, Ledger

from test_ingest_resume import article_text
from test_ledger_store import sample


@pytest.fixture(scope="module")
def blank_nlp():
    return spacy.blank("en")


def write(folder, name, text, **meta):
    folder.mkdir(exist_ok=True)
    front = "".join(f"{k}: {v}\n" for k, v in meta.items())
    (folder / name).write_text(f"---\n{front}---\n{text}" if meta else text, encoding="utf-8")
    return str(folder / name)


def carriers(db) -> list[tuple]:
    return sqlite3.connect(db).execute(
        "SELECT source, url, published, [first] FROM carriers ORDER BY [first] DESC, source").fetchall()


def test_a_second_outlet_is_a_carrier_not_a_second_article(tmp_path, blank_nlp):
    db = str(tmp_path / "l.db")
    text = article_text(1)
    first = write(tmp_path / "a", "wire.txt", text, source="Wire", url="https://wire.example/1", published="2025-04-28")
    second = write(tmp_path / "b", "paper.txt", text, source="Daily Paper", url="https://paper.example/x",
                   published="Tue, 29 Apr 2025 06:00:00 GMT")
    assert ingest_paths([first], db, progress=False, nlp=blank_nlp).added == 1
    report = ingest_paths([second], db, progress=False, nlp=blank_nlp)
    assert (report.added, report.carriers, report.updated, report.skipped) == (0, 1, 0, 0)
    assert "1 new carrier of stored articles" in report.summary()
    assert carriers(db) == [("Wire", "https://wire.example/1", "2025-04-28", 1),
                            ("Daily Paper", "https://paper.example/x", "2025-04-29T06:00:00+00:00", 0)]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), min(source) FROM articles").fetchone() == (1, "Wire")  # one article
    again = ingest_paths([second], db, progress=False, nlp=blank_nlp)
    assert (again.carriers, again.skipped) == (0, 1)


def test_two_outlets_in_one_run(tmp_path, blank_nlp):
    db = str(tmp_path / "l.db")
    text = article_text(2)
    paths = [write(tmp_path / "a", "x.txt", text, source="Wire"), write(tmp_path / "b", "y.txt", text, source="Paper")]
    report = ingest_paths(paths, db, progress=False, nlp=blank_nlp)
    assert (report.added, report.carriers) == (1, 1)
    assert [c[0] for c in carriers(db)] == ["Wire", "Paper"]


def test_a_corrected_date_is_applied_and_said(tmp_path, blank_nlp):
    db = str(tmp_path / "l.db")
    text = article_text(3)
    path = write(tmp_path / "a", "s.txt", text, source="Wire", published="2025-04-28")
    ingest_paths([path], db, progress=False, nlp=blank_nlp)
    path = write(tmp_path / "a", "s.txt", text, source="Wire", published="2025-04-27")
    report = ingest_paths([path], db, progress=False, nlp=blank_nlp)
    assert (report.added, report.updated, report.skipped) == (0, 1, 0)
    assert report.summary().startswith("0 added, 1 updated")
    assert sqlite3.connect(db).execute("SELECT published FROM articles").fetchone() == ("2025-04-27",)
    with Ledger(db) as ledger:
        assert ledger.reconcile_pending() is None  # the corrected date was reconciled by that ingest


def test_a_corrected_outlet_by_the_same_url_is_an_update(tmp_path):
    db = tmp_path / "l.db"
    with Ledger(db) as ledger:
        analysis = sample()
        analysis.article.url = "https://wire.example/1"
        ledger.store(analysis)
        article = analysis.article
        assert ledger.record_carrier(article) == ALREADY
        article.source = "Wire Service"
        assert ledger.record_carrier(article) == UPDATED
        assert ledger.reconcile_pending() == "full"
        article.url, article.source = "https://mirror.example/1", "Mirror"
        assert ledger.record_carrier(article) == CARRIER
        assert [(c["source"], c["first"]) for c in ledger.carriers(article.id)] == [("Wire Service", 1), ("Mirror", 0)]
        assert ledger.db.execute("SELECT source FROM articles").fetchone() == ("Wire Service",)


def test_the_cli_says_updated(tmp_path):
    """The whole command: a re-ingest with a corrected date prints "1 updated", not "0 added, 1 already"."""
    db = tmp_path / "l.db"
    with Ledger(db) as ledger:
        analysis = sample()
        ledger.store(analysis)
    path = tmp_path / "a.txt"
    path.write_text(analysis.article.text, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"source": "Wire", "published": "27 April 2025"}), encoding="utf-8")
    from claimledger.cli import main
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "0 added, 1 updated, 0 already in the ledger, 0 failed" in result.output
