"""The reconcile layer's tables in the SQLite ledger: keeping them current, and the queries over them.

The cross-article tables are derived from the stored articles: ``rebuild(db)``
(update.py) brings them up to date — adding new articles at the cost of their
candidates, or recomputing everything when rules or stored articles changed —
so they are the same whatever the order or repetition of ingests.  The
queries here only read: they show the tables as stored (nothing when the
tables were never made), so a read command never writes.  A caller that may
write brings them up to date first: ``ensure_current(db)`` (migrate, and
rebuild unless the fingerprint of article ids, pipeline versions and this
layer's rules matches), or ``ingest.core.finish_pending`` /
``bring_up_to_date`` on a Ledger, which also record the changes and clear the
pending mark.  Migrations, loading and writing live in tables.py.
"""
from __future__ import annotations

from collections import defaultdict

from sqlite_utils import Database

from claimledger.ledger.queries import ARTICLE_CLAIMS, LEDGER_CLAIMS, article_claim_rows, json_column
from claimledger.reconcile.tables import (  # noqa: F401  (the layer's table API, one import away)
    DERIVED_TABLES,
    MIGRATIONS,
    RECONCILE_VERSION,
    fingerprint,
    is_current,
    load_article_claims,
    migrate,
)
from claimledger.reconcile.update import ensure_current, rebuild  # noqa: F401


# -- queries (read only) --------------------------------------------------------

def has_tables(db: Database) -> bool:
    """Whether the cross-article tables exist (a ledger no reconcile has touched has none)."""
    return set(DERIVED_TABLES) <= set(db.table_names())


def _history_by_claim(db: Database) -> dict[str, list[dict]]:
    out = defaultdict(list)
    for row in db.query("SELECT * FROM claim_history ORDER BY claim_id, seq"):
        entry = dict(row)
        entry["via"] = json_column(entry["via"], [])
        entry["also_in"] = json_column(entry["also_in"], [])
        out[entry.pop("claim_id")].append(entry)
    return out


def ledger_claim(row: dict, history: list[dict]) -> dict:
    """One ``ledger_claims`` row, its JSON columns read, with its history entries."""
    return {
        "id": row["id"], "text": row["text"], "status": row["status"],
        "for": json_column(row["for_names"], []), "against": json_column(row["against_names"], []),
        "sources": row["sources"], "sources_by_side": {"for": row["sources_for"], "against": row["sources_against"]},
        "first_reported": json_column(row["first_reported"]), "first_confirmed": json_column(row.get("first_confirmed")),
        "first_date": row["first_date"],
        "last_date": row["last_date"], "quantity": json_column(row["quantity"]),
        "names": json_column(row["names"], []), "places": json_column(row["places"], []),
        "articles": json_column(row["articles"], []), "implied_by": json_column(row["implied_by"], []),
        "history": [{k: h[k] for k in ("date", "date_source", "event", "source", "source_kind", "stance", "side",
                                       "article_id", "statement_id", "via", "also_in")} for h in history],
    }


def _matches_about(claim: dict, about: str | None) -> bool:
    if not about:
        return True
    needle = about.lower().strip()
    hay = [claim["text"], *claim["for"], *claim["against"], *claim["names"],
           *[p.get("name") or "" for p in claim["places"]], *[h["source"] or "" for h in claim["history"]]]
    return any(needle in (h or "").lower() for h in hay)


def claim_rows(db: Database, status: str | None = None, about: str | None = None,
               source: str = LEDGER_CLAIMS) -> list[dict]:
    """The claims ``claimledger claims`` lists: ledger claims across articles, earliest first, as stored
    (``ensure_current`` first where the caller may write), or with ``source=ARTICLE_CLAIMS`` each article's
    own claims as stored."""
    if source == ARTICLE_CLAIMS:
        return article_claim_rows(db, status, about)
    if source != LEDGER_CLAIMS:
        raise ValueError(f"unknown claim source {source!r} (one of {ARTICLE_CLAIMS}, {LEDGER_CLAIMS})")
    if not has_tables(db):
        return []
    history = _history_by_claim(db)
    rows = db.query("SELECT * FROM ledger_claims ORDER BY first_date, id")
    claims = [ledger_claim(r, history[r["id"]]) for r in rows]
    return [c for c in claims if (status is None or c["status"] == status) and _matches_about(c, about)]


def claim_dossier(db: Database, claim_id: str) -> dict | None:
    """One ledger claim (its id or an unambiguous prefix) with evidence quotes (offsets), sources, history,
    contradictions and match reasons, as stored; None when there is none."""
    if not has_tables(db):
        return None
    row = db.execute("SELECT * FROM ledger_claims WHERE id = ?", [claim_id]).fetchone()
    if row is None:
        matches = db.execute("SELECT id FROM ledger_claims WHERE id LIKE ?", [claim_id + "%"]).fetchall()
        if len(matches) != 1:
            return None
        claim_id = matches[0][0]
    row = next(db.query("SELECT * FROM ledger_claims WHERE id = ?", [claim_id]))
    history = list(db.query("SELECT * FROM claim_history WHERE claim_id = ? ORDER BY seq", [claim_id]))
    claim = ledger_claim(row, history)
    claim["evidence"] = [{
        "date": h["date"], "date_source": h["date_source"], "source": h["source"], "source_kind": h["source_kind"],
        "stance": h["stance"], "side": h["side"], "cue": h["cue"], "quote": h["quote"],
        "start": h["quote_start"], "end": h["quote_end"], "article_id": h["article_id"],
        "statement_id": h["statement_id"], "via": json_column(h["via"], []),
    } for h in history]
    claim["contradictions"] = [{"id": x["id"], "kind": x["kind"], "reason": x["reason"],
                                "a": json_column(x["a"]), "b": json_column(x["b"])}
                               for x in db.query("SELECT * FROM contradictions WHERE claim_id = ? ORDER BY id",
                                                 [claim_id])]
    claim["members"] = list(db.query(
        "SELECT m.article_id, m.article_claim_id, m.text, m.published, a.title, a.source, a.url "
        "FROM ledger_claim_members m JOIN articles a ON a.id = m.article_id WHERE m.claim_id = ? "
        "ORDER BY m.published, m.article_id", [claim_id]))
    claim["matches"] = [{**dict(m), "shared": json_column(m["shared"], [])} for m in db.query(
        "SELECT * FROM ledger_claim_matches WHERE claim_id = ? ORDER BY a_article_id, a_claim_id, b_article_id",
        [claim_id])]
    return claim


def timeline_rows(db: Database, about: str | None = None) -> list[dict]:
    """Every dated history entry across claims, in date order."""
    out = []
    for claim in claim_rows(db, about=about):
        for h in claim["history"]:
            out.append({"date": h["date"], "date_source": h["date_source"], "claim_id": claim["id"],
                        "claim": claim["text"], "status": claim["status"], **{k: h[k] for k in (
                            "event", "source", "source_kind", "stance", "side", "article_id")}})
    return sorted(out, key=lambda r: (r["date"] or "9999", r["claim_id"], r["article_id"] or ""))


def contradiction_rows(db: Database) -> list[dict]:
    """Every contradiction as stored, by claim."""
    if not has_tables(db):
        return []
    return [{**dict(x), "a": json_column(x["a"]), "b": json_column(x["b"])}
            for x in db.query("SELECT * FROM contradictions ORDER BY claim_id, id")]
