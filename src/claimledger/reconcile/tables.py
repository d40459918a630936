"""The reconcile layer's tables in the SQLite ledger: migrations, reading claims in, writing results out.

The cross-article tables are derived (update.py keeps them current); beside
them this layer keeps its index — ``reconcile_keys`` (each per-article claim's
blocking keys: anchors and prefix words, matching.claim_keys),
``reconcile_articles`` (the articles the tables reflect) and
``reconcile_implied`` (which event claim each count claim supports).
Migrations are recorded in the ledger's own ``migrations`` table under names
of their own (``reconcile_0001...``), beside the core ones.
"""
from __future__ import annotations

import hashlib
import itertools
import json
from collections import defaultdict

from sqlite_utils import Database

from claimledger.resources import data_path
from claimledger.reconcile.records import claims_from_rows
from claimledger.ledger.queries import ARTICLE_CLAIMS, LEDGER_CLAIMS, article_claim_rows, json_column

SOURCE_TABLES = ("entities", "mentions", "statements", "claims", "claim_statements", "places", "dates", "quantities")


def m0001_ledger_claims(db: Database) -> None:
    db["ledger_claims"].create({
        "id": str, "text": str, "status": str, "sources": int, "sources_for": int, "sources_against": int,
        "for_names": str, "against_names": str, "first_reported": str, "quantity": str, "concepts": str,
        "names": str, "places": str, "articles": str, "implied_by": str, "first_date": str, "last_date": str,
    }, pk="id")
    db["ledger_claims"].create_index(["status"])
    db["ledger_claim_members"].create({
        "claim_id": str, "article_id": str, "article_claim_id": str, "text": str, "published": str,
    }, pk=("article_id", "article_claim_id"))
    db["ledger_claim_members"].create_index(["claim_id"])
    db["ledger_claim_matches"].create({
        "claim_id": str, "a_article_id": str, "a_claim_id": str, "b_article_id": str, "b_claim_id": str,
        "kind": str, "shared": str, "score": float,
    }, pk=("a_article_id", "a_claim_id", "b_article_id", "b_claim_id"))
    db["claim_history"].create({
        "claim_id": str, "seq": int, "date": str, "date_source": str, "event": str, "source": str,
        "source_kind": str, "stance": str, "side": str, "article_id": str, "statement_id": str,
        "via": str, "cue": str, "quote": str, "quote_start": int, "quote_end": int, "also_in": str,
    }, pk=("claim_id", "seq"))
    db["claim_history"].create_index(["date"])
    db["contradictions"].create({
        "id": str, "claim_id": str, "kind": str, "reason": str, "a": str, "b": str,
        "a_source": str, "b_source": str,
    }, pk="id")
    db["contradictions"].create_index(["claim_id"])
    db["reconcile_state"].create({"key": str, "value": str}, pk="key")


def m0002_first_confirmed(db: Database) -> None:
    db["ledger_claims"].add_column("first_confirmed", str)


def m0003_index(db: Database) -> None:
    """The index that makes adding articles cost work for their candidates only."""
    db["reconcile_keys"].create({"key": str, "article_id": str, "claim_id": str},
                                pk=("key", "article_id", "claim_id"))
    db["reconcile_keys"].create_index(["article_id"])
    db["reconcile_articles"].create({"id": str, "pipeline_version": str, "model": str}, pk="id")
    db["reconcile_implied"].create({"count_id": str, "event_id": str}, pk="count_id")
    db["reconcile_implied"].create_index(["event_id"])
    db["ledger_claim_matches"].create_index(["claim_id"])


def m0004_article_versions(db: Database) -> None:
    """The stored articles' ids and versions in an index of their own: the fingerprint and the incremental
    add's checks read these three columns of every article on each reconcile, and through the table they
    read its pages, article texts and all (about 2.6 MB of pages per 1,000 articles)."""
    db["articles"].create_index(["id", "pipeline_version", "model"], index_name="idx_articles_versions",
                                if_not_exists=True)


# Never edit one that has shipped; add the next at the end.
MIGRATIONS = [("reconcile_0001_ledger_claims", m0001_ledger_claims),
              ("reconcile_0002_first_confirmed", m0002_first_confirmed),
              ("reconcile_0003_index", m0003_index),
              ("reconcile_0004_article_versions", m0004_article_versions)]
# Migrations that add only indexes: a ledger an older version reconciled, without them, reads the same.
INDEX_ONLY_MIGRATIONS = frozenset({"reconcile_0004_article_versions"})
DERIVED_TABLES = ("ledger_claims", "ledger_claim_members", "ledger_claim_matches", "claim_history",
                  "contradictions")
INDEX_TABLES = ("reconcile_keys", "reconcile_articles", "reconcile_implied")


def migrate(db: Database) -> list[str]:
    """Apply this layer's migrations through the ledger's migration record."""
    from claimledger.ledger.migrations import apply_migrations, migrate as core_migrate

    core_migrate(db)
    return apply_migrations(db, MIGRATIONS)


RECONCILE_VERSION = "13"  # bump when matching or history rules change: stored results are then rebuilt
# the data files this layer's results depend on (their bytes, not their names, enter the fingerprint)
VOCABULARIES = ("claims/claims.json", "reconcile/sources_kinds.json", "reconcile/sources_contrary.json",
                "reconcile/sources_stance_cues.json", "reconcile/sources_verb_forms.tsv",
                "reconcile/word_frequency.tsv",
                "attribution/stance_sides.tsv", "read/function_words.json", "countries/demonyms.tsv")


