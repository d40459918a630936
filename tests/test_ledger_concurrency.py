"""A ledger that stays whole with several processes: real processes, real SQLite files.

Before: two ingests started together on a new ledger killed one of them with "database is locked" (schema
creation or the switch to WAL) in 2 of 7 tries, or "duplicate column name: timex" (a migration applied
twice); a reconcile killed with SIGKILL was never redone by a later ingest ("0 added, 20 already")."""
from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from claimledger.ingest.core import finish_pending
from claimledger.ledger import Ledger
from claimledger.resources import REPO_ROOT

from test_ledger_store import TEXT, sample

TRIES = 50
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "src"), str(REPO_ROOT / "tests")])}


def variant(i: int):
    """The sample analysis with a text of its own (appended: the records' offsets still hold)."""
    analysis = sample()
    analysis.article = replace(analysis.article, text=TEXT + f" Report {i}.", path=f"a{i}.txt")
    return analysis


def _open_store_reconcile(path: str, i: int, barrier, results) -> None:
    try:
        barrier.wait(timeout=30)
        with Ledger(path) as ledger:
            ledger.store(variant(i))
            finish_pending(ledger)
        results.put((i, "ok"))
    except BaseException as err:  # noqa: BLE001 - reported to the test
        results.put((i, f"{type(err).__name__}: {err}"))


def test_two_processes_open_migrate_and_store_on_a_new_ledger(tmp_path):
    """Two processes, started together on a new ledger file, each open it (schema, migrations, WAL), store
    an article and reconcile: both succeed, every time, and no migration is applied twice."""
    with Ledger(tmp_path / "warm.db") as ledger:  # vocabularies loaded before the fork: each try takes ~0.1 s
        ledger.store(variant(9))
        finish_pending(ledger)
    ctx = multiprocessing.get_context("fork")
    failures = []
    for attempt in range(TRIES):
        path = str(tmp_path / f"new{attempt}.db")
        barrier, results = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_open_store_reconcile, args=(path, i, barrier, results)) for i in (0, 1)]
        for p in procs:
            p.start()
        outcome = dict(results.get(timeout=60) for _ in procs)
        for p in procs:
            p.join(timeout=60)
        failures += [f"try {attempt}, process {i}: {msg}" for i, msg in outcome.items() if msg != "ok"]
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (2,)
        names = [r[0] for r in conn.execute("SELECT name FROM migrations")]
        assert len(names) == len(set(names))
        assert conn.execute("SELECT count(*) FROM ledger_state").fetchone() == (0,)  # reconciled, mark gone
        conn.close()
    assert not failures, failures[:5]


@pytest.mark.model
def test_two_ingest_commands_together_on_a_new_ledger(tmp_path):
    """The whole command twice at once (each loads the model): both exit 0 and both articles are stored."""
    for attempt in range(2):
        db = tmp_path / f"c{attempt}.db"
        files = []
        for i in (0, 1):
            files.append(tmp_path / f"t{attempt}-{i}.txt")
            files[-1].write_text(f"The minister said on Monday that talks in Geneva had ended, report {attempt}-{i}.",
                                 encoding="utf-8")
        procs = [subprocess.Popen([sys.executable, "-m", "claimledger.cli", "ingest", str(f), "--db", str(db),
                                   "--quiet"], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for f in files]
        outs = [p.communicate(timeout=300) for p in procs]
        for p, (_, err) in zip(procs, outs):
            assert p.returncode == 0, err
            assert "Traceback" not in err and "1 added" in err
        assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone() == (2,)


# Run first in a process that is to be SIGKILLed inside a reconcile: its first argument is a file written once the
# reconcile's writes are done and its transaction is not yet committed; the process then waits to be killed.
HANG_IN_RECONCILE = """
import sys, time
from pathlib import Path
import claimledger.reconcile.store as store

READY = Path(sys.argv.pop(1))
real = store.rebuild
def rebuild(db, full=False):
    stats = real(db, full=full)          # the reconcile's writes are done, its transaction not committed
    READY.write_text("in reconcile")
    time.sleep(300)                      # killed here
    return stats
store.rebuild = rebuild
"""



def kill_once_ready(script: str, ready: Path, args: list[str], env: dict, timeout: float = 60, **popen) -> None:
    """Run ``script`` (which starts with HANG_IN_RECONCILE) with ``ready`` and ``args`` as its arguments, wait
    until it writes ``ready`` (inside its reconcile), then SIGKILL it.  Fails if it exits or never gets there."""
    proc = subprocess.Popen([sys.executable, "-c", script, str(ready), *map(str, args)], env=env,
                            stderr=subprocess.PIPE, text=True, **popen)
    deadline = time.monotonic() + timeout
    while not ready.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the process never reached its reconcile"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()


KILLED_AT_RECONCILE = HANG_IN_RECONCILE + """
from claimledger.ingest.core import finish_pending
from claimledger.ledger import Ledger
from test_ledger_concurrency import variant

with Ledger(sys.argv[1]) as ledger:
    for i in range(3):
        ledger.store(variant(i))
    finish_pending(ledger)
"""

DERIVED = ("ledger_claims", "claim_history", "contradictions", "ledger_claim_members", "ledger_claim_matches")


def derived_rows(path) -> dict:
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall()) if t in tables else None for t in DERIVED}


def test_a_reconcile_killed_by_sigkill_is_redone_by_the_next_ingest(tmp_path):
    db, ready = tmp_path / "k.db", tmp_path / "ready"
    kill_once_ready(KILLED_AT_RECONCILE, ready, [db], ENV)

    with Ledger(db, readonly=True) as ledger:  # the articles are stored; the reconcile was lost, and it shows
        assert ledger.count() == 3 and ledger.reconcile_pending() == "new"
    assert all(not rows for rows in derived_rows(db).values())

    # the next write command, though it adds nothing, redoes it
    known = tmp_path / "known.txt"
    known.write_text(variant(0).article.text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "claimledger.cli", "ingest", str(known), "--db", str(db), "--quiet"],
                          env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "0 added" in done.stderr
    with Ledger(db, readonly=True) as ledger:
        assert ledger.reconcile_pending() is None

    reference = tmp_path / "ref.db"  # the same articles, never interrupted
    with Ledger(reference) as ledger:
        for i in range(3):
            ledger.store(variant(i))
        finish_pending(ledger)
    assert derived_rows(db) == derived_rows(reference)
    assert derived_rows(db)["ledger_claims"]
