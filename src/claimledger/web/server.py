"""Build and run the Datasette app that serves a ledger with the explorer's pages."""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from claimledger.errors import MissingExtraError

# Indexes the pages' queries need beyond the ledger's own (created by prepare(), IF NOT EXISTS):
# the board walks one status newest first; the timeline reads history entries by date.
WEB_INDEXES = {
    "ledger_claims": [("status", "last_date"), ("last_date",)],
    "claim_history": [("claim_id", "side")],
}


def ensure_plugin() -> None:
    """Register the plugin with Datasette when its entry point is not installed (e.g. a stale editable install)."""
    from datasette.plugins import pm

    from claimledger import web

    if not pm.is_registered(web):
        pm.register(web, name=web.PLUGIN_NAME)


def prepare(db_path: str | Path, checkpoint: bool = True) -> str | None:
    """Before serving: bring the ledger's cross-article claims up to date and add the pages' indexes.

    This is the one write ``serve`` makes, and only to derived tables, their change records and indexes;
    the server itself then opens the file read-only.  It reconciles as ingest does (reconcile.upkeep), so
    articles a killed ingest or follow left unreconciled get their changes listed and the pending mark
    cleared.  Returns why it was skipped, or None when done.
    ``checkpoint``: fold the WAL into the file, for a server that opens it immutable (which reads no WAL)."""
    path = Path(db_path)
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return f"{path} is not writable: serving it as it is"
    from claimledger.errors import ClaimledgerError
    from claimledger.ledger import Ledger
    from claimledger.reconcile.tables import migrate
    from claimledger.reconcile.upkeep import reconcile_recorded

    try:
        ledger = Ledger(path)  # waits for an ingest's write lock rather than failing
    except (ClaimledgerError, sqlite3.Error) as err:
        return f"could not update {path} ({err}): serving it as it is"
    try:
        migrate(ledger.db)  # the pages read the cross-article tables, even of an empty ledger
        reconcile_recorded(ledger, only_pending=False)
        add_indexes(ledger.db)
        if checkpoint:
            ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as err:  # a ledger we cannot update is still worth showing as it is
        return f"could not update {path} ({err}): serving it as it is"
    finally:
        ledger.close()
    return None


def add_indexes(db) -> None:
    for table, index_list in WEB_INDEXES.items():
        if table in db.table_names():
            for columns in index_list:
                db[table].create_index(list(columns), if_not_exists=True)


def make_datasette(db_path: str | Path, live: bool = True, tiles: str | None = None,
                   tiles_attribution: str | None = None):
    """Datasette over one ledger file, read-only.

    ``live`` (the default): opened ``mode=ro``, an ordinary reader of the WAL ledger, so every request
    sees the last committed transaction while an ingest or follow writes.  ``live=False`` opens it
    ``immutable=1``, which tells SQLite the file never changes: no locks, no WAL read, and Datasette
    caches table counts.  That is why the explorer used to show 20 articles while the file held 167,
    then answered "database disk image is malformed": pages read from a file being rewritten under
    them.  Only for a ledger nothing writes any more.
    """
    try:
        from datasette.app import Datasette
    except ImportError as err:  # pragma: no cover - depends on the installed extras
        raise MissingExtraError("web", "datasette") from err
    ensure_plugin()
    path = str(Path(db_path))
    plugin_config = {k: v for k, v in {"tiles": tiles, "tiles_attribution": tiles_attribution}.items() if v}
    metadata = {
        "title": "claimledger",
        "description": "Who said what, when, relayed by whom; which claims are confirmed, denied or disputed. "
                       "Claim-centred pages: /-/ledger",
        "plugins": {"claimledger": plugin_config},
    }
    # Datasette opens "files" with mode=ro (no write API in core) and "immutables" with immutable=1
    kwargs = {"files": [path]} if live else {"immutables": [path]}
    return Datasette(metadata=metadata, settings={"sql_time_limit_ms": 3000}, **kwargs)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, live: bool = True,
          tiles: str | None = None, tiles_attribution: str | None = None, prepare_first: bool = True) -> None:
    import uvicorn

    if prepare_first:
        note = prepare(db_path, checkpoint=not live)
        if note:
            print(note, file=sys.stderr)
    ds = make_datasette(db_path, live=live, tiles=tiles, tiles_attribution=tiles_attribution)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