def rules_fingerprint() -> str:
    """What every pair decision depends on besides the two claims: this layer's rules and vocabularies."""
    digest = hashlib.sha256(RECONCILE_VERSION.encode())
    for name in VOCABULARIES:
        path = data_path(name)
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(db: Database) -> str:
    """What the derived tables depend on: the stored articles and this layer's rules and vocabularies."""
    rows = db.execute("SELECT id, pipeline_version, model FROM articles ORDER BY id").fetchall()
    return hashlib.sha256(json.dumps([rules_fingerprint(), rows]).encode()).hexdigest()[:16]


def state(db: Database, key: str) -> str | None:
    if "reconcile_state" not in db.table_names():
        return None
    row = db.execute("SELECT value FROM reconcile_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_state(db: Database, **values: str) -> None:
    db["reconcile_state"].upsert_all([{"key": k, "value": v} for k, v in values.items()], pk="key")


def is_current(db: Database) -> bool:
    return state(db, "fingerprint") == fingerprint(db)


CHUNK = 500  # SQLite parameters a query takes at once


def chunks(items) -> list[list]:
    items = list(items)
    return [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]


def load_article_claims(db: Database, article_ids=None, only=None):
    """Per-article claims of the stored articles (of ``article_ids`` only, when given; the claims keyed
    (article id, claim id) in ``only``, when given)."""
    if article_ids is None:
        articles = list(db.query("SELECT id, title, source, url, published, text, language FROM articles"))
        tables = {name: list(db[name].rows) for name in SOURCE_TABLES if name in db.table_names()}
        return claims_from_rows(tables, articles)
    articles, tables = [], {name: [] for name in SOURCE_TABLES}
    present = set(db.table_names())
    for ids in chunks(sorted(set(article_ids))):
        marks = ",".join("?" * len(ids))
        articles += db.query(f"SELECT id, title, source, url, published, text, language FROM articles "
                             f"WHERE id IN ({marks})", ids)
        for name in SOURCE_TABLES:
            if name in present:
                tables[name] += db.query(f"SELECT * FROM [{name}] WHERE article_id IN ({marks})", ids)
    return claims_from_rows(tables, articles, only)


def delete_claims(db: Database, claim_ids) -> None:
    """Remove ledger claims (every derived row of them)."""
    for ids in chunks(sorted(set(claim_ids))):
        marks = ",".join("?" * len(ids))
        db.execute(f"DELETE FROM ledger_claims WHERE id IN ({marks})", ids)
        for name in DERIVED_TABLES[1:]:
            db.execute(f"DELETE FROM [{name}] WHERE claim_id IN ({marks})", ids)


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def insert(db: Database, result: list[dict]) -> None:
    claims, members, matches, history, contra = [], [], [], [], []
    for c in result:
        dates = [h["date"] for h in c["history"] if h["date"]]
        claims.append({
            "id": c["id"], "text": c["text"], "status": c["status"], "sources": c["sources"],
            "sources_for": c["sources_by_side"]["for"], "sources_against": c["sources_by_side"]["against"],
            "for_names": _j(c["for"]), "against_names": _j(c["against"]), "first_reported": _j(c["first_reported"]),
            "first_confirmed": _j(c["first_confirmed"]),
            "quantity": _j(c["quantity"]), "concepts": _j(c["concepts"]), "names": _j(c["names"]),
            "places": _j(c["places"]), "articles": _j(c["articles"]), "implied_by": _j(c["implied_by"]),
            "first_date": min(dates) if dates else None, "last_date": max(dates) if dates else None,
        })
        members += [{"claim_id": c["id"], "article_id": m["article_id"], "article_claim_id": m["claim_id"],
                     "text": m["text"], "published": m["published"]} for m in c["members"]]
        matches += [{"claim_id": c["id"], "a_article_id": m["a"][0], "a_claim_id": m["a"][1],
                     "b_article_id": m["b"][0], "b_claim_id": m["b"][1], "kind": m["kind"],
                     "shared": _j(m["shared"]), "score": m["score"]} for m in c["matches"]]
        history += [{"claim_id": c["id"], "seq": i, **{k: h.get(k) for k in (
            "date", "date_source", "event", "source", "source_kind", "stance", "side", "article_id",
            "statement_id", "cue", "quote", "quote_start", "quote_end")},
            "via": _j(h.get("via", [])), "also_in": _j(h.get("also_in", []))} for i, h in enumerate(c["history"])]
        contra += [{"id": x["id"], "claim_id": c["id"], "kind": x["kind"], "reason": x["reason"],
                    "a": _j(x["a"]), "b": _j(x["b"]), "a_source": x["a"]["source"], "b_source": x["b"]["source"]}
                   for x in c["contradictions"]]
    for name, rows in (("ledger_claims", claims), ("ledger_claim_members", members),
                       ("ledger_claim_matches", matches), ("claim_history", history), ("contradictions", contra)):
        insert_rows(db, name, rows)


def insert_rows(db: Database, name: str, rows) -> None:
    """Insert (or replace) rows of one shape into one of this layer's tables, in one prepared statement
    (sqlite-utils' insert_all inspects every value; these are plain strings and numbers already)."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    columns = list(first)
    sql = (f"INSERT OR REPLACE INTO [{name}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    db.conn.executemany(sql, (tuple(r[c] for c in columns) for r in itertools.chain([first], rows)))


