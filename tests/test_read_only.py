"""Read commands never write to a ledger, whatever its state; `claimledger reconcile` is the write they point to.

Before: `claims`, `claim`, `timeline`, `check`, `export` and `changes` opened a ledger whose claims across
articles lagged behind its articles (a reconcile killed, never run, other rules) writable and reconciled it;
the queries under them migrated and rebuilt.  Now they open it read-only, show what is stored, and say on
stderr, once, that the claims lag and how to bring them up to date.  Real processes for the kill, real files.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from test_ledger_concurrency import ENV, HANG_IN_RECONCILE, kill_once_ready
from test_reconcile_history import MON, SAT, SUN, TUE
from web_ledger import build

from claimledger.cli import main
from claimledger.ingest.core import finish_pending
from claimledger.ledger import Ledger

CLAIM = "Russian forces expelled Ukrainian troops from the Kursk region"
NOTE = "note: the claims across articles are behind the 4 stored articles"

# A reconcile killed by SIGKILL once its writes are done, before it commits (run after SAT and SUN were stored and
# reconciled): MON and TUE are stored articles the claims do not reflect yet, and the pending mark says so.
KILLED_AT_RECONCILE = HANG_IN_RECONCILE + """
from claimledger.ingest.core import finish_pending
from claimledger.ledger import Ledger
from test_reconcile_history import MON, TUE

with Ledger(sys.argv[1]) as ledger:
    ledger.store(MON)
    ledger.store(TUE)
    finish_pending(ledger)
"""


def _killed(path: Path) -> None:
    build(path, [SAT, SUN])
    ready = path.parent / "ready"
    kill_once_ready(KILLED_AT_RECONCILE, ready, [path], ENV)


def _stale(path: Path) -> None:
    """Articles added while the claims stayed as they were, and no mark (e.g. written by another version)."""
    build(path, [SAT, SUN])
    with Ledger(path) as ledger:
        ledger.store(MON), ledger.store(TUE)
        ledger.clear_pending()


def _never(path: Path) -> None:
    """Articles stored, never reconciled: the reconcile layer's tables do not exist (its migrations not applied)."""
    with Ledger(path) as ledger:
        for analysis in (SAT, SUN, MON, TUE):
            ledger.store(analysis)


STATES = {"killed": _killed, "stale": _stale, "never": _never}
FILES = ("", "-wal", "-shm")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Each state's ledger files, made once (the kill takes a few seconds)."""
    out = {}
    for name, make in STATES.items():
        folder = tmp_path_factory.mktemp(name)
        make(folder / "l.db")
        out[name] = folder / "l.db"
    return out


@pytest.fixture(params=list(STATES))
def state(request, made, tmp_path):
    """(state name, a copy of its ledger: the file, its -wal and -shm as the last writer left them)."""
    path = tmp_path / "l.db"
    for suffix in FILES:
        if Path(f"{made[request.param]}{suffix}").exists():
            shutil.copy2(f"{made[request.param]}{suffix}", f"{path}{suffix}")
    return request.param, str(path)


def content_digest(path: str) -> str:
    """Every table's rows and the schema (sqlite3's .dump), read through a read-only connection."""
    conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def file_state(path: str) -> dict:
    """The file's and its WAL's bytes and modification times (the -shm is SQLite's index of the WAL, not content)."""
    out = {}
    for suffix in ("", "-wal"):
        p = Path(f"{path}{suffix}")
        out[suffix] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) if p.exists() else None
    return out


def stored_claim_id(path: str) -> str | None:
    conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT id FROM ledger_claims ORDER BY id LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # no such table
        row = None
    conn.close()
    return row[0] if row else None


# (command, shows the claims across articles: the note is said)
READ_COMMANDS = [
    (["claims", "--json"], True),
    (["claim", "CLAIM_ID", "--json"], True),
    (["timeline", "--json"], True),
    (["check", CLAIM, "--json"], True),
    (["export", "--format", "jsonl"], True),
    (["changes", "--json"], True),
    (["statements", "--json"], False),  # the articles' own rows: never behind
    (["entities", "--json"], False),
]


@pytest.mark.parametrize("command, derived", READ_COMMANDS, ids=[c[0][0] for c in READ_COMMANDS])
def test_a_read_command_writes_nothing_and_says_the_claims_lag(runner, state, command, derived):
    name, path = state
    claim_id = stored_claim_id(path)
    args = [a.replace("CLAIM_ID", claim_id or "0123abcd") for a in command] + ["--db", path]
    before, content = file_state(path), content_digest(path)

    result = runner.invoke(main, args)

    assert file_state(path) == before, "the read command wrote to the ledger"
    assert content_digest(path) == content
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    if not derived:
        assert result.exit_code == 0 and notes == []
        json.loads(result.stdout)
        return
    assert len(notes) == 1 and notes[0].startswith(NOTE), result.stderr
    assert f"claimledger reconcile --db {path}" in notes[0]
    assert ("next ingest" in notes[0]) == (name != "stale")  # only the pending mark makes an ingest reconcile
    if command[0] == "claim" and claim_id is None:  # no claims across articles were ever made
        assert result.exit_code == 1 and "no claim" in result.stderr
        return
    assert result.exit_code == 0, result.output
    if command[0] == "export":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
    else:
        rows = json.loads(result.stdout)  # --json stays JSON: the note went to stderr
    if command[0] == "claims":  # what is stored: the claims of the two reconciled articles, or none
        articles = {a for c in rows for a in c["articles"]}
        assert articles == (set() if name == "never" else {SAT.article.id, SUN.article.id})


