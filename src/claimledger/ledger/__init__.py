"""The SQLite ledger: schema under migrations, one transaction per article, read-back queries.

Storing an article writes all its rows and then the article row inside one
transaction, so an article present in ``articles`` is fully stored, and a
process killed at any moment leaves a consistent database.  This package never
imports spaCy: it stores the plain records of model.Analysis.
"""
from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from claimledger.model import Analysis
from claimledger.ledger.migrations import migrate
from claimledger.ledger.queries import article_claim_rows, entity_rows, statement_rows
from claimledger.ledger.rows import CHILD_TABLES, analysis_rows, article_row

__all__ = ["Ledger"]


class Ledger:
    def __init__(self, path: str | Path):
        self.path = str(path)
        self.db = Database(self.path)
        if self.path != ":memory:":
            # WAL: readers (the web UI, a second shell) see the ledger while an ingest writes;
            # NORMAL sync is still safe when a process is killed (only power loss can drop the last txn).
            self.db.enable_wal()
            self.db.execute("PRAGMA synchronous=NORMAL")
        self.migrated = migrate(self.db)

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
        with self.db.atomic():
            if self.has_article(article_id):
                return False
            for name in CHILD_TABLES:
                # leftovers exist only if someone deleted the article row to re-ingest it: clear them
                self.db.execute(f"DELETE FROM [{name}] WHERE article_id = ?", [article_id])
                if rows[name]:
                    # alter=True: a field added to model.py before its migration is written,
                    # not lost (a test asks for the migration)
                    self.db[name].insert_all(rows[name], alter=True)
            self.db["articles"].insert(article_row(analysis, rows))  # last: marks the article complete
        return True

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
