"""The SQLite ledger: schema under migrations, one transaction per article, read-back queries.

Storing an article writes all its rows and then the article row inside one
transaction, so an article present in ``articles`` is fully stored, and a
process killed at any moment leaves a consistent database.  The same
transaction marks the cross-article claims pending (``ledger_state``); the
reconcile that brings them up to date clears the mark when it commits, so a
reconcile cut short by a kill is seen and redone by the next command that
writes (``reconcile_pending``).

The same text from another outlet or URL is one article with several carriers
(``carriers``: outlet, URL, date), a relay and not a second source; a known
carrier arriving with a corrected date, outlet or title updates it
(``record_carrier``).  Opening is in ``connection.py``: writers wait for each
other, readers (``readonly=True``) never write.  This package never imports
spaCy: it stores the plain records of model.Analysis.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from claimledger.model import Analysis, Article
from claimledger.ledger.connection import open_readonly, open_writable, write_transaction
from claimledger.ledger.migrations import migrate
from claimledger.ledger.queries import article_claim_rows, entity_rows, statement_rows
from claimledger.ledger.rows import CHILD_TABLES, analysis_rows, article_row

__all__ = ["Ledger", "ADDED", "ALREADY", "CARRIER", "UPDATED"]

# What storing an article, or a known article's carrier, did.
ADDED, ALREADY, CARRIER, UPDATED = "added", "already", "carrier", "updated"
PENDING = "reconcile_pending"  # ledger_state key: "new" (articles added) or "full" (stored metadata changed)
CARRIER_FIELDS = ("source", "url", "path", "title", "published", "published_original")


class Ledger:
    def __init__(self, path: str | Path, readonly: bool = False):
        """Open (and create and migrate) the ledger at ``path``; ``readonly``: an existing ledger, no writes."""
        self.path = str(path)
        self.readonly = readonly
        self.db = open_readonly(self.path) if readonly else open_writable(self.path)
        self.migrated = [] if readonly else migrate(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing -------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def store(self, analysis: Analysis) -> bool:
        """Store one analysis atomically; False when the article is already in the ledger."""
        article_id = analysis.article.id
        rows = analysis_rows(analysis)
        with write_transaction(self.db):
            if self.has_article(article_id):
                return False
            for name in CHILD_TABLES:
                # leftovers exist only if someone deleted the article row to re-ingest it: clear them
                self.db.execute(f"DELETE FROM [{name}] WHERE article_id = ?", [article_id])
                if rows[name]:
                    # alter=True: a field added to model.py before its migration is written,
                    # not lost (a test asks for the migration)
                    self.db[name].insert_all(rows[name], alter=True)
            self.db["carriers"].insert({**carrier_row(analysis.article), "first": 1}, replace=True)
            self._mark_pending("new")
            self.db["articles"].insert(article_row(analysis, rows))  # last: marks the article complete
        return True

    def record_carrier(self, article: Article, correct: bool = True) -> str:
        """A known article arriving again: ALREADY (nothing new), CARRIER (another outlet or URL carried
        it: recorded) or UPDATED (a known carrier with a corrected date, outlet or title: applied, unless
        ``correct`` is False, e.g. for a second copy within one run, where the first stands)."""
        new = carrier_row(article)
        with write_transaction(self.db):
            rows = [dict(r) for r in self.db.query("SELECT * FROM carriers WHERE article_id = ?", [article.id])]
            same = _same_carrier(rows, new)
            if same is None:
                self.db["carriers"].insert({**new, "first": 0 if rows else 1})
                return CARRIER
            changes = {k: new[k] for k in CARRIER_FIELDS
                       if k != "path" and new[k] is not None and new[k] != same[k]}
            if not changes or not correct:
                return ALREADY
            self.db.execute("DELETE FROM carriers WHERE article_id = ? AND carrier = ?", [article.id, same["carrier"]])
            updated = {**same, **changes, "seen_at": new["seen_at"]}
            updated["carrier"] = carrier_key(updated["source"], updated["url"])
            self.db["carriers"].insert(updated, replace=True)
            if same["first"]:  # the article's own metadata: what reconcile and the pages read
                self.db["articles"].update(article.id, changes)
                self._mark_pending("full")
            return UPDATED

    def carriers(self, article_id: str) -> list[dict]:
        return [dict(r) for r in self.db.query(
            "SELECT * FROM carriers WHERE article_id = ? ORDER BY [first] DESC, seen_at, carrier", [article_id])]

    # -- the cross-article claims' pending mark ----------------------------------
    def _mark_pending(self, kind: str) -> None:
        if kind == "new" and self.reconcile_pending() == "full":
            return
        self.db["ledger_state"].insert({"key": PENDING, "value": kind}, replace=True)

    def reconcile_pending(self) -> str | None:
        """"new" or "full" while a store has not been followed by a committed reconcile; else None."""
        if "ledger_state" not in self.db.table_names():
            return None
        row = self.db.execute("SELECT value FROM ledger_state WHERE key = ?", [PENDING]).fetchone()
        return row[0] if row else None

    def clear_pending(self) -> None:
        """Called inside the reconcile's transaction: the mark goes when the reconcile commits."""
        self.db.execute("DELETE FROM ledger_state WHERE key = ?", [PENDING])

    # -- reading -------------------------------------------------------------
    def article_ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM articles ORDER BY published, id")]

    def count(self, table: str = "articles") -> int:
        return self.db[table].count

    def statements(self, about: str | None = None) -> list[dict]:
        return statement_rows(self.db, about)

    def claims(self, status: str | None = None, about: str | None = None) -> list[dict]:
        return article_claim_rows(self.db, status, about)

    def entities(self) -> list[dict]:
        return entity_rows(self.db)


def carrier_key(source: str | None, url: str | None) -> str:
    return f"{source or ''}\x1f{url or ''}"


def carrier_row(article: Article) -> dict:
    return {"article_id": article.id, "carrier": carrier_key(article.source, article.url),
            **{k: getattr(article, k) for k in CARRIER_FIELDS},
            "seen_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}


def _same_carrier(rows: list[dict], new: dict) -> dict | None:
    """The stored carrier that ``new`` is (a correction of), or None when it is another carrier.

    The same outlet and URL is the same carrier; so is the same URL under a corrected outlet name, and the
    same file (path) when it names no URL, or no outlet and no URL at all (a file re-ingested)."""
    for row in rows:
        if row["carrier"] == new["carrier"]:
            return row
    for row in rows:
        if new["url"] and row["url"] == new["url"]:
            return row
    for row in rows:
        if not new["url"] and new["path"] and row["path"] == new["path"] and not row["url"]:
            return row
    if not new["url"] and not new["source"]:  # nothing says who carried it: the same article seen again
        return next((r for r in rows if r["first"]), rows[0] if rows else None)
    return None
