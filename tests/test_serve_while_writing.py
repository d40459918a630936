"""`claimledger serve` (a real server on loopback) while another process writes the ledger: every page answers
200 with data no older than the last commit.

Before: serve opened the file immutable, so it kept showing the articles of its start while the file grew,
and then answered 500 "database disk image is malformed"; only `--live` was safe, and nothing said so."""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytest.importorskip("datasette")

from claimledger.ingest.core import finish_pending  # noqa: E402
from claimledger.ledger import Ledger  # noqa: E402

from test_ledger_concurrency import ENV, variant  # noqa: E402

ARTICLES = 40
FOLLOWED = 100  # issue 13: serve while follow ingests 100 articles

WRITER = """
import sys, time
from claimledger.ingest.core import finish_pending
from claimledger.ledger import Ledger
from test_ledger_concurrency import variant
with Ledger(sys.argv[1]) as ledger:
    for i in range(1, int(sys.argv[2]) + 1):
        ledger.store(variant(i))
        finish_pending(ledger)
        time.sleep(0.02)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def committed(db) -> tuple[int, str, str | None]:
    """(articles, newest article id, a ledger claim id) as committed now, read by a reader of our own."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        newest = conn.execute("SELECT id FROM articles ORDER BY rowid DESC LIMIT 1").fetchone()[0]
        claim = conn.execute("SELECT id FROM ledger_claims ORDER BY id LIMIT 1").fetchone()
        return n, newest, claim[0] if claim else None
    finally:
        conn.close()


def claim_exists(path, claim_id) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT 1 FROM ledger_claims WHERE id = ?", (claim_id,)).fetchone() is not None
    finally:
        conn.close()


@pytest.fixture()
def ledger_path(tmp_path):
    path = tmp_path / "sw.db"
    with Ledger(path) as ledger:
        ledger.store(variant(0))
        finish_pending(ledger)
    return path


def _writer(kind: str, ledger_path, tmp_path) -> tuple[list[str], int]:
    """(command, articles it commits): stored analyses (no model), or ``claimledger follow --once`` over a
    folder of article files (the model, feeds' own path: one transaction per article, then one reconcile)."""
    if kind == "store":
        return [sys.executable, "-c", WRITER, str(ledger_path), str(ARTICLES)], ARTICLES
    folder = tmp_path / "arriving"
    folder.mkdir()
    for i in range(1, FOLLOWED + 1):
        (folder / f"a{i:03d}.txt").write_text(variant(i).article.text, encoding="utf-8")
    return [sys.executable, "-m", "claimledger.cli", "follow", str(folder), "--db", str(ledger_path), "--once"], FOLLOWED


@pytest.mark.parametrize("kind", ["store", pytest.param("follow", marks=pytest.mark.model)])
def test_every_page_shows_the_last_commit_while_an_ingest_writes(kind, ledger_path, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "claimledger.cli", "serve", "--db", str(ledger_path),
                               "--port", str(port)], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    writer = None
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stderr.read()
            try:
                if fetch(base + "/-/ledger")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        command, articles = _writer(kind, ledger_path, tmp_path)
        writer = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        problems, rounds = [], 0
        while True:
            done = writer.poll() is not None
            n, newest, claim = committed(ledger_path)
            pages = ["/-/ledger", "/-/ledger/timeline", "/-/ledger/map", f"/-/ledger/article/{newest}",
                     "/sw/statements?_size=1000", "/sw/articles", *([f"/-/ledger/claim/{claim}"] if claim else [])]
            for page in pages:
                status, _ = fetch(base + page)
                if status == 404 and claim and page.endswith(claim) and not claim_exists(ledger_path, claim):
                    continue  # a later commit merged it away: the 404 is the newer state, not a stale one
                if status != 200:
                    problems.append(f"{page}: {status} with {n} articles committed")
            status, body = fetch(base + "/sw/articles.json?_size=0")
            shown = json.loads(body).get("filtered_table_rows_count") if status == 200 else None
            if shown is None or shown < n:
                problems.append(f"articles.json: {status}, shows {shown} of {n} committed")
            rounds += 1
            if done:
                break
        assert writer.returncode == 0, writer.stderr.read()
        assert not problems, problems[:5]
        assert committed(ledger_path)[0] == articles + 1 and rounds > 1
    finally:
        if writer and writer.poll() is None:
            writer.kill()
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "Traceback" not in err and "malformed" not in err
