"""Keeping the cross-article tables up to date on a Ledger, with the changes recorded: the one way every
writer (ingest, follow, ``claimledger reconcile``, serve before it serves) reconciles, so none of them
brings the claims up to date without listing what changed, and the pending mark is cleared in the same
transaction.  Here, not in ingest, because serve (web/) reconciles too and must not import the pipeline.
"""
from __future__ import annotations

from claimledger.ledger import Ledger
from claimledger.ledger.connection import write_transaction


def reconcile_recorded(ledger: Ledger, full: bool = False, only_pending: bool = True) -> tuple[dict | None, list]:
    """Reconcile when the ledger marks it pending (or, unless ``only_pending``, when the tables lag; ``full``:
    from every stored article), recording what changed (reconcile.changes) and clearing the mark, all in one
    write transaction: a kill at any moment leaves the old tables and the mark, or the new tables, their
    changes and no mark.  Returns (the rebuild's figures, the change rows), or (None, []) when there was
    nothing to do."""
    from claimledger.reconcile.changes import recording_changes
    from claimledger.reconcile.store import rebuild  # (looked up there: tests and benchmarks wrap it there)

    with write_transaction(ledger.db):
        pending = ledger.reconcile_pending()  # read again under the write lock: another writer may have done it
        if pending is None and (only_pending or not (full or claims_lag(ledger))):
            return None, []
        with recording_changes(ledger.db) as recorded:
            stats = rebuild(ledger.db, full=full or pending == "full")
        ledger.clear_pending()
    return stats, recorded.rows


def claims_lag(ledger: Ledger) -> str | None:
    """Why the cross-article claims lag behind the stored articles (the reason, in a few words), or None when
    they are current.  Reads only."""
    from claimledger.ledger.migrations import applied
    from claimledger.reconcile.tables import INDEX_ONLY_MIGRATIONS, MIGRATIONS, is_current

    pending = ledger.reconcile_pending()  # a store not yet followed by a committed reconcile
    if pending is None and not ledger.count("articles"):
        return None  # nothing stored, nothing to be behind
    if not {name for name, _ in MIGRATIONS} - INDEX_ONLY_MIGRATIONS <= applied(ledger.db):
        return "they were never made"
    if pending == "full":
        return "articles' dates, outlets or titles were corrected since"
    if not is_current(ledger.db):
        return "a reconcile was cut short" if pending else "the articles or this version's rules changed since"
    return None
