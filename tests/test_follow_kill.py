"""`claimledger follow` killed with SIGKILL in the middle of a poll, then started again, leaves the ledger
one uninterrupted run would: every table equal (timestamps and the run log aside), no entry lost or
taken twice, the same changes recorded.  Real processes, a real loopback server, the real model."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from follow_server import Route, Site, example, page, rss, serve
from test_ledger_concurrency import HANG_IN_RECONCILE, kill_once_ready

from claimledger.follow import Follower
from claimledger.follow.fetch import Fetcher
from claimledger.ledger import Ledger

pytestmark = pytest.mark.model
SRC = Path(__file__).resolve().parents[1] / "src"
# columns that say when, not what; follow_log is the run's diary (a killed run has more lines in it)
VOLATILE = {"ingested_at", "applied_at", "time", "checked_at", "seen_at"}
SKIP_TABLES = {"follow_log"}


def digest(path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = {}
        for table in tables:
            if table in SKIP_TABLES:
                continue
            cur = conn.execute(f"SELECT * FROM [{table}]")
            names = [d[0] for d in cur.description]
            rows = sorted(json.dumps({k: v for k, v in zip(names, r) if k not in VOLATILE}, sort_keys=True)
                          for r in cur.fetchall())
            out[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16] + f" ({len(rows)} rows)"
        return out


def _count(path, sql: str) -> int:
    try:
        with sqlite3.connect(path, timeout=1) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or busy
        return 0


def _follow(feeds, db) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-m", "claimledger.cli", "follow", *feeds, "--db", str(db), "--once",
                             "--delay", "0"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_follow_killed_mid_poll_then_restarted_equals_one_run(tmp_path, nlp):
    site = Site()
    server, base = serve(site)
    try:
        day = dt.datetime(2025, 4, 26, 9, tzinfo=dt.timezone.utc)
        items = {}
        for n, (key, name) in enumerate((("k1", "1-kremlin-saturday.txt"), ("k2", "2-kyiv-sunday.txt"),
                                         ("k3", "3-kcna-monday.txt"))):
            meta, text = example(f"kursk-followups/{name}")
            site.routes[f"/{key}"] = Route(page(meta["title"], text), delay=0.0 if key == "k1" else 1.5)
            items[key] = {"guid": key, "title": meta["title"], "link": f"{base}/{key}",
                          "date": day + dt.timedelta(days=n), "text": text}
        site.routes["/saturday.xml"] = Route(rss("Kremlin wire", [items["k1"]]), content_type="application/rss+xml")
        site.routes["/later.xml"] = Route(rss("Kyiv wire", [items["k2"], items["k3"]]),
                                          content_type="application/rss+xml")
        feeds = [f"{base}/saturday.xml", f"{base}/later.xml"]

        whole = tmp_path / "whole.db"
        with Ledger(whole) as ledger:
            Follower(ledger, feeds, nlp=nlp, fetcher=Fetcher(host_delay=0.0)).run(once=True)

        cut = tmp_path / "cut.db"
        first = _follow(feeds, cut)
        deadline = time.monotonic() + 120
        while _count(cut, "SELECT count(*) FROM articles") < 1 and time.monotonic() < deadline:
            assert first.poll() is None, first.stderr.read()
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)  # the first feed's article is stored; the second's pages are loading
        first.wait(timeout=30)
        assert first.returncode == -signal.SIGKILL
        assert _count(cut, "SELECT count(*) FROM articles") == 1
        assert _count(cut, "SELECT count(*) FROM changes") == 0  # killed before its reconcile
        second = _follow(feeds, cut)
        assert second.wait(timeout=180) == 0, second.stderr.read()
    finally:
        server.shutdown()
        server.server_close()
    expected, got = digest(whole), digest(cut)
    assert got == expected
    assert _count(cut, "SELECT count(*) FROM articles") == 3
    assert _count(cut, "SELECT count(*) FROM feed_entries WHERE article_id IS NOT NULL") == 3
    assert _count(cut, "SELECT count(*) FROM changes WHERE kind = 'new'") >= 1


KILLED_AT_RECONCILE = HANG_IN_RECONCILE + """
from claimledger.cli import main
main(sys.argv[1:])
"""


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_follow_killed_at_reconcile_then_restarted_equals_one_run(tmp_path):
    """The articles of a watched folder are stored, the reconcile is cut by SIGKILL before it commits; the next
    `follow --once` finds nothing new, redoes the reconcile (the ledger's pending mark) and records its changes:
    every table as one uninterrupted run leaves it."""
    folder = tmp_path / "arriving"
    folder.mkdir()
    for path in sorted((Path(__file__).resolve().parents[1] / "examples" / "kursk-followups").glob("*.txt")):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    cut, whole, ready = tmp_path / "cut.db", tmp_path / "whole.db", tmp_path / "ready"
    args = ["follow", str(folder), "--db", str(cut), "--once"]
    kill_once_ready(KILLED_AT_RECONCILE, ready, args, _env(), timeout=300, stdout=subprocess.DEVNULL)
    with Ledger(cut, readonly=True) as ledger:
        assert ledger.count() == 3 and ledger.reconcile_pending() is not None
    assert _count(cut, "SELECT count(*) FROM changes") == 0  # the changes are written with the reconcile: lost too

    for db in (cut, whole):  # the restart; and one uninterrupted run over the same folder
        done = subprocess.run([sys.executable, "-m", "claimledger.cli", "follow", str(folder), "--db", str(db),
                               "--once"], env=_env(), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    with Ledger(cut, readonly=True) as ledger:
        assert ledger.reconcile_pending() is None
    assert _count(cut, "SELECT count(*) FROM changes") > 0
    assert digest(cut) == digest(whole)