@pytest.mark.parametrize("command", [c for c, _ in READ_COMMANDS] + [["reconcile"]], ids=lambda c: c[0])
def test_a_missing_ledger_is_one_line_and_nothing_is_created(runner, tmp_path, command):
    missing = tmp_path / "none.db"
    result = runner.invoke(main, [a.replace("CLAIM_ID", "abc") for a in command] + ["--db", str(missing)])
    assert result.exit_code == 1 and "no ledger at" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def _derived(path: str) -> dict:
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall())
                for t in ("ledger_claims", "ledger_claim_members", "claim_history", "contradictions")}
    finally:
        conn.close()


def _changes(runner, path: str) -> list[tuple]:
    rows = json.loads(runner.invoke(main, ["changes", "--db", path, "--json"]).stdout)
    return sorted((c["kind"], c["claim_id"], c["before"], c["after"], c["article_id"]) for c in rows)


def test_reconcile_brings_the_claims_up_to_date_and_the_note_goes(runner, state, tmp_path):
    name, path = state
    # the same articles, reconciled as the ingests that stored them would have, uninterrupted
    reference = build(tmp_path / "ref.db", [SAT, SUN, MON, TUE] if name == "never" else [SAT, SUN])
    if name != "never":
        with Ledger(reference) as ledger:
            ledger.store(MON), ledger.store(TUE)
            finish_pending(ledger)

    done = runner.invoke(main, ["reconcile", "--db", path])
    assert done.exit_code == 0, done.output
    [summary] = done.stderr.splitlines()
    assert summary.startswith("reconciled (") and "over 4 articles" in summary
    assert _derived(path) == _derived(reference)
    with Ledger(path, readonly=True) as ledger:
        assert ledger.reconcile_pending() is None

    claims = runner.invoke(main, ["claims", "--db", path, "--json"])
    assert claims.exit_code == 0 and claims.stderr == ""  # no note any more
    assert {a for c in json.loads(claims.stdout) for a in c["articles"]} == {
        a.article.id for a in (SAT, SUN, MON, TUE)}
    changes = _changes(runner, path)
    assert changes == _changes(runner, reference)  # recorded as the ingest would have recorded them
    assert MON.article.id in {c[-1] for c in changes}

    again = runner.invoke(main, ["reconcile", "--db", path])
    assert again.exit_code == 0 and again.stderr.startswith("the claims across articles are up to date")
    full = runner.invoke(main, ["reconcile", "--db", path, "--full"])
    assert full.exit_code == 0 and full.stderr.startswith("reconciled (full)")
    assert _derived(path) == _derived(reference)


def test_reconcile_on_a_current_ledger_changes_nothing(runner, tmp_path):
    path = build(tmp_path / "l.db", [SAT, SUN])
    before = content_digest(path)
    done = runner.invoke(main, ["reconcile", "--db", path])
    assert done.exit_code == 0 and "up to date: " in done.stderr
    assert content_digest(path) == before


def test_the_queries_only_read(tmp_path):
    """The library's queries show what is stored; a caller that may write brings the claims up to date first."""
    from claimledger.reconcile.store import (claim_dossier, claim_rows, contradiction_rows, ensure_current,
                                             timeline_rows)
    from claimledger.reconcile.check import check

    path = tmp_path / "l.db"
    _never(path)
    with Ledger(path, readonly=True) as ledger:  # a read-only connection: any write would raise
        assert claim_rows(ledger.db) == [] and timeline_rows(ledger.db) == [] and contradiction_rows(ledger.db) == []
        assert claim_dossier(ledger.db, "abc") is None
        assert check(ledger.db, [CLAIM])[0]["claims"] == []
    with Ledger(path) as ledger:
        ensure_current(ledger.db)
        rows = claim_rows(ledger.db)
        assert rows and claim_dossier(ledger.db, rows[0]["id"])["id"] == rows[0]["id"]
        assert finish_pending(ledger)  # the mark ensure_current leaves: redone, nothing changed
        assert claim_rows(ledger.db) == rows


def test_serve_brings_the_claims_up_to_date_with_their_changes(runner, state, tmp_path):
    """serve's one write (web.server.prepare) reconciles as `claimledger reconcile` does: the changes of the
    articles a killed writer left are listed and the mark is cleared.  Before, it rebuilt the claims without
    recording changes, and those articles' changes were never listed."""
    pytest.importorskip("datasette")
    from claimledger.web.server import prepare

    _name, path = state
    twin = str(tmp_path / "twin.db")
    for suffix in FILES:
        if Path(f"{path}{suffix}").exists():
            shutil.copy2(f"{path}{suffix}", f"{twin}{suffix}")
    assert prepare(path) is None
    assert runner.invoke(main, ["reconcile", "--db", twin]).exit_code == 0
    assert _derived(path) == _derived(twin)
    assert _changes(runner, path) == _changes(runner, twin)
    assert MON.article.id in {c[-1] for c in _changes(runner, path)}
    with Ledger(path, readonly=True) as ledger:
        assert ledger.reconcile_pending() is None


def test_a_ledger_reconciled_before_an_index_migration_is_not_behind(runner, tmp_path):
    """A ledger an older version reconciled lacks the index of reconcile migration 0004 (an index only): its
    claims are current, so the read commands show them without a note (and still write nothing)."""
    path = build(tmp_path / "l.db", [SAT, SUN])
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX idx_articles_versions")
    conn.execute("DELETE FROM migrations WHERE name = 'reconcile_0004_article_versions'")
    conn.commit()
    conn.close()
    before = content_digest(str(path))
    shown = runner.invoke(main, ["claims", "--db", str(path), "--json"])
    assert shown.exit_code == 0 and shown.stderr == ""
    assert json.loads(shown.stdout)
    assert content_digest(str(path)) == before
