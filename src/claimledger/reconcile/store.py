"""The reconcile layer's tables in the SQLite ledger, their migrations, rebuild and queries.

The cross-article tables are derived: ``rebuild(db)`` recomputes them from all
stored articles in one transaction, and every query first checks that they
match the articles stored (a fingerprint of article ids and pipeline
versions), so they are the same whatever the order or repetition of ingests.
Migrations are recorded in the ledger's own ``migrations`` table under names
of their own (``reconcile_0001...``), beside the core ones.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict

from sqlite_utils import Database

from claimledger.resources import data_path
from claimledger.reconcile import claims_from_rows, reconcile
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


# Never edit one that has shipped; add the next at the end.
MIGRATIONS = [("reconcile_0001_ledger_claims", m0001_ledger_claims),
              ("reconcile_0002_first_confirmed", m0002_first_confirmed)]
DERIVED_TABLES = ("ledger_claims", "ledger_claim_members", "ledger_claim_matches", "claim_history",
                  "contradictions")


def migrate(db: Database) -> list[str]:
    """Apply this layer's migrations through the ledger's migration record."""
    from claimledger.ledger.migrations import apply_migrations, migrate as core_migrate

    core_migrate(db)
    return apply_migrations(db, MIGRATIONS)


RECONCILE_VERSION = "9"  # bump when matching or history rules change: stored results are then rebuilt
# the data files this layer's results depend on (their bytes, not their names, enter the fingerprint)
VOCABULARIES = ("claims/claims.json", "reconcile/sources_kinds.json", "reconcile/sources_contrary.json",
                "reconcile/sources_stance_cues.json", "reconcile/sources_verb_forms.tsv",
                "attribution/stance_sides.tsv", "read/function_words.json", "countries/demonyms.tsv")


def fingerprint(db: Database) -> str:
    """What the derived tables depend on: the stored articles and this layer's rules and vocabularies."""
    rows = db.execute("SELECT id, pipeline_version, model FROM articles ORDER BY id").fetchall()
    digest = hashlib.sha256(json.dumps([RECONCILE_VERSION, rows]).encode())
    for name in VOCABULARIES:
        path = data_path(name)
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def is_current(db: Database) -> bool:
    if "reconcile_state" not in db.table_names():
        return False
    row = db.execute("SELECT value FROM reconcile_state WHERE key = 'fingerprint'").fetchone()
    return bool(row) and row[0] == fingerprint(db)


def ensure_current(db: Database) -> None:
    migrate(db)
    if not is_current(db):
        rebuild(db)


def load_article_claims(db: Database):
    articles = list(db.query("SELECT id, title, source, url, published, text FROM articles"))
    tables = {name: list(db[name].rows) for name in SOURCE_TABLES if name in db.table_names()}
    return claims_from_rows(tables, articles)


def rebuild(db: Database) -> list[dict]:
    """Recompute the ledger claims from every stored article (one transaction)."""
    migrate(db)
    result = reconcile(load_article_claims(db))
    with db.atomic():
        for name in DERIVED_TABLES:
            db.execute(f"DELETE FROM [{name}]")
        _insert(db, result)
        db["reconcile_state"].upsert({"key": "fingerprint", "value": fingerprint(db)}, pk="key")
    return result


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _insert(db: Database, result: list[dict]) -> None:
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
        if rows:
            db[name].insert_all(rows, replace=True)


# -- queries --------------------------------------------------------------------

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
        "first_reported": json_column(row["first_reported"]), "first_confirmed": json_column(row["first_confirmed"]),
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
    """The claims ``claimledger claims`` lists: ledger claims across articles, earliest first (brought up
    to date first), or with ``source=ARTICLE_CLAIMS`` each article's own claims as stored."""
    if source == ARTICLE_CLAIMS:
        return article_claim_rows(db, status, about)
    if source != LEDGER_CLAIMS:
        raise ValueError(f"unknown claim source {source!r} (one of {ARTICLE_CLAIMS}, {LEDGER_CLAIMS})")
    ensure_current(db)
    history = _history_by_claim(db)
    rows = db.query("SELECT * FROM ledger_claims ORDER BY first_date, id")
    claims = [ledger_claim(r, history[r["id"]]) for r in rows]
    return [c for c in claims if (status is None or c["status"] == status) and _matches_about(c, about)]


def claim_dossier(db: Database, claim_id: str) -> dict | None:
    """One ledger claim with evidence quotes (offsets), sources, history, contradictions and match reasons."""
    ensure_current(db)
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
    ensure_current(db)
    return [{**dict(x), "a": json_column(x["a"]), "b": json_column(x["b"])}
            for x in db.query("SELECT * FROM contradictions ORDER BY claim_id, id")]
