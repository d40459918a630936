"""Opening a ledger file: checked first, shared safely between processes.

Every process that opens a ledger goes through here:

- the path is checked before SQLite sees it, so a wrong ``--db`` is one line
  (a directory, a file that is not SQLite, a folder that does not exist, a
  read-only place) instead of a traceback, and nothing is created by a read;
- connections wait for one another (``BUSY_TIMEOUT_S``) instead of failing
  with "database is locked";
- the switch to WAL, which needs the file to itself for a moment, is retried
  with back-off while a second process holds it;
- writes take the write lock when they begin (``BEGIN IMMEDIATE``,
  ``write_transaction``): a deferred transaction that read first and writes
  later cannot be granted the lock once another process has committed in
  between (SQLITE_BUSY without waiting), so a writer must not start as a reader.

Readers open the file with ``mode=ro`` (``open_readonly``): they never write,
never migrate, never create.
"""
from __future__ import annotations

import os
import random
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database

from claimledger.errors import LedgerError

BUSY_TIMEOUT_S = 60.0  # a writer waits this long for another (a full reconcile of 10k articles is under it)
WAL_TRIES = 50
SQLITE_MAGIC = b"SQLite format 3\x00"


def check_path(path: str, create: bool) -> None:
    """LedgerError (one line) unless ``path`` is an SQLite file, or (``create``) a new file that can be made."""
    p = Path(path)
    if p.is_dir():
        raise LedgerError(f"{path} is a directory, not a ledger file")
    if p.exists():
        try:
            with p.open("rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError as err:
            raise LedgerError(f"cannot read {path}: {err.strerror or err}") from None
        if head and head != SQLITE_MAGIC:
            raise LedgerError(f"{path} is not a claimledger ledger (not an SQLite file)")
        return
    if not create:
        raise LedgerError(f"no ledger at {path}: run 'claimledger ingest' first")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise LedgerError(f"cannot create a ledger at {path}: no directory {parent}")
    if not os.access(parent, os.W_OK):
        raise LedgerError(f"cannot create a ledger at {path}: {parent} is not writable")


def open_writable(path: str) -> Database:
    """The ledger at ``path`` (created if new) in WAL mode, waiting on other processes' locks."""
    if path == ":memory:":
        return Database(sqlite3.connect(path))
    check_path(path, create=True)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        db = Database(conn)
        _enable_wal(db)
        db.execute("PRAGMA synchronous=NORMAL")  # still safe when a process is killed
    except sqlite3.DatabaseError as err:
        raise LedgerError(f"cannot open {path} as a ledger: {err}") from None
    return db


def open_readonly(path: str) -> Database:
    """The ledger at ``path`` opened read-only; LedgerError when missing or not a ledger.  Writes nothing."""
    check_path(path, create=False)
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    try:
        db = Database(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S))
        tables = set(db.table_names())
    except sqlite3.DatabaseError as err:
        raise LedgerError(f"cannot open {path} as a ledger: {err}") from None
    if not {"articles", "migrations"} <= tables:
        db.close()
        raise LedgerError(f"{path} is not a claimledger ledger (no articles table): run 'claimledger ingest' "
                          "to make one")
    return db


def _enable_wal(db: Database) -> None:
    """Switch to WAL (persistent, once per file), retrying while another process holds the file."""
    delay = 0.01
    for attempt in range(WAL_TRIES):
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            db.execute("PRAGMA journal_mode=wal")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or attempt == WAL_TRIES - 1:
                raise
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 0.5)


@contextmanager
def write_transaction(db: Database):
    """One transaction that holds the write lock from its start (BEGIN IMMEDIATE); nested: a savepoint."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
