"""Ingest: resume, dedup, defaults, per-article failures, and a killed ingest that resumes cleanly."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
import spacy
from spacy.language import Language

from claimledger.errors import MissingExtraError
from claimledger.ingest import ingest_paths
from claimledger.ledger import Ledger

SENTENCE = "The minister said on {day} that the talks in {city} had ended without an agreement, officials told reporters."
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CITIES = ["Geneva", "Paris", "Vienna", "Oslo", "Rome", "Madrid", "Berlin", "Lisbon", "Prague", "Warsaw", "Dublin"]


def article_text(i: int) -> str:
    return " ".join(SENTENCE.format(day=DAYS[(i + k) % 7], city=CITIES[(i * 3 + k) % 11]) for k in range(3)) + f" Report {i}."


@Language.component("test_boom")
def boom(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("component failed")
    return doc


@pytest.fixture(scope="module")
def blank_nlp():
    # the ingest machinery, not the extractors, is under test here: a blank pipeline is enough
    nlp = spacy.blank("en")
    nlp.add_pipe("test_boom")
    return nlp


def write_dir(tmp_path, n):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(article_text(i), encoding="utf-8")
    return folder


def test_ingest_then_resume_skips_stored_articles(tmp_path, blank_nlp):
    folder = write_dir(tmp_path, 5)
    (folder / "broken.txt").write_bytes(b"%PDF-1.4 binary")
    db = str(tmp_path / "l.db")
    first = ingest_paths([str(folder), str(tmp_path / "missing.txt")], db, progress=False, nlp=blank_nlp)
    assert (first.added, first.skipped) == (5, 0)
    assert sorted(label.rsplit("/", 1)[-1] for label, _ in first.errors) == ["broken.txt", "missing.txt"]
    second = ingest_paths([str(folder)], db, progress=False, nlp=blank_nlp)
    assert (second.added, second.skipped, len(second.errors)) == (0, 5, 1)
    assert Ledger(db).count() == 5


def test_a_quoted_glob_is_expanded_in_a_single_process_run(tmp_path, blank_nlp):
    folder = write_dir(tmp_path, 12)
    db = str(tmp_path / "l.db")
    report = ingest_paths([f"{folder}/a00*.txt"], db, progress=False, nlp=blank_nlp)
    assert (report.added, report.errors) == (10, [])
    paths = [r["path"] for r in Ledger(db).db.query("SELECT path FROM articles ORDER BY rowid")]
    assert paths == [str(folder / f"a{i:03d}.txt") for i in range(10)]  # in sorted path order


def test_identical_texts_in_one_run_are_one_article(tmp_path, blank_nlp):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": article_text(1), "title": t}) for t in ("a", "b")), encoding="utf-8")
    report = ingest_paths([str(feed)], str(tmp_path / "l.db"), progress=False, nlp=blank_nlp)
    assert (report.added, report.skipped) == (1, 1)


def test_defaults_fill_only_missing_metadata(tmp_path, blank_nlp):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": article_text(1), "published": "2020-01-01"}) + "\n"
                    + json.dumps({"text": article_text(2)}), encoding="utf-8")
    db = str(tmp_path / "l.db")
    ingest_paths([str(feed)], db, published="2025-04-28", source="Wire", progress=False, nlp=blank_nlp)
    rows = sorted((r["published"], r["source"], r["path"]) for r in Ledger(db).db["articles"].rows)
    assert rows == [("2020-01-01", "Wire", f"{feed}:1"), ("2025-04-28", "Wire", f"{feed}:2")]


def test_a_failing_article_is_recorded_and_the_batch_goes_on(tmp_path, blank_nlp):
    folder = write_dir(tmp_path, 4)
    (folder / "a001.txt").write_text(article_text(1) + " BOOM", encoding="utf-8")
    report = ingest_paths([str(folder)], str(tmp_path / "l.db"), progress=False, nlp=blank_nlp)
    assert report.added == 3
    [(label, message)] = report.errors
    assert label.endswith("a001.txt") and "analysis failed" in message


def test_workers_without_dask_ask_for_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)  # import dask -> ImportError
    with pytest.raises(MissingExtraError, match="dask"):
        ingest_paths(["x.txt"], str(tmp_path / "l.db"), workers=2, progress=False)


CHILD_TABLES = ("entities", "mentions", "statements", "claims", "places", "dates", "quantities")


def assert_consistent(db_path):
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    for table in CHILD_TABLES + ("claim_statements",):
        orphans = conn.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        assert orphans == 0, f"{table} has rows of an article that is not stored"
    for table in CHILD_TABLES:
        # every stored article has exactly the rows it was stored with
        bad = conn.execute(f"SELECT a.id FROM articles a WHERE a.n_{table} != "
                           f"(SELECT count(*) FROM {table} t WHERE t.article_id = a.id)").fetchall()
        assert bad == [], f"{table}: articles missing rows {bad[:3]}"
    return len(ids)


@pytest.mark.model
def test_killed_ingest_leaves_a_consistent_ledger_and_resumes(tmp_path):
    n = 160
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": article_text(i), "published": "2025-04-28"}) for i in range(n)),
                    encoding="utf-8")
    db = tmp_path / "l.db"
    cmd = [sys.executable, "-m", "claimledger.cli", "ingest", str(feed), "--db", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                stored = sqlite3.connect(db, timeout=1).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue  # schema not created yet
            if stored >= 3:
                break
    assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read().decode()[-500:]}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = assert_consistent(db)
    assert 3 <= partial < n
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-500:]
    assert f"{n - partial} added, {partial} already in the ledger, 0 failed" in done.stderr
    assert assert_consistent(db) == n


@pytest.mark.parametrize("lengths, max_articles, max_words, expected", [
    ([10, 10, 10], 2, 100, [[10, 10], [10]]),
    ([60, 60, 10], 10, 100, [[60], [60, 10]]),
    ([500, 10, 10], 10, 100, [[500], [10, 10]]),  # a long article goes alone
    ([], 10, 100, []),
])
def test_batches_are_bounded_in_articles_and_words(lengths, max_articles, max_words, expected):
    from claimledger.ingest.local import _batches
    from claimledger.model import Article
    articles = [Article(text=" ".join(["w"] * n)) for n in lengths]
    batches = list(_batches(articles, max_articles, max_words))
    assert [[len(a.text.split()) for a in b] for b in batches] == expected
